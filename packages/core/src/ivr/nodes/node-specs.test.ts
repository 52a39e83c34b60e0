import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_KINDS } from '../flow-definition.js';
import { FlowBuilder } from '../flow-builder.js';
import { compileFlow } from '../compile-flow.js';
import { ENDING_KINDS, NODE_SPECS, WAITING_KINDS, exitOf, isNodeKind } from './node-specs.js';

describe('node kind specs', () => {
  it('cover every node kind, each under its own name', () => {
    assert.deepEqual(Object.keys(NODE_SPECS).sort(), [...NODE_KINDS].sort());
    for (const [kind, spec] of Object.entries(NODE_SPECS)) assert.equal(spec.kind, kind);
    assert.ok(isNodeKind('menu'));
    assert.ok(!isNodeKind('constructor') && !isNodeKind('toString') && !isNodeKind(7));
  });

  it('say which kinds wait and which end a flow, as the flow documentation tabulates', () => {
    assert.deepEqual([...WAITING_KINDS].sort(), ['callback', 'collect', 'hook', 'menu']);
    assert.deepEqual([...ENDING_KINDS].sort(), [
      'enqueue',
      'hangup',
      'return',
      'transfer',
      'voicemail',
    ]);
  });

  it('compile to nodes discriminated on kind, with their exits', () => {
    const flow = compileFlow(
      new FlowBuilder<'ask' | 'ok' | 'bye', 'en'>({
        id: 'specs',
        version: 1,
        languages: ['en'],
        timezone: 'UTC',
        start: 'ask',
        variables: { pin: '' },
      })
        .node('collect', 'ask', {
          prompt: { en: 'PIN?' },
          variable: 'pin',
          pattern: '^[0-9]{4}$',
          exits: { next: 'ok', noInput: 'bye', invalid: 'bye' },
        })
        .node('hangup', 'ok', {})
        .hangup('bye')
        .build(),
    );
    const ask = flow.node('ask');
    assert.equal(ask.kind, 'collect');
    if (ask.kind === 'collect') {
      assert.equal(ask.variable, 'pin');
      assert.equal(ask.pattern?.test('1234'), true);
      assert.equal(ask.maxRetries, 2);
    }
    assert.equal(exitOf(ask, 'invalid'), 'bye');
    assert.throws(() => exitOf(ask, 'otherwise'), /has no exit 'otherwise'/);
  });
});
