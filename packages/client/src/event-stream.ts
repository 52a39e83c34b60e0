import {
  eventConcernsAgent,
  type EventEnvelope,
  type EventSubscriptionOptions,
} from '@switchboard/core/contact-center';
import type { Listener, Unsubscribe } from '@switchboard/core/shared';
import type { components } from './generated/openapi.js';
import type { ApiHttp } from './http.js';

type SocketMessage = components['schemas']['SocketMessage'];

/** The parts of the WebSocket API the stream uses (the browser's, or the `ws` package's). */
export interface WebSocketLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor (`globalThis.WebSocket`, or `WebSocket` from `ws` on Node 20). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Reconnection timing of {@link EventStream}. */
export interface ReconnectOptions {
  /** First back-off ceiling (ms). Default 250. */
  readonly baseDelayMs?: number;
  /** Largest back-off ceiling (ms). Default 15,000. */
  readonly maxDelayMs?: number;
  /** Random source in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

interface Subscriber {
  readonly listener: Listener<EventEnvelope>;
  readonly agentId: string | undefined;
  /** Highest seq delivered to (or skipped for) this subscriber. */
  watermark: number;
  /** Live events held back while older ones are fetched. */
  pending: EventEnvelope[] | undefined;
}

/**
 * One event socket shared by every subscription of a remote contact center. It resumes after the
 * last seq it received whenever it reconnects (single-use ticket, then `after=<seq>`), with jittered
 * exponential back-off that honours a server-sent `retryAfterMs`; a subscription that asks to
 * resume from an older seq first pages through `GET /v1/events`. Each subscriber gets every event
 * once, in seq order: anything at or below its watermark is dropped.
 */
export class EventStream {
  private socket: WebSocketLike | undefined;
  private subscribers: Subscriber[] = [];
  private lastSeq: number | undefined;
  private starting: Promise<void> | undefined;
  private attempt = 0;
  private retryAfterMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** How many times the socket has connected (for diagnostics and tests). */
  connections = 0;
  /** How many times the open socket's token was renewed without reconnecting. */
  renewals = 0;

  constructor(
    private readonly http: ApiHttp,
    private readonly baseUrl: string,
    private readonly WebSocketImpl: WebSocketConstructor | undefined,
    private readonly reconnect: ReconnectOptions = {},
    private readonly onError: (error: unknown) => void = () => {},
    private readonly getToken?: () => string | Promise<string>,
  ) {}

  /** Adds a subscriber (see `ContactCenter.subscribeEvents`). */
  subscribe(
    listener: Listener<EventEnvelope>,
    options: EventSubscriptionOptions = {},
  ): Unsubscribe {
    const sub: Subscriber = {
      listener,
      agentId: options.agentId,
      watermark: options.afterSeq ?? this.lastSeq ?? Number.POSITIVE_INFINITY,
      pending: [],
    };
    this.subscribers.push(sub);
    this.begin(sub, options.afterSeq);
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== sub);
      if (this.subscribers.length === 0) this.stopSocket();
    };
  }

  /** Closes the socket for good. */
  dispose(): void {
    this.disposed = true;
    this.subscribers = [];
    this.stopSocket();
  }

  /** Starts the stream and catches `sub` up; on failure, tries again after a back-off. */
  private begin(sub: Subscriber, afterSeq: number | undefined): void {
    this.start()
      .then(() => this.catchUp(sub, afterSeq))
      .catch((error: unknown) => {
        this.onError(error);
        if (this.disposed || !this.subscribers.includes(sub)) return;
        setTimeout(() => this.begin(sub, afterSeq), this.nextDelay());
      });
  }

  /** The next jittered exponential back-off (ms), at least a server-sent `retryAfterMs`. */
  private nextDelay(): number {
    const base = this.reconnect.baseDelayMs ?? 250;
    const max = this.reconnect.maxDelayMs ?? 15_000;
    const ceiling = Math.min(max, base * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    return Math.max(
      this.retryAfterMs,
      Math.floor((this.reconnect.random ?? Math.random)() * ceiling),
    );
  }

  private start(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.starting ??= (async () => {
      if (this.lastSeq === undefined) {
        const page = await this.http.call('listEvents', { query: { limit: 0 } });
        this.lastSeq = page.lastSeq;
        for (const s of this.subscribers) {
          if (s.watermark === Number.POSITIVE_INFINITY) s.watermark = page.lastSeq;
        }
      }
      await this.connect();
    })().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async catchUp(sub: Subscriber, afterSeq: number | undefined): Promise<void> {
    // A live-only subscriber's watermark was set when the stream's position was known.
    if (afterSeq !== undefined) {
      for (;;) {
        const page = await this.http.call('listEvents', {
          query: { after: sub.watermark, limit: 500 },
        });
        for (const e of page.events) this.deliver(sub, e as unknown as EventEnvelope);
        if (page.events.length < 500) break;
      }
    }
    const held = sub.pending ?? [];
    sub.pending = undefined;
    for (const e of held) this.deliver(sub, e);
  }

  private async connect(): Promise<void> {
    if (this.disposed || this.subscribers.length === 0) return;
    const Impl =
      this.WebSocketImpl ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Impl) {
      throw new TypeError(
        'no WebSocket implementation: pass one (e.g. `ws` on Node 20) as `WebSocket`',
      );
    }
    const { ticket } = await this.http.call('createSocketTicket');
    const url = new URL('/v1/events/socket', this.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    url.searchParams.set('after', String(this.lastSeq ?? 0));
    const socket = new Impl(url.toString());
    this.socket = socket;
    socket.addEventListener('message', (message) => this.onMessage(message.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.scheduleReconnect();
    });
    socket.addEventListener('error', () => {
      // 'close' follows and schedules the reconnection.
    });
  }

  private onMessage(data: unknown): void {
    let message: SocketMessage;
    try {
      message = JSON.parse(String(data)) as SocketMessage;
    } catch (error) {
      this.onError(error);
      return;
    }
    if (message.type === 'ready') {
      this.attempt = 0;
      this.retryAfterMs = 0;
      this.connections++;
    } else if (message.type === 'renew-required') {
      const socket = this.socket;
      const getToken = this.getToken;
      if (!socket || !getToken) return; // the server closes at expiry; the stream resumes then
      void Promise.resolve()
        .then(getToken)
        .then(
          (token) => {
            if (this.socket === socket) socket.send(JSON.stringify({ type: 'renew', token }));
          },
          (error: unknown) => this.onError(error),
        );
    } else if (message.type === 'renewed') {
      this.renewals++;
    } else if (message.type === 'error') {
      this.retryAfterMs = message.retryAfterMs ?? 0;
    } else if (message.type === 'event') {
      const envelope = {
        seq: message.seq,
        tenant: message.tenant,
        event: message.event,
      } as unknown as EventEnvelope;
      if (this.lastSeq !== undefined && envelope.seq <= this.lastSeq) return; // already had it
      this.lastSeq = envelope.seq;
      for (const sub of this.subscribers) {
        if (sub.pending) sub.pending.push(envelope);
        else this.deliver(sub, envelope);
      }
    }
  }

  private deliver(sub: Subscriber, envelope: EventEnvelope): void {
    if (envelope.seq <= sub.watermark) return;
    sub.watermark = envelope.seq;
    if (sub.agentId !== undefined && !eventConcernsAgent(envelope.event, sub.agentId)) return;
    try {
      sub.listener(envelope);
    } catch (error) {
      this.onError(error);
    }
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.subscribers.length === 0) return;
    const delay = this.nextDelay();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch((error: unknown) => {
        this.onError(error);
        this.scheduleReconnect();
      });
    }, delay);
  }

  private stopSocket(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    this.starting = undefined;
    socket?.close(1000, 'done');
  }
}
