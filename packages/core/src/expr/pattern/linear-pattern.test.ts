import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PATTERN_LIMITS } from './pattern-ast.js';
import { PatternSyntaxError } from './pattern-syntax-error.js';
import { compilePattern, patternProblem } from './linear-pattern.js';

/** Patterns of the supported subset over a small alphabet, so JavaScript's backtracking stays fast. */
const patternArb = fc.letrec<{ term: string; pattern: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'b', 'c', '0', ' ', '.', '\\d', '\\w', '\\s', '\\W', '-'),
    fc.constantFrom('[ab]', '[^a]', '[a-c]', '[^\\d ]', '[-a]', '[a-]', '[\\w-]', '\\.', '\\n'),
    fc.constantFrom('^', '$', '\\b', '\\B'),
    fc.tuple(tie('pattern'), fc.constantFrom('(', '(?:')).map(([p, open]) => `${open}${p})`),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom('a', 'b', '.', '[ab]', '\\d'),
          tie('pattern').map((p) => `(${p})`),
        ),
        fc.constantFrom('*', '+', '?', '{0}', '{1}', '{2}', '{1,}', '{0,2}', '{1,3}', '{2,}'),
        fc.constantFrom('', '?'),
      )
      .map(([atom, q, lazy]) => `${atom}${q}${lazy}`),
  ),
  pattern: fc.oneof(
    { depthSize: 'small' },
    fc.array(tie('term'), { minLength: 0, maxLength: 4 }).map((terms) => terms.join('')),
    fc
      .array(fc.array(tie('term'), { maxLength: 3 }), { minLength: 2, maxLength: 3 })
      .map((alts) => alts.map((t) => t.join('')).join('|')),
  ),
}));

const textArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', '0', '1', ' ', '-', '\n', '.', '😀'),
  maxLength: 12,
});

describe('linear patterns', () => {
  it('agree with JavaScript RegExp (u flag) on random patterns and texts', () => {
    fc.assert(
      fc.property(
        patternArb.pattern,
        fc.array(textArb, { minLength: 1, maxLength: 6 }),
        (p, texts) => {
          const ours = compilePattern(p);
          const js = new RegExp(p, 'u');
          for (const t of texts)
            assert.equal(ours.test(t), js.test(t), `/${p}/u on ${JSON.stringify(t)}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('accept only what JavaScript accepts, and then agree with it', () => {
    const syntax = fc.string({
      unit: fc.constantFrom(...'ab01()[]{}|*+?^$.\\-,:=!<>dwsbk'),
      maxLength: 10,
    });
    fc.assert(
      fc.property(syntax, fc.array(textArb, { maxLength: 4 }), (p, texts) => {
        let js: RegExp | undefined;
        try {
          js = new RegExp(p, 'u');
        } catch {
          js = undefined;
        }
        let ours;
        try {
          ours = compilePattern(p);
        } catch (err) {
          assert.ok(err instanceof PatternSyntaxError, String(err));
          return;
        }
        assert.ok(js, `we accepted /${p}/ that JavaScript refuses`);
        for (const t of texts)
          assert.equal(ours.test(t), js.test(t), `/${p}/u on ${JSON.stringify(t)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('any text as a pattern: compiles or fails with PatternSyntaxError, and then matches any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (p, text) => {
          try {
            assert.equal(typeof compilePattern(p).test(text), 'boolean');
          } catch (err) {
            assert.ok(err instanceof PatternSyntaxError, String(err));
            assert.ok(err.position >= 0 && err.position <= p.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('answers the catastrophic-backtracking fixtures of issue 11', () => {
    assert.equal(compilePattern('^(a+)+$').test(`${'a'.repeat(32)}!`), false);
    assert.equal(compilePattern('^(a+)+$').test('a'.repeat(32)), true);
    assert.equal(compilePattern('^(1+)+$').test(`${'1'.repeat(34)}2`), false);
    assert.equal(compilePattern('^(a|a)*$').test(`${'a'.repeat(5000)}!`), false);
    assert.equal(compilePattern('(x+x+)+y').test('x'.repeat(10_000)), false);
    assert.equal(compilePattern('^(\\d{1,100})+$').test('7'.repeat(2000)), true);
  });

  it('refuses backreferences, lookaround and property escapes with a typed error', () => {
    for (const [p, reason] of [
      ['(a)\\1', /backreferences are not supported/],
      ['(?<n>a)\\k<n>', /backreferences are not supported/],
      ['a(?=b)', /lookahead is not supported/],
      ['a(?!b)', /lookahead is not supported/],
      ['(?<=a)b', /lookbehind is not supported/],
      ['(?<!a)b', /lookbehind is not supported/],
      ['\\p{L}', /property escapes/],
    ] as const) {
      assert.throws(
        () => compilePattern(p),
        (err: unknown) =>
          err instanceof PatternSyntaxError &&
          err.code === 'PATTERN_SYNTAX' &&
          reason.test(err.reason),
        p,
      );
    }
  });

  it('enforces the documented limits, naming them', () => {
    assert.match(patternProblem('a'.repeat(PATTERN_LIMITS.maxLength + 1)) ?? '', /limit of 500/);
    assert.match(patternProblem('a{101}') ?? '', /limit of 100/);
    assert.equal(patternProblem('a{100}'), undefined);
    assert.equal(patternProblem('(a{100}){100}'), undefined);
    assert.match(patternProblem('((a{100}){100}){2}') ?? '', /limit of 10000 automaton states/);
    assert.match(patternProblem(`${'('.repeat(33)}a${')'.repeat(33)}`) ?? '', /limit of 32/);
    assert.equal(patternProblem(`${'('.repeat(32)}a${')'.repeat(32)}`), undefined);
  });

  it('gives up within a step budget when asked to', () => {
    const p = compilePattern('(a|b|c)*d');
    assert.equal(p.testWithin('abc'.repeat(1000), 100), undefined);
    assert.equal(p.testWithin('abcd', 1000), true);
  });

  it('compiles once per source', () => {
    assert.equal(compilePattern('^[0-9]+$'), compilePattern('^[0-9]+$'));
  });
});
