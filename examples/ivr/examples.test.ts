// Runs every example flow's scripted cases (examples/ivr/<name>/flow.json + cases.json), once
// straight through and once saving and resuming the session as JSON before every event.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlow, validateFlow } from '@switchboard/core/ivr';
import { runFlowSuite } from '@switchboard/core/testing';

const here = new URL('.', import.meta.url).pathname;
const examples = readdirSync(here).filter((d) => existsSync(join(here, d, 'flow.json')));

/** Queues and hooks the example hosts provide, so validation also checks those names. */
const context = {
  queues: ['cards', 'bank-service', 'tech', 'billing', 'retention', 'general', 'support-callbacks'],
  hooks: ['lookup-account', 'verify-pin'],
};

describe('example IVR flows', () => {
  it('has at least two examples', () => assert.ok(examples.length >= 2, examples.join(', ')));

  for (const name of examples) {
    describe(name, () => {
      const json: unknown = JSON.parse(readFileSync(join(here, name, 'flow.json'), 'utf8'));
      const suite: unknown = JSON.parse(readFileSync(join(here, name, 'cases.json'), 'utf8'));

      it('is valid against the host context', () =>
        assert.deepEqual(validateFlow(json, context), []));

      for (const resumeEachStep of [false, true]) {
        it(`passes its scripted cases${resumeEachStep ? ' when resumed from JSON before every event' : ''}`, () => {
          const results = runFlowSuite(compileFlow(json, context), suite, { resumeEachStep });
          assert.ok(results.length >= 5, 'each example carries at least five cases');
          for (const r of results) assert.ok(r.passed, `${r.name}:\n  ${r.failures.join('\n  ')}`);
        });
      }
    });
  }
});
