import type { Subscribable } from '@switchboard/core/shared';
import type { CallSnapshot } from './call-types.js';
import type { PhoneSnapshot } from './phone.js';

/**
 * What a call UI does with one call. A {@link Call} is one; a call mirrored from another tab (see
 * `TabPhone`) is another, whose commands return promises settled once the owning tab ran them.
 */
export interface CallControl {
  readonly id: string;
  /** The call now. */
  getSnapshot(): CallSnapshot;
  answer(): void | Promise<void>;
  /** Declines an incoming call (486 Busy Here by default). */
  reject(): void | Promise<void>;
  hangup(): void | Promise<void>;
  hold(): void | Promise<void>;
  unhold(): void | Promise<void>;
  setMuted(muted: boolean): void | Promise<void>;
  sendDtmf(tones: string): void | Promise<void>;
  /** Blind transfer (REFER) to a SIP URI. */
  transfer(targetUri: string): void | Promise<void>;
  /** Attended transfer: joins the other party to the party of `consultation`, a call of the same phone. */
  attendedTransfer(consultation: CallControl): void | Promise<void>;
}

/**
 * What a softphone UI needs of a phone: read and follow its snapshot, find its calls, place a
 * call and register again. {@link Phone} is one; `TabPhone` (one phone shared by the tabs of a
 * browser, commanded from any of them) is another. The widgets take this interface.
 */
export interface PhoneControl extends Subscribable<PhoneSnapshot> {
  /** The phone's own SIP address (its domain completes bare numbers). */
  readonly uri: string;
  /** The calls that are not over. */
  getCalls(): readonly CallControl[];
  getCall(id: string): CallControl | undefined;
  /**
   * Places a call. Synchronous on the tab that owns the phone (throws a `PhoneError` when refused);
   * a promise of the call where another tab owns it (rejects with the `PhoneError`).
   */
  call(
    target: string,
    options?: { readonly headers?: readonly string[] },
  ): CallControl | Promise<CallControl>;
  /**
   * Registers (again); resolves once registered. With `refresh`, a phone that says it is
   * registered sends a fresh REGISTER (after a sleep, its refresh timer may not have run).
   */
  register(options?: { readonly refresh?: boolean }): Promise<void>;
}
