import { LitElement, html, nothing } from 'lit';
import type { ContactCenter, CustomerIdentity } from '@switchboard/core/contact-center';
import { LocaleBinding, lookup, mergeCatalogs, type Locale } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import { customerCardMessages, type CustomerCardMessages } from './customer-card.messages.js';
import { emit } from '../../internal/events.js';
import { CustomerCardBinding } from './customer-card-binding.js';
import type {
  ContactCenterCustomerProviderOptions,
  CrmLink,
  CustomerCardData,
  CustomerCardInteraction,
  CustomerCardProvider,
  CustomerCardTicket,
} from './customer-card-provider.js';
import { customerCardStyles } from './customer-card.styles.js';

/** `detail` of `sb-customer-interaction-select`: the user opened one of the customer's contacts. */
export interface CustomerInteractionSelectDetail {
  readonly customerId: string;
  readonly interactionId: string;
}

/** `detail` of `sb-ticket-select` from the card: the user opened one of the customer's tickets. */
export interface CustomerTicketSelectDetail {
  readonly customerId: string;
  readonly ticketId: string;
}

/** `detail` of the cancelable `sb-request-crm-open`: a CRM link is about to open in a new tab. */
export interface CrmOpenRequestDetail {
  readonly customerId: string;
  readonly url: string;
  readonly system?: string;
}

const messages = mergeCatalogs(commonMessages, customerCardMessages);
type Messages = CommonMessages & CustomerCardMessages;

const CLOSED = new Set(['solved', 'closed']);
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(locale: Locale, at: number): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, f);
  }
  return f.format(at);
}

/** Whether a URL may become a link: absolute `http:` or `https:` only. @internal */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `<sb-customer-card>`: the unified customer view: name, identities (phones, emails, chat handles,
 * CRM ids), customer data, recent interactions on every channel (newest first), open tickets and
 * links to the customer's CRM records. The data comes from a pluggable
 * {@link CustomerCardProvider}: by default {@link contactCenterCustomerProvider} over the center
 * (the `center` property or the enclosing `<sb-contact-center>`), reloading when the customer's
 * interactions or tickets change. The customer is `customer-id`, or the one an `identity` leads to
 * (the caller's number, say).
 *
 * **Keyboard**: Tab reaches each interaction and each ticket (buttons: Enter/Space open them with
 * `sb-customer-interaction-select` / `sb-ticket-select`) and each CRM link (Enter opens it in a new
 * tab after a cancelable `sb-request-crm-open`).
 *
 * **Events**: `sb-customer-interaction-select`, `sb-ticket-select`, `sb-request-crm-open`
 * (cancelable: cancel it to open the record in your own frame).
 *
 * @slot actions - controls placed in the header.
 *
 * @csspart base - the card.
 * @csspart header - the name row.
 * @csspart name - the customer's name.
 * @csspart identities - the identity list.
 * @csspart identity - one identity (`data-kind`).
 * @csspart attributes - the customer data list.
 * @csspart interactions - the recent interaction list.
 * @csspart interaction - one interaction's button (`data-channel`, `data-status`).
 * @csspart tickets - the open ticket list.
 * @csspart ticket - one ticket's button (`data-priority`).
 * @csspart links - the CRM link list.
 * @csspart link - one CRM link (an `a`, or text when its URL is not http/https).
 * @csspart message - loading, empty and error messages.
 *
 * @cssprop --sb-color-accent - Links and focus (plus every token in the README).
 *
 * @example
 * ```html
 * <sb-customer-card customer-id="cust-7"></sb-customer-card>
 * <script type="module">
 *   document.querySelector('sb-customer-card').identity = { kind: 'phone', value: '+14155550100' };
 * </script>
 * ```
 */
export class SbCustomerCard extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = customerCardStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    provider: { attribute: false },
    crm: { attribute: false },
    customerId: { attribute: 'customer-id', reflect: true },
    identity: { attribute: false },
    maxInteractions: { attribute: 'max-interactions', type: Number },
    locale: { reflect: true },
    theme: { reflect: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** Where the data comes from; default {@link contactCenterCustomerProvider} over the center. */
  declare provider: CustomerCardProvider | undefined;
  /** CRM record URLs for the default provider, per external system. */
  declare crm: ContactCenterCustomerProviderOptions['crm'];
  /** The customer (attribute `customer-id`); wins over `identity`. */
  declare customerId: string | undefined;
  /** Finds the customer by a phone number, email address, chat handle or CRM id. */
  declare identity: CustomerIdentity | undefined;
  /** How many recent interactions to list, 1-50 (default 5). */
  declare maxInteractions: number;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly card = new CustomerCardBinding(this, {
    provider: () => this.provider,
    center: () => this.center,
    crm: () => this.crm,
    customerId: () => this.customerId || undefined,
    identity: () => this.identity,
  });

  constructor() {
    super();
    this.maxInteractions = 5;
  }

  override render() {
    const m = this.i18n.pick(messages);
    const c = m.customerCard;
    const s = this.card.state;
    if (!this.card.provider) return this.message(m.noCenter);
    if (s.status === 'idle') return this.message(c.noCustomer);
    if (s.status === 'loading') return this.message(m.loading);
    if (!('data' in s) || !s.data) return this.message(c.notFound);
    return this.renderCard(m, s.data);
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private renderCard(m: Messages, d: CustomerCardData) {
    const c = m.customerCard;
    const max = Math.max(1, Math.min(50, Math.floor(this.maxInteractions) || 5));
    const interactions = [...d.interactions]
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, max);
    const open = d.tickets
      .filter((t) => !CLOSED.has(t.status))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    const attributes = Object.entries(d.attributes);
    return html`<section part="base" aria-labelledby="name">
      <header part="header">
        <h2 part="name" id="name">${d.name ?? m.unknownCustomer}</h2>
        <slot name="actions"></slot>
      </header>
      ${
        d.identities.length > 0
          ? html`<ul part="identities" aria-label=${c.identities}>
              ${d.identities.map(
                (i) =>
                  html`<li part="identity" data-kind=${i.kind}>
                    <span class="label">${lookup(c.identityKind, i.kind, i.kind)}</span>
                    <span>${i.value}</span
                    >${i.system ? html` <span class="muted">(${i.system})</span>` : nothing}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        attributes.length > 0
          ? html`<dl part="attributes" aria-label=${m.customerCard.customerData}>
              ${attributes.map(
                ([k, v]) =>
                  html`<div>
                    <dt>${k}</dt>
                    <dd>${v === null ? m.notAvailable : String(v)}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }
      <section aria-labelledby="recent">
        <h3 id="recent">${c.recent}</h3>
        ${
          interactions.length === 0
            ? html`<p part="message">${c.noInteractions}</p>`
            : html`<ol part="interactions">
                ${interactions.map((i) => html`<li>${this.renderInteraction(m, d.id, i)}</li>`)}
              </ol>`
        }
      </section>
      <section aria-labelledby="open-tickets">
        <h3 id="open-tickets">${c.openTickets(String(open.length))}</h3>
        ${
          open.length === 0
            ? html`<p part="message">${c.noTickets}</p>`
            : html`<ul part="tickets">
                ${open.map((t) => html`<li>${this.renderTicket(m, d.id, t)}</li>`)}
              </ul>`
        }
      </section>
      ${
        d.links.length > 0
          ? html`<section aria-labelledby="crm">
              <h3 id="crm">${c.crm}</h3>
              <ul part="links">
                ${d.links.map((l) => html`<li>${this.renderLink(d.id, l)}</li>`)}
              </ul>
            </section>`
          : nothing
      }
    </section>`;
  }

  private renderInteraction(m: Messages, customerId: string, i: CustomerCardInteraction) {
    const label = [
      lookup(m.channel, i.channel, i.channel),
      lookup(m.status, i.status, i.status),
      formatDate(this.i18n.locale, i.createdAt),
      ...(i.disposition ? [lookup(m.customerCard.dispositions, i.disposition, i.disposition)] : []),
    ].join(' · ');
    return html`<button
      part="interaction"
      data-channel=${i.channel}
      data-status=${i.status}
      @click=${() => {
        const detail: CustomerInteractionSelectDetail = { customerId, interactionId: i.id };
        emit(this, 'sb-customer-interaction-select', detail);
      }}
    >
      ${label}
    </button>`;
  }

  private renderTicket(m: Messages, customerId: string, t: CustomerCardTicket) {
    return html`<button
      part="ticket"
      data-priority=${t.priority}
      @click=${() => {
        const detail: CustomerTicketSelectDetail = { customerId, ticketId: t.id };
        emit(this, 'sb-ticket-select', detail);
      }}
    >
      <span class="subject">${t.subject}</span>
      <span class="muted"
        >${lookup(m.ticketStatus, t.status, t.status)} ·
        ${lookup(m.priority, t.priority, t.priority)}</span
      >
    </button>`;
  }

  private renderLink(customerId: string, link: CrmLink) {
    const href = safeUrl(link.url);
    if (!href) return html`<span part="link">${link.label}</span>`;
    return html`<a
      part="link"
      href=${href}
      target="_blank"
      rel="noopener noreferrer"
      @click=${(event: Event) => {
        const detail: CrmOpenRequestDetail = {
          customerId,
          url: href,
          ...(link.system === undefined ? {} : { system: link.system }),
        };
        if (!emit(this, 'sb-request-crm-open', detail)) event.preventDefault();
      }}
      >${link.label}<span class="visually-hidden">
        ${this.i18n.pick(messages).customerCard.newTab}</span
      ></a
    >`;
  }
}
