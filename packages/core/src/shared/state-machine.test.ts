import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defineMachine } from './state-machine.js';
import { InvalidTransitionError } from './invalid-transition-error.js';

const door = defineMachine<'open' | 'closed' | 'locked', 'open' | 'close' | 'lock' | 'unlock'>(
  'door',
  {
    open: { close: 'closed' },
    closed: { open: 'open', lock: 'locked' },
    locked: { unlock: 'closed' },
  },
);

describe('defineMachine', () => {
  it('follows the table', () => {
    assert.equal(door.transition('closed', 'lock'), 'locked');
    assert.deepEqual(door.allowedEvents('closed'), ['open', 'lock']);
  });

  it('refuses an illegal event with state, event and allowed events', () => {
    assert.throws(
      () => door.transition('locked', 'open', 'front'),
      (err: unknown) =>
        err instanceof InvalidTransitionError &&
        err.code === 'INVALID_TRANSITION' &&
        err.state === 'locked' &&
        err.event === 'open' &&
        err.entityId === 'front' &&
        err.allowed.join() === 'unlock' &&
        /door 'front' cannot 'open' in state 'locked'/.test(err.message),
    );
  });

  it('never leaves the table for any event sequence', () => {
    const events = ['open', 'close', 'lock', 'unlock'] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events)), (seq) => {
        let state: 'open' | 'closed' | 'locked' = 'closed';
        for (const e of seq) {
          const before: typeof state = state;
          try {
            state = door.transition(state, e);
          } catch (err) {
            assert.ok(err instanceof InvalidTransitionError);
            assert.equal(state, before);
          }
          assert.ok(['open', 'closed', 'locked'].includes(state));
        }
      }),
    );
  });
});
