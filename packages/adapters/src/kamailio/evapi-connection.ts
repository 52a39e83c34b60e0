import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { systemClock } from '@switchboard/core/shared';
import type { Clock, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import { NetstringDecoder, encodeNetstring } from './netstring.js';
import { KamailioError } from './kamailio-error.js';

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
  /**
   * Called with what went wrong on the socket: malformed framing (the connection is then closed
   * and opened again), messages that are not JSON objects (skipped), and errors thrown by a
   * message listener (that message is skipped; the next ones are delivered).
   */
  readonly onProtocolError?: (error: KamailioError) => void;
  /** Largest message accepted (bytes). Default 1 MiB; a larger one closes the connection. */
  readonly maxMessageBytes?: number;
}

/**
 * A Node TCP client of Kamailio's evapi module: netstring-framed JSON both ways, reconnecting by
 * itself when Kamailio restarts. Each message is delivered on its own: a listener that throws is
 * reported through `onProtocolError` and never ends the process or stops later messages.
 *
 * evapi has no authentication: Kamailio must bind it to a loopback or otherwise private address
 * (`renderKamailioConfig` puts it on its own control listener).
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
      const decoder = new NetstringDecoder(
        this.options.maxMessageBytes === undefined
          ? {}
          : { maxMessageBytes: this.options.maxMessageBytes },
      );
      socket.once('connect', () => resolve());
      socket.once('error', (error) => reject(error));
      socket.on('data', (chunk: Buffer) => {
        let messages: string[];
        try {
          messages = decoder.push(chunk);
        } catch (error) {
          this.report(
            error instanceof KamailioError
              ? error
              : new KamailioError('KAMAILIO_EVAPI_PROTOCOL', String(error), { cause: error }),
          );
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

  /**
   * Sends one JSON message.
   * @throws {@link KamailioError} `KAMAILIO_EVAPI_DISCONNECTED` when the socket is not open.
   */
  send(message: Readonly<Record<string, unknown>>): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      throw new KamailioError('KAMAILIO_EVAPI_DISCONNECTED', 'evapi is not connected', {
        retryable: true,
      });
    }
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
      this.report(
        new KamailioError(
          'KAMAILIO_EVAPI_PROTOCOL',
          `evapi message is not JSON (${text.length} bytes)`,
          {
            cause: error,
          },
        ),
      );
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(
        new KamailioError('KAMAILIO_EVAPI_PROTOCOL', 'evapi message is not a JSON object'),
      );
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(value as Record<string, unknown>);
      } catch (error) {
        this.report(
          new KamailioError('KAMAILIO_EVAPI_MESSAGE', 'an evapi message listener failed', {
            cause: error,
          }),
        );
      }
    }
  }

  private report(error: KamailioError): void {
    try {
      this.options.onProtocolError?.(error);
    } catch {
      // a failing error handler must not end the socket handler either
    }
  }
}
