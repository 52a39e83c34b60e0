import { LitElement, html, nothing } from 'lit';
import { ContextConsumer, ContextProvider } from '@lit/context';
import {
  watchAgent,
  type AgentDesk,
  type ContactCenter,
  type LiveViewSnapshot,
} from '@switchboard/core/contact-center';
import { systemClock, type Clock } from '@switchboard/core/shared';
import type { LifecycleDocument } from '@switchboard/webrtc';
import { contactCenterContext } from '../../context/contact-center-context.js';
import { phoneContext } from '../../context/phone-context.js';
import { resyncContext } from '../../context/resync-context.js';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { agentDesktopMessages } from './agent-desktop.messages.js';
import { emit } from '../../internal/events.js';
import { agentDesktopStyles } from './agent-desktop.styles.js';
import { DesktopReadinessController } from './desktop-readiness-controller.js';
import type { DesktopPhone, DesktopReadinessSnapshot } from './desktop-readiness.js';

/** The sections of `<sb-agent-desktop>`; on narrow screens one shows at a time. */
export const DesktopSection = {
  interaction: 'interaction',
  customer: 'customer',
  tickets: 'tickets',
} as const;
/** One of {@link DesktopSection}. */
export type DesktopSection = (typeof DesktopSection)[keyof typeof DesktopSection];

/** `detail` of `sb-desktop-section`: the section shown on a narrow screen changed. */
export interface DesktopSectionDetail {
  readonly section: DesktopSection;
  /** `user` when the agent chose it, `offer` when an offer brought the interaction forward. */
  readonly cause: 'user' | 'offer';
}

const SECTIONS: readonly DesktopSection[] = Object.values(DesktopSection);
const ORDER = ['offered', 'connected', 'held', 'wrap-up'];

/**
 * `<sb-agent-desktop>`: the agent's whole desktop in one white-label tag: presence
 * (`<sb-agent-status>`), the current interaction (`<sb-interaction-panel>`) with a slot for the
 * softphone, the customer of that interaction (`<sb-customer-card>`), and the agent's tickets
 * (`<sb-ticket-list>`, opening `<sb-ticket-detail>` on `sb-ticket-select` from the list or the
 * card). It gives its center to every part (its `center` property, else the enclosing
 * `<sb-contact-center>`), and passes `locale`, `theme` and `clock` down.
 *
 * Layout: three columns on wide screens, two from 720 px, and below that (down to 360 px) one
 * section at a time behind a tab bar; an arriving offer brings the interaction section forward.
 * Logical properties throughout, so `dir="rtl"` mirrors it.
 *
 * **Readiness** (`readiness`, a `DesktopReadiness` snapshot): after a page load or reload, when the
 * page comes back after being hidden, frozen or asleep for `resync-after-ms` or longer, and when the
 * browser goes `online` again, the desktop is `syncing` before it is `ready`: (1) it re-authenticates
 * through the center (a request, for which a remote center asks the host's `getToken()`; nothing
 * on a local center; the element never shows a login form), (2) when it has a phone (`phone`, else
 * the `sb-phone` context), it has it register again and waits for `registered` (at most
 * `register-timeout-ms`), (3) it reads the agent and its interactions again, and every part inside
 * reads its data again. Meanwhile the status shows "Syncing…" / "Reconnecting…" with the presence
 * picker disabled; a failure (`error`) shows its reason and Retry. While ready and not frozen it
 * renews the agent's liveness lease (`center.heartbeat`) every `heartbeat-ms`; a background tab
 * renews too, since it still rings.
 *
 * **Keyboard**: the tab bar (narrow screens) is a tablist: Left/Right (mirrored in RTL), Home and
 * End move and select; Tab continues into the section. Each part keeps its own keyboard model.
 * "Back to tickets" closes the ticket detail and returns focus to the list.
 *
 * **Events**: `sb-desktop-section`, `sb-desktop-readiness` (the readiness changed; `detail` is the
 * snapshot: `status` `syncing` with its `step`, `ready`, or `error` with its `reason`); the
 * parts' own events bubble out unchanged (`sb-request-presence`, `sb-request-resync` from the
 * status's Retry, which the desktop answers unless it is cancelled, `sb-request-accept`,
 * `sb-ticket-select`, ...).
 *
 * @slot brand - the product name or logo in the header (white label).
 * @slot softphone - a softphone (e.g. `<sb-softphone>`) beside the interaction.
 * @slot header-end - controls at the end of the header.
 *
 * @csspart base - the desktop.
 * @csspart header - the header row (brand, status, end slot).
 * @csspart status - the `<sb-agent-status>`.
 * @csspart nav - the section tab bar (narrow screens only).
 * @csspart tab - one section tab (`aria-selected`).
 * @csspart section - each section (`data-section`).
 * @csspart interaction - the `<sb-interaction-panel>`.
 * @csspart customer - the `<sb-customer-card>`.
 * @csspart ticket-list - the `<sb-ticket-list>`.
 * @csspart ticket-detail - the `<sb-ticket-detail>`.
 * @csspart back - the "Back to tickets" button.
 *
 * @cssprop --sb-desktop-gap - Space between sections (default `--sb-space`).
 * @cssprop --sb-color-surface - The desktop background (plus every token in the README; tokens inherit into every part).
 *
 * @example
 * ```html
 * <sb-contact-center>
 *   <sb-agent-desktop agent-id="alice">
 *     <img slot="brand" src="/logo.svg" alt="Acme Support" />
 *     <sb-softphone slot="softphone"></sb-softphone>
 *   </sb-agent-desktop>
 * </sb-contact-center>
 * ```
 */
export class SbAgentDesktop extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = agentDesktopStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    agentId: { attribute: 'agent-id', reflect: true },
    section: { reflect: true },
    ticketId: { attribute: 'ticket-id', reflect: true },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
    phone: { attribute: false },
    resyncAfterMs: { type: Number, attribute: 'resync-after-ms' },
    registerTimeoutMs: { type: Number, attribute: 'register-timeout-ms' },
    heartbeatMs: { type: Number, attribute: 'heartbeat-ms' },
    pageDocument: { attribute: false },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The agent (attribute `agent-id`). */
  declare agentId: string | undefined;
  /** The section shown on narrow screens (default `interaction`). */
  declare section: DesktopSection;
  /** The ticket open in the detail view (attribute `ticket-id`); none shows the list only. */
  declare ticketId: string | undefined;
  /** This element's locale (`en`, `zh-CN`), passed to every part; default the page-wide one. */
  declare locale: string | undefined;
  /** `light` or `dark`, passed to every part; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source passed to every part, and of the readiness (default the system clock). */
  declare clock: Clock;
  /**
   * The agent's phone (a `Phone` of `@switchboard/webrtc`); without one the element uses the
   * `sb-phone` context, and without either it syncs without a phone.
   */
  declare phone: DesktopPhone | undefined;
  /**
   * Sync again when the page comes back after being hidden or frozen this long (ms; attribute
   * `resync-after-ms`); 0 syncs on every return. Default 30 000.
   */
  declare resyncAfterMs: number;
  /**
   * How long the phone may take to register during a sync before it fails (ms; attribute
   * `register-timeout-ms`). Default 15 000.
   */
  declare registerTimeoutMs: number;
  /**
   * Interval of the liveness lease renewals while ready and not frozen (ms; attribute
   * `heartbeat-ms`); 0 when the host renews the lease itself. Default 20 000.
   */
  declare heartbeatMs: number;
  /**
   * The document whose lifecycle (`visibilitychange`, `freeze`, `resume`) and window (`online`)
   * the readiness follows; default the page's. Tests give a double.
   */
  declare pageDocument: LifecycleDocument | undefined;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private contextCenter: ContactCenter | undefined;
  private readonly provider = new ContextProvider(this, { context: contactCenterContext });
  private readonly desk = new ContactCenterController(this, {
    center: () => this.center,
    key: () => this.agentId || undefined,
    open: (center, agentId) => watchAgent(center, agentId),
    select: (s: LiveViewSnapshot<AgentDesk>) => s.data,
  });
  private contextPhone: DesktopPhone | undefined;
  private readonly resync = new ContextProvider(this, { context: resyncContext, initialValue: 0 });
  private readonly readinessController = new DesktopReadinessController(this, {
    center: () => this.center ?? this.contextCenter,
    agentId: () => this.agentId || undefined,
    phone: () => this.phone ?? this.contextPhone,
    clock: () => this.clock,
    document: () => this.pageDocument,
    resyncAfterMs: () => this.resyncAfterMs,
    registerTimeoutMs: () => this.registerTimeoutMs,
    heartbeatMs: () => this.heartbeatMs,
    presence: () => this.desk.value?.agent.presence,
    changed: (snapshot) => this.readinessChanged(snapshot),
  });
  private offered: string | undefined;

  constructor() {
    super();
    this.section = 'interaction';
    this.clock = systemClock;
    this.resyncAfterMs = 30_000;
    this.registerTimeoutMs = 15_000;
    this.heartbeatMs = 20_000;
    new ContextConsumer(this, {
      context: contactCenterContext,
      subscribe: true,
      callback: (center) => {
        this.contextCenter = center ?? undefined;
        this.requestUpdate();
      },
    });
    new ContextConsumer(this, {
      context: phoneContext,
      subscribe: true,
      callback: (phone) => {
        this.contextPhone = phone ?? undefined;
        this.requestUpdate();
      },
    });
    this.addEventListener('sb-ticket-select', this.onTicketSelect);
  }

  /**
   * The desktop's readiness now (see the class docs); undefined while it has no center or agent.
   * Follow it with `sb-desktop-readiness`.
   */
  get readiness(): DesktopReadinessSnapshot | undefined {
    return this.readinessController.snapshot;
  }

  protected override willUpdate(): void {
    const center = this.center ?? this.contextCenter;
    if (this.provider.value !== center) this.provider.setValue(center);
    const offer = this.current()?.status === 'offered' ? this.current()?.id : undefined;
    if (offer && offer !== this.offered && this.section !== 'interaction') {
      this.select('interaction', 'offer');
    }
    this.offered = offer;
  }

  override render() {
    const d = this.i18n.pick(agentDesktopMessages).agentDesktop;
    const customerId = this.current()?.customerId;
    return html`<div part="base">
      <!-- not a <header>: the page around an embedded desktop owns the banner landmark -->
      <div part="header">
        <slot name="brand"><span class="brand">${d.title}</span></slot>
        <sb-agent-status
          part="status"
          agent-id=${this.agentId ?? nothing}
          locale=${this.locale ?? nothing}
          theme=${this.theme ?? nothing}
          .clock=${this.clock}
          .readiness=${this.readiness}
          @sb-request-resync=${this.onResyncRequest}
        ></sb-agent-status>
        <slot name="header-end"></slot>
      </div>
      <div part="nav" role="tablist" aria-label=${d.sections} @keydown=${this.onTabKey}>
        ${SECTIONS.map(
          (s) =>
            html`<button
              part="tab"
              role="tab"
              id="tab-${s}"
              aria-controls="section-${s}"
              aria-selected=${s === this.section ? 'true' : 'false'}
              tabindex=${s === this.section ? '0' : '-1'}
              @click=${() => this.select(s, 'user')}
            >
              ${d.section[s]}
            </button>`,
        )}
      </div>
      <div class="sections">
        ${this.renderSection(
          'interaction',
          html`<sb-interaction-panel
              part="interaction"
              agent-id=${this.agentId ?? nothing}
              locale=${this.locale ?? nothing}
              theme=${this.theme ?? nothing}
              .clock=${this.clock}
            ></sb-interaction-panel>
            <slot name="softphone"></slot>`,
        )}
        ${this.renderSection(
          'customer',
          customerId
            ? html`<sb-customer-card
                part="customer"
                customer-id=${customerId}
                locale=${this.locale ?? nothing}
                theme=${this.theme ?? nothing}
              ></sb-customer-card>`
            : html`<p class="empty" role="status">${d.noCustomer}</p>`,
        )}
        ${this.renderSection(
          'tickets',
          this.ticketId
            ? html`<sb-ticket-detail
                part="ticket-detail"
                ticket-id=${this.ticketId}
                agent-id=${this.agentId ?? nothing}
                locale=${this.locale ?? nothing}
                theme=${this.theme ?? nothing}
                .clock=${this.clock}
                ><button part="back" slot="actions" @click=${this.closeTicket}>
                  ${d.backToTickets}
                </button></sb-ticket-detail
              >`
            : html`<div class="scroll">
                <sb-ticket-list
                  part="ticket-list"
                  agent-id=${this.agentId ?? nothing}
                  locale=${this.locale ?? nothing}
                  theme=${this.theme ?? nothing}
                  .clock=${this.clock}
                ></sb-ticket-list>
              </div>`,
        )}
      </div>
    </div>`;
  }

  private renderSection(section: DesktopSection, content: unknown) {
    return html`<section
      part="section"
      id="section-${section}"
      data-section=${section}
      role="tabpanel"
      aria-labelledby="tab-${section}"
      ?data-active=${section === this.section}
    >
      <h2 class="visually-hidden">
        ${this.i18n.pick(agentDesktopMessages).agentDesktop.section[section]}
      </h2>
      ${content}
    </section>`;
  }

  /** The interaction furthest along in the agent's hands (offered first, then connected, ...). */
  private current() {
    const list = this.desk.value?.interactions ?? [];
    for (const status of ORDER) {
      const found = list.find((i) => i.status === status);
      if (found) return found;
    }
    return list[0];
  }

  private readinessChanged(snapshot: DesktopReadinessSnapshot): void {
    emit(this, 'sb-desktop-readiness', snapshot);
    // Caught up after a sleep, a background spell or a failure: every part reads again (after a
    // first connect they have just read).
    if (snapshot.status === 'ready' && snapshot.cause !== 'connect') {
      this.resync.setValue(snapshot.generation);
      this.desk.refresh();
    }
  }

  private readonly onResyncRequest = (event: Event): void => {
    // Answered once the event has reached every listener, unless one of them cancelled it.
    queueMicrotask(() => {
      if (!event.defaultPrevented) this.readinessController.retry();
    });
  };

  private select(section: DesktopSection, cause: 'user' | 'offer'): void {
    if (section === this.section) return;
    this.section = section;
    const detail: DesktopSectionDetail = { section, cause };
    emit(this, 'sb-desktop-section', detail);
  }

  private readonly onTabKey = (event: KeyboardEvent): void => {
    const at = SECTIONS.indexOf(this.section);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step =
      event.key === 'ArrowRight' ? (rtl ? -1 : 1) : event.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    let next: DesktopSection | undefined;
    if (step !== 0) next = SECTIONS[(at + step + SECTIONS.length) % SECTIONS.length];
    else if (event.key === 'Home') next = SECTIONS[0];
    else if (event.key === 'End') next = SECTIONS[SECTIONS.length - 1];
    if (!next) return;
    event.preventDefault();
    this.select(next, 'user');
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus(),
    );
  };

  private readonly onTicketSelect = (event: Event): void => {
    const ticketId = (event as CustomEvent<{ ticketId?: unknown }>).detail?.ticketId;
    if (typeof ticketId !== 'string') return;
    this.ticketId = ticketId;
    this.select('tickets', 'user');
  };

  private readonly closeTicket = (): void => {
    this.ticketId = undefined;
    void this.updateComplete.then(() => {
      const list = this.renderRoot.querySelector('sb-ticket-list');
      const first = list?.shadowRoot?.querySelector<HTMLElement>('[part~="subject"], select');
      first?.focus();
    });
  };
}
