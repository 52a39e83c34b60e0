import { DisposedError, Subscriptions } from '@switchboard/core/shared';
import type { Disposable, Listener, Subscribable, Unsubscribe } from '@switchboard/core/shared';
import type { Call } from '../phone/call.js';
import type { DomRtcConfiguration } from '../phone/dom-types.js';
import type { Phone } from '../phone/phone.js';
import type { SipSession, SipSessionEvent } from '../phone/sip-transport.js';
import { EventListeners } from '../shared/event-listeners.js';
import type { MonitorMixer, MonitorMixerFactory } from './monitor-mixer.js';
import { MONITOR_HEADER, modeOfDigit, parseMonitorHeader } from './monitor-mode.js';
import type { MonitorMode } from './monitor-mode.js';
import { createWebAudioMixer } from './web-audio-mixer.js';

/** What {@link MonitorResponderOptions.allow} decides on: who wants to do what with which call. */
export interface MonitorPermissionRequest {
  /** The supervisor's address (`sip:user@host`), as the SIP server authenticated it. */
  readonly supervisor: string;
  /** The interaction (the agent's call) to monitor. */
  readonly interactionId: string;
  /** The mode asked for: the first one, or a change. */
  readonly mode: MonitorMode;
}

/** Options of {@link MonitorResponder}. */
export interface MonitorResponderOptions {
  /**
   * Decides every request: the monitor call itself (with its first mode) and each mode change.
   * Refused calls are answered 403; a refused change leaves the mode as it was. A throw refuses.
   */
  allow(request: MonitorPermissionRequest): boolean | Promise<boolean>;
  /** Builds the audio mix for a monitor session. Default: WebAudio in the agent's browser. */
  readonly mixer?: MonitorMixerFactory;
}

/** One monitor session on the agent's side. */
export interface MonitoredCallSnapshot {
  /** The monitor call's SIP session id. */
  readonly id: string;
  readonly supervisor: string;
  readonly interactionId: string;
  /** `starting` until the monitor call is answered and its media exists. */
  readonly status: 'starting' | 'active';
  readonly mode: MonitorMode;
}

/** A read-only view of a {@link MonitorResponder}. */
export interface MonitorResponderSnapshot {
  /** Monitor sessions in progress (ended ones leave the list). */
  readonly sessions: readonly MonitoredCallSnapshot[];
}

/** Why a monitor request was refused. */
export type MonitorRefusal =
  /** `allow` said no (or threw). */
  | 'not-allowed'
  /** No connected call of this phone has that interaction. */
  | 'no-call'
  /** The mix could not be built. */
  | 'mix-failed'
  /** The monitor header was malformed. */
  | 'invalid'
  /** Another supervisor is barging into that call (one voice replaces the agent's track at a time). */
  | 'barge-taken';

/** Events of a {@link MonitorResponder}. */
export type MonitorResponderEvent =
  | { readonly type: 'monitor-started'; readonly session: MonitoredCallSnapshot }
  | {
      readonly type: 'monitor-mode-changed';
      readonly session: MonitoredCallSnapshot;
      readonly previous: MonitorMode;
    }
  | {
      /** A monitor call or a mode change was refused (a refused call is answered 400, 403, 404, 486 or 500). */
      readonly type: 'monitor-refused';
      readonly supervisor: string;
      readonly interactionId: string | undefined;
      readonly mode: MonitorMode | undefined;
      readonly reason: MonitorRefusal;
      readonly error?: unknown;
    }
  | { readonly type: 'monitor-ended'; readonly session: MonitoredCallSnapshot };

interface Entry {
  snapshot: MonitoredCallSnapshot;
  readonly session: SipSession;
  mixer: MonitorMixer | undefined;
  ended: boolean;
  readonly offs: Unsubscribe[];
}

/** The header the routing service puts on the calls it delivers to agents. */
const ROUTED_HEADER = 'X-Switchboard-Interaction';

const REFUSAL_STATUS: Readonly<Record<MonitorRefusal, number>> = {
  invalid: 400,
  'not-allowed': 403,
  'no-call': 404,
  'mix-failed': 500,
  'barge-taken': 486,
};

/**
 * The agent's side of supervisor monitoring. It takes the phone's incoming monitor calls (INVITEs
 * with an `X-Switchboard-Monitor: <interactionId>;mode=<mode>` header) before they ring, asks
 * `allow`, and answers with the mix of the customer and the agent; the supervisor's audio is played
 * to the agent in `whisper` and also sent to the customer in `barge`. Modes change without a new
 * call: the supervisor sends one SIP INFO digit (4 listen, 5 whisper, 6 barge), and `allow` is asked
 * again. A monitor session ends with the monitored call, when the supervisor hangs up, or on
 * `dispose()`.
 *
 * ```text
 *  INVITE --allow? call? mix?--> starting --ACK--> active --BYE / call ended / dispose--> (removed)
 *     '--no--> 400/403/404/500 (monitor-refused)     '--INFO 4|5|6, allow?--> mode changed
 * ```
 *
 * Without a responder a phone treats monitor calls as ordinary incoming calls.
 *
 * @example
 * ```ts
 * import { MonitorResponder } from '@switchboard/webrtc';
 * const supervisors = new Set(['sip:sue@example.com']);
 * const monitoring = new MonitorResponder(phone, {
 *   allow: ({ supervisor, mode }) => supervisors.has(supervisor) && mode !== 'barge',
 * });
 * monitoring.subscribe((s) => s.sessions.length, (n) => console.log(`${n} supervisor(s) listening`));
 * // when the agent logs out
 * monitoring.dispose();
 * ```
 */
export class MonitorResponder implements Subscribable<MonitorResponderSnapshot>, Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Who barges into each interaction: taken when granted, before the track is switched. */
  private readonly barging = new Map<string, Entry>();
  private readonly subscriptions = new Subscriptions<MonitorResponderSnapshot>(
    () => this.getSnapshot(),
    { owner: 'MonitorResponder' },
  );
  private readonly events = new EventListeners<MonitorResponderEvent>();
  private snapshot: MonitorResponderSnapshot | undefined;
  private readonly offIntercept: Unsubscribe;
  private readonly mixerFactory: MonitorMixerFactory;
  private disposed = false;

  constructor(
    private readonly phone: Phone,
    private readonly options: MonitorResponderOptions,
  ) {
    this.mixerFactory = options.mixer ?? ((call) => createWebAudioMixer(call));
    this.offIntercept = phone.interceptIncoming((session, rtc) => this.intercept(session, rtc));
  }

  getSnapshot(): MonitorResponderSnapshot {
    this.snapshot ??= { sessions: [...this.entries.values()].map((e) => e.snapshot) };
    return this.snapshot;
  }

  /**
   * Calls `listener` with the snapshot after each batch of changes, or with `selector(snapshot)`
   * only when that slice changed. Returns the unsubscribe function.
   */
  readonly subscribe: Subscribable<MonitorResponderSnapshot>['subscribe'] =
    this.subscriptions.subscribe;

  /** Listens to monitor sessions starting, changing mode, ending and being refused. */
  onEvent(listener: Listener<MonitorResponderEvent>): Unsubscribe {
    return this.events.add(listener);
  }

  /**
   * Ends every monitor session (the customer hears the agent's own track again), stops taking
   * monitor calls and drops every listener. Idempotent; afterwards `end` throws `DisposedError`.
   */
  dispose(): void {
    if (this.disposed) return;
    this.offIntercept();
    for (const entry of [...this.entries.values()]) this.finish(entry, true);
    this.disposed = true;
    this.subscriptions.dispose();
    this.events.clear();
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Ends the monitor session `id` (a BYE to the supervisor); unknown ids are ignored. */
  end(id: string): void {
    if (this.disposed) throw new DisposedError('MonitorResponder', 'end');
    const entry = this.entries.get(id);
    if (entry) this.finish(entry, true);
  }

  private intercept(session: SipSession, rtc: DomRtcConfiguration): boolean {
    const header = session.header(MONITOR_HEADER);
    // A call the router delivered (it carries the interaction it is) comes from a customer, maybe
    // from an unauthenticated trunk: whatever headers the caller added, it is never a monitor call.
    if (header === undefined || session.header(ROUTED_HEADER) !== undefined) return false;
    const request = parseMonitorHeader(header);
    if (!request) {
      this.refuse(session, 'invalid', undefined, undefined);
      return true;
    }
    const call = this.phone
      .getCalls()
      .find(
        (c) =>
          c.getSnapshot().interactionId === request.interactionId &&
          (c.getSnapshot().status === 'connected' || c.getSnapshot().status === 'held'),
      );
    if (!call) {
      this.refuse(session, 'no-call', request.interactionId, request.mode);
      return true;
    }
    const entry: Entry = {
      snapshot: {
        id: session.id,
        supervisor: session.remoteUri,
        interactionId: request.interactionId,
        status: 'starting',
        mode: request.mode,
      },
      session,
      mixer: undefined,
      ended: false,
      offs: [],
    };
    this.entries.set(session.id, entry);
    entry.offs.push(session.on((e) => this.onSessionEvent(entry, e)));
    entry.offs.push(
      call.onEvent((e) => {
        if (e.type === 'status-changed' && e.status === 'ended') this.finish(entry, true);
      }),
    );
    this.changed();
    void this.start(entry, call, rtc);
    return true;
  }

  private async start(entry: Entry, call: Call, rtc: DomRtcConfiguration): Promise<void> {
    const { supervisor, interactionId, mode } = entry.snapshot;
    if (!(await this.allowed({ supervisor, interactionId, mode }))) {
      if (!entry.ended) this.refuseEntry(entry, 'not-allowed');
      return;
    }
    if (entry.ended) return;
    if (mode === 'barge' && !this.takeBarge(entry)) {
      this.refuseEntry(entry, 'barge-taken');
      return;
    }
    let mixer: MonitorMixer | undefined;
    try {
      mixer = await this.mixerFactory(call);
      if (!entry.ended) await mixer.setMode(mode);
    } catch (error) {
      mixer?.dispose();
      if (!entry.ended) this.refuseEntry(entry, 'mix-failed', error);
      return;
    }
    if (entry.ended) {
      mixer.dispose();
      return;
    }
    entry.mixer = mixer;
    entry.session.answer({ mediaStream: mixer.toSupervisor, rtcConfiguration: rtc });
  }

  private onSessionEvent(entry: Entry, event: SipSessionEvent): void {
    if (entry.ended) return;
    if (event.type === 'confirmed' && entry.snapshot.status === 'starting') {
      const connection = entry.session.connection;
      if (connection) entry.mixer?.setSupervisor(connection);
      this.update(entry, { status: 'active' });
      this.events.emit({ type: 'monitor-started', session: entry.snapshot });
    } else if (event.type === 'dtmf' && event.originator === 'remote') {
      const mode = modeOfDigit(event.tone);
      if (mode && mode !== entry.snapshot.mode) void this.changeMode(entry, mode);
    } else if (event.type === 'ended') {
      this.finish(entry, false);
    }
  }

  private async changeMode(entry: Entry, mode: MonitorMode): Promise<void> {
    const { supervisor, interactionId } = entry.snapshot;
    if (!(await this.allowed({ supervisor, interactionId, mode }))) {
      if (!entry.ended)
        this.events.emit({
          type: 'monitor-refused',
          supervisor,
          interactionId,
          mode,
          reason: 'not-allowed',
        });
      return;
    }
    if (entry.ended) return;
    if (mode === 'barge' && !this.takeBarge(entry)) {
      this.events.emit({
        type: 'monitor-refused',
        supervisor,
        interactionId,
        mode,
        reason: 'barge-taken',
      });
      return;
    }
    if (mode !== 'barge') this.releaseBarge(entry);
    const previous = entry.snapshot.mode;
    try {
      await entry.mixer?.setMode(mode);
    } catch (error) {
      if (mode === 'barge') this.releaseBarge(entry);
      // the customer's track could not be switched: the mode stays as it was, and says so
      if (!entry.ended)
        this.events.emit({
          type: 'monitor-refused',
          supervisor,
          interactionId,
          mode,
          reason: 'mix-failed',
          error,
        });
      return;
    }
    if (entry.ended) return;
    this.update(entry, { mode });
    this.events.emit({ type: 'monitor-mode-changed', session: entry.snapshot, previous });
  }

  private takeBarge(entry: Entry): boolean {
    const holder = this.barging.get(entry.snapshot.interactionId);
    if (holder && holder !== entry) return false;
    this.barging.set(entry.snapshot.interactionId, entry);
    return true;
  }

  private releaseBarge(entry: Entry): void {
    if (this.barging.get(entry.snapshot.interactionId) === entry)
      this.barging.delete(entry.snapshot.interactionId);
  }

  private async allowed(request: MonitorPermissionRequest): Promise<boolean> {
    try {
      return (await this.options.allow(request)) === true;
    } catch {
      // a failing policy refuses: monitoring is never granted by accident
      return false;
    }
  }

  private refuseEntry(entry: Entry, reason: MonitorRefusal, error?: unknown): void {
    this.finish(entry, false, false);
    this.refuse(entry.session, reason, entry.snapshot.interactionId, entry.snapshot.mode, error);
  }

  private refuse(
    session: SipSession,
    reason: MonitorRefusal,
    interactionId: string | undefined,
    mode: MonitorMode | undefined,
    error?: unknown,
  ): void {
    session.terminate({ statusCode: REFUSAL_STATUS[reason], reason: `Monitoring ${reason}` });
    this.events.emit({
      type: 'monitor-refused',
      supervisor: session.remoteUri,
      interactionId,
      mode,
      reason,
      ...(error === undefined ? {} : { error }),
    });
  }

  /** Ends `entry`: hangs up the monitor call when `hangup`, restores the customer's audio. */
  private finish(entry: Entry, hangup: boolean, report = true): void {
    if (entry.ended) return;
    entry.ended = true;
    this.releaseBarge(entry);
    for (const off of entry.offs.splice(0)) off();
    entry.mixer?.dispose();
    if (hangup) entry.session.terminate();
    this.entries.delete(entry.session.id);
    this.changed();
    if (report) this.events.emit({ type: 'monitor-ended', session: entry.snapshot });
  }

  private update(entry: Entry, patch: Partial<MonitoredCallSnapshot>): void {
    entry.snapshot = { ...entry.snapshot, ...patch };
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }
}
