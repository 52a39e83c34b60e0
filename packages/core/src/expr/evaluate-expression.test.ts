import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression } from './evaluate-expression.js';
import { ExpressionEvaluationError } from './expression-evaluation-error.js';
import { parseExpression } from './parse-expression.js';
import type { ExpressionScope } from './ast.js';

const scope: ExpressionScope = {
  variables: {
    attempts: 2,
    name: '  Ada ',
    customer: { tier: 'gold', balance: 120.5, tags: ['vip', 'new'] },
    empty: '',
    list: [1, 2, 3],
  },
};

const ev = (src: string, s: ExpressionScope = scope) => evaluateExpression(src, s);

function evalError(src: string, s: ExpressionScope = scope): ExpressionEvaluationError {
  try {
    ev(src, s);
  } catch (err) {
    assert.ok(
      err instanceof ExpressionEvaluationError,
      `expected evaluation error for ${src}, got ${String(err)}`,
    );
    assert.equal(err.code, 'EXPRESSION_EVALUATION');
    return err;
  }
  assert.fail(`expected '${src}' to fail`);
}

describe('evaluateExpression', () => {
  it('does arithmetic and comparisons', () => {
    assert.equal(ev('attempts + 1'), 3);
    assert.equal(ev('7 % 4 * 2 - -1'), 7);
    assert.equal(ev('10 / 4'), 2.5);
    assert.equal(ev('customer.balance >= 100'), true);
    assert.equal(ev("'abc' < 'abd'"), true);
    assert.equal(ev('1 == 1.0 and 1 != 2'), true);
  });

  it('has no implicit conversions', () => {
    assert.equal(ev("1 == '1'"), false);
    assert.match(evalError("'a' < 1").message, /both sides/);
    assert.match(evalError("'a' * 2").message, /needs numbers/);
    assert.match(evalError('true + 1').message, /cannot add/);
  });

  it('joins strings and lists with +', () => {
    assert.equal(ev("'n=' + attempts"), 'n=2');
    assert.deepEqual(ev('list + [4]'), [1, 2, 3, 4]);
  });

  it('reads dotted and indexed paths, with null for missing ones', () => {
    assert.equal(ev('customer.tier'), 'gold');
    assert.equal(ev('customer.tags[0]'), 'vip');
    assert.equal(ev('customer.tags[-1]'), 'new');
    assert.equal(ev('customer.missing.deeper'), null);
    assert.equal(ev('nobody'), null);
    assert.equal(ev("customer['tier']"), 'gold');
    assert.equal(ev('list[9]'), null);
  });

  it('never reads inherited properties', () => {
    assert.equal(ev('customer.constructor'), null);
    assert.equal(ev('customer.__proto__'), null);
    assert.equal(ev("'toString' in customer"), false);
    assert.equal(ev('toString'), null);
  });

  it('short-circuits and/or and uses truthiness', () => {
    assert.equal(ev('false and 1 / 0'), false);
    assert.equal(ev('true or 1 / 0'), true);
    assert.equal(ev('not empty'), true);
    assert.equal(ev('attempts and name'), true);
    assert.equal(ev('0 ? 1 : 2'), 2);
  });

  it('supports in and not in over lists, strings and objects', () => {
    assert.equal(ev("customer.tier in ['gold', 'platinum']"), true);
    assert.equal(ev("'vip' in customer.tags"), true);
    assert.equal(ev("'da' in name"), true);
    assert.equal(ev("'tier' in customer"), true);
    assert.equal(ev("'x' not in customer"), true);
    assert.equal(ev('[1, 2] in [[1, 2]]'), true);
    assert.equal(ev('1 in null'), false);
    assert.match(evalError('1 in 2').message, /list, string or object/);
  });

  it('has string, number and misc functions', () => {
    assert.equal(ev('trim(name)'), 'Ada');
    assert.equal(ev('upper(trim(name))'), 'ADA');
    assert.equal(ev("lower('ÄB')"), 'äb');
    assert.equal(ev('len(customer.tags)'), 2);
    assert.equal(ev("substr('123456', -4)"), '3456');
    assert.equal(ev("substr('123456', 1, 2)"), '23');
    assert.equal(ev("replace('a-b-c', '-', '')"), 'abc');
    assert.deepEqual(ev("split('a,b', ',')"), ['a', 'b']);
    assert.equal(ev("join(['a', 1], '/')"), 'a/1');
    assert.equal(ev("concat('a', 1, null, true)"), 'a1true');
    assert.equal(ev("digits('+1 (555) 010')"), '15550' + '10');
    assert.equal(ev("matches('123456', '^[0-9]{6}$')"), true);
    assert.equal(ev("number(' 42.5 ')"), 42.5);
    assert.equal(ev('string(12)'), '12');
    assert.equal(ev('round(2.345, 2)'), 2.35);
    assert.equal(ev('min(3, 1, 2) + max(1, 5) + abs(-1) + floor(1.7) + ceil(1.2)'), 10);
    assert.equal(ev("coalesce(nobody, customer.missing, 'x')"), 'x');
    assert.equal(ev('isEmpty(empty) and not isEmpty(list)'), true);
    assert.equal(
      ev("startsWith('+86123', '+86') and endsWith('ab', 'b') and contains('abc', 'b')"),
      true,
    );
  });

  it('reports bad function use as evaluation errors with a position', () => {
    assert.match(evalError("number('abc')").message, /cannot convert/);
    assert.equal(evalError("1 + number('abc')").position, 4);
    assert.match(evalError('shout(1)').message, /unknown function/);
    assert.match(evalError('len(1, 2)').message, /argument/);
    assert.match(evalError("matches('a', '(')").message, /regular expression/);
    assert.match(evalError('1 / 0').message, /division by zero/);
    assert.match(evalError('1e308 * 10').message, /finite/);
    assert.match(evalError('-name').message, /negate/);
  });

  it('gives now() in the scope timezone, across DST', () => {
    // 2026-03-08 is the US spring-forward day: 07:30 UTC is 03:30 EDT (after the change).
    const ny = { variables: {}, now: Date.UTC(2026, 2, 8, 7, 30), timezone: 'America/New_York' };
    assert.equal(ev('now().time', ny), '03:30');
    assert.equal(ev('now().weekday', ny), 'sun');
    assert.equal(ev('now().date', ny), '2026-03-08');
    const sh = { variables: {}, now: Date.UTC(2026, 10, 26, 16, 5), timezone: 'Asia/Shanghai' };
    assert.equal(ev('now().hour', sh), 0);
    assert.equal(ev('now().date', sh), '2026-11-27');
    assert.equal(ev('now().hour', { variables: {}, now: Date.UTC(2026, 0, 1, 9) }), 9);
    assert.match(evalError('now()', { variables: {} }).message, /current time/);
    assert.match(
      evalError('now()', { variables: {}, now: 0, timezone: 'Mars/Olympus' }).message,
      /timezone/,
    );
  });

  it('rejects scope values that are not plain data', () => {
    assert.match(evalError('d', { variables: { d: new Date() } }).message, /plain data/);
    assert.match(evalError('f', { variables: { f: () => 1 } }).message, /plain data/);
    assert.match(evalError('n', { variables: { n: Number.NaN } }).message, /non-finite/);
    assert.equal(ev('u', { variables: { u: undefined } }), null);
  });

  it('accepts a parsed tree and never mutates the scope', () => {
    const vars = { a: { b: [1] } };
    const snapshot = JSON.stringify(vars);
    const ast = parseExpression('a.b + [2]');
    assert.deepEqual(evaluateExpression(ast, { variables: vars }), [1, 2]);
    assert.equal(JSON.stringify(vars), snapshot);
  });
});

describe('ExpressionScope.globals', () => {
  it('is read when a name is not a variable; variables win', () => {
    const s: ExpressionScope = { variables: { a: 1 }, globals: { a: 2, language: 'zh-CN' } };
    assert.equal(evaluateExpression('a', s), 1);
    assert.equal(evaluateExpression("language == 'zh-CN'", s), true);
    assert.equal(evaluateExpression('missing', s), null);
  });
});
