import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import type { Listener, Unsubscribe } from '@switchboard/core/shared';
import { bdecode, bencode } from './bencode.js';
import type { BencodeDictionary } from './bencode.js';
import { KamailioError } from './kamailio-error.js';

/** Options of {@link RtpengineNgClient}. */
export interface RtpengineNgClientOptions {
  /** Address of rtpengine's NG control socket (`--listen-ng`). Default `127.0.0.1`. */
  readonly host?: string;
  readonly port: number;
  /** How long to wait for each answer. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Largest answer accepted, in bytes (bigger ones are dropped). Default 65536. */
  readonly maxAnswerBytes?: number;
}

/** One DTMF event rtpengine saw on a call (its `--dtmf-log-dest` JSON). */
export interface RtpengineDtmfEvent {
  readonly callId: string;
  /** SIP tag of the participant that sent the digit. */
  readonly sourceTag: string;
  /** `0`-`9`, `*`, `#`, `A`-`D`. */
  readonly digit: string;
  readonly durationMs: number;
}

const DIGITS = '0123456789*#ABCD';

/**
 * Reads one `--dtmf-log-dest` datagram: `{callid, source_tag, event, duration, ...}`. Bounded
 * (4 KiB, fields checked); `undefined` for anything else.
 *
 * @example
 * ```ts
 * parseDtmfEvent('{"callid":"c1","source_tag":"t1","event":1,"duration":100}');
 * // { callId: 'c1', sourceTag: 't1', digit: '1', durationMs: 100 }
 * ```
 */
export function parseDtmfEvent(text: string): RtpengineDtmfEvent | undefined {
  if (text.length > 4096) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { callid, source_tag: sourceTag, event, duration } = record;
  if (typeof callid !== 'string' || callid.length === 0 || callid.length > 256) return undefined;
  if (typeof sourceTag !== 'string' || sourceTag.length > 256) return undefined;
  if (typeof event !== 'number' || !Number.isInteger(event) || event < 0 || event > 15) {
    return undefined;
  }
  return {
    callId: callid,
    sourceTag,
    digit: DIGITS[event] ?? '',
    durationMs: typeof duration === 'number' && Number.isFinite(duration) ? duration : 0,
  };
}

/**
 * A client of rtpengine's NG control protocol (bencoded dictionaries over UDP, each prefixed with
 * a cookie): `offer`, `answer`, `delete`, `play media`, `stop media`, `list`... Node only. Each
 * command waits at most `timeoutMs`; an answer with `result: error` rejects with its
 * `error-reason`. Answers are bounded (`maxAnswerBytes`) and decoded with depth limits.
 *
 * @example
 * ```ts
 * const ng = await RtpengineNgClient.open({ port: 2223 });
 * await ng.command({ command: 'play media', 'call-id': callId, 'from-tag': tag, file: '/srv/prompts/welcome.wav' });
 * ng.close();
 * ```
 */
export class RtpengineNgClient {
  private readonly waiting = new Map<
    string,
    { resolve: (answer: BencodeDictionary) => void; reject: (error: KamailioError) => void }
  >();
  private serial = 0;
  private readonly prefix = randomBytes(4).toString('hex');
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly options: RtpengineNgClientOptions,
  ) {
    socket.on('message', (data) => this.onAnswer(data));
  }

  /** Binds a UDP socket (on loopback when rtpengine is on loopback) and returns the client. */
  static async open(options: RtpengineNgClientOptions): Promise<RtpengineNgClient> {
    const socket = createSocket('udp4');
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host.startsWith('127.') ? '127.0.0.1' : undefined, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new RtpengineNgClient(socket, options);
  }

  /**
   * Sends one NG command and resolves with rtpengine's answer dictionary.
   *
   * @throws `KamailioError` (`KAMAILIO_MEDIA_FAILED`) on `result: error`, a timeout, or after
   *   {@link RtpengineNgClient.close}.
   */
  command(message: BencodeDictionary): Promise<BencodeDictionary> {
    if (this.closed) {
      return Promise.reject(new KamailioError('KAMAILIO_MEDIA_FAILED', 'NG client closed'));
    }
    const cookie = `${this.prefix}_${++this.serial}`;
    const name = typeof message.command === 'string' ? message.command : '?';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(cookie);
        reject(
          new KamailioError('KAMAILIO_MEDIA_FAILED', `rtpengine did not answer '${name}'`, {
            retryable: true,
          }),
        );
      }, this.options.timeoutMs ?? 2000);
      this.waiting.set(cookie, {
        resolve: (answer) => {
          clearTimeout(timer);
          if (answer.result === 'error') {
            const reason = answer['error-reason'];
            reject(
              new KamailioError(
                'KAMAILIO_MEDIA_FAILED',
                `rtpengine refused '${name}': ${typeof reason === 'string' ? reason.slice(0, 200) : 'no reason'}`,
              ),
            );
          } else resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const packet = Buffer.from(`${cookie} ${bencode(message)}`, 'latin1');
      this.socket.send(packet, this.options.port, this.options.host ?? '127.0.0.1');
    });
  }

  /** Closes the socket; waiting commands reject. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const { reject } of this.waiting.values()) {
      reject(new KamailioError('KAMAILIO_MEDIA_FAILED', 'NG client closed'));
    }
    this.waiting.clear();
    this.socket.close();
  }

  private onAnswer(data: Buffer): void {
    if (data.length > (this.options.maxAnswerBytes ?? 65_536)) return;
    const text = data.toString('latin1');
    const space = text.indexOf(' ');
    if (space < 0) return;
    const entry = this.waiting.get(text.slice(0, space));
    if (!entry) return;
    this.waiting.delete(text.slice(0, space));
    try {
      const answer = bdecode(text.slice(space + 1));
      if (typeof answer !== 'object' || Array.isArray(answer)) throw new Error('not a dictionary');
      entry.resolve(answer as BencodeDictionary);
    } catch (error) {
      entry.reject(
        new KamailioError('KAMAILIO_MEDIA_FAILED', 'unreadable answer from rtpengine', {
          cause: error,
        }),
      );
    }
  }
}

/**
 * Listens for rtpengine's DTMF events (`--dtmf-log-dest=host:port`) on a UDP socket of its own.
 * Datagrams that are not DTMF events are ignored.
 *
 * @example
 * ```ts
 * const dtmf = await RtpengineDtmfListener.open({ port: 2224 });
 * dtmf.onDigit((e) => console.log(e.callId, e.digit));
 * ```
 */
export class RtpengineDtmfListener {
  private readonly listeners = new Set<Listener<RtpengineDtmfEvent>>();

  private constructor(private readonly socket: Socket) {
    socket.on('message', (data) => {
      const event = parseDtmfEvent(data.toString('utf8'));
      if (!event) return;
      for (const listener of [...this.listeners]) listener(event);
    });
  }

  /** Binds `host:port` (default host `127.0.0.1`; port 0 picks a free one, see `port`). */
  static async open(options: { host?: string; port: number }): Promise<RtpengineDtmfListener> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new RtpengineDtmfListener(socket);
  }

  /** The bound UDP port (give it to rtpengine as `--dtmf-log-dest`). */
  get port(): number {
    return this.socket.address().port;
  }

  /** Calls `listener` for every digit. */
  onDigit(listener: Listener<RtpengineDtmfEvent>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.listeners.clear();
    this.socket.close();
  }
}
