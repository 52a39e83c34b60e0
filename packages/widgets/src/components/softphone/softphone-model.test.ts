import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TARGET_LENGTH, parseSipAddress, type CallSnapshot } from '@switchboard/webrtc';
import { KEYS, callerOf, keypadMove, listMove, pickLine, qualityLevel } from './softphone-model.js';
import { checkTarget } from './softphone-target.js';

const NAV = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Home', 'End'];

it('checks targets exactly as the Phone parses them, naming the problem', () => {
  assert.deepEqual(checkTarget('  ', 'pbx'), { ok: false, problem: 'empty' });
  assert.deepEqual(checkTarget('sip:@x', 'pbx'), { ok: false, problem: 'invalid' });
  assert.deepEqual(checkTarget('x'.repeat(MAX_TARGET_LENGTH + 1), 'pbx'), {
    ok: false,
    problem: 'too-long',
  });
  assert.deepEqual(checkTarget('+1 (555) 010', 'pbx'), { ok: true, uri: 'sip:+1555010@pbx' });
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (target) => {
      const checked = checkTarget(target, 'pbx.local');
      let parsed: string | undefined;
      try {
        parsed = parseSipAddress(target.trim(), 'pbx.local').uri;
      } catch {
        parsed = undefined;
      }
      if (target.trim() === '') assert.deepEqual(checked, { ok: false, problem: 'empty' });
      else if (parsed === undefined) assert.deepEqual(checked, { ok: false, problem: 'invalid' });
      else assert.deepEqual(checked, { ok: true, uri: parsed });
    }),
    { numRuns: 500 },
  );
});

it('moves in the keypad grid and the line list without leaving them', () => {
  assert.equal(keypadMove(0, 'ArrowRight'), 1);
  assert.equal(keypadMove(1, 'ArrowDown'), 4);
  assert.equal(keypadMove(10, 'ArrowDown'), 10);
  assert.equal(keypadMove(4, 'x'), undefined);
  fc.assert(
    fc.property(
      fc.nat(KEYS.length - 1),
      fc.array(fc.constantFrom(...NAV), { maxLength: 30 }),
      (start, keys) => {
        let index = start;
        for (const key of keys) {
          index = keypadMove(index, key) ?? -1;
          assert.ok(index >= 0 && index < KEYS.length);
        }
      },
    ),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(7), fc.constantFrom(...NAV), (n, i, key) => {
      const next = listMove(i % n, n, key);
      assert.ok(next !== undefined && next >= 0 && next < n);
      if (key === 'ArrowRight') assert.equal(listMove(next, n, 'ArrowLeft'), i % n);
    }),
  );
  assert.equal(listMove(0, 0, 'ArrowRight'), undefined);
});

const call = (id: string, over: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id,
  direction: 'outgoing',
  status: 'connected',
  remoteUri: 'sip:bob@pbx',
  remoteDisplayName: undefined,
  interactionId: id,
  muted: false,
  remoteHold: false,
  headers: {},
  dtmfSent: '',
  dtmfReceived: '',
  progressCode: undefined,
  iceState: undefined,
  startedAt: 0,
  connectedAt: 0,
  endedAt: undefined,
  endReason: undefined,
  quality: undefined,
  qualityWarnings: [],
  ...over,
});

it('shows the chosen line while it lives, else the talking one, never a ringing offer', () => {
  const ringing = call('r', { direction: 'incoming', status: 'ringing' });
  const held = call('h', { status: 'held' });
  const talking = call('t');
  assert.equal(pickLine([ringing, held, talking], undefined), 't');
  assert.equal(pickLine([ringing, held, talking], 'h'), 'h');
  assert.equal(pickLine([ringing, held], 'gone'), 'h');
  assert.equal(pickLine([ringing], undefined), undefined);
});

it('names the caller as text and grades MOS into levels', () => {
  assert.equal(callerOf(call('a', { remoteDisplayName: ' Ada ' }), '?'), 'Ada');
  assert.equal(callerOf(call('a', { remoteUri: 'sip:%2B1555@pbx' }), '?'), '+1555');
  assert.equal(callerOf(call('a', { remoteUri: 'sip:%E0%A4%A@pbx' }), '?'), '%E0%A4%A');
  assert.equal(callerOf(call('a', { remoteUri: '' }), '?'), '?');
  assert.deepEqual([4.4, 4, 3.8, 3.6, 3.2, Number.NaN, undefined].map(qualityLevel), [
    'good',
    'good',
    'fair',
    'fair',
    'poor',
    'unknown',
    'unknown',
  ]);
  fc.assert(
    fc.property(
      fc.double({ min: 1, max: 5, noNaN: true }),
      fc.double({ min: 1, max: 5, noNaN: true }),
      (a, b) => {
        const rank = { poor: 0, fair: 1, good: 2, unknown: -1 };
        if (a <= b) assert.ok(rank[qualityLevel(a)] <= rank[qualityLevel(b)]);
      },
    ),
  );
});
