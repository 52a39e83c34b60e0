import type { Clock, TimerHandle } from '@switchboard/core/shared';
import { ServerPool } from '../phone/server-pool.js';
import type { SipServerRef } from '../phone/sip-transport.js';

/**
 * An event handler property. Declared through a method so that its parameter is compared both
 * ways: the browser's `(ev: CloseEvent) => any` and the `ws` package's handlers are assignable.
 */
type SocketHandler<E> = { handle(event: E): void }['handle'] | null;

/** The part of the WebSocket API the failover socket uses (browsers' and the `ws` package's fit). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: SocketHandler<unknown>;
  onclose: SocketHandler<{ code?: number; reason?: string; wasClean?: boolean }>;
  onmessage: SocketHandler<{ data: unknown }>;
  onerror: SocketHandler<unknown>;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Creates a WebSocket with the `sip` sub-protocol. */
export type WebSocketFactory = (url: string, protocol: string) => WebSocketLike;

/** Callbacks of {@link FailoverSocket} toward the transport that owns it. */
export interface FailoverSocketHooks {
  connecting(server: SipServerRef, attempt: number): void;
  connected(server: SipServerRef): void;
  disconnected(server: SipServerRef | undefined, error: boolean, reason: string | undefined): void;
  failbackAvailable(server: SipServerRef): void;
}

/** Options of {@link FailoverSocket}. */
export interface FailoverSocketOptions {
  readonly pool: ServerPool;
  readonly clock: Clock;
  readonly createWebSocket: WebSocketFactory;
  /** Give up on one connection attempt after this long. */
  readonly connectTimeoutMs: number;
  /** How often to probe the primary while on a secondary; 0 disables fail-back. */
  readonly failbackIntervalMs: number;
  readonly hooks: FailoverSocketHooks;
}

const OPEN = 1;

/**
 * A JsSIP socket (it implements JsSIP's `Socket` interface) that walks an ordered list of
 * WebSocket servers through a {@link ServerPool}: it applies our back-off, bounds each attempt by a
 * timeout, and probes the primary while running on a secondary. JsSIP sees a single socket.
 *
 * @internal
 */
export class FailoverSocket {
  onconnect: () => void = () => {};
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => {};
  ondata: (data: string) => void = () => {};
  private ws: WebSocketLike | undefined;
  private server: SipServerRef | undefined;
  private connecting = false;
  private pendingTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private probeTimer: TimerHandle | undefined;
  private probe: WebSocketLike | undefined;
  private closeRequested = false;

  constructor(private readonly options: FailoverSocketOptions) {}

  get via_transport(): string {
    const url = this.server?.url ?? this.options.pool.urls[0] ?? '';
    return url.startsWith('wss:') ? 'WSS' : 'WS';
  }

  get url(): string {
    return this.server?.url ?? this.options.pool.urls[0] ?? '';
  }

  get sip_uri(): string {
    const parsed = new URL(this.url);
    return `sip:${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''};transport=ws`;
  }

  isConnected(): boolean {
    return this.ws?.readyState === OPEN;
  }

  connect(): void {
    this.closeRequested = false;
    if (this.isConnected() || this.connecting) return;
    this.connecting = true;
    const next = this.options.pool.next();
    this.server = { url: next.url, index: next.index };
    this.options.hooks.connecting(this.server, next.attempt);
    const open = () => {
      this.pendingTimer = undefined;
      this.open(next.url, next.index);
    };
    if (next.delayMs > 0) this.pendingTimer = this.options.clock.setTimeout(open, next.delayMs);
    else open();
  }

  disconnect(): void {
    this.closeRequested = true;
    this.clearTimers();
    this.stopProbe();
    this.connecting = false;
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      detach(ws);
      try {
        ws.close(1000, 'closed by client');
      } catch {
        // already closed
      }
    }
  }

  send(message: string): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false;
    try {
      this.ws.send(message);
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the current connection as if it dropped, so the owner reconnects (primary first). */
  drop(reason: string): void {
    const ws = this.ws;
    if (!ws) return;
    this.fail(ws, false, reason);
  }

  private open(url: string, index: number): void {
    let ws: WebSocketLike;
    try {
      ws = this.options.createWebSocket(url, 'sip');
    } catch (error) {
      this.connecting = false;
      this.options.hooks.disconnected({ url, index }, true, String(error));
      this.ondisconnect(true, undefined, String(error));
      if (!this.closeRequested)
        this.pendingTimer = this.options.clock.setTimeout(() => this.connect(), 1000);
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    this.connectTimer = this.options.clock.setTimeout(() => {
      this.connectTimer = undefined;
      this.fail(ws, true, `no answer within ${this.options.connectTimeoutMs} ms`);
    }, this.options.connectTimeoutMs);
    ws.onopen = () => {
      if (this.connectTimer !== undefined) this.options.clock.clearTimeout(this.connectTimer);
      this.connectTimer = undefined;
      this.connecting = false;
      this.options.pool.connected(index);
      this.options.hooks.connected({ url, index });
      this.onconnect();
      this.scheduleProbe();
    };
    ws.onclose = (event) => {
      this.fail(
        ws,
        !(event.wasClean ?? false) || event.code !== 1000,
        event.reason || `closed (${event.code ?? 'no code'})`,
      );
    };
    ws.onerror = () => {
      // onclose follows with the details
    };
    ws.onmessage = (event) => {
      const data = event.data;
      if (typeof data === 'string') this.ondata(data);
      else if (data instanceof ArrayBuffer) this.ondata(new TextDecoder().decode(data));
      else if (ArrayBuffer.isView(data)) this.ondata(new TextDecoder().decode(data));
      else this.ondata(String(data));
    };
  }

  private fail(ws: WebSocketLike, error: boolean, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    this.connecting = false;
    this.clearTimers();
    this.stopProbe();
    detach(ws);
    try {
      ws.close();
    } catch {
      // ignore
    }
    this.options.hooks.disconnected(this.server, error, reason);
    this.ondisconnect(error, undefined, reason);
    // reconnect at once through the pool (JsSIP's own recovery timer only works in whole seconds)
    if (!this.closeRequested) this.connect();
  }

  private scheduleProbe(): void {
    const interval = this.options.failbackIntervalMs;
    if (interval <= 0 || !this.options.pool.shouldProbePrimary()) return;
    this.probeTimer = this.options.clock.setTimeout(() => {
      this.probeTimer = undefined;
      const primary = this.options.pool.urls[0];
      if (primary === undefined || !this.isConnected()) return;
      let probe: WebSocketLike;
      try {
        probe = this.options.createWebSocket(primary, 'sip');
      } catch {
        this.scheduleProbe();
        return;
      }
      this.probe = probe;
      probe.onopen = () => {
        this.stopProbe();
        this.options.hooks.failbackAvailable({ url: primary, index: 0 });
      };
      probe.onclose = () => {
        if (this.probe !== probe) return;
        this.probe = undefined;
        this.scheduleProbe();
      };
      probe.onerror = () => {};
    }, interval);
  }

  private stopProbe(): void {
    if (this.probeTimer !== undefined) this.options.clock.clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    const probe = this.probe;
    this.probe = undefined;
    if (probe) {
      detach(probe);
      try {
        probe.close();
      } catch {
        // ignore
      }
    }
  }

  private clearTimers(): void {
    if (this.pendingTimer !== undefined) this.options.clock.clearTimeout(this.pendingTimer);
    if (this.connectTimer !== undefined) this.options.clock.clearTimeout(this.connectTimer);
    this.pendingTimer = undefined;
    this.connectTimer = undefined;
  }
}

function detach(ws: WebSocketLike): void {
  ws.onopen = null;
  ws.onclose = null;
  ws.onmessage = null;
  ws.onerror = null;
}
