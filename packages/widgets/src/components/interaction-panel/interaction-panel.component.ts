import { LitElement, html, nothing } from 'lit';
import {
  MAX_NOTES_LENGTH,
  watchAgent,
  type AgentDesk,
  type ContactCenter,
  type ContactCenterInteraction,
  type LiveViewSnapshot,
} from '@switchboard/core/contact-center';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding, mergeCatalogs, lookup } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import {
  interactionPanelMessages,
  type InteractionPanelMessages,
} from './interaction-panel.messages.js';
import { formatTime } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import { interactionPanelStyles } from './interaction-panel.styles.js';

const messages = mergeCatalogs(commonMessages, interactionPanelMessages);
type Messages = CommonMessages & InteractionPanelMessages;

/** What an agent does to an interaction from `<sb-interaction-panel>`. */
export const InteractionAction = {
  accept: 'accept',
  reject: 'reject',
  hold: 'hold',
  resume: 'resume',
  end: 'end',
  wrapUp: 'wrap-up',
} as const;
/** One of {@link InteractionAction}. */
export type InteractionAction = (typeof InteractionAction)[keyof typeof InteractionAction];

/**
 * `detail` of the cancelable `sb-request-<action>` events (`sb-request-accept`, `-reject`,
 * `-hold`, `-resume`, `-end`, `-wrap-up`). `disposition` and `notes` come with `wrap-up`.
 */
export interface InteractionRequestDetail {
  readonly interactionId: string;
  readonly action: InteractionAction;
  readonly disposition?: string;
  readonly notes?: string;
}

const DEFAULT_DISPOSITIONS: readonly string[] = ['resolved', 'follow-up', 'escalated'];
const ORDER = ['offered', 'connected', 'held', 'wrap-up'];

/**
 * `<sb-interaction-panel>`: the interaction an agent has in hand, on any channel: the customer
 * and the data that came with the contact, its timeline, the controls for its state (accept or
 * reject an offer; hold, resume, end a connected one) and the wrap-up form (disposition code and
 * notes). By default it shows the agent's interaction furthest along (offered, then connected,
 * held, wrap-up); `interaction-id` picks one.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Keyboard**: Tab moves through the action buttons, the disposition picker, the notes and
 * "Finish wrap-up"; Enter/Space press a button; Ctrl+Enter (or Cmd+Enter) in the notes finishes
 * wrap-up. When an offer arrives, focus moves to its Accept button (if focus was in the panel or
 * nowhere) and the offer is announced (the heading is a polite live region).
 *
 * **Events**: `sb-request-accept`, `sb-request-reject`, `sb-request-hold`, `sb-request-resume`,
 * `sb-request-end`, `sb-request-wrap-up` (cancelable, before the element asks the center), and
 * `sb-error` (the center refused).
 *
 * @csspart base - the panel.
 * @csspart heading - channel and state (a polite live region around the panel's heading).
 * @csspart customer - the customer and contact data list.
 * @csspart actions - the action buttons' row.
 * @csspart action - each action button (`data-action` holds the action).
 * @csspart timeline - the ordered list of steps.
 * @csspart wrap-up - the wrap-up form.
 * @csspart disposition - the disposition picker.
 * @csspart notes - the notes field.
 * @csspart submit - the "Finish wrap-up" button.
 * @csspart message - loading, empty and error messages.
 *
 * @cssprop --sb-color-surface - Background (plus every token in the package README).
 *
 * @example
 * ```html
 * <sb-interaction-panel agent-id="alice" dispositions='["resolved","sale"]'></sb-interaction-panel>
 * ```
 */
export class SbInteractionPanel extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = interactionPanelStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    agentId: { attribute: 'agent-id' },
    interactionId: { attribute: 'interaction-id' },
    dispositions: { type: Array },
    locale: { reflect: true },
    theme: { reflect: true },
    pending: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The agent whose work is shown (attribute `agent-id`). */
  declare agentId: string | undefined;
  /** One interaction of the agent to show (attribute `interaction-id`); default the current one. */
  declare interactionId: string | undefined;
  /** Disposition codes offered at wrap-up (default `resolved`, `follow-up`, `escalated`). */
  declare dispositions: readonly string[];
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  declare private pending: boolean;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly desk = new ContactCenterController(this, {
    center: () => this.center,
    key: () => this.agentId || undefined,
    open: (center, agentId) => watchAgent(center, agentId),
    select: (s: LiveViewSnapshot<AgentDesk>) => s,
  });
  private lastOffer: string | undefined;

  constructor() {
    super();
    this.dispositions = DEFAULT_DISPOSITIONS;
    this.pending = false;
  }

  override render() {
    const m = this.i18n.pick(messages);
    const s = this.desk.value;
    if (!this.desk.center) return this.message(m.noCenter);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.loadFailed);
    const ix = this.current(s.data);
    if (!ix) return this.message(m.noInteraction);
    return this.renderInteraction(m, ix);
  }

  override updated(): void {
    const ix = this.desk.value?.data ? this.current(this.desk.value.data) : undefined;
    const offer = ix?.status === 'offered' ? ix.id : undefined;
    if (offer && offer !== this.lastOffer) {
      const active = document.activeElement;
      if (!active || active === document.body || active === this) {
        this.renderRoot.querySelector<HTMLElement>('[data-action="accept"]')?.focus();
      }
    }
    this.lastOffer = offer;
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private current(desk: AgentDesk): ContactCenterInteraction | undefined {
    if (this.interactionId) return desk.interactions.find((i) => i.id === this.interactionId);
    let best: ContactCenterInteraction | undefined;
    for (const ix of desk.interactions) {
      const rank = ORDER.indexOf(ix.status);
      if (rank >= 0 && (!best || rank < ORDER.indexOf(best.status))) best = ix;
    }
    return best;
  }

  private renderInteraction(m: Messages, ix: ContactCenterInteraction) {
    const locale = this.i18n.locale;
    const name = ix.attributes['name'];
    const customer = typeof name === 'string' && name ? name : (ix.customerId ?? m.unknownCustomer);
    const attributes = Object.entries(ix.attributes).filter(([key]) => key !== 'name');
    return html`<section part="base" aria-label=${m.interactionPanelLabel}>
      <div part="heading" role="status">
        <h2>
          ${m.interactionHeading(
            lookup(m.channel, ix.channel, ix.channel),
            lookup(m.status, ix.status, ix.status),
          )}
        </h2>
      </div>
      <dl part="customer" aria-label=${m.customerData}>
        <dt>${m.customer}</dt>
        <dd>${customer}</dd>
        ${attributes.map(
          ([key, value]) =>
            html`<dt>${key}</dt>
              <dd>${String(value)}</dd>`,
        )}
      </dl>
      ${this.renderActions(m, ix)} ${ix.status === 'wrap-up' ? this.renderWrapUp(m, ix) : nothing}
      <h3>${m.timeline}</h3>
      <ol part="timeline">
        ${ix.timeline.map(
          (t) =>
            html`<li>
              <time datetime=${new Date(t.at).toISOString()}>${formatTime(locale, t.at)}</time>
              ${lookup(m.step, t.type, t.type)}
            </li>`,
        )}
      </ol>
    </section>`;
  }

  private renderActions(m: Messages, ix: ContactCenterInteraction) {
    const actions: [InteractionAction, string][] =
      ix.status === 'offered'
        ? [
            ['accept', m.accept],
            ['reject', m.reject],
          ]
        : ix.status === 'connected'
          ? [
              ['hold', m.hold],
              ['end', m.end],
            ]
          : ix.status === 'held'
            ? [
                ['resume', m.resume],
                ['end', m.end],
              ]
            : [];
    if (actions.length === 0) return nothing;
    return html`<div part="actions">
      ${actions.map(
        ([action, label]) =>
          html`<button
            part="action"
            data-action=${action}
            ?disabled=${this.pending}
            @click=${() => void this.request(ix.id, { interactionId: ix.id, action })}
          >
            ${label}
          </button>`,
      )}
    </div>`;
  }

  private renderWrapUp(m: Messages, ix: ContactCenterInteraction) {
    return html`<form part="wrap-up" @submit=${(e: Event) => this.onWrapUp(e, ix.id)}>
      <h3>${m.wrapUpTitle}</h3>
      <label>
        ${m.disposition}
        <select part="disposition" name="disposition">
          ${this.dispositions.map(
            (d) => html`<option value=${d}>${lookup(m.dispositions, d, d)}</option>`,
          )}
        </select>
      </label>
      <label>
        ${m.notes}
        <textarea
          part="notes"
          name="notes"
          maxlength=${MAX_NOTES_LENGTH}
          @keydown=${this.onNotesKey}
        ></textarea>
      </label>
      <div>
        <button part="submit" type="submit" ?disabled=${this.pending}>${m.finishWrapUp}</button>
      </div>
    </form>`;
  }

  private readonly onNotesKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  private onWrapUp(event: Event, interactionId: string): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const disposition = (form.elements.namedItem('disposition') as HTMLSelectElement).value;
    const notes = (form.elements.namedItem('notes') as HTMLTextAreaElement).value;
    void this.request(interactionId, {
      interactionId,
      action: 'wrap-up',
      ...(disposition ? { disposition } : {}),
      ...(notes ? { notes } : {}),
    });
  }

  private async request(interactionId: string, detail: InteractionRequestDetail): Promise<void> {
    const center = this.desk.center;
    if (!center || this.pending) return;
    if (!emit(this, `sb-request-${detail.action}`, detail)) return;
    this.pending = true;
    try {
      switch (detail.action) {
        case 'accept':
          await center.acceptOffer(interactionId);
          break;
        case 'reject':
          await center.rejectOffer(interactionId);
          break;
        case 'hold':
          await center.hold(interactionId);
          break;
        case 'resume':
          await center.resume(interactionId);
          break;
        case 'end':
          await center.end(interactionId);
          break;
        case 'wrap-up':
          await center.wrapUp(interactionId, {
            ...(detail.disposition === undefined ? {} : { disposition: detail.disposition }),
            ...(detail.notes === undefined ? {} : { notes: detail.notes }),
          });
          break;
      }
    } catch (error) {
      const failure: WidgetErrorDetail = { action: detail.action, error };
      emit(this, 'sb-error', failure);
    } finally {
      this.pending = false;
    }
  }
}
