import { LitElement, adoptStyles, html, nothing } from 'lit';
import { systemClock, type Clock, type Unsubscribe } from '@switchboard/core/shared';
import type {
  CallSnapshot,
  DeviceManager,
  DeviceSnapshot,
  PhoneControl,
  PhoneSnapshot,
} from '@switchboard/webrtc';
import { PhoneController } from '../../controllers/phone-controller.js';
import { SecondTicker } from '../../controllers/second-ticker.js';
import { LocaleBinding, lookup } from '../../i18n/locale-state.js';
import { softphoneMessages, type SoftphoneMessages } from './softphone.messages.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import type {
  SoftphoneDialInvalidDetail,
  SoftphoneLineDetail,
  SoftphoneRequestMap,
  SoftphoneTransferDetail,
} from './softphone-events.js';
import {
  KEYS,
  callerOf,
  keypadMove,
  listMove,
  liveCalls,
  pickLine,
  ringingCalls,
  type DialProblem,
} from './softphone-model.js';
import { keypadView } from './softphone-keypad.js';
import { softphoneStyles } from './softphone.styles.js';
import type { CallsViewHandlers } from './softphone-views.js';
import { loadViews, loadedViews, type Views } from './softphone-loading.js';
import { holdOthers, together, type Outcome, type SharedPhone } from './softphone-commands.js';

/** The part of a `DeviceManager` the device picker uses. */
export type SoftphoneDevices = Pick<
  DeviceManager,
  'getSnapshot' | 'subscribe' | 'selectMicrophone' | 'selectSpeaker'
>;

/**
 * `<sb-softphone>`: a complete softphone over a `@switchboard/webrtc` {@link Phone}: number input
 * and dial pad (checked with the Phone's own target parser before anything is sent), an
 * incoming-call banner with the caller and the IVR context the call carried (`X-Queue`,
 * `X-Customer-Id`, `X-Switchboard-Ivr-*` headers), answer and decline, a line switcher for several
 * calls, and for the line shown: call timer, live quality (MOS), mute, hold and resume, blind and
 * attended transfer, DTMF from the keypad, hang-up, and a reconnecting state while the signalling
 * is down. With `devices` set it also picks the microphone and speaker.
 *
 * The phone comes from the `phone` property or the `sb-phone` context (`phoneContext`). The
 * element holds no call state of its own: it renders the phone's snapshot and asks the phone. One
 * line talks at a time: answering, dialling or resuming a call first holds the call that is
 * connected.
 *
 * **Several tabs**: give it a `TabPhone` and every tab of the agent shows the same phone. The tab
 * that has the phone (SIP and media) is elected; the others show its calls and control them, with
 * a note that the phone is in another tab and a "Use this tab" button that moves it here (refused
 * while a call is in progress there).
 *
 * **Keyboard**: Tab moves through the controls. In the number field Enter places the call and
 * Escape clears it. The keypad is one tab stop: the arrow keys move in its 3 × 4 grid, Home/End go
 * to the first/last key, Enter/Space press, and typing `0-9 * #` while it has focus presses that
 * key (during a connected call the keypad sends tones, otherwise it types into the number field).
 * The line switcher is a tab list: Left/Right (or Up/Down) and Home/End switch lines. In the
 * transfer form Enter transfers and Escape closes it, returning focus to Transfer. When a call
 * comes in, it is announced and focus moves to Answer (when focus was in the softphone or nowhere).
 *
 * **Events**: cancelable requests, each sent before the element asks the phone (cancel one and
 * nothing is sent): `sb-request-dial`, `sb-request-call-answer`, `sb-request-call-decline`,
 * `sb-request-call-hangup`, `sb-request-call-hold`, `sb-request-call-resume`,
 * `sb-request-call-mute`, `sb-request-call-dtmf`, `sb-request-call-transfer`, `sb-request-device`,
 * `sb-request-use-this-tab`.
 * UI facts: `sb-line-change` (the line shown), `sb-dial-invalid` (a target was refused), and
 * `sb-error` (the phone refused a command; `detail.error` is its `PhoneError`; or, with `action`
 * `load` or `dial`, the call views could not be loaded).
 *
 * **Loading**: the idle softphone (status, number field, keypad) comes with the element; the
 * call views (banner, lines, call controls, transfer form, device picker) and the target checks
 * are a separate module the element imports right after its first render, so a page pays for the
 * dialer first. A call that arrives earlier is announced at once and shown when they are in.
 *
 * @slot header - above the softphone (a title, a logo).
 * @slot idle - shown while there is no call.
 * @slot call-info - beside the line shown (a customer card for the caller).
 *
 * @csspart base - the softphone.
 * @csspart status - the phone's status line (a polite live region; `data-status` holds the status).
 * @csspart other-tab - the note shown where the phone lives in another tab (a `TabPhone` follower).
 * @csspart use-this-tab - its "Use this tab" button.
 * @csspart banner - the incoming-call banner.
 * @csspart caller - the caller's name (in the banner and on the line shown).
 * @csspart context - the call details list (queue, customer, IVR path).
 * @csspart answer - the Answer button.
 * @csspart decline - the Decline button.
 * @csspart lines - the line switcher (tab list).
 * @csspart line - each line tab (`aria-selected` on the one shown).
 * @csspart call - the line shown (tab panel).
 * @csspart call-status - the call's state (`data-status` holds it).
 * @csspart timer - the call timer.
 * @csspart quality - the live quality indicator (`data-level`: good, fair, poor, unknown).
 * @csspart reconnecting - the reconnecting notice.
 * @csspart controls - the call buttons' row.
 * @csspart control - each call button (`data-action`: mute, hold, resume, transfer, hangup).
 * @csspart complete-transfer - the buttons that complete an attended transfer.
 * @csspart transfer - the transfer form.
 * @csspart transfer-input - the transfer target field.
 * @csspart dialer - the number form.
 * @csspart input - the number field.
 * @csspart dial - the Call button.
 * @csspart error - a validation or command error.
 * @csspart keypad - the keypad grid.
 * @csspart key - each keypad key.
 * @csspart tones - the tones sent on the line shown.
 * @csspart devices - the device picker.
 * @csspart device-select - each device list.
 * @csspart message - the "no phone" message.
 *
 * @cssprop --sb-color-available - the Answer button and good quality (plus every token in the package README).
 * @cssprop --sb-color-danger - Decline, Hang up and poor quality.
 * @cssprop --sb-color-warning - fair quality and the reconnecting notice.
 *
 * @example
 * ```html
 * <sb-softphone></sb-softphone>
 * <script type="module">
 *   import '@switchboard/widgets/softphone';
 *   import { Phone, JsSipTransport, DeviceManager } from '@switchboard/webrtc';
 *   const devices = new DeviceManager();
 *   const phone = new Phone({ transport: new JsSipTransport({ uri, password, servers }), media: devices });
 *   const softphone = document.querySelector('sb-softphone');
 *   softphone.phone = phone;
 *   softphone.devices = devices;
 *   await phone.start();
 * </script>
 * ```
 */
export class SbSoftphone extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = softphoneStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    phone: { attribute: false },
    devices: { attribute: false },
    clock: { attribute: false },
    domain: {},
    locale: { reflect: true },
    theme: { reflect: true },
    line: { state: true },
    number: { state: true },
    dialProblem: { state: true },
    transferFor: { state: true },
    transferProblem: { state: true },
    failure: { state: true },
    announcement: { state: true },
    deviceSnapshot: { state: true },
    keyIndex: { state: true },
  };

  /**
   * The phone (a `Phone`, or a `TabPhone` shared by the agent's tabs); without one the element
   * uses the `sb-phone` context.
   */
  declare phone: PhoneControl | undefined;
  /**
   * Audio devices to choose from (a `DeviceManager`); without it there is no device picker. Not
   * shown in a tab whose `TabPhone` lives in another tab (the media, and so the devices, are there).
   */
  declare devices: SoftphoneDevices | undefined;
  /** The time source of the call timer (default the system clock; give the phone's clock). */
  declare clock: Clock;
  /** Domain that completes bare numbers for validation (default: the phone's own domain). */
  declare domain: string | undefined;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  declare private line: string | undefined;
  declare private number: string;
  declare private dialProblem: DialProblem | undefined;
  declare private transferFor: string | undefined;
  declare private transferProblem: DialProblem | undefined;
  declare private failure: string | undefined;
  declare private announcement: string;
  declare private deviceSnapshot: DeviceSnapshot | undefined;
  declare private keyIndex: number;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly ticker = new SecondTicker(this, () => this.clock);
  private readonly bound = new PhoneController(this, {
    phone: () => this.phone,
    select: (s: PhoneSnapshot) => s,
  });
  private seenRinging = new Set<string>();
  private shownLive = new Map<string, string>();
  private focusAnswer = false;
  private watchedDevices: SoftphoneDevices | undefined;
  private viewsPending = false;
  private viewStylesAdopted = false;
  private unwatchDevices: Unsubscribe | undefined;

  constructor() {
    super();
    this.clock = systemClock;
    this.number = '';
    this.announcement = '';
    this.keyIndex = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchDevices(undefined);
  }

  /** Follows the devices, and announces calls that came in or ended since the last render. */
  override willUpdate(): void {
    if (this.isConnected) this.watchDevices(this.devices);
    const views = loadedViews();
    if (views && !this.viewStylesAdopted) this.adoptViewStyles(views);
    const calls = liveCalls(this.bound.value);
    const ringing = ringingCalls(calls);
    const m = this.i18n.pick(softphoneMessages);
    const fresh = ringing.find((c) => !this.seenRinging.has(c.id));
    this.seenRinging = new Set(ringing.map((c) => c.id));
    const ended = [...this.shownLive.keys()].find((id) => !calls.some((c) => c.id === id));
    if (fresh) this.announcement = m.incoming(callerOf(fresh, m.unknownCaller));
    else if (ended !== undefined)
      this.announcement = m.callEnded(this.shownLive.get(ended) ?? m.unknownCaller);
    // Cleared in updated() once Answer has focus (its banner may wait for the call views).
    if (fresh) this.focusAnswer = true;
    this.shownLive = new Map(calls.map((c) => [c.id, callerOf(c, m.unknownCaller)]));
  }

  override render() {
    const m = this.i18n.pick(softphoneMessages);
    const phone = this.bound.phone;
    const snapshot = this.bound.value;
    if (!phone || !snapshot) {
      return html`<div part="base message" role="status">${m.noPhone}</div>`;
    }
    const calls = liveCalls(snapshot);
    const ringing = ringingCalls(calls);
    const follower = (snapshot as { tab?: string }).tab === 'follower';
    const lineId = pickLine(calls, this.line);
    const shown = calls.find((c) => c.id === lineId && !ringing.includes(c));
    const v = loadedViews();
    if (!v && (calls.length > 0 || this.devices)) this.loadViews();
    const mv = v ? { ...m, ...this.i18n.pick(v.softphoneViewMessages) } : undefined;
    return html`<section part="base" aria-label=${m.label}>
      <slot name="header"></slot>
      <div part="status" role="status" data-status=${snapshot.status}>
        ${lookup(m.phoneStatus, snapshot.status, snapshot.status)}
        ${
          snapshot.error && snapshot.status === 'failed'
            ? html`<span>${lookup(m.phoneError, snapshot.error.code, m.phoneErrorOther)}</span>`
            : nothing
        }
      </div>
      ${v && mv && follower ? v.otherTabView(mv, this.onUseThisTab) : nothing}
      ${
        v && mv && calls.length > 0
          ? v.callsView(
              mv,
              {
                locale: this.i18n.locale,
                calls,
                ringing,
                shown,
                now: this.clock.now(),
                transferFor: this.transferFor,
                transferProblem: this.transferProblem,
              },
              this.handlers,
            )
          : nothing
      }
      ${shown ? nothing : html`<slot name="idle"></slot>`}
      ${this.failure ? html`<p part="error" role="alert">${this.failure}</p>` : nothing}
      ${this.renderDialer(m, snapshot, shown)}
      ${
        // Devices are chosen where the media is: not in a tab that only controls the phone.
        v && mv && this.devices && this.deviceSnapshot && !follower
          ? v.devicesView(mv, this.deviceSnapshot, (kind, value) => this.onDevice(kind, value))
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  /** Loads the call views once the dialer is on screen, before any call needs them. */
  override firstUpdated(): void {
    this.loadViews();
  }

  /**
   * Moves focus to Answer for a new call (once its banner is on screen), and keeps the timer
   * ticking while a call counts.
   */
  override updated(): void {
    if (this.focusAnswer) {
      const answer = this.renderRoot.querySelector<HTMLElement>('[part~="answer"]');
      if (answer || ringingCalls(liveCalls(this.bound.value)).length === 0) {
        this.focusAnswer = false;
        const active = document.activeElement;
        if (answer && (!active || active === document.body || active === this)) answer.focus();
      }
    }
    const calls = liveCalls(this.bound.value);
    if (calls.some((c) => c.connectedAt !== undefined)) this.ticker.run();
    else this.ticker.stop();
  }

  /**
   * The views' rules arrive with them, adopted after the element's own (Lit's `elementStyles`,
   * which adopting replaces), before the views first render.
   */
  private adoptViewStyles(v: Views): void {
    this.viewStylesAdopted = true;
    if (this.renderRoot instanceof ShadowRoot) {
      adoptStyles(this.renderRoot, [...SbSoftphone.elementStyles, v.softphoneViewStyles]);
    }
  }

  /** Loads the views beyond the dialer and renders again; a failure shows as an error. */
  private loadViews(): void {
    if (loadedViews() || this.viewsPending) return;
    this.viewsPending = true;
    loadViews().then(
      () => {
        this.viewsPending = false;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.viewsPending = false;
        this.reportFailure('load', error);
      },
    );
  }

  /** The call views' handlers, made once (the views are re-rendered on every update). */
  private readonly handlers: CallsViewHandlers = {
    answer: (id) => this.answer(id),
    decline: (id) => this.decline(id),
    lineKey: (event) => this.onLineKey(event),
    selectLine: (id) => this.selectLine(id),
    control: (action) => this.onControl(action),
    completeTransfer: (callId, consultationCallId) =>
      this.completeTransfer(callId, consultationCallId),
    transfer: (event, callId, kind) => this.onTransfer(event, callId, kind),
    cancelTransfer: () => this.closeTransfer(),
    transferKey: (event) => this.onTransferKey(event),
  };

  private renderDialer(
    m: SoftphoneMessages,
    snapshot: PhoneSnapshot,
    shown: CallSnapshot | undefined,
  ) {
    const problem = this.dialProblem;
    const online = snapshot.status === 'registered' || snapshot.status === 'connected';
    const tones = shown?.status === 'connected';
    return html`<form part="dialer" @submit=${this.onDial} novalidate>
        <label>
          ${m.numberLabel}
          <input
            part="input"
            name="number"
            type="tel"
            autocomplete="off"
            .value=${this.number}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'dial-error' : nothing}
            @input=${this.onNumberInput}
            @keydown=${this.onNumberKey}
          />
        </label>
        <button part="dial" type="submit" ?disabled=${!online}>${m.dial}</button>
        ${
          problem
            ? html`<p part="error" id="dial-error" role="alert">${m.dialError[problem]}</p>`
            : nothing
        }
      </form>
      ${keypadView(this.keyIndex, tones ? m.keypadTonesLabel : m.keypadLabel, {
        key: this.onKeypadKey,
        press: (key, index) => this.press(key, index),
      })}`;
  }

  private watchDevices(devices: SoftphoneDevices | undefined): void {
    if (devices === this.watchedDevices) return;
    this.unwatchDevices?.();
    this.unwatchDevices = undefined;
    this.watchedDevices = devices;
    this.deviceSnapshot = devices?.getSnapshot();
    if (devices) this.unwatchDevices = devices.subscribe((s) => (this.deviceSnapshot = s));
  }

  /** The line shown now (what the controls act on). */
  private shownCall(): CallSnapshot | undefined {
    const calls = liveCalls(this.bound.value);
    const ringing = ringingCalls(calls);
    const id = pickLine(calls, this.line);
    return calls.find((c) => c.id === id && !ringing.includes(c));
  }

  /**
   * Sends the cancelable request `type`; unless it was cancelled, runs `command` on the phone and
   * reports a refusal as `sb-error`. Returns whether the command ran without throwing.
   */
  private request<K extends keyof SoftphoneRequestMap>(
    type: K,
    detail: SoftphoneRequestMap[K],
    command: (phone: PhoneControl) => Outcome,
  ): boolean {
    const phone = this.bound.phone;
    if (!phone || !emit(this, type, detail)) return false;
    this.failure = undefined;
    const fail = (error: unknown) => this.reportFailure(type.replace(/^sb-request-/, ''), error);
    try {
      const done = command(phone);
      if (done) done.catch(fail);
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  /** Shows what went wrong and reports it as `sb-error`. */
  private reportFailure(action: string, error: unknown): void {
    const code = (error as { code?: unknown } | undefined)?.code;
    const m = this.i18n.pick(softphoneMessages);
    const views = loadedViews();
    this.failure =
      action === 'use-this-tab' && views
        ? this.i18n.pick(views.softphoneViewMessages).otherTabBusy
        : code === 'SIP_NOT_READY'
          ? m.notOnline
          : m.actionFailed;
    const failure: WidgetErrorDetail = { action, error };
    emit(this, 'sb-error', failure);
  }

  /** Asks the tab that has the phone to hand it over to this one. */
  private readonly onUseThisTab = (): void => {
    this.request('sb-request-use-this-tab', {}, (phone) =>
      (phone as Partial<SharedPhone>).useThisTab?.(),
    );
  };

  private answer(callId: string): void {
    const answered = this.request('sb-request-call-answer', { callId }, (phone) =>
      together(holdOthers(phone, callId), phone.getCall(callId)?.answer()),
    );
    if (answered) this.selectLine(callId, false);
  }

  private decline(callId: string): void {
    this.request('sb-request-call-decline', { callId }, (p) => p.getCall(callId)?.reject());
  }

  private onControl(action: string): void {
    const call = this.shownCall();
    if (!call) return;
    const callId = call.id;
    switch (action) {
      case 'mute':
        this.request('sb-request-call-mute', { callId, muted: !call.muted }, (p) =>
          p.getCall(callId)?.setMuted(!call.muted),
        );
        break;
      case 'hold':
        this.request('sb-request-call-hold', { callId }, (p) => p.getCall(callId)?.hold());
        break;
      case 'resume':
        this.request('sb-request-call-resume', { callId }, (p) =>
          together(holdOthers(p, callId), p.getCall(callId)?.unhold()),
        );
        break;
      case 'transfer':
        if (this.transferFor === callId) this.closeTransfer();
        else void this.openTransfer(callId);
        break;
      case 'hangup':
        this.request('sb-request-call-hangup', { callId }, (p) => p.getCall(callId)?.hangup());
        break;
    }
  }

  private async openTransfer(callId: string): Promise<void> {
    this.transferFor = callId;
    this.transferProblem = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="transfer-input"]')?.focus();
  }

  private closeTransfer(): void {
    this.transferFor = undefined;
    this.transferProblem = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[data-action="transfer"]')?.focus(),
    );
  }

  private readonly onTransferKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closeTransfer();
    }
  };

  private onTransfer(event: Event, callId: string, kind: 'blind' | 'consult'): void {
    event.preventDefault();
    const phone = this.bound.phone;
    const form = this.renderRoot.querySelector<HTMLFormElement>('[part~="transfer"]');
    const target = (form?.elements.namedItem('target') as HTMLInputElement | null)?.value ?? '';
    // The form is one of the views: they are loaded when it can be submitted.
    const v = loadedViews();
    if (!phone || !v) return;
    const checked = v.checkTarget(target, this.domain ?? v.domainOf(phone));
    if (!checked.ok) {
      this.transferProblem = checked.problem;
      const invalid: SoftphoneDialInvalidDetail = {
        target,
        field: 'transfer',
        problem: checked.problem,
      };
      emit(this, 'sb-dial-invalid', invalid);
      return;
    }
    this.transferProblem = undefined;
    if (kind === 'blind') {
      const detail: SoftphoneTransferDetail = { callId, kind, target, uri: checked.uri };
      if (
        this.request('sb-request-call-transfer', detail, (p) =>
          p.getCall(callId)?.transfer(checked.uri),
        )
      )
        this.transferFor = undefined;
      return;
    }
    this.dial(target.trim(), checked.uri, callId);
  }

  private completeTransfer(callId: string, consultationCallId: string): void {
    this.request(
      'sb-request-call-transfer',
      { callId, kind: 'attended', consultationCallId },
      (phone) => {
        const consultation = phone.getCall(consultationCallId);
        return consultation ? phone.getCall(callId)?.attendedTransfer(consultation) : undefined;
      },
    );
  }

  private dial(target: string, uri: string, consultFor?: string): void {
    let placed: string | undefined;
    const ran = this.request(
      'sb-request-dial',
      consultFor === undefined ? { target, uri } : { target, uri, consultFor },
      (phone) => {
        const held = holdOthers(phone, undefined);
        const call = phone.call(target);
        // Where another tab has the phone, the call's id comes back from that tab.
        if (call instanceof Promise)
          return together(
            held,
            call.then((c) => this.selectLine(c.id, false)),
          );
        placed = call.id;
        return held;
      },
    );
    if (!ran) return;
    this.transferFor = undefined;
    if (consultFor === undefined) this.number = '';
    if (placed !== undefined) this.selectLine(placed, false);
  }

  private readonly onDial = (event: Event): void => {
    event.preventDefault();
    const number = this.number;
    // The checks come with the views, loaded after the first render: normally already here.
    const views = loadedViews();
    if (views) this.dialChecked(views, number);
    else
      loadViews().then(
        (v) => this.dialChecked(v, number),
        (error: unknown) => this.reportFailure('dial', error),
      );
  };

  /** Dials `number` if the Phone's parser accepts it, else says why not. */
  private dialChecked(v: Views, number: string): void {
    const phone = this.bound.phone;
    if (!phone) return;
    const checked = v.checkTarget(number, this.domain ?? v.domainOf(phone));
    if (!checked.ok) {
      this.dialProblem = checked.problem;
      const invalid: SoftphoneDialInvalidDetail = {
        target: number,
        field: 'dial',
        problem: checked.problem,
      };
      emit(this, 'sb-dial-invalid', invalid);
      return;
    }
    this.dialProblem = undefined;
    this.dial(number.trim(), checked.uri);
  }

  private readonly onNumberInput = (event: Event): void => {
    this.number = (event.target as HTMLInputElement).value;
    this.dialProblem = undefined;
  };

  private readonly onNumberKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.number) {
      event.preventDefault();
      this.number = '';
      this.dialProblem = undefined;
    }
  };

  private press(key: string, index: number): void {
    this.keyIndex = index;
    const call = this.shownCall();
    if (call?.status === 'connected') {
      const callId = call.id;
      this.request('sb-request-call-dtmf', { callId, tone: key }, (p) =>
        p.getCall(callId)?.sendDtmf(key),
      );
      return;
    }
    this.number += key;
    this.dialProblem = undefined;
  }

  private readonly onKeypadKey = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typed = KEYS.indexOf(event.key as (typeof KEYS)[number]);
    if (typed >= 0) {
      event.preventDefault();
      this.press(event.key, typed);
      void this.focusKey(typed);
      return;
    }
    const next = keypadMove(this.keyIndex, event.key);
    if (next === undefined) return;
    event.preventDefault();
    this.keyIndex = next;
    void this.focusKey(next);
  };

  private async focusKey(index: number): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('[part~="key"]')[index]?.focus();
  }

  private readonly onLineKey = (event: KeyboardEvent): void => {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="line"]')];
    const index = tabs.findIndex((t) => t === this.shadowRoot?.activeElement);
    const next = listMove(index < 0 ? 0 : index, tabs.length, event.key);
    if (next === undefined) return;
    event.preventDefault();
    const id = tabs[next]?.dataset['call'];
    if (id !== undefined) this.selectLine(id, true);
  };

  private selectLine(callId: string, focus = true): void {
    if (this.line !== callId) {
      this.line = callId;
      this.transferFor = undefined;
      const detail: SoftphoneLineDetail = { callId };
      emit(this, 'sb-line-change', detail);
    }
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot
          .querySelector<HTMLElement>(`[part~="line"][data-call="${CSS.escape(callId)}"]`)
          ?.focus(),
      );
    }
  }

  private onDevice(kind: 'microphone' | 'speaker', value: string): void {
    const deviceId = value === '' ? undefined : value;
    const devices = this.devices;
    if (!devices) return;
    this.request('sb-request-device', { kind, deviceId }, () =>
      kind === 'microphone' ? devices.selectMicrophone(deviceId) : devices.selectSpeaker(deviceId),
    );
  }
}
