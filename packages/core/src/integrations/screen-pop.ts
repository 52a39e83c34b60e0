import type { ExternalRef } from './external-ref.js';

/**
 * Where to take the agent for a record: a URL to open (in a tab or an embedded frame) or a route
 * inside the host application.
 */
export type ScreenPopTarget =
  | { readonly kind: 'url'; readonly url: string }
  | {
      readonly kind: 'in-app';
      readonly view: string;
      readonly params: Readonly<Record<string, string>>;
    };

/**
 * Port: tells the agent desktop where a record lives.
 *
 * @example
 * ```ts
 * const target = popper.screenPop(customer.ref);
 * if (target.kind === 'url') window.open(target.url);
 * ```
 */
export interface ScreenPop {
  /** Where to show `ref`. Pure: it makes no request. */
  screenPop(ref: ExternalRef): ScreenPopTarget;
}

/** A number an agent can dial from a record in an external system. */
export interface DialTarget {
  /** The number in E.164 form (`+` and digits). */
  readonly number: string;
  /** What the system calls it (`'phone'`, `'mobilephone'`, ...). */
  readonly label: string;
  /** The record it came from. */
  readonly ref: ExternalRef;
}

/**
 * Port: click-to-dial. Reads the dialable numbers of an external record, normalized to E.164 so the
 * Phone can call them.
 *
 * @example
 * ```ts
 * const [first] = await crm.dialTargets(contactRef);
 * if (first) phone.call(first.number);
 * ```
 */
export interface ClickToDial {
  /** The numbers of `ref`, normalized, without duplicates; empty when it has none. */
  dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]>;
}

/**
 * Normalizes a phone number to E.164 (`+` and 8 to 15 digits), or returns `undefined` when it cannot.
 * Separators (spaces, dots, dashes, parentheses) are dropped; a leading `00` becomes `+`. Numbers
 * without a country code are returned with `defaultCountryCode` when it is given.
 *
 * @example
 * ```ts
 * toE164('+1 (415) 555-0100'); // '+14155550100'
 * toE164('415 555 0100', '1'); // '+14155550100'
 * ```
 */
export function toE164(raw: string, defaultCountryCode?: string): string | undefined {
  if (raw.length > 64) return undefined;
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+');
  const digits = trimmed.replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^[0-9]+$/.test(digits)) return undefined;
  let e164: string;
  if (plus) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else if (defaultCountryCode !== undefined) e164 = defaultCountryCode + digits.replace(/^0/, '');
  else e164 = digits;
  return e164.length >= 8 && e164.length <= 15 && !e164.startsWith('0') ? `+${e164}` : undefined;
}
