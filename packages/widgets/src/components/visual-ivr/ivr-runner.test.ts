import { it } from 'node:test';
import assert from 'node:assert/strict';
import { compileFlow } from '@switchboard/core/ivr';
import { IvrRunner, MAX_TRANSCRIPT } from './ivr-runner.js';

const flow = compileFlow({
  schema: 'switchboard.ivr.flow/1',
  id: 'pin',
  version: 1,
  languages: ['en'],
  timezone: 'UTC',
  start: 'menu',
  variables: { pin: '' },
  nodes: [
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: 'Press 1 to enter your PIN.' },
      choices: [
        { dtmf: '1', next: 'pin' },
        { speech: { en: ['agent'] }, next: 'bye' },
      ],
      exits: { noInput: 'menu', noMatch: 'menu' },
    },
    {
      id: 'pin',
      kind: 'collect',
      prompt: { en: 'Your PIN?' },
      variable: 'pin',
      sensitive: true,
      exits: { next: 'bye', noInput: 'bye', invalid: 'bye' },
    },
    { id: 'bye', kind: 'hangup' },
  ],
});

it('turns a menu into choices and a collect into a (sensitive) input', async () => {
  const runner = new IvrRunner(flow, {});
  const first = await runner.start();
  assert.equal(first.status, 'waiting');
  assert.deepEqual(first.prompt, {
    kind: 'menu',
    nodeId: 'menu',
    choices: [
      { key: '1', label: null, event: { type: 'dtmf', digits: '1' } },
      { key: null, label: 'agent', event: { type: 'speech', text: 'agent', confidence: 1 } },
    ],
  });
  const second = await runner.send({ type: 'dtmf', digits: '1' }, '1');
  assert.equal(second.prompt?.kind, 'input');
  assert.equal(second.prompt?.kind === 'input' && second.prompt.sensitive, true);
  const done = await runner.send({ type: 'dtmf', digits: '4321' }, '••••');
  assert.equal(done.status, 'ended');
  assert.equal(done.outcome, 'hangup');
  assert.deepEqual(done.end, { type: 'hangup', nodeId: 'bye', reason: 'flow' });
  assert.ok(!done.transcript.some((e) => e.text.includes('4321')));
  // Once ended, input is ignored.
  assert.equal(await runner.send({ type: 'dtmf', digits: '1' }, '1'), done);
});

it(`keeps at most ${MAX_TRANSCRIPT} transcript lines, however long the user wanders`, async () => {
  const runner = new IvrRunner(flow, {});
  await runner.start();
  let last = runner.getSnapshot();
  for (let i = 0; i < 400 && last.status === 'waiting'; i++) {
    last = await runner.send({ type: 'dtmf', digits: '9' }, '9');
  }
  assert.ok(last.transcript.length <= MAX_TRANSCRIPT);
});
