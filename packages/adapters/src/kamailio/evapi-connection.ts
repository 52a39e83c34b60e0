import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { systemClock } from '@switchboard/core/shared';
import type { Clock, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import { NetstringDecoder, encodeNetstring } from './netstring.js';

/** A message channel to Kamailio's evapi socket (JSON objects both ways). */
export interface EvapiChannel {
  send(message: Readonly<Record<string, unknown>>): void;
  onMessage(listener: Listener<Record<string, unknown>>): Unsubscribe;
}

/** Options of {@link EvapiConnection}. */
export interface EvapiConnectionOptions {
  readonly host?: string;
  readonly port: number;
  /** Wait before reconnecting after the socket closes. Default 500 ms. */
  readonly reconnectDelayMs?: number;
  readonly clock?: Clock;
  /** Called with messages that are not JSON objects (logged nowhere else). */
  readonly onProtocolError?: (error: Error) => void;
}

/**
 * A Node TCP client of Kamailio's evapi module: netstring-framed JSON both ways, reconnecting by
 * itself when Kamailio restarts.
 *
 * @example
 * ```ts
 * const evapi = new EvapiConnection({ port: 8448 });
 * await evapi.connect();
 * evapi.onMessage((m) => console.log(m.event));
 * ```
 */
export class EvapiConnection implements EvapiChannel {
  private socket: Socket | undefined;
  private readonly listeners = new Set<Listener<Record<string, unknown>>>();
  private closed = false;
  private timer: TimerHandle | undefined;
  private readonly clock: Clock;

  constructor(private readonly options: EvapiConnectionOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Whether the socket is open. */
  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed && !this.socket.connecting;
  }

  /** Connects; resolves on the first successful connection (and keeps reconnecting after). */
  connect(): Promise<void> {
    this.closed = false;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
      this.socket = socket;
      const decoder = new NetstringDecoder();
      socket.once('connect', () => resolve());
      socket.once('error', (error) => reject(error));
      socket.on('data', (chunk: Buffer) => {
        let messages: string[];
        try {
          messages = decoder.push(chunk);
        } catch (error) {
          this.options.onProtocolError?.(error as Error);
          socket.destroy();
          return;
        }
        for (const text of messages) this.deliver(text);
      });
      socket.on('error', () => {
        // 'close' follows
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        if (this.closed) return;
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          if (!this.closed) this.connect().catch(() => undefined);
        }, this.options.reconnectDelayMs ?? 500);
      });
    });
  }

  send(message: Readonly<Record<string, unknown>>): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new Error('evapi is not connected');
    socket.write(encodeNetstring(JSON.stringify(message)));
  }

  onMessage(listener: Listener<Record<string, unknown>>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.socket?.destroy();
    this.socket = undefined;
  }

  private deliver(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.options.onProtocolError?.(
        new SyntaxError(`evapi message is not JSON: ${text.slice(0, 200)}`, { cause: error }),
      );
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.options.onProtocolError?.(
        new SyntaxError(`evapi message is not a JSON object: ${text.slice(0, 200)}`),
      );
      return;
    }
    for (const listener of [...this.listeners]) listener(value as Record<string, unknown>);
  }
}
