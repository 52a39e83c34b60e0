import type { PhoneControl } from './phone-control.js';
import { refreshRegistration } from './refresh-registration.js';
import { DisposedError, Subscriptions, randomIds, systemClock } from '@switchboard/core/shared';
import type {
  Clock,
  Disposable,
  IdSource,
  Listener,
  Subscribable,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import { Call } from './call.js';
import type { CallSnapshot } from './call.js';
import type { CallContext } from './call-types.js';
import { microphoneError } from './call-end.js';
import type { QualityThresholds } from '../quality/quality-monitor.js';
import { PhoneError } from './phone-error.js';
import { parseSipAddress } from './sip-address.js';
import type {
  DtmfTransport,
  SipCallOptions,
  SipServerRef,
  SipSession,
  SipTransport,
  SipTransportEvent,
} from './sip-transport.js';
import { EventListeners } from '../shared/event-listeners.js';
import type { DomRtcConfiguration } from './dom-types.js';

/** Takes an incoming session before it becomes a call; true when it took it. @internal */
export type IncomingInterceptor = (
  session: SipSession,
  rtcConfiguration: DomRtcConfiguration,
) => boolean;

/** Registration and connection state of a {@link Phone}. */
export const PhoneStatus = {
  idle: 'idle',
  connecting: 'connecting',
  registered: 'registered',
  connected: 'connected',
  reconnecting: 'reconnecting',
  failed: 'failed',
  stopped: 'stopped',
} as const;

/** One of {@link PhoneStatus}. */
export type PhoneStatus = (typeof PhoneStatus)[keyof typeof PhoneStatus];

/** Where a phone gets its microphone stream. The browser default is a `DeviceManager`. */
export interface MediaSource {
  /** A fresh (or shared) microphone stream for a new call. */
  acquire(): Promise<MediaStream | undefined>;
  /** The call no longer needs `stream`. */
  release(stream: MediaStream | undefined): void;
  /** A call's peer connection exists (so device switches can reach it). */
  attachConnection?(connection: RTCPeerConnection): void;
  /** A call's remote audio arrived: play it. */
  playRemote?(stream: MediaStream): void;
}

/** Options of {@link Phone}. */
export interface PhoneOptions {
  /** The signalling transport (a `JsSipTransport` in browsers, `FakeSipTransport` in tests). */
  readonly transport: SipTransport;
  /** Domain used to complete targets given without one (`bob` -> `sip:bob@domain`). Default: the URI's host. */
  readonly domain?: string;
  /** The agent this phone belongs to; recorded on every interaction. */
  readonly agentId?: string;
  /** STUN/TURN servers. Default none. */
  readonly iceServers?: readonly RTCIceServer[];
  /** Lines (simultaneous calls). Default 4. */
  readonly maxLines?: number;
  /** Answer incoming calls by themselves after `delayMs` (0 = at once). Default off. */
  readonly autoAnswer?: false | { readonly delayMs: number };
  /** DTMF transport by default. Default `rfc4733`. */
  readonly dtmfTransport?: DtmfTransport;
  /** How long a call stays `reconnecting` before it ends with `SIP_TRANSPORT_LOST`. Default 30000 ms. */
  readonly reconnectGraceMs?: number;
  /** How long `start()` waits for a registration. Default 10000 ms. */
  readonly registerTimeoutMs?: number;
  /** ICE `disconnected` for this long triggers an ICE restart. Default 2000 ms. */
  readonly iceRestartDelayMs?: number;
  /** Headers added to every outgoing INVITE (`Name: value`). */
  readonly headers?: readonly string[];
  /** Extra incoming header names to copy onto the call and its interaction (besides X-Switchboard-*). */
  readonly readHeaders?: readonly string[];
  /** `auto` completes wrap-up when a call ends; `manual` waits for `call.completeWrapUp()`. Default manual. */
  readonly wrapUp?: 'manual' | 'auto';
  /** Live call quality sampling (getStats every `intervalMs`). Default every 2000 ms; false disables. */
  readonly quality?:
    false | { readonly intervalMs: number; readonly thresholds?: Partial<QualityThresholds> };
  /**
   * Microphone source (a `DeviceManager` in browsers). Without one, no microphone is ever asked
   * for: calls are negotiated receive-only (you hear the other party, nothing is sent), which suits
   * bots, monitoring and tests. RFC 4733 DTMF needs an audio track, so such calls send DTMF by INFO.
   */
  readonly media?: MediaSource;
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

/** A read-only view of a phone. */
export interface PhoneSnapshot {
  readonly status: PhoneStatus;
  /** The WebSocket server in use. */
  readonly server: SipServerRef | undefined;
  readonly calls: readonly CallSnapshot[];
  /** The last error, cleared by a successful registration. */
  readonly error: PhoneError | undefined;
}

/** Events of a {@link Phone}. */
export type PhoneEvent =
  | {
      readonly type: 'status-changed';
      readonly status: PhoneStatus;
      readonly previous: PhoneStatus;
    }
  | { readonly type: 'incoming-call'; readonly call: Call }
  | { readonly type: 'call-added'; readonly call: Call }
  | { readonly type: 'call-ended'; readonly call: Call }
  | { readonly type: 'server-changed'; readonly server: SipServerRef }
  | { readonly type: 'error'; readonly error: PhoneError };

/**
 * A softphone: registers through a {@link SipTransport}, places and receives calls on several
 * lines, and binds every call to a core interaction. Survives signalling drops: calls go
 * `reconnecting` and come back when the transport reconnects (to the same or the next server).
 *
 * ```text
 *  idle --start--> connecting --registered--> registered --ws drop--> reconnecting --registered--> registered
 *                      '--bad password / timeout / no SIP stack--> failed
 *  registered --unregister()--> connected --register()--> registered          stop() --> stopped
 * ```
 *
 * @example
 * ```ts
 * const phone = new Phone({ transport: new JsSipTransport({ uri, password, servers }), media: new DeviceManager() });
 * await phone.start();
 * const call = phone.call('bob', { headers: ['X-Switchboard-Interaction: ix-42'] });
 * await call.when('connected');
 * ```
 */
export class Phone implements PhoneControl, Subscribable<PhoneSnapshot>, Disposable {
  private status: PhoneStatus = 'idle';
  private server: SipServerRef | undefined;
  private error: PhoneError | undefined;
  private readonly calls = new Map<string, Call>();
  private readonly subscriptions = new Subscriptions<PhoneSnapshot>(() => this.getSnapshot());
  private disposed = false;
  private readonly events = new EventListeners<PhoneEvent>();
  private snapshot: PhoneSnapshot | undefined;
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly domain: string;
  private unsubscribeTransport: Unsubscribe | undefined;
  private readonly ctx: CallContext;
  private registered = false;
  private everRegistered = false;
  private wantRegistered = true;
  private interceptors: readonly IncomingInterceptor[] = [];

  constructor(private readonly options: PhoneOptions) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.domain = options.domain ?? hostOf(options.transport.uri);
    const media = options.media;
    this.ctx = {
      clock: this.clock,
      dtmfTransport: options.dtmfTransport ?? 'rfc4733',
      reconnectGraceMs: options.reconnectGraceMs ?? 30_000,
      iceRestartDelayMs: options.iceRestartDelayMs ?? 2000,
      wrapUp: options.wrapUp ?? 'manual',
      quality: options.quality ?? { intervalMs: 2000 },
      agentId: options.agentId,
      callOptions: async (headers) => ({
        headers,
        mediaStream: media ? await media.acquire() : undefined,
        rtcConfiguration: { iceServers: [...(options.iceServers ?? [])] },
      }),
      isTransportUp: () => this.options.transport.isConnected(),
      adopt: (call) => this.addCall(call),
      callChanged: (call) => {
        if (this.calls.get(call.id) === call) this.changed();
      },
      releaseMedia: (call) => media?.release(call.localStream),
      peerConnection: (pc) => {
        media?.attachConnection?.(pc);
        if (media?.playRemote) {
          pc.addEventListener('track', (e: RTCTrackEvent) => {
            const stream = e.streams[0] ?? new MediaStream([e.track]);
            media.playRemote?.(stream);
          });
        }
      },
    };
  }

  /** The transport this phone signals through. */
  get transport(): SipTransport {
    return this.options.transport;
  }

  /** The phone's own SIP address (its transport's). */
  get uri(): string {
    return this.options.transport.uri;
  }

  getSnapshot(): PhoneSnapshot {
    this.snapshot ??= {
      status: this.status,
      server: this.server,
      calls: [...this.calls.values()].map((c) => c.getSnapshot()),
      error: this.error,
    };
    return this.snapshot;
  }

  /**
   * Calls `listener` with the snapshot after each batch of changes (once per microtask), or with
   * `selector(snapshot)` only when that slice changed. Returns the unsubscribe function.
   *
   * @example
   * ```ts
   * phone.subscribe((s) => s.status, (status) => showStatus(status));
   * ```
   */
  readonly subscribe: Subscribable<PhoneSnapshot>['subscribe'] = this.subscriptions.subscribe;

  /** Listens to phone events (incoming calls, status changes, typed errors). */
  onEvent(listener: Listener<PhoneEvent>): Unsubscribe {
    return this.events.add(listener);
  }

  /** Active (not ended) calls. */
  getCalls(): Call[] {
    return [...this.calls.values()].filter((c) => c.getSnapshot().status !== 'ended');
  }

  getCall(id: string): Call | undefined {
    return this.calls.get(id);
  }

  /**
   * Connects and registers. Resolves once registered; rejects with a {@link PhoneError}
   * (`SIP_REGISTRATION_FAILED` for refused credentials, `SIP_TRANSPORT_UNREACHABLE` when no server
   * answered within `registerTimeoutMs`, `SIP_STACK_UNAVAILABLE` when JsSIP cannot be loaded, with
   * the loader's error as `cause`).
   */
  start(): Promise<void> {
    this.alive('start');
    if (this.status === 'registered') return Promise.resolve();
    this.wantRegistered = true;
    this.unsubscribeTransport ??= this.options.transport.on((e) => this.onTransportEvent(e));
    this.setStatus('connecting');
    const registered = this.awaitRegistration();
    this.options.transport.connect();
    return registered;
  }

  /**
   * Registers again after {@link Phone.unregister} (the connection stayed up). Resolves once
   * registered; rejects like {@link Phone.start}. With `refresh`, a phone that says it is
   * registered sends a fresh REGISTER and resolves when the registrar confirms it: after a sleep
   * its refresh timer may not have run, and the registrar may have let the binding expire.
   *
   * @throws PhoneError `SIP_NOT_READY` (as a rejection) when the phone is not connected.
   */
  register(options: { readonly refresh?: boolean } = {}): Promise<void> {
    this.alive('register');
    if (this.status === 'registered')
      return options.refresh
        ? refreshRegistration(this.options.transport, this.clock, {
            timeoutMs: this.options.registerTimeoutMs ?? 10_000,
            error: () => this.error,
          })
        : Promise.resolve();
    if (this.status !== 'connected') {
      return Promise.reject(
        new PhoneError('SIP_NOT_READY', `cannot register while ${this.status}`, {
          hint: 'Start the phone first.',
        }),
      );
    }
    this.wantRegistered = true;
    const registered = this.awaitRegistration();
    this.options.transport.register();
    return registered;
  }

  /**
   * Stops receiving calls without disconnecting: sends REGISTER with expires 0 and stays
   * `connected`; calls in progress go on, and new outgoing calls are still possible. The phone
   * does not register again after a reconnection until {@link Phone.register}. Resolves when the
   * registrar confirmed.
   */
  unregister(): Promise<void> {
    this.alive('unregister');
    this.wantRegistered = false;
    if (!this.registered) {
      if (this.status === 'registered') this.setStatus('connected');
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve, reject) => {
      const timeoutMs = this.options.registerTimeoutMs ?? 10_000;
      const timer = this.clock.setTimeout(() => {
        off();
        reject(
          new PhoneError(
            'SIP_NOT_READY',
            `no answer to the unregistration within ${timeoutMs} ms`,
            {
              retryable: true,
            },
          ),
        );
      }, timeoutMs);
      const off = this.onEvent((e) => {
        if (e.type === 'status-changed' && e.status !== 'registered') {
          off();
          this.clock.clearTimeout(timer);
          resolve();
        }
      });
    });
    this.options.transport.unregister();
    return done;
  }

  private awaitRegistration(): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined;
      const off = this.onEvent((e) => {
        if (e.type === 'status-changed' && e.status === 'registered') {
          done();
          resolve();
        } else if (
          e.type === 'error' &&
          (e.error.code === 'SIP_REGISTRATION_FAILED' ||
            e.error.code === 'SIP_TRANSPORT_UNREACHABLE' ||
            e.error.code === 'SIP_STACK_UNAVAILABLE' ||
            e.error.code === 'SIP_INVALID_CONFIG')
        ) {
          done();
          reject(e.error);
        }
      });
      const done = () => {
        off();
        if (timer !== undefined) this.clock.clearTimeout(timer);
      };
      const timeoutMs = this.options.registerTimeoutMs ?? 10_000;
      timer = this.clock.setTimeout(() => {
        timer = undefined;
        if (this.status === 'registered') return;
        const connected = this.options.transport.isConnected();
        const error = new PhoneError(
          connected ? 'SIP_REGISTRATION_FAILED' : 'SIP_TRANSPORT_UNREACHABLE',
          connected
            ? `no answer to REGISTER within ${timeoutMs} ms`
            : `no SIP server answered within ${timeoutMs} ms`,
          {
            retryable: true,
            hint: 'The phone server cannot be reached. Check the network or try again later.',
          },
        );
        this.setStatus('failed');
        this.fail(error);
      }, timeoutMs);
    });
  }

  /**
   * Goes offline but stays usable: hangs up every call, unregisters and closes the connection
   * (status `stopped`); {@link Phone.start} brings it back. Use {@link Phone.dispose} to be done
   * with the phone for good.
   */
  stop(): void {
    this.alive('stop');
    this.goOffline();
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Done with the phone: {@link Phone.stop} (when not stopped already), disposes every call and
   * drops every listener and the transport subscription. Idempotent; afterwards commands throw
   * `DisposedError` (the last snapshot stays readable).
   */
  dispose(): void {
    if (this.disposed) return;
    if (this.status !== 'stopped' && this.status !== 'idle') this.goOffline();
    this.unsubscribeTransport?.();
    this.unsubscribeTransport = undefined;
    this.disposed = true;
    for (const call of this.calls.values()) call.dispose();
    this.subscriptions.dispose();
    this.events.clear();
  }

  private goOffline(): void {
    for (const call of this.getCalls()) call.hangup();
    try {
      if (this.registered) this.options.transport.unregister();
      this.options.transport.disconnect();
    } catch (error) {
      // a transport disposed before its phone is offline already
      if (!(error instanceof DisposedError)) throw error;
    }
    this.unsubscribeTransport?.();
    this.unsubscribeTransport = undefined;
    this.registered = false;
    this.setStatus('stopped');
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('Phone', command);
  }

  /**
   * Calls `target`: a `sip:`/`sips:` URI with parameters and `?headers`, a name-addr
   * (`"Bob" <sip:bob@host>`), `user@host`, a user name or a number (see {@link parseSipAddress}).
   * The returned {@link Call} exists at once, before the microphone is granted: subscribe to it
   * right away and no event is missed.
   *
   * @throws InvalidTargetError for a malformed target, before any SIP is sent.
   * @throws PhoneError `SIP_NOT_READY` when not connected or every line is busy.
   */
  call(
    target: string,
    options: { headers?: readonly string[]; interactionId?: string } = {},
  ): Call {
    this.alive('call');
    const address = parseSipAddress(target, this.domain);
    if (this.status !== 'registered' && this.status !== 'connected') {
      throw new PhoneError('SIP_NOT_READY', `cannot call while ${this.status}`, {
        retryable: true,
        hint: 'Wait until the phone is online.',
      });
    }
    if (this.getCalls().length >= (this.options.maxLines ?? 4)) {
      throw new PhoneError('SIP_NOT_READY', 'every line is busy', {
        retryable: true,
        hint: 'Hang up or transfer a call first.',
      });
    }
    for (const header of options.headers ?? []) {
      if (!/^[A-Za-z0-9-]+:\s?[^\r\n]*$/.test(header)) {
        throw new PhoneError(
          'SIP_INVALID_TARGET',
          `invalid header ${JSON.stringify(header)}: use 'Name: value'`,
        );
      }
    }
    const id = this.ids('call');
    const interactionId = options.interactionId ?? id;
    const headers = [
      ...(this.options.headers ?? []),
      ...address.headers,
      ...(options.headers ?? []),
    ];
    if (options.interactionId !== undefined)
      headers.push(`X-Switchboard-Interaction: ${interactionId}`);
    const call = new Call(this.ctx, {
      id,
      direction: 'outgoing',
      remoteUri: address.uri,
      interactionId,
      ...(address.displayName !== undefined ? { displayName: address.displayName } : {}),
    });
    this.addCall(call);
    void this.ctx.callOptions(headers).then(
      (callOptions: SipCallOptions) => {
        if (call.getSnapshot().status === 'ended') {
          this.options.media?.release(callOptions.mediaStream);
          return;
        }
        call.setLocalStream(callOptions.mediaStream);
        try {
          call.attach(this.options.transport.call(address.uri, callOptions));
        } catch (error) {
          // The SIP stack threw instead of starting a session: the call fails rather than dialling
          // forever with nothing on the wire.
          call.fail(
            new PhoneError('SIP_NOT_READY', 'the SIP stack could not start the call', {
              cause: error,
            }),
            'local',
          );
        }
      },
      (error: unknown) => call.fail(microphoneError(error), 'local'),
    );
    return call;
  }

  /**
   * Lets a feature of this package take incoming sessions before they become calls (monitor calls:
   * `MonitorResponder`). Returns the function that removes `interceptor`.
   *
   * @internal
   */
  interceptIncoming(interceptor: IncomingInterceptor): Unsubscribe {
    this.alive('interceptIncoming');
    this.interceptors = [...this.interceptors, interceptor];
    return () => {
      this.interceptors = this.interceptors.filter((i) => i !== interceptor);
    };
  }

  /** Drops the connection and reconnects to the primary server (used for fail-back when idle). */
  failback(): void {
    this.alive('failback');
    this.options.transport.failback();
  }

  private onTransportEvent(event: SipTransportEvent): void {
    switch (event.type) {
      case 'connecting':
        if (this.status !== 'reconnecting' && this.status !== 'stopped')
          this.setStatus(this.everRegistered ? 'reconnecting' : 'connecting');
        break;
      case 'connected':
        if (this.server?.url !== event.server.url)
          this.emit({ type: 'server-changed', server: event.server });
        this.server = event.server;
        this.changed();
        if (!this.wantRegistered && this.status !== 'stopped') {
          // unregistered on purpose: connected is as far as the phone goes
          this.setStatus('connected');
          for (const call of this.getCalls()) call.transportRecovered();
        }
        break;
      case 'disconnected':
        this.registered = false;
        if (this.status === 'stopped') return;
        if (this.everRegistered || this.status === 'registered') this.setStatus('reconnecting');
        for (const call of this.getCalls()) call.transportLost();
        break;
      case 'registered':
        this.registered = true;
        this.everRegistered = true;
        this.error = undefined;
        this.setStatus('registered');
        for (const call of this.getCalls()) call.transportRecovered();
        break;
      case 'unregistered':
        this.registered = false;
        if (this.status === 'registered') this.setStatus('connected');
        break;
      case 'registration-failed': {
        this.registered = false;
        const auth =
          event.statusCode === 401 ||
          event.statusCode === 403 ||
          event.statusCode === 407 ||
          /auth/i.test(event.reason);
        if (!auth && !event.statusCode) return; // transport-level failure: the reconnect logic handles it
        const error = new PhoneError(
          'SIP_REGISTRATION_FAILED',
          `registration refused: ${event.reason}${event.statusCode ? ` (${event.statusCode})` : ''}`,
          {
            statusCode: event.statusCode,
            retryable: !auth,
            hint: auth
              ? 'Check the user name and password.'
              : 'The phone server refused the registration; try again later.',
          },
        );
        this.setStatus('failed');
        this.fail(error);
        break;
      }
      case 'incoming-call':
        this.onIncoming(event.session);
        break;
      case 'failed': {
        const load = event.stage === 'load';
        this.setStatus('failed');
        this.fail(
          new PhoneError(
            load ? 'SIP_STACK_UNAVAILABLE' : 'SIP_INVALID_CONFIG',
            load
              ? `cannot load the SIP stack: ${event.reason}`
              : `the SIP stack refused the configuration: ${event.reason}`,
            {
              cause: event.cause,
              hint: load
                ? 'The softphone could not load; reload the page or check the application bundle.'
                : 'Check the phone settings (address, servers).',
            },
          ),
        );
        break;
      }
      case 'failback-available':
        // fail back only when no call would be disturbed
        if (this.getCalls().length === 0) this.options.transport.failback();
        break;
    }
  }

  private onIncoming(session: SipSession): void {
    const rtcConfiguration = { iceServers: [...(this.options.iceServers ?? [])] };
    for (const intercept of this.interceptors) if (intercept(session, rtcConfiguration)) return;
    if (this.getCalls().length >= (this.options.maxLines ?? 4)) {
      session.terminate({ statusCode: 486, reason: 'Busy Here' });
      return;
    }
    const id = this.ids('call');
    const interactionId = session.header('X-Switchboard-Interaction') ?? id;
    const call = new Call(this.ctx, {
      id,
      direction: 'incoming',
      remoteUri: session.remoteUri,
      interactionId,
    });
    call.attach(session);
    call.readIncomingHeaders(this.options.readHeaders ?? []);
    this.addCall(call);
    this.emit({ type: 'incoming-call', call });
    // the INVITE of an attended transfer replaces a call this phone already has: take it at once
    if (session.header('Replaces') !== undefined) {
      call.interaction.note('call-replacing', { replaces: session.header('Replaces') ?? '' });
      call.answer();
      return;
    }
    const auto = this.options.autoAnswer;
    if (auto) {
      const answer = () => {
        if (call.getSnapshot().status === 'ringing') call.answer();
      };
      if (auto.delayMs <= 0) answer();
      else this.clock.setTimeout(answer, auto.delayMs);
    }
  }

  private addCall(call: Call): void {
    this.calls.set(call.id, call);
    call.onEvent((e) => {
      if (e.type === 'status-changed' && e.status === 'ended') {
        this.emit({ type: 'call-ended', call });
        // keep the last ended calls for the snapshot, drop older ones
        const ended = [...this.calls.values()].filter((c) => c.getSnapshot().status === 'ended');
        for (const old of ended.slice(0, Math.max(0, ended.length - 8))) this.calls.delete(old.id);
      }
    });
    this.emit({ type: 'call-added', call });
    this.changed();
  }

  private fail(error: PhoneError): void {
    this.error = error;
    this.changed();
    this.emit({ type: 'error', error });
  }

  private setStatus(status: PhoneStatus): void {
    if (this.status === status) return;
    const previous = this.status;
    this.status = status;
    this.changed();
    this.emit({ type: 'status-changed', status, previous });
  }

  private emit(event: PhoneEvent): void {
    this.events.emit(event);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }
}

function hostOf(uri: string): string {
  try {
    return parseSipAddress(uri, 'localhost').host;
  } catch {
    return 'localhost';
  }
}
