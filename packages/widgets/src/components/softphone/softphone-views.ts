// Pieces of <sb-softphone>'s template that depend only on their arguments: the element passes the
// strings, the snapshot slices and the handlers. Every value is bound as text.
import { html, nothing, type TemplateResult } from 'lit';
import type { CallSnapshot, DeviceSnapshot } from '@switchboard/webrtc';
import { lookup, type Locale } from '../../i18n/locale-state.js';
import { formatCount } from '../../i18n/format.js';
import type { SoftphoneMessages } from './softphone.messages.js';
import { KEYS, callerOf, type DialProblem } from './softphone-model.js';

/** The call details list (queue, customer, IVR path) from the headers a call carried. @internal */
export function contextView(
  m: SoftphoneMessages,
  call: CallSnapshot,
): TemplateResult | typeof nothing {
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
  m: SoftphoneMessages,
  locale: Locale,
  ringing: readonly CallSnapshot[],
  on: { answer: (callId: string) => void; decline: (callId: string) => void },
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
  m: SoftphoneMessages,
  locale: Locale,
  calls: readonly CallSnapshot[],
  shown: CallSnapshot | undefined,
  on: { key: (event: KeyboardEvent) => void; select: (callId: string) => void },
): TemplateResult {
  return html`<div part="lines" role="tablist" aria-label=${m.linesLabel} @keydown=${on.key}>
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
        @click=${() => on.select(call.id)}
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

/** The device picker: microphone, and speaker where the browser can route output. @internal */
export function devicesView(
  m: SoftphoneMessages,
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

/** The transfer form of a call: target, "Transfer now" (blind), "Consult first", Cancel. @internal */
export function transferView(
  m: SoftphoneMessages,
  problem: DialProblem | undefined,
  on: {
    submit: (event: Event, kind: 'blind' | 'consult') => void;
    cancel: () => void;
    key: (event: KeyboardEvent) => void;
  },
): TemplateResult {
  return html`<form
    part="transfer"
    @submit=${(e: Event) => on.submit(e, 'blind')}
    @keydown=${on.key}
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
      <button type="button" @click=${(e: Event) => on.submit(e, 'consult')}>${m.consult}</button>
      <button type="button" @click=${on.cancel}>${m.cancel}</button>
    </div>
  </form>`;
}

/** The 3 × 4 keypad, one tab stop (roving tabindex on the key at `active`). @internal */
export function keypadView(
  active: number,
  label: string,
  on: { key: (event: KeyboardEvent) => void; press: (key: string, index: number) => void },
): TemplateResult {
  return html`<div part="keypad" role="group" aria-label=${label} @keydown=${on.key}>
    ${KEYS.map(
      (key, i) =>
        html`<button
          part="key"
          data-key=${key}
          tabindex=${i === active ? '0' : '-1'}
          @click=${() => on.press(key, i)}
        >
          ${key}
        </button>`,
    )}
  </div>`;
}
