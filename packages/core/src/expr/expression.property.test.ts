import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpression } from './parse-expression.js';
import { evaluateExpression } from './evaluate-expression.js';
import { analyzeExpression } from './analyze-expression.js';
import { compileExpression } from './compile-expression.js';
import { ExpressionSyntaxError } from './expression-syntax-error.js';
import { ExpressionEvaluationError } from './expression-evaluation-error.js';
import { expressionFunctionNames } from './functions.js';

/** A JSON value (finite numbers only). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).filter((v) => JSON.stringify(v) !== undefined);

const token = fc.oneof(
  fc.constantFrom(
    ...[
      '(',
      ')',
      '[',
      ']',
      ',',
      '.',
      '?',
      ':',
      '+',
      '-',
      '*',
      '/',
      '%',
      '<',
      '<=',
      '>',
      '>=',
      '==',
      '!=',
      '!',
    ],
    ...[
      'and',
      'or',
      'not',
      'in',
      'true',
      'false',
      'null',
      '&&',
      '||',
      "'s'",
      '"t"',
      '0',
      '1.5',
      '1e3',
      '=',
      '#',
    ],
    ...['a', 'b', 'a.b', 'x.y.z', 'list', 'n', 's'],
    ...expressionFunctionNames.map((f) => `${f}(`),
  ),
  fc.integer({ min: -5, max: 1000 }).map(String),
);

/** Random token soup: mostly invalid, sometimes valid. */
const soup = fc.array(token, { maxLength: 25 }).map((ts) => ts.join(' '));

const scope = fc.record({
  variables: fc.record({
    a: jsonValue,
    b: jsonValue,
    list: fc.array(jsonValue, { maxLength: 4 }),
    n: fc.double({ noNaN: true, noDefaultInfinity: true }),
    s: fc.string(),
  }),
  now: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  timezone: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London'),
});

function isJsonValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v === 'object') return Object.values(v as object).every(isJsonValue);
  return false;
}

describe('expression properties', () => {
  it('random text only ever parses or throws ExpressionSyntaxError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), soup),
        (src) => {
          try {
            parseExpression(src);
          } catch (err) {
            assert.ok(
              err instanceof ExpressionSyntaxError,
              `unexpected ${String(err)} for ${JSON.stringify(src)}`,
            );
            assert.ok(err.position >= 0 && err.position <= src.length);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random expressions over random data yield a JSON value or a typed error', () => {
    fc.assert(
      fc.property(soup, scope, (src, s) => {
        try {
          const value = evaluateExpression(src, s);
          assert.ok(isJsonValue(value), `not JSON: ${String(value)}`);
        } catch (err) {
          assert.ok(
            err instanceof ExpressionSyntaxError || err instanceof ExpressionEvaluationError,
            `unexpected ${String(err)} for ${JSON.stringify(src)}`,
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parsing is deterministic and the tree is plain JSON', () => {
    fc.assert(
      fc.property(soup, (src) => {
        let ast;
        try {
          ast = parseExpression(src);
        } catch {
          return;
        }
        assert.deepEqual(JSON.parse(JSON.stringify(ast)), ast);
        assert.deepEqual(parseExpression(src), ast);
        analyzeExpression(ast);
      }),
      { numRuns: 2000 },
    );
  });

  it('integer arithmetic agrees with JavaScript', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1000 }),
        (x, y, z) => {
          assert.equal(
            evaluateExpression('x + y * z - (x % z)', { variables: { x, y, z } }),
            x + y * z - (x % z),
          );
          assert.equal(evaluateExpression('x < y', { variables: { x, y } }), x < y);
        },
      ),
    );
  });
});

describe('compileExpression', () => {
  it('agrees with evaluateExpression on random expressions and data (values and errors)', () => {
    fc.assert(
      fc.property(soup, scope, (src, s) => {
        let ast;
        try {
          ast = parseExpression(src);
        } catch {
          return;
        }
        const run = (f: () => unknown): unknown => {
          try {
            return { value: f() };
          } catch (err) {
            assert.ok(err instanceof ExpressionEvaluationError, String(err));
            return { error: err.message, position: err.position };
          }
        };
        const fn = compileExpression(ast);
        assert.deepEqual(
          run(() => fn(s)),
          run(() => evaluateExpression(ast, s)),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
