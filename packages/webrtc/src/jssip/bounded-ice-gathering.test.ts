import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import { BoundedIceGathering } from './bounded-ice-gathering.js';

test('without STUN/TURN the first candidate ends gathering', () => {
  let ready = 0;
  const g = new BoundedIceGathering(new VirtualClock(), false, 1000);
  g.candidate({ type: 'host' }, () => ready++);
  g.candidate({ type: 'host' }, () => ready++);
  assert.equal(ready, 1);
});

test('with servers it waits for a srflx/relay candidate, or the timeout after the first one', () => {
  const clock = new VirtualClock();
  let ready = 0;
  const g = new BoundedIceGathering(clock, true, 800);
  g.candidate({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 5000 typ host' }, () => ready++);
  clock.advance(799);
  assert.equal(ready, 0);
  clock.advance(1);
  assert.equal(ready, 1);

  let ready2 = 0;
  const g2 = new BoundedIceGathering(clock, true, 800);
  g2.candidate({ type: 'host' }, () => ready2++);
  g2.candidate({ type: 'srflx' }, () => ready2++);
  assert.equal(ready2, 1);
  clock.advance(1000);
  assert.equal(ready2, 1);
});
