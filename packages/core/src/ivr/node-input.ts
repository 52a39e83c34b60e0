import { calendarStatusAt } from '../calendar/index.js';
import type { IvrEvent } from './ivr-event.js';
import { normaliseSpeech } from './nodes/compile-helpers.js';
import type { CompiledBusinessHoursNode } from './nodes/business-hours-node.js';
import type { CompiledCollectNode } from './nodes/collect-node.js';
import type { CompiledChoice, CompiledMenuNode } from './nodes/menu-node.js';

/** Last calendar answer per business-hours node, by UTC minute. */
const hoursCache = new WeakMap<CompiledBusinessHoursNode, { minute: number; status: string }>();

/**
 * @internal Calendar status with a one-entry cache per node: opening times have minute resolution
 * and present-day UTC offsets are whole minutes, so the answer is the same within a UTC minute, and
 * the many calls arriving in the same minute skip the timezone arithmetic.
 */
export function hoursStatus(node: CompiledBusinessHoursNode, now: number): string {
  const minute = Math.floor(now / 60_000);
  const cached = hoursCache.get(node);
  if (cached && cached.minute === minute) return cached.status;
  const status = calendarStatusAt(node.calendar, now);
  hoursCache.set(node, { minute, status });
  return status;
}

/** @internal A menu key without a trailing `#` terminator. */
export function stripHash(digits: string): string {
  return digits.length > 1 && digits.endsWith('#') ? digits.slice(0, -1) : digits;
}

/** @internal What a menu makes of a key press or an utterance. */
export type MenuAnswer =
  | { readonly type: 'choice'; readonly choice: CompiledChoice; readonly input: string }
  | { readonly type: 'no-input' }
  | { readonly type: 'no-match'; readonly input: string };

/**
 * @internal Matches DTMF against the choices' keys, and speech against the current language's
 * phrases first, then any key said aloud or any language's phrases.
 */
export function answerMenu(
  node: CompiledMenuNode,
  event: Extract<IvrEvent, { type: 'dtmf' | 'speech' }>,
  language: string,
): MenuAnswer {
  if (event.type === 'dtmf') {
    const key = stripHash(event.digits);
    for (const c of node.choices)
      if (c.dtmf !== undefined && c.dtmf === key) return { type: 'choice', choice: c, input: key };
    return { type: 'no-match', input: key };
  }
  const said = normaliseSpeech(event.text);
  if (said === '') return { type: 'no-input' };
  for (const c of node.choices) {
    for (const p of c.phrases.get(language) ?? [])
      if (said.includes(p)) return { type: 'choice', choice: c, input: event.text };
  }
  for (const c of node.choices) {
    if (c.dtmf === said) return { type: 'choice', choice: c, input: event.text };
    for (const p of c.allPhrases)
      if (said.includes(p)) return { type: 'choice', choice: c, input: event.text };
  }
  return { type: 'no-match', input: event.text };
}

/** @internal What a collect node makes of an input event. */
export type CollectAnswer =
  | { readonly type: 'value'; readonly value: string; readonly shown: string }
  | { readonly type: 'no-input' }
  | { readonly type: 'invalid'; readonly shown: string }
  /** The event does not fit the node's input mode. */
  | { readonly type: 'ignored' };

/** @internal Reads and checks a collect node's input: length limits, then its pattern (linear time). */
export function answerCollect(node: CompiledCollectNode, event: IvrEvent): CollectAnswer {
  let value: string | undefined;
  if (event.type === 'dtmf' && !node.speech) {
    value =
      node.terminator && event.digits.endsWith(node.terminator)
        ? event.digits.slice(0, -1)
        : event.digits;
    if (!/^[0-9*#]*$/.test(value))
      return { type: 'invalid', shown: node.sensitive ? '***' : value };
  } else if (event.type === 'speech' && node.speech) value = event.text.trim();
  if (value === undefined) return { type: 'ignored' };
  if (value === '') return { type: 'no-input' };
  const shown = node.sensitive ? '***' : value;
  const ok =
    value.length >= node.minLength &&
    value.length <= node.maxLength &&
    (!node.pattern || node.pattern.test(value));
  return ok ? { type: 'value', value, shown } : { type: 'invalid', shown };
}
