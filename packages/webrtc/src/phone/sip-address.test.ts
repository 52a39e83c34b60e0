import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TARGET_LENGTH, parseSipAddress } from './sip-address.js';
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

test('keeps URI parameters, in order, and the sips: scheme', () => {
  const ws = parseSipAddress('sip:bob@host.example;transport=ws', 'x');
  assert.equal(ws.uri, 'sip:bob@host.example;transport=ws');
  assert.deepEqual(ws.params, [{ name: 'transport', value: 'ws' }]);
  const many = parseSipAddress('SIPS:+15550100@gw.example:5061;user=phone;lr', 'x');
  assert.equal(many.scheme, 'sips');
  assert.equal(many.uri, 'sips:+15550100@gw.example:5061;user=phone;lr');
  assert.deepEqual(many.params, [
    { name: 'user', value: 'phone' },
    { name: 'lr', value: undefined },
  ]);
});

test('splits a bracketed IPv6 host from its port', () => {
  const loop = parseSipAddress('sip:bob@[::1]:5060', 'x');
  assert.equal(loop.host, '[::1]');
  assert.equal(loop.port, 5060);
  assert.equal(loop.uri, 'sip:bob@[::1]:5060');
  const full = parseSipAddress('sip:bob@[2001:db8:0:0:0:0:0:1];transport=ws', 'x');
  assert.equal(full.port, undefined);
  assert.equal(full.uri, 'sip:bob@[2001:db8:0:0:0:0:0:1];transport=ws');
  assert.equal(parseSipAddress('bob@[::ffff:192.0.2.1]', 'x').host, '[::ffff:192.0.2.1]');
});

test('reads name-addr display names and ?headers', () => {
  const quoted = parseSipAddress('"Bob \\"B\\" Smith" <sip:bob@example.com;transport=ws>', 'x');
  assert.equal(quoted.displayName, 'Bob "B" Smith');
  assert.equal(quoted.uri, 'sip:bob@example.com;transport=ws');
  const plain = parseSipAddress('Support Desk <sips:desk@example.com>', 'x');
  assert.equal(plain.displayName, 'Support Desk');
  assert.equal(plain.scheme, 'sips');
  assert.equal(parseSipAddress('<sip:bob@x>', 'd').displayName, undefined);
  const withHeaders = parseSipAddress('sip:bob@example.com?X-Queue=vip&Subject=Hello%20there', 'x');
  assert.equal(withHeaders.uri, 'sip:bob@example.com');
  assert.deepEqual(withHeaders.headers, ['X-Queue: vip', 'Subject: Hello there']);
});

test('rejects malformed targets with InvalidTargetError', () => {
  for (const bad of [
    '',
    '   ',
    'sip:@host',
    'bob@',
    'tel:123',
    'bo b',
    'sip:bob@bad_host!',
    'bob@host:99999',
    'bob@host:',
    'sip:bob:secret@host',
    'bob;transport=ws',
    'sip:bob@host;transport=ws;transport=udp',
    'sip:bob@host;=x',
    'sip:bob@[::1',
    'sip:bob@[::1]5060',
    'sip:bob@[1::2::3]',
    'sip:bob@[12345::1]',
    'sip:bob@[1:2:3:4:5:6:7]',
    'sip:bob@host?Call-ID=evil',
    'sip:bob@host?From=x',
    'sip:bob@host?X-A=%0d%0aVia:1',
    'sip:bob@host?X-A=%zz',
    'sip:bob@host?novalue',
    '"Bob <sip:bob@x>',
    'Bob <sip:bob@x>;tag=1',
    'Bob <bob@x>',
    '<sip:bob@x',
  ]) {
    assert.throws(() => parseSipAddress(bad, 'example.com'), InvalidTargetError, bad);
  }
});

test('refuses targets longer than the limit, naming it', () => {
  const long = `sip:${'a'.repeat(MAX_TARGET_LENGTH)}@host`;
  assert.throws(
    () => parseSipAddress(long, 'x'),
    (e: unknown) =>
      e instanceof InvalidTargetError && e.message.includes(String(MAX_TARGET_LENGTH)),
  );
});

test('property: every valid user@host round-trips to sip:user@host', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
  fc.assert(
    fc.property(label, fc.array(label, { minLength: 1, maxLength: 3 }), (user, hostLabels) => {
      const host = hostLabels.join('.');
      assert.equal(parseSipAddress(`${user}@${host}`, 'd').uri, `sip:${user}@${host}`);
    }),
    { numRuns: 200 },
  );
});

test('property: scheme, IPv6 or named host, port and parameters survive parsing unchanged', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const ipv6 = fc.ipV6().map((a) => `[${a}]`);
  const host = fc.oneof(
    ipv6,
    fc.ipV4(),
    label.map((l) => `${l}.example`),
  );
  const param = fc.tuple(label, fc.option(label, { nil: undefined }));
  fc.assert(
    fc.property(
      fc.constantFrom('sip', 'sips'),
      label,
      host,
      fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      fc.uniqueArray(param, { maxLength: 4, selector: ([name]) => name }),
      (scheme, user, h, port, params) => {
        const paramText = params.map(([n, v]) => `;${n}${v === undefined ? '' : `=${v}`}`).join('');
        const uri = `${scheme}:${user}@${h}${port === undefined ? '' : `:${port}`}${paramText}`;
        const parsed = parseSipAddress(uri, 'd');
        assert.equal(parsed.uri, uri);
        assert.equal(parsed.host, h);
        assert.equal(parsed.port, port);
        assert.equal(parsed.params.length, params.length);
      },
    ),
    { numRuns: 300 },
  );
});

test('fuzz: any string either parses or throws InvalidTargetError, never anything else', () => {
  const alphabet = fc.constantFrom(...'sip:@[]<>";?&=%.:-_ab1f'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
      try {
        parseSipAddress(chars.join(''), 'example.com');
      } catch (error) {
        assert.ok(error instanceof InvalidTargetError, String(error));
      }
    }),
    { numRuns: 1000 },
  );
});
