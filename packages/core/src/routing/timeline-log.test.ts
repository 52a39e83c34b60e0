import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InteractionEvent } from './records.js';
import { TimelineLog, type TimelineOwner } from './timeline-log.js';

function owner(): TimelineOwner {
  return { timelineHead: -1, timelineLength: 0 };
}

function event(interactionId: string, at: number): InteractionEvent {
  return { type: 'interaction-held', at, interactionId, agentId: 'a1' };
}

describe('TimelineLog', () => {
  it('keeps each owner’s steps in order, however their appends interleave', () => {
    const log = new TimelineLog();
    const owners = [owner(), owner(), owner()];
    for (let i = 0; i < 10_000; i++) {
      const k = (i * 7) % 3;
      log.append(owners[k] as TimelineOwner, event(`ix${k}`, i), 'held', `a${i}`, undefined);
    }
    for (const [k, o] of owners.entries()) {
      const steps = log.steps(o);
      assert.equal(steps.length, o.timelineLength);
      const times = steps.map((s) => s.event.at);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
      assert.ok(
        steps.every((s) => s.event.interactionId === `ix${k}` && s.agentId === `a${s.event.at}`),
      );
    }
  });

  it('compacts once released owners’ steps outnumber the live ones, keeping live chains', () => {
    const log = new TimelineLog();
    const kept = owner();
    const keptSteps: number[] = [];
    let released = 0;
    for (let n = 0; !log.wasteful; n++) {
      const o = owner();
      for (let s = 0; s < 5; s++)
        log.append(o, event(`ix${n}`, n * 10 + s), 'queued', undefined, 'q1');
      if (n % 100 === 0) {
        log.append(kept, event('kept', n), 'connected', 'a1', 'q1');
        keptSteps.push(n);
      }
      log.release(o);
      released += 5;
    }
    assert.ok(released > keptSteps.length);
    log.compact([kept]);
    assert.equal(log.length, keptSteps.length);
    assert.equal(log.wasteful, false);
    assert.deepEqual(
      log.steps(kept).map((s) => [s.event.at, s.state, s.agentId, s.queueId]),
      keptSteps.map((at) => [at, 'connected', 'a1', 'q1']),
    );
    // Appending after a compaction continues the same chain.
    log.append(kept, event('kept', -1), 'wrap-up', 'a1', 'q1');
    assert.equal(log.steps(kept).at(-1)?.state, 'wrap-up');
    assert.equal(log.steps(kept).length, keptSteps.length + 1);
  });
});
