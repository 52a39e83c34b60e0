import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AgentSnapshot } from '@switchboard/core/agents';
import type { ContactCenter, LiveViewSnapshot } from '@switchboard/core/contact-center';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { SecondTicker } from '../../controllers/second-ticker.js';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleController, lookup } from '../../i18n/locale.js';
import { formatDuration } from '../../i18n/format.js';
import type { Messages } from '../../i18n/messages-en.js';
import { emit } from '../../internal/events.js';
import type {
  DesktopReadinessSnapshot,
  ReadinessStep,
} from '../agent-desktop/desktop-readiness.js';
import { AgentStatusView, type AgentStatusData } from './agent-status-view.js';
import { agentStatusMessages } from './agent-status.messages.js';
import { agentStatusStyles } from './agent-status.styles.js';

/** What an agent asks for in `<sb-agent-status>`. */
export type PresenceChoice =
  | { readonly presence: 'available' }
  | { readonly presence: 'not-ready'; readonly reason: string }
  | { readonly presence: 'offline' };

/** `detail` of the cancelable `sb-request-presence` event. */
export interface PresenceRequestDetail {
  readonly agentId: string;
  readonly choice: PresenceChoice;
}

/** `detail` of `sb-error`: a command the element gave was refused. */
export interface WidgetErrorDetail {
  /** What the element tried (`presence`). */
  readonly action: string;
  /** The center's error (a `SwitchboardError` with a `code`). */
  readonly error: unknown;
}

/** `detail` of the cancelable `sb-request-resync` event: the agent asked to sync again. */
export interface ResyncRequestDetail {
  readonly agentId: string;
  /** The step of the sync that failed. */
  readonly step: ReadinessStep;
  /** The reason shown for the failure. */
  readonly reason: string;
}

const DEFAULT_REASONS: readonly string[] = ['break', 'lunch', 'training'];

/**
 * `<sb-agent-status>`: an agent's presence, with a picker for available, not ready (with a
 * reason) and log out; the time in the current state; the wrap-up countdown; and a warning when
 * the desktop's liveness lease is about to lapse (or did).
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Readiness**: inside `<sb-agent-desktop>` (or wherever a host sets `readiness`), the element
 * shows the desktop's sync instead of the presence until it is `ready`: "Syncing…" after a page
 * load, "Reconnecting…" after a sleep, a background spell or a lost network (in the polite state
 * label), with the presence picker disabled so that the agent cannot go available on stale
 * state; a failed sync shows the step that failed and its reason (an alert) and a Retry button,
 * never a login form.
 *
 * **Keyboard**: one tab stop, the native presence picker (Space/Enter or Alt+Down opens it,
 * arrows move, Enter chooses, Escape cancels; with it closed, arrows change the choice at once).
 * The state label is a polite live region; the lease warning is an alert. Retry is a button
 * (Enter or Space); it keeps the focus while the retry runs, and hands it to the picker once ready.
 *
 * **Events**: `sb-request-presence` (cancelable, before the element asks the center; cancel it
 * to handle the change yourself), `sb-error` (the center refused), `sb-request-resync`
 * (cancelable: Retry after a failed sync; `<sb-agent-desktop>` syncs again unless it is cancelled).
 *
 * @csspart base - the whole status bar.
 * @csspart indicator - the presence dot (`data-presence` holds the presence).
 * @csspart state - the presence label (with the not-ready reason).
 * @csspart timer - the time in the current state.
 * @csspart wrap-up - the wrap-up countdown.
 * @csspart select - the presence picker.
 * @csspart warning - the liveness warning.
 * @csspart message - loading, error and "no center" messages.
 * @csspart sync-error - why the desktop's sync failed (an alert).
 * @csspart retry - the Retry button of a failed sync.
 *
 * @cssprop --sb-color-available - Available dot (also `--sb-color-busy`, `--sb-color-not-ready`,
 *   `--sb-color-offline`).
 * @cssprop --sb-color-warning - The liveness warning and the sync error.
 * @cssprop --sb-color-surface - Background (plus every token listed in the package README).
 *
 * @example
 * ```html
 * <sb-agent-status agent-id="alice" reasons='["break","lunch","coaching"]'></sb-agent-status>
 * ```
 */
export class SbAgentStatus extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = agentStatusStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    agentId: { attribute: 'agent-id' },
    reasons: { type: Array },
    wrapUpMs: { type: Number, attribute: 'wrap-up-ms' },
    leaseWarningMs: { type: Number, attribute: 'lease-warning-ms' },
    readiness: { attribute: false },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The agent shown (attribute `agent-id`). */
  declare agentId: string | undefined;
  /** The not-ready reasons offered, as reason codes (default `break`, `lunch`, `training`). */
  declare reasons: readonly string[];
  /** After-call work length when the agent's profile sets none (ms; attribute `wrap-up-ms`). */
  declare wrapUpMs: number;
  /** How long before the lease lapses the warning shows (ms; attribute `lease-warning-ms`). */
  declare leaseWarningMs: number;
  /**
   * The readiness of the desktop around the element (set by `<sb-agent-desktop>`); until it is
   * `ready` the element shows the sync, not the presence. Unset: always the presence.
   */
  declare readiness: DesktopReadinessSnapshot | undefined;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source of the timers; the center's clock (default the system clock). */
  declare clock: Clock;

  private readonly i18n = new LocaleController(this, () => this.locale);
  private readonly status = new ContactCenterController(this, {
    center: () => this.center,
    key: () => this.agentId || undefined,
    open: (center, agentId) => new AgentStatusView(center, agentId),
    select: (s: LiveViewSnapshot<AgentStatusData>) => s,
  });
  private readonly ticker = new SecondTicker(this, () => this.clock);
  private retryFocused = false;

  constructor() {
    super();
    this.reasons = DEFAULT_REASONS;
    this.wrapUpMs = 30_000;
    this.leaseWarningMs = 10_000;
    this.clock = systemClock;
  }

  override render() {
    const m = this.i18n.messages;
    const s = this.status.value;
    if (!this.status.center) return this.message(m.noCenter);
    const readiness = this.readiness;
    if (readiness && readiness.status !== 'ready') return this.renderSync(m, readiness, s?.data);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.loadFailed);
    return this.renderStatus(m, s.data, s.status === 'error');
  }

  protected override willUpdate(): void {
    const retry = this.shadowPart('retry');
    this.retryFocused = !!retry && retry === this.shadowRoot?.activeElement;
  }

  override updated(): void {
    if (this.needsTick()) this.ticker.run();
    else this.ticker.stop();
    // Retry is gone (the sync succeeded): the focus goes on to the picker.
    if (this.retryFocused && !this.shadowPart('retry')) this.shadowPart('select')?.focus();
  }

  private shadowPart(name: string): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>(`[part~='${name}']`);
  }

  private renderSync(
    m: Messages,
    readiness: Exclude<DesktopReadinessSnapshot, { status: 'ready' }>,
    data: AgentStatusData | undefined,
  ) {
    const t = this.i18n.pick(agentStatusMessages).readiness;
    const failed = readiness.status === 'error';
    const label = failed
      ? t.notConnected
      : readiness.cause === 'connect'
        ? t.syncing
        : t.reconnecting;
    return html`<div part="base" aria-busy=${failed ? 'false' : 'true'}>
      <span part="indicator" data-presence=${readiness.status} aria-hidden="true"></span>
      <span part="state" role="status">${label}</span>
      ${data ? this.renderPicker(m, data.agent, label) : nothing}
      ${
        failed
          ? html`<span part="sync-error" role="alert"
              >${t.failed[readiness.step]} ${readiness.reason}</span
            >`
          : nothing
      }
      ${
        failed || readiness.cause === 'retry'
          ? html`<button
              part="retry"
              aria-disabled=${failed ? 'false' : 'true'}
              @click=${this.onRetry}
            >
              ${t.retry}
            </button>`
          : nothing
      }
    </div>`;
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private renderStatus(m: Messages, data: AgentStatusData, stale: boolean) {
    const { agent } = data;
    const now = this.clock.now();
    const locale = this.i18n.locale;
    const reason = agent.notReadyReason;
    const presence = lookup(m.presence, agent.presence, agent.presence);
    const label =
      agent.presence === 'not-ready' && reason
        ? m.notReadyWith(this.reasonLabel(m, reason))
        : presence;
    const wrapUpEndsAt = this.wrapUpEndsAt(data);
    const leaseLeft = agent.leaseExpiresAt === undefined ? undefined : agent.leaseExpiresAt - now;
    return html`<div part="base" aria-busy=${stale ? 'true' : 'false'}>
      <span part="indicator" data-presence=${agent.presence} aria-hidden="true"></span>
      <span part="state" role="status">${label}</span>
      ${
        data.since === undefined
          ? nothing
          : html`<span part="timer" role="timer"
              >${m.timeInState(formatDuration(locale, now - data.since))}</span
            >`
      }
      ${
        wrapUpEndsAt === undefined
          ? nothing
          : html`<span part="wrap-up" role="timer"
              >${m.wrapUpEndsIn(formatDuration(locale, wrapUpEndsAt - now))}</span
            >`
      }
      ${this.renderPicker(m, agent)}
      ${
        agent.presence === 'not-ready' && reason === 'stale'
          ? html`<span part="warning" role="alert">${m.leaseExpired}</span>`
          : agent.presence !== 'offline' &&
              leaseLeft !== undefined &&
              leaseLeft <= this.leaseWarningMs
            ? html`<span part="warning" role="alert"
                >${m.leaseExpiring(formatDuration(locale, leaseLeft))}</span
              >`
            : nothing
      }
    </div>`;
  }

  /** The presence picker; with `syncing` (its label), disabled and showing that instead. */
  private renderPicker(m: Messages, agent: AgentSnapshot, syncing?: string) {
    const chosen =
      syncing !== undefined
        ? ''
        : agent.chosenPresence === 'not-ready'
          ? `not-ready:${agent.notReadyReason ?? 'not-ready'}`
          : agent.chosenPresence;
    const reasons = [...this.reasons];
    const current = agent.notReadyReason;
    if (agent.chosenPresence === 'not-ready' && current && !reasons.includes(current)) {
      reasons.push(current);
    }
    return html`<select
      part="select"
      aria-label=${m.presenceLabel}
      .value=${live(chosen)}
      ?disabled=${syncing !== undefined}
      @change=${this.onChoose}
    >
      ${syncing === undefined ? nothing : html`<option value="" selected>${syncing}</option>`}
      <option value="available" ?selected=${chosen === 'available'}>
        ${lookup(m.presence, 'available', 'available')}
      </option>
      ${reasons.map(
        (r) =>
          html`<option value=${`not-ready:${r}`} ?selected=${chosen === `not-ready:${r}`}>
            ${m.notReadyWith(this.reasonLabel(m, r))}
          </option>`,
      )}
      <option value="offline" ?selected=${chosen === 'offline'}>
        ${agent.chosenPresence === 'offline' ? lookup(m.presence, 'offline', 'offline') : m.goOffline}
      </option>
    </select>`;
  }

  private reasonLabel(m: Messages, reason: string): string {
    return lookup(m.reasons, reason, reason);
  }

  private wrapUpEndsAt(data: AgentStatusData): number | undefined {
    if (data.agent.presence !== 'wrap-up') return undefined;
    const inWrapUp = data.interactions.find((i) => i.status === 'wrap-up');
    if (!inWrapUp) return undefined;
    const entered = [...inWrapUp.timeline].reverse().find((t) => t.state === 'wrap-up');
    if (!entered) return undefined;
    return entered.at + (data.agent.wrapUpMs ?? this.wrapUpMs);
  }

  private needsTick(): boolean {
    const data = this.status.value?.data;
    if (!this.isConnected || !data) return false;
    return (
      data.since !== undefined ||
      this.wrapUpEndsAt(data) !== undefined ||
      data.agent.leaseExpiresAt !== undefined
    );
  }

  private readonly onChoose = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    const center = this.status.center;
    const agent = this.status.value?.data?.agent;
    if (!center || !agent) return;
    const value = select.value;
    const choice: PresenceChoice =
      value === 'available'
        ? { presence: 'available' }
        : value === 'offline'
          ? { presence: 'offline' }
          : { presence: 'not-ready', reason: value.slice('not-ready:'.length) };
    const detail: PresenceRequestDetail = { agentId: agent.id, choice };
    if (!emit(this, 'sb-request-presence', detail)) {
      this.requestUpdate();
      return;
    }
    void this.apply(center, agent, choice);
  };

  private readonly onRetry = (): void => {
    const readiness = this.readiness;
    if (readiness?.status !== 'error') return; // aria-disabled while the retry runs
    const detail: ResyncRequestDetail = {
      agentId: this.agentId ?? '',
      step: readiness.step,
      reason: readiness.reason,
    };
    emit(this, 'sb-request-resync', detail);
  };

  private async apply(center: ContactCenter, agent: AgentSnapshot, choice: PresenceChoice) {
    try {
      if (choice.presence === 'offline') await center.logout(agent.id);
      else if (agent.chosenPresence === 'offline') {
        await center.login(agent.id);
        if (choice.presence === 'not-ready') await center.setPresence(agent.id, choice);
      } else await center.setPresence(agent.id, choice);
    } catch (error) {
      const detail: WidgetErrorDetail = { action: 'presence', error };
      emit(this, 'sb-error', detail);
      this.requestUpdate();
    }
  }
}
