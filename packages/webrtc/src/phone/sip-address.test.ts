import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSipAddress } from './sip-address.js';
import { InvalidTargetError } from './invalid-target-error.js';

test('completes user names and numbers with the domain', () => {
  assert.equal(parseSipAddress('bob', 'example.com').uri, 'sip:bob@example.com');
  assert.equal(parseSipAddress('+1 (555) 010-0000', 'pbx.local').uri, 'sip:+15550100000@pbx.local');
  assert.equal(
    parseSipAddress('sip:support@127.0.0.1:5070', 'x').uri,
    'sip:support@127.0.0.1:5070',
  );
  assert.equal(parseSipAddress('carol@10.0.0.1', 'x').host, '10.0.0.1');
});

test('rejects malformed targets with InvalidTargetError', () => {
  for (const bad of [
    '',
    '   ',
    'sip:@host',
    'bob@',
    'tel:123',
    'sips:bob@x',
    'bo b',
    'sip:bob@bad_host!',
    'bob@host:99999',
    '<sip:bob@x>',
  ]) {
    assert.throws(() => parseSipAddress(bad, 'example.com'), InvalidTargetError, bad);
  }
});

test('property: every valid user@host round-trips to sip:user@host', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
  fc.assert(
    fc.property(label, fc.array(label, { minLength: 1, maxLength: 3 }), (user, hostLabels) => {
      const host = hostLabels.join('.');
      assert.equal(parseSipAddress(`${user}@${host}`, 'd').uri, `sip:${user}@${host}`);
    }),
  );
});
