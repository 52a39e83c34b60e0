import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression } from './parse-expression.js';
import { ExpressionSyntaxError } from './expression-syntax-error.js';
import { analyzeExpression } from './analyze-expression.js';
import { checkExpression } from './check-expression.js';

function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (err) {
    assert.ok(err instanceof ExpressionSyntaxError, `expected ExpressionSyntaxError for ${source}`);
    assert.equal(err.code, 'EXPRESSION_SYNTAX');
    return err;
  }
  assert.fail(`expected '${source}' not to parse`);
}

describe('parseExpression', () => {
  it('builds a tree with operator precedence', () => {
    const ast = parseExpression('1 + 2 * 3 == 7 and not done');
    assert.equal(ast.type, 'binary');
    assert.ok(ast.type === 'binary' && ast.operator === 'and');
    assert.ok(ast.type === 'binary' && ast.left.type === 'binary' && ast.left.operator === '==');
    assert.ok(ast.type === 'binary' && ast.right.type === 'unary' && ast.right.operator === 'not');
  });

  it('folds a negated number into one literal, and - 0 into 0 (the tree stays plain JSON)', () => {
    const minusZero = parseExpression('- 0');
    assert.ok(minusZero.type === 'literal' && Object.is(minusZero.value, 0));
    assert.deepEqual(JSON.parse(JSON.stringify(minusZero)), minusZero);
    const minusTwo = parseExpression('-2.5');
    assert.ok(minusTwo.type === 'literal' && minusTwo.value === -2.5);
  });

  it('reads dotted variables as one path and other member access as member nodes', () => {
    const v = parseExpression('customer.profile.tier');
    assert.deepEqual(v.type === 'variable' && v.path, ['customer', 'profile', 'tier']);
    const m = parseExpression('now().hour');
    assert.equal(m.type, 'member');
    const i = parseExpression('list[0].name');
    assert.equal(i.type, 'member');
  });

  it('accepts the symbolic operator spellings', () => {
    const a = parseExpression('a && b || !c');
    assert.ok(a.type === 'binary' && a.operator === 'or');
  });

  it('parses not in, the conditional operator, lists, strings with escapes', () => {
    const n = parseExpression("x not in ['a', 'b']");
    assert.ok(n.type === 'binary' && n.operator === 'not in');
    const c = parseExpression('a ? 1 : b ? 2 : 3');
    assert.ok(c.type === 'conditional' && c.alternate.type === 'conditional');
    const s = parseExpression("'it\\'s \\u4e2d'");
    assert.ok(s.type === 'literal' && s.value === "it's 中");
    const e = parseExpression('1.5e3');
    assert.ok(e.type === 'literal' && e.value === 1500);
    const neg = parseExpression('-4');
    assert.ok(neg.type === 'literal' && neg.value === -4);
  });

  it('reports the position of syntax errors', () => {
    assert.equal(syntaxError('1 +').position, 3);
    assert.equal(syntaxError('a = 1').position, 2);
    assert.match(syntaxError('a = 1').message, /==/);
    assert.equal(syntaxError("'open").position, 0);
    assert.equal(syntaxError('(1').position, 2);
    assert.equal(syntaxError('a b').position, 2);
    assert.match(syntaxError('').message, /empty/);
    assert.match(syntaxError('1 < 2 < 3').message, /chain/);
    assert.match(syntaxError('in').message, /keyword/);
    assert.match(syntaxError('a # b').message, /unexpected character/);
    assert.match(syntaxError('12abc').message, /after number/);
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    assert.match(syntaxError('('.repeat(500) + '1' + ')'.repeat(500)).message, /nested/);
    assert.match(syntaxError('-'.repeat(500) + '1').message, /nested/);
    assert.match(syntaxError('not '.repeat(500) + 'x').message, /nested/);
    assert.match(syntaxError('x'.repeat(20_000)).message, /longer/);
  });
});

describe('analyzeExpression', () => {
  it('lists free variables and functions', () => {
    assert.deepEqual(
      analyzeExpression("customer.tier == 'gold' and len(trim(pin)) == 6 and pin != ''"),
      {
        variables: ['customer.tier', 'pin'],
        functions: ['len', 'trim'],
      },
    );
  });
});

describe('checkExpression', () => {
  it('returns nothing for a good expression', () => {
    assert.deepEqual(checkExpression('a.b > 1', '$.x', { variables: ['a'] }), []);
  });
  it('reports parse errors, unknown functions, arity and unknown variables at the path', () => {
    assert.match(checkExpression('1 +', '$.w')[0]?.message ?? '', /does not parse/);
    assert.deepEqual(
      checkExpression('shout(x) or len(x, 2) or ballance', '$.w', {
        variables: ['x', 'balance'],
      }).map((i) => [i.path, i.message.split(';')[0]]),
      [
        ['$.w', "unknown function 'shout()'"],
        ['$.w', 'len() takes 1 argument(s), got 2 (at position 12)'],
        ['$.w', "unknown variable 'ballance'"],
      ],
    );
    assert.match(checkExpression(42, '$.w')[0]?.message ?? '', /expression string/);
  });
});
