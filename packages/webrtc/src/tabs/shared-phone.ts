import type { Unsubscribe } from '@switchboard/core/shared';
import type { Phone, PhoneSnapshot } from '../phone/phone.js';
import type { CallEndReason, CallSnapshot } from '../phone/call-types.js';
import { PhoneError } from '../phone/phone-error.js';
import { PhoneErrorCode } from '../phone/phone-error-code.js';

/** An error as it crosses tabs (structured clone keeps neither the class nor `code`). */
export interface MirroredError {
  readonly code: string;
  readonly message: string;
}

/** A call as mirrored to follower tabs: its snapshot, with its end error as plain data. */
export interface MirroredCall extends Omit<CallSnapshot, 'endReason'> {
  readonly endReason:
    (Omit<CallEndReason, 'error'> & { readonly error: MirroredError | undefined }) | undefined;
}

/** The phone state mirrored to follower tabs (plain data, structured-clone safe). */
export interface MirroredPhoneState extends Omit<PhoneSnapshot, 'calls' | 'error'> {
  /** The phone's own SIP address. */
  readonly uri: string;
  readonly calls: readonly MirroredCall[];
  readonly error: MirroredError | undefined;
}

/** Commands a follower tab can send to the tab that owns the phone. */
export type PhoneCommand =
  | { readonly type: 'call'; readonly target: string; readonly headers?: readonly string[] }
  | { readonly type: 'register'; readonly refresh?: boolean }
  | { readonly type: 'answer'; readonly callId: string }
  | { readonly type: 'reject'; readonly callId: string }
  | { readonly type: 'hangup'; readonly callId: string }
  | { readonly type: 'hold'; readonly callId: string }
  | { readonly type: 'unhold'; readonly callId: string }
  | { readonly type: 'mute'; readonly callId: string; readonly muted: boolean }
  | { readonly type: 'dtmf'; readonly callId: string; readonly tones: string }
  | { readonly type: 'transfer'; readonly callId: string; readonly target: string }
  | {
      readonly type: 'attended-transfer';
      readonly callId: string;
      readonly consultationCallId: string;
    }
  /** Asks the leader to give the phone up so that the asking tab can own it ("use this tab"). */
  | { readonly type: 'hand-over' };

/** Options of {@link sharePhone}. */
export interface SharePhoneOptions {
  /**
   * Runs a follower's `hand-over` request: resolves once the phone is given up (the follower then
   * takes the lock), rejects to refuse. Without it, hand-over requests are refused.
   */
  readonly handOver?: () => Promise<void>;
}

/** The plain-data form of a phone snapshot, for other tabs. */
export function mirrorPhone(phone: Phone): MirroredPhoneState {
  const snap = phone.getSnapshot();
  return {
    uri: phone.uri,
    status: snap.status,
    server: snap.server ? { url: snap.server.url, index: snap.server.index } : undefined,
    calls: snap.calls.map((c) => ({
      ...c,
      endReason: c.endReason ? { ...c.endReason, error: plainError(c.endReason.error) } : undefined,
    })),
    error: plainError(snap.error),
  };
}

/** The phone snapshot a mirrored state stands for, with typed errors again. */
export function unmirrorPhone(state: MirroredPhoneState): PhoneSnapshot {
  return {
    status: state.status,
    server: state.server,
    calls: state.calls.map(unmirrorCall),
    error: state.error ? toPhoneError(state.error) : undefined,
  };
}

/** @internal */
export function unmirrorCall(call: MirroredCall): CallSnapshot {
  return {
    ...call,
    endReason: call.endReason
      ? {
          ...call.endReason,
          error: call.endReason.error ? toPhoneError(call.endReason.error) : undefined,
        }
      : undefined,
  };
}

const PHONE_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(PhoneErrorCode));

/**
 * The `PhoneError` an error from another tab stands for: its own code when it is a phone error
 * code, else `SIP_NOT_READY` (the other tab could not run the command).
 */
export function toPhoneError(error: { readonly code?: unknown; readonly message: string }) {
  const code =
    typeof error.code === 'string' && PHONE_ERROR_CODES.has(error.code)
      ? (error.code as PhoneErrorCode)
      : 'SIP_NOT_READY';
  return new PhoneError(code, error.message);
}

function plainError(error: PhoneError | undefined): MirroredError | undefined {
  return error ? { code: error.code, message: error.message } : undefined;
}

/**
 * Runs a follower's command on the leader's phone; returns what the follower gets back (the new
 * call's id for `call`).
 */
export function runPhoneCommand(
  phone: Phone,
  command: Exclude<PhoneCommand, { type: 'hand-over' }>,
): unknown {
  if (command.type === 'call')
    return phone.call(command.target, command.headers ? { headers: command.headers } : {}).id;
  if (command.type === 'register') return phone.register({ refresh: command.refresh === true });
  const call = phone.getCall(command.callId);
  if (!call) throw new PhoneError('SIP_NOT_READY', `no call ${command.callId} on this phone`);
  switch (command.type) {
    case 'answer':
      return call.answer();
    case 'reject':
      return call.reject();
    case 'hangup':
      return call.hangup();
    case 'hold':
      return call.hold();
    case 'unhold':
      return call.unhold();
    case 'mute':
      return call.setMuted(command.muted);
    case 'dtmf':
      return call.sendDtmf(command.tones);
    case 'transfer':
      return call.transfer(command.target);
    case 'attended-transfer': {
      const consultation = phone.getCall(command.consultationCallId);
      if (!consultation)
        throw new PhoneError(
          'SIP_NOT_READY',
          `no call ${command.consultationCallId} on this phone`,
        );
      return call.attendedTransfer(consultation);
    }
  }
}

/** What {@link sharePhone} needs of a tab coordinator. */
export interface PhoneTabs {
  publish(state: MirroredPhoneState): void;
  handleCommands(handler: (command: PhoneCommand) => unknown): void;
}

/**
 * Leader side: mirrors `phone` to followers and runs their commands. Returns the unsubscribe
 * function.
 *
 * @example
 * ```ts
 * const tabs = new TabCoordinator<MirroredPhoneState, PhoneCommand>({ name: 'switchboard-phone-alice' });
 * tabs.onLeadership(() => sharePhone(createPhone(), tabs));
 * tabs.start();
 * ```
 */
export function sharePhone(
  phone: Phone,
  tabs: PhoneTabs,
  options: SharePhoneOptions = {},
): Unsubscribe {
  const publish = () => tabs.publish(mirrorPhone(phone));
  tabs.handleCommands((command) => {
    if (command.type !== 'hand-over') return runPhoneCommand(phone, command);
    if (!options.handOver)
      throw new PhoneError('SIP_NOT_READY', 'this tab does not hand its phone over');
    return options.handOver();
  });
  publish();
  return phone.subscribe(publish);
}
