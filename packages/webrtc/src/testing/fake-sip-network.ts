import type { Unsubscribe } from '@switchboard/core/shared';
import type {
  DtmfTransport,
  SipAnswerOptions,
  SipCallOptions,
  SipServerRef,
  SipSession,
  SipSessionEvent,
  SipTransport,
  SipTransportEvent,
} from '../phone/sip-transport.js';
import { EventListeners } from '../shared/event-listeners.js';

/** Options of {@link FakeSipNetwork.createTransport}. */
export interface FakeTransportOptions {
  /** `sip:user@domain`. */
  readonly uri: string;
  /** Must match the network's password for the user, when the network has one. */
  readonly password?: string;
  /** Server URLs (only used for the `connected` event). Default `['ws://fake']`. */
  readonly servers?: readonly string[];
}

const defer = (fn: () => void) => void Promise.resolve().then(fn);

/**
 * An in-memory SIP "proxy and registrar" for tests: transports created from it register, call each
 * other, answer, hold, send DTMF and REFER, with events delivered asynchronously as over a network.
 * `dropConnections()` and `restore()` simulate a WebSocket outage.
 *
 * @example
 * ```ts
 * const net = new FakeSipNetwork({ passwords: { alice: 'a', bob: 'b' } });
 * const alice = new Phone({ transport: net.createTransport({ uri: 'sip:alice@test', password: 'a' }) });
 * ```
 */
export class FakeSipNetwork {
  private readonly registered = new Map<string, FakeSipTransport>();
  private up = true;
  private readonly transports = new Set<FakeSipTransport>();
  /** Every SIP method "sent" through the network, in order (for assertions). */
  readonly sent: string[] = [];

  constructor(private readonly options: { passwords?: Readonly<Record<string, string>> } = {}) {}

  createTransport(options: FakeTransportOptions): FakeSipTransport {
    const transport = new FakeSipTransport(this, options);
    this.transports.add(transport);
    return transport;
  }

  /** Whether the "server" accepts connections. */
  get isUp(): boolean {
    return this.up;
  }

  /** Closes every connection and refuses new ones until {@link FakeSipNetwork.restore}. */
  dropConnections(): void {
    this.up = false;
    this.registered.clear();
    for (const t of this.transports) t.networkDropped();
  }

  /** Accepts connections again; transports that want to be connected reconnect. */
  restore(): void {
    this.up = true;
    for (const t of this.transports) t.networkRestored();
  }

  /** @internal */
  register(transport: FakeSipTransport, password: string | undefined): number | undefined {
    this.sent.push('REGISTER');
    const user = userOf(transport.uri);
    const expected = this.options.passwords?.[user];
    if (expected !== undefined && expected !== password) return 401;
    this.registered.set(user, transport);
    return undefined;
  }

  /** @internal */
  unregister(transport: FakeSipTransport): void {
    this.sent.push('REGISTER');
    const user = userOf(transport.uri);
    if (this.registered.get(user) === transport) this.registered.delete(user);
  }

  /** @internal */
  lookup(uri: string): FakeSipTransport | undefined {
    return this.registered.get(userOf(uri));
  }
}

function userOf(uri: string): string {
  return /^sip:([^@]+)@/.exec(uri)?.[1] ?? uri;
}

/** A {@link SipTransport} on a {@link FakeSipNetwork}. */
export class FakeSipTransport implements SipTransport {
  readonly uri: string;
  private readonly listeners = new EventListeners<SipTransportEvent>();
  private connected = false;
  private wanted = false;
  private wantRegistered = true;
  private readonly server: SipServerRef;

  constructor(
    private readonly network: FakeSipNetwork,
    private readonly options: FakeTransportOptions,
  ) {
    this.uri = options.uri;
    this.server = { url: options.servers?.[0] ?? 'ws://fake', index: 0 };
  }

  on(listener: (event: SipTransportEvent) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  isConnected(): boolean {
    return this.connected;
  }

  connect(): void {
    this.wanted = true;
    defer(() => {
      this.emit({ type: 'connecting', server: this.server, attempt: 0 });
      if (!this.network.isUp) {
        this.emit({
          type: 'disconnected',
          server: this.server,
          error: true,
          reason: 'connection refused',
        });
        return;
      }
      this.connected = true;
      this.emit({ type: 'connected', server: this.server });
      if (this.wantRegistered) this.register();
    });
  }

  disconnect(): void {
    this.wanted = false;
    if (!this.connected) return;
    this.connected = false;
    this.emit({ type: 'disconnected', server: this.server, error: false });
  }

  register(): void {
    this.wantRegistered = true;
    if (!this.connected) return;
    const refused = this.network.register(this, this.options.password);
    defer(() => {
      if (refused)
        this.emit({ type: 'registration-failed', statusCode: refused, reason: 'Unauthorized' });
      else this.emit({ type: 'registered', expires: 300 });
    });
  }

  unregister(): void {
    this.wantRegistered = false;
    this.network.unregister(this);
    defer(() => this.emit({ type: 'unregistered' }));
  }

  failback(): void {
    // a single fake server: nothing to fail back to
  }

  call(targetUri: string, options: SipCallOptions): SipSession {
    this.network.sent.push('INVITE');
    const local = new FakeSipSession('outgoing', targetUri, this.network);
    const callee = this.network.lookup(targetUri);
    defer(() => {
      if (!callee || !this.connected) {
        local.end(
          'remote',
          callee ? 'Connection Error' : 'Not Found',
          callee ? undefined : 404,
          true,
        );
        return;
      }
      const remote = new FakeSipSession('incoming', this.uri, this.network, options.headers ?? []);
      local.peer = remote;
      remote.peer = local;
      callee.emit({ type: 'incoming-call', session: remote });
      // the callee's phone sends 180 Ringing (its own progress), which reaches the caller
      remote.emitEvent({
        type: 'progress',
        originator: 'local',
        statusCode: 180,
        earlyMedia: false,
      });
      local.emitEvent({
        type: 'progress',
        originator: 'remote',
        statusCode: 180,
        earlyMedia: false,
      });
    });
    return local;
  }

  /** @internal */
  networkDropped(): void {
    if (!this.connected) return;
    this.connected = false;
    this.emit({
      type: 'disconnected',
      server: this.server,
      error: true,
      reason: 'connection lost',
    });
  }

  /** @internal */
  networkRestored(): void {
    if (this.wanted && !this.connected) this.connect();
  }

  /** @internal */
  emit(event: SipTransportEvent): void {
    this.listeners.emit(event);
  }
}

let fakeCounter = 0;

/** A session on a {@link FakeSipNetwork}. */
export class FakeSipSession implements SipSession {
  readonly id: string;
  readonly callId: string;
  peer: FakeSipSession | undefined;
  private readonly listeners = new EventListeners<SipSessionEvent>();
  private readonly buffered: SipSessionEvent[] = [];
  private state: 'early' | 'answered' | 'ended' = 'early';
  /** Ended by the remote before answering. */
  private readonly headers = new Map<string, string>();

  constructor(
    readonly direction: 'outgoing' | 'incoming',
    readonly remoteUri: string,
    private readonly network: FakeSipNetwork,
    headers: readonly string[] = [],
  ) {
    fakeCounter += 1;
    this.id = `fake-${fakeCounter}`;
    this.callId = `fake-call-${fakeCounter}`;
    for (const header of headers) {
      const colon = header.indexOf(':');
      if (colon > 0)
        this.headers.set(
          header.slice(0, colon).trim().toLowerCase(),
          header.slice(colon + 1).trim(),
        );
    }
  }

  readonly remoteDisplayName = undefined;
  readonly connection = undefined;

  header(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }

  on(listener: (event: SipSessionEvent) => void): Unsubscribe {
    const off = this.listeners.add(listener);
    for (const event of this.buffered.splice(0)) listener(event);
    return off;
  }

  answer(options: SipAnswerOptions): void {
    void options;
    if (this.state !== 'early' || this.direction !== 'incoming') return;
    this.network.sent.push('200');
    this.state = 'answered';
    const peer = this.peer;
    defer(() => {
      if (!peer || peer.state === 'ended') return;
      peer.state = 'answered';
      peer.emitEvent({ type: 'accepted' });
      peer.emitEvent({ type: 'confirmed' });
      this.emitEvent({ type: 'accepted' });
      this.emitEvent({ type: 'confirmed' });
    });
  }

  terminate(options: { statusCode?: number; reason?: string } = {}): void {
    if (this.state === 'ended') return;
    const before = this.state === 'early';
    this.network.sent.push(
      before
        ? this.direction === 'incoming'
          ? String(options.statusCode ?? 486)
          : 'CANCEL'
        : 'BYE',
    );
    const peer = this.peer;
    this.end(
      'local',
      before ? (this.direction === 'incoming' ? 'Rejected' : 'Canceled') : 'Terminated',
      undefined,
      before,
    );
    defer(() =>
      peer?.end(
        'remote',
        before ? (this.direction === 'incoming' ? 'Busy' : 'Canceled') : 'Terminated',
        before ? (options.statusCode ?? 487) : undefined,
        before,
      ),
    );
  }

  hold(): void {
    this.reinvite('hold');
  }

  unhold(): void {
    this.reinvite('unhold');
  }

  /** Plays one tone per turn of the event loop: each `dtmf` event comes as its tone is "played". */
  sendDtmf(tones: string, transport: DtmfTransport): void {
    const queue = [...tones].filter((tone) => tone !== ',');
    const peer = this.peer;
    const next = () => {
      const tone = queue.shift();
      if (tone === undefined || this.state === 'ended') return;
      if (transport === 'info') this.network.sent.push('INFO');
      this.emitEvent({ type: 'dtmf', originator: 'local', tone, transport });
      if (transport === 'info')
        defer(() => peer?.emitEvent({ type: 'dtmf', originator: 'remote', tone, transport }));
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  refer(target: string): void {
    this.network.sent.push('REFER');
    const peer = this.peer;
    defer(() => {
      if (!peer) return;
      this.emitEvent({ type: 'refer-progress', status: 'accepted' });
      peer.emitEvent({
        type: 'refer-requested',
        target,
        accept: (options) => {
          const from = this.network.lookup(this.remoteUri);
          const next = from
            ? from.call(target, options)
            : new FakeSipSession('outgoing', target, this.network);
          next.on((e) => {
            if (e.type === 'accepted')
              this.emitEvent({ type: 'refer-progress', status: 'succeeded' });
            if (e.type === 'ended' && e.beforeAnswer)
              this.emitEvent({ type: 'refer-progress', status: 'failed' });
          });
          return next;
        },
        reject: () => this.emitEvent({ type: 'refer-progress', status: 'failed', statusCode: 603 }),
      });
    });
  }

  renegotiate(options: { iceRestart: boolean }): void {
    void options;
    this.network.sent.push('INVITE');
    defer(() =>
      this.emitEvent({ type: 'renegotiated', ok: this.state === 'answered' && this.network.isUp }),
    );
  }

  /** @internal */
  end(
    originator: 'local' | 'remote' | 'system',
    cause: string,
    statusCode: number | undefined,
    beforeAnswer: boolean,
  ): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.emitEvent({ type: 'ended', originator, cause, statusCode, beforeAnswer });
  }

  /** @internal */
  emitEvent(event: SipSessionEvent): void {
    if (this.listeners.size === 0) {
      this.buffered.push(event);
      return;
    }
    this.listeners.emit(event);
  }

  private reinvite(kind: 'hold' | 'unhold'): void {
    if (this.state !== 'answered') return;
    this.network.sent.push('INVITE');
    const peer = this.peer;
    defer(() => {
      this.emitEvent({ type: kind, originator: 'local' });
      peer?.emitEvent({ type: kind, originator: 'remote' });
    });
  }
}
