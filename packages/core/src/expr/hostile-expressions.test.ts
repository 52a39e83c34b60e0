import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ExpressionNode } from './ast.js';
import { analyzeExpression } from './analyze-expression.js';
import { checkExpression } from './check-expression.js';
import { compileExpression } from './compile-expression.js';
import { evaluateExpression } from './evaluate-expression.js';
import { ExpressionEvaluationError } from './expression-evaluation-error.js';
import { ExpressionSyntaxError } from './expression-syntax-error.js';
import { EXPRESSION_LIMITS } from './limits.js';
import { parseExpression } from './parse-expression.js';
import { validateRule } from '../tickets/automation-rule.js';

/** The hostile inputs of issue 11 and their kin, kept as fixtures. */
const thirtyTwoAs = `${'a'.repeat(32)}!`;
const plusChain = Array.from({ length: 5000 }, () => '1').join('+');

function evalError(
  src: string,
  variables: Record<string, unknown> = {},
): ExpressionEvaluationError {
  try {
    evaluateExpression(src, { variables });
  } catch (err) {
    assert.ok(err instanceof ExpressionEvaluationError, String(err));
    return err;
  }
  assert.fail(`no error from ${src.slice(0, 60)}`);
}

/** A hand-built tree `-(-(-(... x)))` deeper than any stack. */
function deepTree(depth: number): ExpressionNode {
  let node: ExpressionNode = { type: 'literal', value: 1, start: 0, end: 1 };
  for (let i = 0; i < depth; i++)
    node = { type: 'unary', operator: '-', operand: node, start: 0, end: 1 };
  return node;
}

describe('hostile expressions (issue 11)', () => {
  it("matches(t, '^(a+)+$') on 32 a's and '!' answers false", () => {
    assert.equal(
      evaluateExpression("matches(t, '^(a+)+$')", { variables: { t: thirtyTwoAs } }),
      false,
    );
    assert.equal(
      evaluateExpression("matches(t, '^(a+)+$')", { variables: { t: 'a'.repeat(32) } }),
      true,
    );
  });

  it('matches() refuses unsupported patterns: at check time for literals, at run time otherwise', () => {
    assert.match(
      checkExpression("matches(t, '(a)\\\\1')", '$.when')[0]?.message ?? '',
      /matches\(\) pattern at position 11 is not a valid regular expression: backreferences/,
    );
    assert.match(checkExpression("matches(t, 'a(?=b)')", '$')[0]?.message ?? '', /lookahead/);
    assert.deepEqual(checkExpression("matches(t, '^[0-9]{6}$')", '$'), []);
    assert.match(
      evalError('matches(t, p)', { t: 'ab', p: '(?<=a)b' }).message,
      /regular expression: lookbehind is not supported/,
    );
  });

  it('ticket automation rules: patterns checked at validation, matched in linear time', () => {
    const rule = (when: string): unknown => ({
      id: 'r',
      on: ['created'],
      when,
      actions: [{ type: 'add-tags', tags: ['x'] }],
    });
    assert.deepEqual(validateRule(rule("matches(ticket.subject, '^(a+)+$')")), []);
    assert.match(
      validateRule(rule("matches(ticket.subject, '(?<=re: )x')"))[0]?.message ?? '',
      /lookbehind is not supported/,
    );
    assert.equal(
      evaluateExpression("matches(ticket.subject, '^(a+)+$')", {
        variables: { ticket: { subject: thirtyTwoAs } },
      }),
      false,
    );
  });

  it('number() on a 100,000-digit string is refused at once; long valid text still converts', () => {
    assert.match(evalError('number(s)', { s: '9'.repeat(100_000) }).message, /cannot convert/);
    assert.match(evalError('number(s)', { s: `${'1'.repeat(900)}x` }).message, /cannot convert/);
    assert.equal(evaluateExpression('number(s)', { variables: { s: `${'0'.repeat(900)}42` } }), 42);
    assert.equal(evaluateExpression("number(' -1.5e3 ')", { variables: {} }), -1500);
    assert.equal(evaluateExpression("number('.5') + number('5.')", { variables: {} }), 5.5);
    for (const bad of [
      '',
      ' ',
      '.',
      '+',
      '1e',
      '1e+',
      '--1',
      '1.2.3',
      '0x10',
      'Infinity',
      '1_000',
    ]) {
      assert.match(evalError('number(s)', { s: bad }).message, /cannot convert/, bad);
    }
  });

  it('checkExpression on 5,000 + terms gives a typed issue, never a RangeError', () => {
    const issues = checkExpression(plusChain, '$.nodes[0].when');
    assert.equal(issues.length, 1);
    assert.match(
      issues[0]?.message ?? '',
      new RegExp(`deeper than ${EXPRESSION_LIMITS.maxTreeDepth} levels`),
    );
    assert.throws(() => parseExpression(plusChain), ExpressionSyntaxError);
    assert.throws(() => evaluateExpression(plusChain, { variables: {} }), ExpressionSyntaxError);
    const within = Array.from({ length: EXPRESSION_LIMITS.maxTreeDepth - 1 }, () => '1').join('+');
    assert.equal(evaluateExpression(within, { variables: {} }), EXPRESSION_LIMITS.maxTreeDepth - 1);
  });

  it('hand-built trees of any depth: analysed iteratively, refused by the evaluators with a typed error', () => {
    const tree = deepTree(100_000);
    assert.deepEqual(analyzeExpression(tree), { variables: [], functions: [] });
    assert.throws(() => evaluateExpression(tree, { variables: {} }), ExpressionEvaluationError);
    assert.throws(() => compileExpression(tree), ExpressionEvaluationError);
    assert.equal(evaluateExpression(deepTree(200), { variables: {} }), 1);
  });

  it('deeply nested values compare without recursion', () => {
    let a: unknown = [];
    let b: unknown = [];
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    assert.equal(evaluateExpression('a == b', { variables: { a, b } }), true);
  });

  it('an evaluation past its step budget fails with a typed error naming the budget', () => {
    const s = 'x'.repeat(1_000_000);
    const src = Array.from({ length: 12 }, () => 'len(s)').join(' + ');
    assert.match(evalError(src, { s }).message, /budget of 10000000 steps/);
    const fn = compileExpression(parseExpression(src));
    assert.throws(() => fn({ variables: { s } }), /budget of 10000000 steps/);
    // The budget is per evaluation: a cheap one after an expensive one runs.
    assert.equal(fn({ variables: { s: 'ab' } }), 24);
  });

  it('source past the length limit is a syntax error naming it', () => {
    const long = `'${'x'.repeat(EXPRESSION_LIMITS.maxSourceLength)}'`;
    assert.match(checkExpression(long, '$')[0]?.message ?? '', /longer than 10000 characters/);
  });
});

/** Tokens including the hostile shapes: quantified groups, deep nesting, long chains. */
const hostileToken = fc.constantFrom(
  '(',
  ')',
  '[',
  ']',
  ',',
  '+',
  '-',
  'not',
  '==',
  'and',
  't',
  'p',
  'n',
  "'^(a+)+$'",
  "'(a)\\\\1'",
  "'[z-a]'",
  "'a{2,1}'",
  "'(?=x)'",
  "'.*'",
  'matches(',
  'number(',
  'len(',
  'replace(',
  'split(',
  'concat(',
  "'9999999999'",
  '1e308',
);

describe('expression fuzzing (counted runs, budgeted steps)', () => {
  it('hostile token soup: parse, check, evaluate and compile yield values or typed errors only', () => {
    const scope = {
      variables: { t: thirtyTwoAs, p: '^(a|aa)+$', n: '1'.repeat(400) },
      now: 0,
    };
    fc.assert(
      fc.property(
        fc.array(hostileToken, { maxLength: 30 }).map((ts) => ts.join(' ')),
        fc.integer({ min: 0, max: 300 }),
        (soup, nest) => {
          for (const src of [soup, `${'('.repeat(nest)}${soup}${')'.repeat(nest)}`]) {
            const issues = checkExpression(src, '$');
            assert.ok(Array.isArray(issues));
            try {
              const ast = parseExpression(src);
              try {
                compileExpression(ast)(scope);
              } catch (err) {
                assert.ok(err instanceof ExpressionEvaluationError, String(err));
              }
              evaluateExpression(ast, scope);
            } catch (err) {
              assert.ok(
                err instanceof ExpressionSyntaxError || err instanceof ExpressionEvaluationError,
                String(err),
              );
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
