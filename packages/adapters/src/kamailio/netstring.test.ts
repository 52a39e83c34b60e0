import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NetstringDecoder, encodeNetstring } from './netstring.js';

test('decodes messages split anywhere across chunks', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }),
      fc.array(fc.nat({ max: 40 }), { maxLength: 6 }),
      (messages, cuts) => {
        const bytes = Buffer.concat(messages.map((m) => Buffer.from(encodeNetstring(m))));
        const decoder = new NetstringDecoder();
        const out: string[] = [];
        let from = 0;
        for (const cut of [...cuts].sort((x, y) => x - y)) {
          const to = Math.min(bytes.length, cut);
          if (to <= from) continue;
          out.push(...decoder.push(bytes.subarray(from, to)));
          from = to;
        }
        out.push(...decoder.push(bytes.subarray(from)));
        assert.deepEqual(out, messages);
      },
    ),
  );
});

test('rejects malformed framing', () => {
  assert.throws(() => new NetstringDecoder().push(Buffer.from('x:abc,')), SyntaxError);
  assert.throws(() => new NetstringDecoder().push(Buffer.from('3:abcd')), SyntaxError);
});
