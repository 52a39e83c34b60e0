import { DisposedError, systemClock } from '@switchboard/core/shared';
import type { Clock, Disposable, RandomSource, Unsubscribe } from '@switchboard/core/shared';
import { ServerPool } from '../phone/server-pool.js';
import type { BackoffOptions } from '../phone/server-pool.js';
import type {
  DtmfTransport,
  SipAnswerOptions,
  SipCallOptions,
  SipSession,
  SipSessionEvent,
  SipTransport,
  SipTransportEvent,
} from '../phone/sip-transport.js';
import { PhoneError } from '../phone/phone-error.js';
import { EventListeners } from '../shared/event-listeners.js';
import { BoundedIceGathering } from './bounded-ice-gathering.js';
import { FailoverSocket } from './failover-socket.js';
import type { WebSocketFactory, WebSocketLike } from './failover-socket.js';
import type { JsSipMessage, JsSipModule, JsSipSessionLike, JsSipUaLike } from './jssip-types.js';

/** Options of {@link JsSipTransport}. */
export interface JsSipTransportOptions {
  /** Our address of record, `sip:user@domain`. */
  readonly uri: string;
  /** Digest password. */
  readonly password?: string;
  /** Digest user name when it differs from the URI's user. */
  readonly authorizationUser?: string;
  /** Display name in From. */
  readonly displayName?: string;
  /** Ordered WebSocket servers: the first is the primary. */
  readonly servers: readonly string[];
  /** Register on connect (and after every reconnection). Default true. */
  readonly register?: boolean;
  /** Registration lifetime in seconds. Default 300. */
  readonly registerExpires?: number;
  /** Bound of one WebSocket connection attempt. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** How often to probe the primary while on a secondary; 0 disables. Default 30000 ms. */
  readonly failbackIntervalMs?: number;
  /** Reconnection back-off between rounds over the server list. */
  readonly backoff?: BackoffOptions;
  /** Longest wait for a STUN/TURN candidate before sending the offer or answer. Default 1000 ms. */
  readonly iceGatheringTimeoutMs?: number;
  /** WebSocket constructor; default `globalThis.WebSocket` (pass `ws`'s in Node 20). */
  readonly createWebSocket?: WebSocketFactory;
  /**
   * Loads JsSIP; default `import()` of `jssip/lib/UA.js` and `jssip/lib/URI.js` (lazily, so
   * importing this module touches nothing).
   * For tests that substitute JsSIP; its module type is not public.
   * @internal
   */
  readonly loadJsSip?: () => Promise<JsSipModule>;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Extra headers on every REGISTER. */
  readonly registerHeaders?: readonly string[];
}

function defaultWebSocket(url: string, protocol: string): WebSocketLike {
  const Ctor = (
    globalThis as unknown as { WebSocket?: new (u: string, p: string) => WebSocketLike }
  ).WebSocket;
  if (!Ctor) throw new Error('no WebSocket in this environment: pass createWebSocket');
  return new Ctor(url, protocol);
}

/** A CommonJS module as an `import()` sees it: `module.exports` is the default export. */
type CommonJs<T> = { readonly default: T };

/**
 * Loads the two JsSIP modules the transport uses, straight from `jssip/lib`: the user agent (which
 * brings the rest of the SIP stack) and the URI parser. Not through the `jssip` main module, which
 * also pulls in JsSIP's own WebSocket interface (replaced here by {@link FailoverSocket}), so an
 * app's bundle does not carry it.
 *
 * `Utils` is loaded first, as JsSIP's main module does: `Utils` and `URI` require each other, and
 * whichever is evaluated second sees the other half-built. `URI` first leaves `Utils` holding an
 * empty object for the URI class (bundled pages then fail in `normalizeTarget` on every call).
 */
async function defaultLoad(): Promise<JsSipModule> {
  await import('jssip/lib/Utils.js');
  const [ua, uri] = await Promise.all([
    import('jssip/lib/UA.js') as unknown as Promise<CommonJs<JsSipModule['UA']>>,
    import('jssip/lib/URI.js') as unknown as Promise<CommonJs<JsSipModule['URI']>>,
  ]);
  return { UA: ua.default, URI: uri.default };
}

/**
 * The {@link SipTransport} over JsSIP: one JsSIP user agent whose single socket walks the ordered
 * server list (back-off, fail-over, fail-back), with ICE gathering bounded so that the INVITE or the
 * 200 OK leaves as soon as a usable candidate exists.
 *
 * This is the only module that imports JsSIP, and it does so lazily on {@link JsSipTransport.connect}.
 *
 * @example
 * ```ts
 * const transport = new JsSipTransport({ uri: 'sip:alice@example.com', password: 's3cret', servers: ['wss://a.example.com', 'wss://b.example.com'] });
 * const phone = new Phone({ transport, media: new DeviceManager() });
 * ```
 */
export class JsSipTransport implements SipTransport, Disposable {
  readonly uri: string;
  private ua: JsSipUaLike | undefined;
  private jssip: JsSipModule | undefined;
  private socket: FailoverSocket | undefined;
  private readonly listeners = new EventListeners<SipTransportEvent>();
  private readonly clock: Clock;
  private starting: Promise<void> | undefined;
  private wantConnected = false;
  private registered = false;
  private disposed = false;

  constructor(private readonly options: JsSipTransportOptions) {
    this.uri = options.uri;
    this.clock = options.clock ?? systemClock;
  }

  on(listener: (event: SipTransportEvent) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  isConnected(): boolean {
    return this.socket?.isConnected() ?? false;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Disconnects for good (JsSIP stops its user agent, unregistering) and drops every listener.
   * Idempotent; afterwards `connect`, `register`, `unregister`, `call` and `failback` throw
   * `DisposedError`.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disconnect();
    this.disposed = true;
    this.listeners.clear();
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('JsSipTransport', command);
  }

  connect(): void {
    this.alive('connect');
    this.wantConnected = true;
    if (this.ua) {
      this.ua.start();
      return;
    }
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = undefined;
      const stage = this.jssip ? 'configuration' : 'load';
      this.emit({ type: 'failed', stage, reason: describe(error), cause: error });
    });
  }

  disconnect(): void {
    this.wantConnected = false;
    this.ua?.stop();
  }

  register(): void {
    this.alive('register');
    this.ua?.register();
  }

  unregister(): void {
    this.alive('unregister');
    this.ua?.unregister({ all: false });
  }

  failback(): void {
    this.alive('failback');
    this.socket?.drop('failing back to the primary server');
  }

  call(targetUri: string, options: SipCallOptions): SipSession {
    this.alive('call');
    const ua = this.ua;
    if (!ua) throw new Error('JsSipTransport.call before connect');
    const wrapper = new JsSipSession(
      'outgoing',
      targetUri,
      this.clock,
      this.iceTimeout(),
      hasIceServers(options.rtcConfiguration),
    );
    // a parsed URI keeps `sips:` and every parameter (JsSIP rebuilds a string target as sip:user@host)
    const target = this.jssip?.URI.parse(targetUri) ?? targetUri;
    const raw = ua.call(target as string, {
      ...sessionOptions(options),
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      eventHandlers: wrapper.earlyHandlers(),
    });
    wrapper.bind(raw, undefined);
    return wrapper;
  }

  private iceTimeout(): number {
    return this.options.iceGatheringTimeoutMs ?? 1000;
  }

  private emit(event: SipTransportEvent): void {
    this.listeners.emit(event);
  }

  private async start(): Promise<void> {
    const JsSIP = await (this.options.loadJsSip ?? defaultLoad)();
    this.jssip = JsSIP;
    const user = /^sip:([^@]+)@/.exec(this.options.uri)?.[1] ?? 'phone';
    const pool = new ServerPool(this.options.servers, this.options.backoff, this.options.random);
    const socket = new FailoverSocket({
      pool,
      clock: this.clock,
      createWebSocket: this.options.createWebSocket ?? defaultWebSocket,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 5000,
      failbackIntervalMs: this.options.failbackIntervalMs ?? 30_000,
      hooks: {
        connecting: (server, attempt) => this.emit({ type: 'connecting', server, attempt }),
        connected: (server) => this.emit({ type: 'connected', server }),
        disconnected: (server, error, reason) => {
          this.registered = false;
          this.emit({ type: 'disconnected', server, error, reason });
        },
        failbackAvailable: (server) => this.emit({ type: 'failback-available', server }),
      },
    });
    this.socket = socket;
    const token = Math.floor((this.options.random ?? Math.random)() * 2 ** 40).toString(36);
    const ua = new JsSIP.UA({
      sockets: [socket],
      uri: this.options.uri,
      password: this.options.password,
      authorization_user: this.options.authorizationUser,
      display_name: this.options.displayName,
      register: this.options.register ?? true,
      register_expires: this.options.registerExpires ?? 300,
      // the contact's user is our address-of-record user, so a proxy can find us again by it
      contact_uri: `sip:${user}@${token}.invalid;transport=ws`,
      // our FailoverSocket reconnects by itself through the ServerPool; JsSIP's timer is a fallback
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
      session_timers: false,
      user_agent: 'Switchboard',
      no_answer_timeout: 120,
    });
    this.ua = ua;
    if (this.options.registerHeaders?.length)
      ua.registrator().setExtraHeaders([...this.options.registerHeaders]);
    ua.on('registered', (data: { response?: JsSipMessage }) => {
      this.registered = true;
      const expires = Number(
        data.response?.getHeader('Expires') ?? this.options.registerExpires ?? 300,
      );
      this.emit({ type: 'registered', expires: Number.isFinite(expires) ? expires : 300 });
    });
    ua.on('unregistered', () => {
      if (!this.registered) return;
      this.registered = false;
      this.emit({ type: 'unregistered' });
    });
    ua.on('registrationFailed', (data: { response?: JsSipMessage; cause?: string }) => {
      this.registered = false;
      this.emit({
        type: 'registration-failed',
        statusCode: data.response?.status_code,
        reason: data.cause ?? data.response?.reason_phrase ?? 'registration failed',
      });
    });
    ua.on(
      'newRTCSession',
      (data: { originator: string; session: JsSipSessionLike; request: JsSipMessage }) => {
        if (data.originator !== 'remote') return;
        const remote = data.session.remote_identity.uri.toString();
        const wrapper = new JsSipSession('incoming', remote, this.clock, this.iceTimeout(), false);
        wrapper.bind(data.session, data.request);
        this.emit({ type: 'incoming-call', session: wrapper });
      },
    );
    if (this.wantConnected) ua.start();
  }
}

/**
 * JsSIP's options for a session we place, answer, or place for a transfer. JsSIP never captures
 * media by itself (the phone passes the stream, or none for a receive-only call); with a stream,
 * `audio` must stay true in the media constraints: JsSIP's answer removes the stream's audio
 * tracks when `audio` is false.
 */
function sessionOptions(options: SipCallOptions | SipAnswerOptions): object {
  return {
    extraHeaders: [...(options.headers ?? [])],
    mediaStream: options.mediaStream,
    mediaConstraints: { audio: options.mediaStream !== undefined, video: false },
    pcConfig: {
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
      iceServers: [],
      ...(options.rtcConfiguration ?? {}),
    },
    sessionTimersExpires: 1800,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function hasIceServers(config: RTCConfiguration | undefined): boolean {
  return (config?.iceServers ?? []).some((s) =>
    Array.isArray(s.urls) ? s.urls.length > 0 : Boolean(s.urls),
  );
}

let sessionCounter = 0;

/**
 * A {@link SipSession} over a JsSIP RTCSession.
 *
 * @internal
 */
export class JsSipSession implements SipSession {
  readonly id: string;
  private raw: JsSipSessionLike | undefined;
  private request: JsSipMessage | undefined;
  private response: JsSipMessage | undefined;
  private readonly listeners = new EventListeners<SipSessionEvent>();
  private readonly buffered: SipSessionEvent[] = [];
  private answered = false;
  private gathering: BoundedIceGathering;
  private endedEmitted = false;
  private dtmfSender: RTCDTMFSender | undefined;

  constructor(
    readonly direction: 'incoming' | 'outgoing',
    readonly remoteUri: string,
    private readonly clock: Clock,
    private readonly iceTimeoutMs: number,
    hasServers: boolean,
  ) {
    sessionCounter += 1;
    this.id = `jssip-${sessionCounter}`;
    this.gathering = new BoundedIceGathering(clock, hasServers, iceTimeoutMs);
  }

  get remoteDisplayName(): string | undefined {
    return this.raw?.remote_identity.display_name || undefined;
  }

  get callId(): string {
    return (
      this.request?.call_id ??
      (this.raw as unknown as { _request?: { call_id?: string } })?._request?.call_id ??
      ''
    );
  }

  get connection(): RTCPeerConnection | undefined {
    return this.raw?.connection;
  }

  header(name: string): string | undefined {
    const message = this.direction === 'incoming' ? this.request : this.response;
    return message?.hasHeader(name) ? message.getHeader(name) : undefined;
  }

  on(listener: (event: SipSessionEvent) => void): Unsubscribe {
    const off = this.listeners.add(listener);
    // events that happened before anyone listened (JsSIP fires some synchronously in call())
    for (const event of this.buffered.splice(0)) listener(event);
    return off;
  }

  /** Handlers JsSIP attaches before it sends the INVITE (so early events are not lost). */
  earlyHandlers(): Record<string, (data: never) => void> {
    return {
      peerconnection: (data: { peerconnection: RTCPeerConnection }) =>
        this.emit({ type: 'peer-connection', connection: data.peerconnection }),
      icecandidate: (data: { candidate: RTCIceCandidate; ready: () => void }) =>
        this.gathering.candidate(data.candidate, data.ready),
    };
  }

  bind(raw: JsSipSessionLike, request: JsSipMessage | undefined): void {
    this.raw = raw;
    this.request = request;
    // an outgoing session got these through JsSIP's eventHandlers, before its INVITE left
    if (this.direction === 'incoming') listen(raw, this.earlyHandlers());
    raw.on('progress', (data: { originator: string; response?: JsSipMessage }) => {
      // remote: a provisional response to our INVITE; local: our own 180 to an incoming INVITE
      const code = data.response?.status_code ?? 180;
      this.emit({
        type: 'progress',
        originator: toOriginator(data.originator),
        statusCode: code,
        earlyMedia: code === 183 && Boolean(data.response?.body),
      });
    });
    raw.on('accepted', (data: { originator: string; response?: JsSipMessage }) => {
      this.answered = true;
      if (data.response) this.response = data.response;
      this.gathering.cancel();
      this.emit({ type: 'accepted' });
    });
    raw.on('confirmed', () => this.emit({ type: 'confirmed' }));
    const ended =
      (beforeAnswer: boolean) =>
      (data: { originator: string; cause?: string; message?: JsSipMessage }) => {
        this.gathering.cancel();
        if (this.endedEmitted) return;
        this.endedEmitted = true;
        this.emit({
          type: 'ended',
          originator: toOriginator(data.originator),
          cause: data.cause ?? 'Terminated',
          statusCode: data.message?.status_code,
          beforeAnswer: beforeAnswer && !this.answered,
        });
      };
    raw.on('failed', ended(true));
    raw.on('ended', ended(false));
    raw.on('hold', (data: { originator: string }) =>
      this.emit({ type: 'hold', originator: toOriginator(data.originator) }),
    );
    raw.on('unhold', (data: { originator: string }) =>
      this.emit({ type: 'unhold', originator: toOriginator(data.originator) }),
    );
    // INFO tones, received, and sent: JsSIP reports each local tone as its INFO leaves
    raw.on('newDTMF', (data: { originator: string; dtmf: { tone: string } }) => {
      this.emit({
        type: 'dtmf',
        originator: data.originator === 'local' ? 'local' : 'remote',
        tone: String(data.dtmf.tone),
        transport: 'info',
      });
    });
    raw.on('refer', (data: ReferData) => {
      const target = data.request.refer_to?.uri.toAor() ?? '';
      this.emit({
        type: 'refer-requested',
        target,
        accept: (options) => this.acceptRefer(data, target, options),
        reject: () => data.reject(),
      });
    });
    raw.on('replaces', (data: { accept: (init: (s: JsSipSessionLike) => void) => void }) => {
      // attended transfer: the new INVITE replaces this session; JsSIP ends this one once it is confirmed
      data.accept(() => {});
    });
  }

  private acceptRefer(data: ReferData, target: string, options: SipCallOptions): SipSession {
    const wrapper = new JsSipSession(
      'outgoing',
      target,
      this.clock,
      this.iceTimeoutMs,
      hasIceServers(options.rtcConfiguration),
    );
    const handlers = wrapper.earlyHandlers();
    data.accept((session) => {
      wrapper.bind(session, undefined);
      listen(session, handlers);
    }, sessionOptions(options));
    return wrapper;
  }

  answer(options: SipAnswerOptions): void {
    this.raw?.answer(sessionOptions(options));
    this.gathering = new BoundedIceGathering(
      this.clock,
      hasIceServers(options.rtcConfiguration),
      this.iceTimeoutMs,
    );
  }

  terminate(options: { statusCode?: number; reason?: string } = {}): void {
    const raw = this.raw;
    if (!raw || raw.isEnded()) return;
    raw.terminate({
      ...(options.statusCode !== undefined ? { status_code: options.statusCode } : {}),
      ...(options.reason !== undefined ? { reason_phrase: options.reason } : {}),
    });
  }

  hold(): void {
    this.whenReadyToReOffer((raw) => raw.hold());
  }

  unhold(): void {
    this.whenReadyToReOffer((raw) => raw.unhold());
  }

  /**
   * JsSIP refuses a re-INVITE while another is in progress, and right after answering until the
   * dialog is confirmed and the media description settled (it returns false). Commands issued
   * meanwhile are retried (up to 10 s) instead of being dropped silently.
   */
  private whenReadyToReOffer(command: (raw: JsSipSessionLike) => boolean, waitedMs = 0): void {
    const raw = this.raw;
    if (!raw || raw.isEnded()) return;
    if (raw.isReadyToReOffer() && command(raw)) return;
    if (waitedMs >= 10_000) return;
    this.clock.setTimeout(() => this.whenReadyToReOffer(command, waitedMs + 50), 50);
  }

  /**
   * RFC 4733 tones are reported from the DTMF sender's `tonechange` as each one starts playing;
   * INFO tones from JsSIP's `newDTMF` as each request leaves.
   *
   * @throws PhoneError `SIP_NOT_READY` for RFC 4733 on a session that sends no audio.
   */
  sendDtmf(tones: string, transport: DtmfTransport): void {
    const raw = this.raw;
    if (!raw) return;
    if (transport === 'rfc4733') {
      const sender = raw.connection?.getSenders().find((s) => s.track?.kind === 'audio');
      if (!sender?.dtmf) {
        throw new PhoneError('SIP_NOT_READY', 'RFC 4733 DTMF needs an audio track to send', {
          hint: "This call sends no audio: send DTMF by SIP INFO ('info').",
        });
      }
      this.followTones(sender.dtmf);
    }
    raw.sendDTMF(tones, {
      transportType: transport === 'info' ? 'INFO' : 'RFC2833',
      duration: 100,
      interToneGap: 70,
    });
  }

  private followTones(dtmf: RTCDTMFSender): void {
    if (this.dtmfSender === dtmf) return;
    this.dtmfSender = dtmf;
    dtmf.addEventListener('tonechange', (event: RTCDTMFToneChangeEvent) => {
      // '' marks the end of the buffer; ',' is a pause, not a tone
      if (event.tone === '' || event.tone === ',') return;
      this.emit({ type: 'dtmf', originator: 'local', tone: event.tone, transport: 'rfc4733' });
    });
  }

  refer(target: string, replaces?: SipSession): void {
    const other = replaces instanceof JsSipSession ? replaces.raw : undefined;
    this.raw?.refer(target, {
      ...(other ? { replaces: other } : {}),
      eventHandlers: {
        requestSucceeded: () => this.emit({ type: 'refer-progress', status: 'accepted' }),
        requestFailed: (data: { response?: JsSipMessage }) =>
          this.emit({
            type: 'refer-progress',
            status: 'failed',
            ...(data.response?.status_code ? { statusCode: data.response.status_code } : {}),
          }),
        accepted: () => this.emit({ type: 'refer-progress', status: 'succeeded' }),
        failed: (data: { status_line?: { status_code?: number } }) =>
          this.emit({
            type: 'refer-progress',
            status: 'failed',
            ...(data.status_line?.status_code ? { statusCode: data.status_line.status_code } : {}),
          }),
      },
    });
  }

  renegotiate(options: { iceRestart: boolean }): void {
    this.whenReadyToReOffer((raw) => {
      // A refused renegotiation is reported (renegotiated: false), not retried.
      this.renegotiateNow(raw, options);
      return true;
    });
  }

  private renegotiateNow(raw: JsSipSessionLike, options: { iceRestart: boolean }): void {
    const started = raw.renegotiate(
      { rtcOfferConstraints: { iceRestart: options.iceRestart } },
      () => this.emit({ type: 'renegotiated', ok: true }),
    );
    if (!started) this.emit({ type: 'renegotiated', ok: false });
  }

  private emit(event: SipSessionEvent): void {
    if (this.listeners.size === 0) {
      this.buffered.push(event);
      return;
    }
    this.listeners.emit(event);
  }
}

interface ReferData {
  readonly request: JsSipMessage;
  accept(init: (session: JsSipSessionLike) => void, options: object): void;
  reject(): void;
}

function listen(raw: JsSipSessionLike, handlers: Record<string, (data: never) => void>): void {
  for (const [name, handler] of Object.entries(handlers)) raw.on(name, handler);
}

function toOriginator(value: string): 'local' | 'remote' | 'system' {
  return value === 'local' || value === 'remote' ? value : 'system';
}
