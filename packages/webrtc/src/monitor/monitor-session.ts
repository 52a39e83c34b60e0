import { DisposedError, Subscriptions } from '@switchboard/core/shared';
import type { Disposable, Subscribable, Unsubscribe } from '@switchboard/core/shared';
import type { Call } from '../phone/call.js';
import type { Phone } from '../phone/phone.js';
import { MonitorError } from './monitor-error.js';
import { MODE_DIGITS, formatMonitorHeader } from './monitor-mode.js';
import type { MonitorMode } from './monitor-mode.js';

/** Options of {@link monitorAgent}. */
export interface MonitorAgentOptions {
  /** The agent's phone: a user name, `user@host` or SIP URI, as for `phone.call()`. */
  readonly agent: string;
  /** The interaction (the agent's call) to monitor. */
  readonly interactionId: string;
  /** The mode to start in. Default `listen`. */
  readonly mode?: MonitorMode;
}

/** Status of a {@link MonitorSession}. */
export type MonitorSessionStatus = 'connecting' | 'active' | 'ended';

/** A read-only view of a {@link MonitorSession}. */
export interface MonitorSessionSnapshot {
  readonly status: MonitorSessionStatus;
  /** The mode asked for last (the agent's phone applies it when its `allow` agrees). */
  readonly mode: MonitorMode;
  readonly agent: string;
  readonly interactionId: string;
  /** Why the session ended, when it failed rather than being hung up. */
  readonly error: MonitorError | undefined;
}

const FAILURES: Readonly<Record<number, { code: MonitorError['code']; hint: string }>> = {
  400: { code: 'MONITOR_REFUSED', hint: 'The monitor request was malformed.' },
  403: { code: 'MONITOR_REFUSED', hint: 'The agent’s phone does not allow you to monitor.' },
  404: { code: 'MONITOR_NOT_FOUND', hint: 'The agent is no longer on that call.' },
  486: { code: 'MONITOR_REFUSED', hint: 'Another supervisor is barging into that call.' },
  500: { code: 'MONITOR_MIX_FAILED', hint: 'The agent’s browser could not share the call audio.' },
};

/**
 * The supervisor's side of monitoring one agent's call: a call to the agent's phone (which answers
 * it through its {@link MonitorResponder}) that brings the customer and the agent, mixed; in
 * `whisper` and `barge` the supervisor's microphone goes out too (the agent's phone decides who
 * hears it). In `listen` the supervisor's microphone is muted here as well.
 *
 * ```text
 *  connecting --answered--> active --setMode(listen|whisper|barge)--> active
 *      '--refused (403/404/500...)--> ended (error)      '--hangup / agent's call ended--> ended
 * ```
 */
export class MonitorSession implements Subscribable<MonitorSessionSnapshot>, Disposable {
  /** The monitor call on the supervisor's phone (its stats, its remote audio). */
  readonly call: Call;
  private status: MonitorSessionStatus = 'connecting';
  private mode: MonitorMode;
  private error: MonitorError | undefined;
  private snapshot: MonitorSessionSnapshot | undefined;
  private readonly subscriptions = new Subscriptions<MonitorSessionSnapshot>(
    () => this.getSnapshot(),
    { owner: 'MonitorSession' },
  );
  private readonly offCall: Unsubscribe;
  private disposed = false;

  /** Sessions are made by {@link monitorAgent}. @internal */
  constructor(
    phone: Phone,
    private readonly options: MonitorAgentOptions,
  ) {
    this.mode = options.mode ?? 'listen';
    this.call = phone.call(options.agent, {
      headers: [formatMonitorHeader({ interactionId: options.interactionId, mode: this.mode })],
    });
    this.offCall = this.call.onEvent((e) => {
      if (e.type === 'status-changed' && e.status === 'connected' && this.status === 'connecting') {
        this.applyMute();
        this.setStatus('active');
      } else if (e.type === 'failed' || e.type === 'ended') {
        if (e.type === 'failed' && e.originator !== 'local')
          this.error = failure(e.statusCode, e.error);
        this.setStatus('ended');
      }
    });
  }

  getSnapshot(): MonitorSessionSnapshot {
    this.snapshot ??= {
      status: this.status,
      mode: this.mode,
      agent: this.options.agent,
      interactionId: this.options.interactionId,
      error: this.error,
    };
    return this.snapshot;
  }

  /** Calls `listener` after each batch of changes (or for a selected slice); returns the unsubscribe function. */
  readonly subscribe: Subscribable<MonitorSessionSnapshot>['subscribe'] =
    this.subscriptions.subscribe;

  /**
   * Resolves when the session is `status`; rejects with the session's {@link MonitorError} if it
   * ends first (or a `MONITOR_NOT_ACTIVE` one when it was hung up).
   */
  when(status: MonitorSessionStatus): Promise<MonitorSessionSnapshot> {
    return new Promise((resolve, reject) => {
      const check = (s: MonitorSessionSnapshot): boolean => {
        if (s.status === status) resolve(s);
        else if (s.status === 'ended')
          reject(s.error ?? new MonitorError('MONITOR_NOT_ACTIVE', `ended before '${status}'`));
        else return false;
        return true;
      };
      if (check(this.getSnapshot())) return;
      const off = this.subscribe((s) => {
        if (check(s)) off();
      });
    });
  }

  /**
   * Switches to `mode` without a new call (one SIP INFO digit to the agent's phone, which asks its
   * `allow` again, and may refuse: asking again later is fine).
   *
   * @throws MonitorError `MONITOR_NOT_ACTIVE` unless the session is active.
   */
  setMode(mode: MonitorMode): void {
    this.alive('setMode');
    if (this.status !== 'active') {
      throw new MonitorError('MONITOR_NOT_ACTIVE', `cannot change the mode while ${this.status}`, {
        hint: 'Wait until the monitor call is connected.',
      });
    }
    // sent even when it is the mode asked for last: the agent's phone may have refused it then
    this.mode = mode;
    this.applyMute();
    this.call.sendDtmf(MODE_DIGITS[mode], 'info');
    this.changed();
  }

  /** Stops monitoring (hangs up the monitor call). */
  hangup(): void {
    this.alive('hangup');
    this.call.hangup();
  }

  /** Hangs up if needed and drops every listener. Idempotent; afterwards commands throw `DisposedError`. */
  dispose(): void {
    if (this.disposed) return;
    if (this.status !== 'ended') this.call.hangup();
    this.disposed = true;
    this.offCall();
    this.subscriptions.dispose();
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  private applyMute(): void {
    // the agent's phone is the authority (it does not play a listener's audio); muting here too
    // keeps a listening supervisor's room off the wire
    this.call.setMuted(this.mode === 'listen');
  }

  private setStatus(status: MonitorSessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('MonitorSession', command);
  }
}

function failure(statusCode: number | undefined, cause: unknown): MonitorError {
  const known = statusCode === undefined ? undefined : FAILURES[statusCode];
  if (known)
    return new MonitorError(known.code, `the agent's phone answered ${statusCode}`, {
      hint: known.hint,
      statusCode,
      ...(cause === undefined ? {} : { cause }),
    });
  return new MonitorError('MONITOR_CALL_FAILED', 'the monitor call failed', {
    retryable: true,
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Starts monitoring an agent's call from a supervisor's phone. The agent's phone must run a
 * {@link MonitorResponder} that allows it.
 *
 * @throws InvalidTargetError for a malformed agent address; `RangeError` for a malformed
 *   interaction id (both before any SIP is sent).
 *
 * @example
 * ```ts
 * import { monitorAgent } from '@switchboard/webrtc';
 * const session = monitorAgent(phone, { agent: 'carol', interactionId: 'ix-42' });
 * await session.when('active'); // the supervisor hears the customer and Carol
 * session.setMode('whisper'); // Carol hears the supervisor; the customer does not
 * session.hangup();
 * ```
 */
export function monitorAgent(phone: Phone, options: MonitorAgentOptions): MonitorSession {
  return new MonitorSession(phone, options);
}
