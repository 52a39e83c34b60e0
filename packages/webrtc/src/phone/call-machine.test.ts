import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidTransitionError } from '@switchboard/core/shared';
import { CallStatus, callCommandMachine } from './call-machine.js';

test('every call state lists the commands it accepts; a refusal names them and the state', () => {
  assert.deepEqual(callCommandMachine.allowedEvents('connected'), [
    'hold',
    'send-dtmf',
    'transfer',
  ]);
  assert.deepEqual(callCommandMachine.allowedEvents('held'), ['unhold', 'transfer']);
  assert.deepEqual(callCommandMachine.allowedEvents('ringing'), ['reject']);
  for (const status of Object.values(CallStatus)) {
    for (const command of callCommandMachine.allowedEvents(status)) {
      assert.equal(
        callCommandMachine.transition(status, command),
        status,
        'commands keep the state',
      );
    }
  }
  assert.throws(
    () => callCommandMachine.transition('held', 'hold', 'call-1'),
    (err: unknown) =>
      err instanceof InvalidTransitionError &&
      err.state === 'held' &&
      err.event === 'hold' &&
      err.entityId === 'call-1' &&
      err.allowed.join() === 'unhold,transfer',
  );
});
