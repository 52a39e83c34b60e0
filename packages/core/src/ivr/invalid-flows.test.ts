import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileFlow } from './compile-flow.js';
import { FlowValidationError } from './flow-validation-error.js';
import { validateFlow } from './validate-flow.js';
import type { FlowValidationContext } from './validate-flow.js';

interface BrokenCase {
  name: string;
  context?: FlowValidationContext;
  expect: { path: string; includes: string }[];
  flow: unknown;
}

const corpus = JSON.parse(
  readFileSync(new URL('./fixtures/invalid-flows.json', import.meta.url), 'utf8'),
) as {
  cases: BrokenCase[];
};

describe('corpus of broken flows', () => {
  it('holds at least 30 flows', () =>
    assert.ok(corpus.cases.length >= 30, String(corpus.cases.length)));

  for (const c of corpus.cases) {
    it(`rejects: ${c.name}`, () => {
      const issues = validateFlow(c.flow, c.context);
      assert.ok(issues.length > 0, 'expected at least one issue');
      for (const want of c.expect) {
        assert.ok(
          issues.some((i) => i.path === want.path && i.message.includes(want.includes)),
          `expected ${want.path}: …${want.includes}…\n got:\n  ${issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`,
        );
      }
      assert.throws(
        () => compileFlow(c.flow, c.context),
        (err: unknown) =>
          err instanceof FlowValidationError &&
          err.code === 'VALIDATION_FAILED' &&
          err.issues.length === issues.length,
      );
    });
  }
});
