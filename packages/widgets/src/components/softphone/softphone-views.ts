// What <sb-softphone> shows beyond its idle dialer: the incoming-call banner, the line switcher,
// the call shown with its controls and transfer form, the device picker, and the target checks
// with the Phone's parser. The element imports this module dynamically after its first render
// (and when a call or devices need it), so a page pays for the dialer first; these views depend
// only on their arguments. Every value is bound as text.
import { html, nothing, type TemplateResult } from 'lit';
import type { CallSnapshot, DeviceSnapshot } from '@switchboard/webrtc';
import { lookup, type Locale } from '../../i18n/locale-state.js';
import { formatCount, formatDuration } from '../../i18n/format.js';
import type { SoftphoneMessages } from './softphone.messages.js';
import { softphoneViewMessages, type SoftphoneViewMessages } from './softphone-views.messages.js';
import { callerOf, qualityLevel, type DialProblem } from './softphone-model.js';

export { checkTarget, domainOf } from './softphone-target.js';
export { softphoneViewMessages };
export { softphoneViewStyles } from './softphone-views.styles.js';

/** Both catalogs the views read: the element's words and their own. @internal */
export type ViewMessages = SoftphoneMessages & SoftphoneViewMessages;

/** The element's state the call views render. @internal */
export interface CallsViewState {
  readonly locale: Locale;
  /** The live calls, in the phone's order. */
  readonly calls: readonly CallSnapshot[];
  /** The incoming calls still ringing (the banner's). */
  readonly ringing: readonly CallSnapshot[];
  /** The line shown, if any. */
  readonly shown: CallSnapshot | undefined;
  /** Now on the element's clock (the call timer). */
  readonly now: number;
  /** The call whose transfer form is open, if any. */
  readonly transferFor: string | undefined;
  readonly transferProblem: DialProblem | undefined;
}

/** What the call views ask the element to do. @internal */
export interface CallsViewHandlers {
  answer(callId: string): void;
  decline(callId: string): void;
  lineKey(event: KeyboardEvent): void;
  selectLine(callId: string): void;
  /** A call button: `mute`, `hold`, `resume`, `transfer` or `hangup`, on the line shown. */
  control(action: string): void;
  completeTransfer(callId: string, consultationCallId: string): void;
  transfer(event: Event, callId: string, kind: 'blind' | 'consult'): void;
  cancelTransfer(): void;
  transferKey(event: KeyboardEvent): void;
}

/** The banner, the line switcher and the line shown, for the live calls. @internal */
export function callsView(
  m: ViewMessages,
  s: CallsViewState,
  on: CallsViewHandlers,
): TemplateResult {
  return html`${s.ringing.length > 0 ? bannerView(m, s.locale, s.ringing, on) : nothing}
  ${linesView(m, s.locale, s.calls, s.shown, on)} ${s.shown ? callView(m, s, s.shown, on) : nothing}`;
}

/** The call details list (queue, customer, IVR path) from the headers a call carried. @internal */
export function contextView(m: ViewMessages, call: CallSnapshot): TemplateResult | typeof nothing {
  const entries = Object.entries(call.headers).filter(
    ([name]) => name.toLowerCase() !== 'x-switchboard-interaction',
  );
  if (entries.length === 0) return nothing;
  return html`<dl part="context" aria-label=${m.contextLabel}>
    ${entries.map(
      ([name, value]) =>
        html`<dt>${lookup(m.context, name, name.replace(/^X-(Switchboard-)?/i, ''))}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

/** The incoming-call banner for the first ringing call, with the count of the others. @internal */
export function bannerView(
  m: ViewMessages,
  locale: Locale,
  ringing: readonly CallSnapshot[],
  on: Pick<CallsViewHandlers, 'answer' | 'decline'>,
): TemplateResult {
  const call = ringing[0] as CallSnapshot;
  return html`<section part="banner" aria-label=${m.incomingLabel} data-call=${call.id}>
    <p><strong part="caller">${callerOf(call, m.unknownCaller)}</strong></p>
    <p>${m.incomingLabel}</p>
    ${contextView(m, call)}
    <div>
      <button part="answer" @click=${() => on.answer(call.id)}>${m.answer}</button>
      <button part="decline" @click=${() => on.decline(call.id)}>${m.decline}</button>
    </div>
    ${
      ringing.length > 1
        ? html`<p>${m.moreIncoming(formatCount(locale, ringing.length - 1))}</p>`
        : nothing
    }
  </section>`;
}

/** The line switcher: one tab per live call, the shown one selected (roving tabindex). @internal */
export function linesView(
  m: ViewMessages,
  locale: Locale,
  calls: readonly CallSnapshot[],
  shown: CallSnapshot | undefined,
  on: Pick<CallsViewHandlers, 'lineKey' | 'selectLine'>,
): TemplateResult {
  return html`<div part="lines" role="tablist" aria-label=${m.linesLabel} @keydown=${on.lineKey}>
    ${calls.map((call, i) => {
      const selected = call.id === shown?.id;
      return html`<button
        part="line"
        role="tab"
        id=${`line-${call.id}`}
        data-call=${call.id}
        aria-selected=${selected ? 'true' : 'false'}
        aria-controls=${selected ? 'call-panel' : nothing}
        tabindex=${selected || (!shown && i === 0) ? '0' : '-1'}
        @click=${() => on.selectLine(call.id)}
      >
        ${m.line(
          formatCount(locale, i + 1),
          callerOf(call, m.unknownCaller),
          lookup(m.callStatus, call.status, call.status),
        )}
      </button>`;
    })}
  </div>`;
}

/**
 * The line shown (a tab panel): caller, state, timer, quality, notices, call details, the call
 * buttons, "complete transfer" for each consultation, the transfer form, and the tones sent.
 *
 * @internal
 */
export function callView(
  m: ViewMessages,
  s: CallsViewState,
  call: CallSnapshot,
  on: CallsViewHandlers,
): TemplateResult {
  const caller = callerOf(call, m.unknownCaller);
  const talking = call.status === 'connected' || call.status === 'held';
  const level = qualityLevel(call.quality?.mos);
  const elapsed = call.connectedAt === undefined ? undefined : s.now - call.connectedAt;
  const consultations = s.calls.filter(
    (c) => c.id !== call.id && (c.status === 'connected' || c.status === 'held'),
  );
  const control = (action: string, label: string, disabled: boolean, pressed?: boolean) =>
    html`<button
      part="control"
      data-action=${action}
      ?disabled=${disabled}
      aria-pressed=${pressed === undefined ? nothing : pressed ? 'true' : 'false'}
      @click=${() => on.control(action)}
    >
      ${label}
    </button>`;
  return html`<section
    part="call"
    id="call-panel"
    role="tabpanel"
    aria-labelledby=${`line-${call.id}`}
    data-call=${call.id}
  >
    <h2 part="caller">${caller}</h2>
    <p>
      <span part="call-status" data-status=${call.status}
        >${lookup(m.callStatus, call.status, call.status)}</span
      >
      ${
        elapsed === undefined
          ? nothing
          : html`<span part="timer" role="timer" aria-label=${m.duration}
              >${formatDuration(s.locale, elapsed)}</span
            >`
      }
      ${
        talking
          ? html`<span part="quality" data-level=${level}
              >${m.qualityLabel}:
              ${
                call.quality
                  ? m.qualityValue(m.quality[level], call.quality.mos.toFixed(1))
                  : m.quality.unknown
              }</span
            >`
          : nothing
      }
    </p>
    ${
      call.status === 'reconnecting'
        ? html`<p part="reconnecting" role="status">${m.reconnectingCall}</p>`
        : nothing
    }
    ${call.remoteHold ? html`<p>${m.remoteHold}</p>` : nothing} ${contextView(m, call)}
    <slot name="call-info"></slot>
    <div part="controls">
      ${control('mute', m.mute, !talking, call.muted)}
      ${
        call.status === 'held'
          ? control('resume', m.resume, false)
          : control('hold', m.hold, call.status !== 'connected')
      }
      ${control('transfer', m.transfer, !talking, s.transferFor === call.id)}
      ${control('hangup', m.hangUp, false)}
    </div>
    ${
      consultations.length > 0 && call.status === 'connected'
        ? consultations.map(
            (other) =>
              html`<button
                part="complete-transfer"
                data-call=${other.id}
                @click=${() => on.completeTransfer(other.id, call.id)}
              >
                ${m.completeTransfer(callerOf(other, m.unknownCaller))}
              </button>`,
          )
        : nothing
    }
    ${s.transferFor === call.id ? transferView(m, s.transferProblem, call.id, on) : nothing}
    ${call.dtmfSent ? html`<p part="tones">${m.tonesSent(call.dtmfSent)}</p>` : nothing}
  </section>`;
}

/** The transfer form of a call: target, "Transfer now" (blind), "Consult first", Cancel. @internal */
export function transferView(
  m: ViewMessages,
  problem: DialProblem | undefined,
  callId: string,
  on: Pick<CallsViewHandlers, 'transfer' | 'cancelTransfer' | 'transferKey'>,
): TemplateResult {
  return html`<form
    part="transfer"
    @submit=${(e: Event) => on.transfer(e, callId, 'blind')}
    @keydown=${on.transferKey}
  >
    <label>
      ${m.transferLabel}
      <input
        part="transfer-input"
        name="target"
        autocomplete="off"
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? 'transfer-error' : nothing}
      />
    </label>
    ${problem ? html`<p part="error" id="transfer-error">${m.dialError[problem]}</p>` : nothing}
    <div>
      <button type="submit">${m.transferNow}</button>
      <button type="button" @click=${(e: Event) => on.transfer(e, callId, 'consult')}>
        ${m.consult}
      </button>
      <button type="button" @click=${on.cancelTransfer}>${m.cancel}</button>
    </div>
  </form>`;
}

/**
 * The note shown where the phone lives in another tab (a `TabPhone` follower), with its "Use this
 * tab" button. @internal
 */
export function otherTabView(m: ViewMessages, useThisTab: () => void): TemplateResult {
  return html`<div part="other-tab">
    <span>${m.otherTab}</span>
    <button type="button" part="use-this-tab" @click=${useThisTab}>${m.useThisTab}</button>
  </div>`;
}

/** The device picker: microphone, and speaker where the browser can route output. @internal */
export function devicesView(
  m: ViewMessages,
  d: DeviceSnapshot,
  change: (kind: 'microphone' | 'speaker', value: string) => void,
): TemplateResult {
  const picker = (
    kind: 'microphone' | 'speaker',
    label: string,
    list: DeviceSnapshot['microphones'],
    chosen: string | undefined,
  ) =>
    html`<label>
      ${label}
      <select
        part="device-select"
        data-kind=${kind}
        @change=${(e: Event) => change(kind, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${chosen === undefined}>${m.systemDefault}</option>
        ${list.map(
          (device) =>
            html`<option value=${device.deviceId} ?selected=${device.deviceId === chosen}>
              ${device.label || device.deviceId}
            </option>`,
        )}
      </select>
    </label>`;
  return html`<fieldset part="devices">
    <legend>${m.devicesLabel}</legend>
    ${picker('microphone', m.microphone, d.microphones, d.microphoneId)}
    ${d.canChooseOutput ? picker('speaker', m.speaker, d.speakers, d.speakerId) : nothing}
  </fieldset>`;
}
