import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bdecode, bencode, MAX_BENCODE_DEPTH } from './bencode.js';
import type { BencodeValue } from './bencode.js';
import { KamailioError } from './kamailio-error.js';

test('encodes NG commands with sorted keys and decodes answers', () => {
  assert.equal(bencode({ command: 'ping' }), 'd7:command4:pinge');
  assert.equal(
    bencode({ 'call-id': 'c', flags: ['a', 'b'], command: 'offer', n: 3 }),
    'd7:call-id1:c7:command5:offer5:flagsl1:a1:be1:ni3ee',
  );
  assert.deepEqual({ ...(bdecode('d6:result4:ponge') as object) }, { result: 'pong' });
  assert.equal(bdecode('3:\xc3\xa9a'), 'éa');
});

test('round-trips any value', () => {
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  fc.assert(
    fc.property(value, (v) => {
      assert.deepEqual(
        JSON.parse(JSON.stringify(bdecode(bencode(v as BencodeValue)))),
        JSON.parse(JSON.stringify(v)),
      );
    }),
    { numRuns: 300 },
  );
});

test('hostile input: a KamailioError, never another failure, and no prototype keys', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 64 }), (text) => {
      try {
        bdecode(text);
      } catch (error) {
        assert.ok(error instanceof KamailioError, String(error));
      }
    }),
    { numRuns: 2000 },
  );
  const deep = `${'l'.repeat(MAX_BENCODE_DEPTH + 2)}${'e'.repeat(MAX_BENCODE_DEPTH + 2)}`;
  assert.throws(() => bdecode(deep), KamailioError);
  assert.throws(() => bdecode('999999999:x'), KamailioError);
  assert.throws(() => bdecode('i1e '), KamailioError);
  const dict = bdecode('d9:__proto__i1ee') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(dict), null);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
