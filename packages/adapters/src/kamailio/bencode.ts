import { KamailioError } from './kamailio-error.js';

/** Values the rtpengine NG protocol carries: byte strings, integers, lists and dictionaries. */
export type BencodeValue = string | number | readonly BencodeValue[] | BencodeDictionary;

/** A bencoded dictionary (keys are byte strings). */
export interface BencodeDictionary {
  readonly [key: string]: BencodeValue | undefined;
}

/** Deepest nesting {@link bdecode} accepts. */
export const MAX_BENCODE_DEPTH = 16;

/**
 * Bencode of `value` (the NG protocol's encoding) as a latin1 string: one character per byte.
 * Dictionary keys are sorted; `undefined` entries are left out; numbers are truncated to integers.
 *
 * @example
 * ```ts
 * bencode({ command: 'ping' }); // 'd7:command4:pinge'
 * ```
 */
export function bencode(value: BencodeValue): string {
  if (typeof value === 'number') return `i${Math.trunc(value)}e`;
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8').toString('latin1');
    return `${bytes.length}:${bytes}`;
  }
  if (Array.isArray(value)) return `l${(value as BencodeValue[]).map(bencode).join('')}e`;
  const entries = Object.entries(value as BencodeDictionary).filter(
    (entry): entry is [string, BencodeValue] => entry[1] !== undefined,
  );
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `d${entries.map(([k, v]) => bencode(k) + bencode(v)).join('')}e`;
}

/**
 * Decodes one bencoded value from a latin1 string (strings come back decoded as UTF-8).
 * Bounded: nesting up to {@link MAX_BENCODE_DEPTH}, no length beyond the input; dictionaries have
 * no prototype. Trailing bytes are refused.
 *
 * @throws `KamailioError` (`KAMAILIO_EVAPI_PROTOCOL`) on malformed input.
 * @example
 * ```ts
 * bdecode('d6:result4:ponge'); // { result: 'pong' }
 * ```
 */
export function bdecode(text: string): BencodeValue {
  const [value, end] = decodeAt(text, 0, 0);
  if (end !== text.length) throw malformed('trailing bytes');
  return value;
}

function decodeAt(text: string, at: number, depth: number): [BencodeValue, number] {
  if (depth > MAX_BENCODE_DEPTH) throw malformed('nested too deeply');
  const c = text[at];
  if (c === 'i') {
    const end = text.indexOf('e', at);
    const digits = end < 0 ? '' : text.slice(at + 1, end);
    if (!/^-?\d{1,15}$/.test(digits)) throw malformed('bad integer');
    return [Number(digits), end + 1];
  }
  if (c === 'l' || c === 'd') {
    const items: BencodeValue[] = [];
    let i = at + 1;
    while (text[i] !== 'e') {
      if (i >= text.length) throw malformed('unterminated list');
      const [item, next] = decodeAt(text, i, depth + 1);
      items.push(item);
      i = next;
    }
    if (c === 'l') return [items, i + 1];
    if (items.length % 2 !== 0) throw malformed('dictionary without a value');
    const dict = Object.create(null) as Record<string, BencodeValue>;
    for (let k = 0; k < items.length; k += 2) {
      const key = items[k];
      if (typeof key !== 'string') throw malformed('dictionary key is not a string');
      dict[key] = items[k + 1] as BencodeValue;
    }
    return [dict, i + 1];
  }
  const colon = text.indexOf(':', at);
  const digits = colon < 0 ? '' : text.slice(at, colon);
  if (!/^\d{1,9}$/.test(digits)) throw malformed('bad string length');
  const length = Number(digits);
  if (colon + 1 + length > text.length) throw malformed('string beyond the end');
  const bytes = text.slice(colon + 1, colon + 1 + length);
  return [Buffer.from(bytes, 'latin1').toString('utf8'), colon + 1 + length];
}

function malformed(what: string): KamailioError {
  return new KamailioError('KAMAILIO_EVAPI_PROTOCOL', `malformed bencode: ${what}`);
}
