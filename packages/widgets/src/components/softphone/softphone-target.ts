// Dialled targets checked with the Phone's own parser. Its own module: the element loads it with
// its call views after the first render (the parser is most of a dialler's weight), so nothing
// else may import it statically.
import { MAX_TARGET_LENGTH, parseSipAddress, type PhoneControl } from '@switchboard/webrtc';
import type { DialProblem } from './softphone-model.js';

/** The outcome of checking a target with the Phone's parser. @internal */
export type DialCheck =
  | { readonly ok: true; readonly uri: string }
  | { readonly ok: false; readonly problem: DialProblem };

/**
 * Checks `target` the way `Phone.call()` will (`parseSipAddress`, completed with `domain`), so the
 * element can say what is wrong before asking the phone.
 *
 * @internal
 */
export function checkTarget(target: string, domain: string): DialCheck {
  const trimmed = target.trim();
  if (trimmed.length === 0) return { ok: false, problem: 'empty' };
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, problem: 'too-long' };
  try {
    return { ok: true, uri: parseSipAddress(trimmed, domain).uri };
  } catch {
    return { ok: false, problem: 'invalid' };
  }
}

/** The domain the phone completes bare numbers with: the host of its own address. @internal */
export function domainOf(phone: PhoneControl): string {
  try {
    return parseSipAddress(phone.uri, 'localhost').host;
  } catch {
    return 'localhost';
  }
}
