import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NetstringDecoder, encodeNetstring } from './netstring.js';
import { KamailioError } from './kamailio-error.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');

/** Pushes `bytes` cut at `cuts`; returns the messages, or the error thrown. */
function decodeInChunks(decoder: NetstringDecoder, bytes: Uint8Array, cuts: readonly number[]) {
  const out: string[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length].sort((x, y) => x - y)) {
    const to = Math.min(bytes.length, cut);
    if (to <= from) continue;
    out.push(...decoder.push(bytes.subarray(from, to)));
    from = to;
  }
  return out;
}

test('decodes messages split anywhere across chunks', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }),
      fc.array(fc.nat({ max: 40 }), { maxLength: 6 }),
      (messages, cuts) => {
        const bytes = Buffer.concat(messages.map((m) => Buffer.from(encodeNetstring(m))));
        assert.deepEqual(decodeInChunks(new NetstringDecoder(), bytes, cuts), messages);
      },
    ),
    { numRuns: 300 },
  );
});

test('rejects malformed framing with a typed error, and stays failed afterwards', () => {
  const isProtocolError = (e: unknown) =>
    e instanceof KamailioError && e.code === 'KAMAILIO_EVAPI_PROTOCOL';
  assert.throws(() => new NetstringDecoder().push(ascii('x:abc,')), isProtocolError);
  assert.throws(() => new NetstringDecoder().push(ascii(':abc,')), isProtocolError);
  assert.throws(() => new NetstringDecoder().push(ascii('3:abcd')), isProtocolError);
  const decoder = new NetstringDecoder();
  assert.throws(() => decoder.push(ascii('1:ab,')), isProtocolError);
  assert.throws(() => decoder.push(ascii('2:ok,')), isProtocolError);
});

test('refuses a length above the limit before buffering the body', () => {
  const decoder = new NetstringDecoder({ maxMessageBytes: 1000 });
  assert.deepEqual(decoder.push(ascii('1000:')), []);
  assert.throws(
    () => new NetstringDecoder({ maxMessageBytes: 1000 }).push(ascii('1001:')),
    (e: unknown) => e instanceof KamailioError && /1000 bytes/.test(e.message),
  );
  // the default limit (1 MiB) refuses a 999,999,999-byte announcement at once
  const big = new NetstringDecoder();
  assert.throws(() => big.push(ascii('999999999:')), KamailioError);
  assert.throws(() => new NetstringDecoder().push(ascii('0'.repeat(11))), KamailioError);
  assert.equal(new NetstringDecoder().pendingBytes, 0);
});

test('a message sent one byte per chunk holds only its own body', () => {
  const body = 'y'.repeat(20_000);
  const bytes = encodeNetstring(body);
  const decoder = new NetstringDecoder();
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    out.push(...decoder.push(bytes.subarray(i, i + 1)));
    assert.ok(decoder.pendingBytes <= body.length);
  }
  assert.deepEqual(out, [body]);
});

test('fuzz: random bytes in random chunks give messages or a typed error, never anything else', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        // mostly-valid streams with one corrupted byte
        fc
          .tuple(
            fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 4 }),
            fc.nat(),
            fc.integer({ min: 0, max: 255 }),
          )
          .map(([messages, at, byte]) => {
            const bytes = Buffer.concat(messages.map((m) => Buffer.from(encodeNetstring(m))));
            bytes[at % bytes.length] = byte;
            return new Uint8Array(bytes);
          }),
      ),
      fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
      (bytes, cuts) => {
        const decoder = new NetstringDecoder({ maxMessageBytes: 64 });
        try {
          const out = decodeInChunks(decoder, bytes, cuts);
          for (const message of out) assert.equal(typeof message, 'string');
          assert.ok(decoder.pendingBytes <= 64);
        } catch (error) {
          assert.ok(error instanceof KamailioError, `untyped error: ${String(error)}`);
          assert.equal(error.code, 'KAMAILIO_EVAPI_PROTOCOL');
        }
      },
    ),
    { numRuns: 2000 },
  );
});
