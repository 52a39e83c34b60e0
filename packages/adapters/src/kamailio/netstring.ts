import { KamailioError } from './kamailio-error.js';

/** Largest evapi message {@link NetstringDecoder} accepts by default: 1 MiB. */
export const DEFAULT_MAX_NETSTRING_BYTES = 1024 * 1024;

/** Longest length prefix: 10 digits (more than any message the decoder accepts). */
const MAX_LENGTH_DIGITS = 10;

/**
 * Encodes one message as a netstring (`<length>:<bytes>,`), the framing Kamailio's evapi module
 * uses by default.
 *
 * @example
 * ```ts
 * encodeNetstring('hello'); // Uint8Array of '5:hello,'
 * ```
 */
export function encodeNetstring(message: string): Uint8Array {
  const body = new TextEncoder().encode(message);
  const head = new TextEncoder().encode(`${body.length}:`);
  const out = new Uint8Array(head.length + body.length + 1);
  out.set(head, 0);
  out.set(body, head.length);
  out[out.length - 1] = 0x2c;
  return out;
}

/** Options of {@link NetstringDecoder}. */
export interface NetstringDecoderOptions {
  /**
   * Largest message body in bytes; a longer length prefix is refused before any of the body is
   * buffered. Default {@link DEFAULT_MAX_NETSTRING_BYTES}.
   */
  readonly maxMessageBytes?: number;
}

/**
 * Splits a byte stream into netstring messages, whatever the chunk boundaries.
 *
 * It reads each byte once (a small state machine: length digits, body, comma), so the work is
 * linear in the bytes pushed, and it never holds more than one message body of at most
 * `maxMessageBytes`. Malformed framing throws {@link KamailioError} `KAMAILIO_EVAPI_PROTOCOL`;
 * after that the decoder refuses every further push (the stream has lost its framing).
 *
 * @example
 * ```ts
 * const decoder = new NetstringDecoder({ maxMessageBytes: 65536 });
 * const bytes = (s: string) => new TextEncoder().encode(s);
 * decoder.push(bytes('5:hel')); // []
 * decoder.push(bytes('lo,2:ok,')); // ['hello', 'ok']
 * ```
 */
export class NetstringDecoder {
  private readonly maxMessageBytes: number;
  private readonly text = new TextDecoder();
  /** `length`: reading digits; `body`: copying the body; `comma`: expecting the final comma. */
  private state: 'length' | 'body' | 'comma' = 'length';
  private digits = 0;
  private length = 0;
  private body = new Uint8Array(0);
  private filled = 0;
  private failed: KamailioError | undefined;

  constructor(options: NetstringDecoderOptions = {}) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_NETSTRING_BYTES;
    if (!Number.isSafeInteger(max) || max < 1 || max > 2 ** 30) {
      throw new RangeError('maxMessageBytes must be an integer from 1 to 2^30');
    }
    this.maxMessageBytes = max;
  }

  /**
   * Adds bytes; returns every message completed by them.
   *
   * @throws {@link KamailioError} `KAMAILIO_EVAPI_PROTOCOL` on malformed framing or a message
   * longer than `maxMessageBytes`.
   */
  push(chunk: Uint8Array): string[] {
    if (this.failed) throw this.failed;
    const messages: string[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'body') {
        const take = Math.min(this.length - this.filled, chunk.length - i);
        this.body.set(chunk.subarray(i, i + take), this.filled);
        this.filled += take;
        i += take;
        if (this.filled === this.length) this.state = 'comma';
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.state === 'comma') {
        if (byte !== 0x2c) this.fail('netstring does not end with a comma');
        messages.push(this.text.decode(this.body.subarray(0, this.length)));
        this.reset();
        continue;
      }
      // state 'length'
      if (byte >= 0x30 && byte <= 0x39) {
        this.digits++;
        this.length = this.length * 10 + (byte - 0x30);
        if (this.digits > MAX_LENGTH_DIGITS || this.length > this.maxMessageBytes) {
          this.fail(`netstring message is longer than the limit of ${this.maxMessageBytes} bytes`);
        }
        continue;
      }
      if (byte !== 0x3a || this.digits === 0) {
        this.fail(`bad netstring length: unexpected byte 0x${byte.toString(16).padStart(2, '0')}`);
      }
      if (this.body.length < this.length) this.body = new Uint8Array(this.length);
      this.filled = 0;
      this.state = this.length === 0 ? 'comma' : 'body';
    }
    return messages;
  }

  /** Bytes of an incomplete message held now (for tests and metrics). */
  get pendingBytes(): number {
    return this.state === 'body' ? this.filled : 0;
  }

  private reset(): void {
    this.state = 'length';
    this.digits = 0;
    this.length = 0;
    this.filled = 0;
    // keep small buffers for reuse; drop a large one so that one big message is not kept forever
    if (this.body.length > 64 * 1024) this.body = new Uint8Array(0);
  }

  private fail(message: string): never {
    this.failed = new KamailioError('KAMAILIO_EVAPI_PROTOCOL', message);
    throw this.failed;
  }
}
