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

/**
 * Splits a byte stream into netstring messages, whatever the chunk boundaries.
 *
 * @example
 * ```ts
 * const decoder = new NetstringDecoder();
 * decoder.push(bytes('5:hel')); // []
 * decoder.push(bytes('lo,2:ok,')); // ['hello', 'ok']
 * ```
 */
export class NetstringDecoder {
  private buffer = new Uint8Array(0);

  /** Adds bytes; returns every message completed by them. Throws on malformed framing. */
  push(chunk: Uint8Array): string[] {
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer, 0);
    merged.set(chunk, this.buffer.length);
    this.buffer = merged;
    const messages: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) {
        if (this.buffer.length > 10)
          throw new SyntaxError('netstring length is too long or missing');
        break;
      }
      const lengthText = new TextDecoder().decode(this.buffer.subarray(0, colon));
      if (!/^\d{1,9}$/.test(lengthText))
        throw new SyntaxError(`bad netstring length ${JSON.stringify(lengthText)}`);
      const length = Number(lengthText);
      const end = colon + 1 + length;
      if (this.buffer.length < end + 1) break;
      if (this.buffer[end] !== 0x2c) throw new SyntaxError('netstring does not end with a comma');
      messages.push(new TextDecoder().decode(this.buffer.subarray(colon + 1, end)));
      this.buffer = this.buffer.slice(end + 1);
    }
    return messages;
  }
}
