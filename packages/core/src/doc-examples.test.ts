import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocExamples, extractExamples } from '../../../scripts/doc-examples.js';

describe('TSDoc @example blocks', () => {
  it('are extracted with their source lines: ts fences, unfenced examples, other languages apart', () => {
    const text = [
      '/**', // 1
      ' * Adds.', // 2
      ' *', // 3
      ' * @example', // 4
      ' * ```ts', // 5
      ' * add(1, 2); // 3', // 6
      ' * ```', // 7
      ' * @example', // 8
      ' * add(2, 2);', // 9
      ' * @example', // 10
      ' * ```html', // 11
      ' * <sb-queue-board></sb-queue-board>', // 12
      ' * ```', // 13
      ' * @param a - not an example', // 14
      ' */', // 15
      'export function add(a: number, b: number): number {', // 16
      '  return a + b;', // 17
      '}', // 18
    ].join('\n');
    const { examples, otherLanguages } = extractExamples(text, 'x.ts');
    assert.deepEqual(examples, [
      { file: 'x.ts', line: 6, code: 'add(1, 2); // 3' },
      { file: 'x.ts', line: 9, code: 'add(2, 2);' },
    ]);
    assert.equal(otherLanguages, 1);
  });

  it('type-check against the public entries of the packages', () => {
    const report = checkDocExamples();
    assert.ok(report.examples.length > 100, `only ${report.examples.length} examples found`);
    const failures = report.failures.map((f) => `${f.at}: ${f.message}`);
    assert.deepEqual(failures, [], `examples that do not type-check:\n${failures.join('\n')}`);
  });
});
