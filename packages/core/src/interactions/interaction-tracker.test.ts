import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionTracker } from './interaction-tracker.js';
import {
  DisposedError,
  InvalidTransitionError,
  ValidationError,
  VirtualClock,
} from '../shared/index.js';

const settled = () =>
  new Promise<void>((resolve) => {
    queueMicrotask(resolve);
  });

function call() {
  return new InteractionTracker({ id: 'call-1', channel: 'voice', clock: new VirtualClock(0) });
}

describe('InteractionTracker', () => {
  it('moves through the lifecycle and notifies a selector only when its slice changes', async () => {
    const tracker = call();
    const statuses: string[] = [];
    tracker.subscribe(
      (s) => s.status,
      (status) => statuses.push(status),
    );
    tracker.note('dtmf-sent', { digits: '1' });
    await settled();
    assert.deepEqual(statuses, [], 'a note changes the timeline, not the status');
    tracker.apply('offer', 'call-ringing');
    tracker.apply('accept', 'call-answered', { agentId: 'alice' });
    await settled();
    assert.deepEqual(statuses, ['connected']);
    assert.equal(tracker.getSnapshot().agentId, 'alice');
    tracker.apply('hold', 'call-held');
    assert.throws(() => tracker.apply('hold', 'call-held'), InvalidTransitionError);
  });

  it('refuses attributes under reserved keys', () => {
    const tracker = call();
    const hostile = JSON.parse('{"__proto__": {"admin": true}}') as Record<string, string>;
    assert.throws(() => tracker.setAttributes(hostile), ValidationError);
    assert.throws(
      () =>
        new InteractionTracker({
          id: 'c',
          channel: 'chat',
          clock: new VirtualClock(0),
          attributes: hostile,
        }),
      ValidationError,
    );
    tracker.setAttributes({ vip: true });
    assert.deepEqual(tracker.getSnapshot().attributes, { vip: true });
  });

  it('dispose is idempotent, answers Symbol.dispose, and commands then throw DisposedError', async () => {
    const tracker = call();
    let calls = 0;
    tracker.subscribe(() => calls++);
    tracker.apply('offer', 'call-ringing');
    tracker.dispose();
    tracker.dispose();
    (tracker as unknown as { [Symbol.dispose](): void })[Symbol.dispose]();
    await settled();
    assert.equal(calls, 0, 'no notification after dispose');
    for (const run of [
      () => tracker.apply('accept', 'call-answered'),
      () => tracker.note('x'),
      () => tracker.setAttributes({ a: 1 }),
    ]) {
      assert.throws(run, DisposedError);
    }
    assert.equal(tracker.getSnapshot().status, 'offered');
  });
});
