import type { ValidationIssue } from '../shared/index.js';
import type { ExpressionNode } from './ast.js';
import { analyzeExpression } from './analyze-expression.js';
import { ExpressionSyntaxError } from './expression-syntax-error.js';
import { lookupFunction } from './functions.js';
import { parseExpression } from './parse-expression.js';
import { patternProblem } from './pattern/linear-pattern.js';
import { forEachNode } from './walk-expression.js';

/** What {@link checkExpression} knows about the place an expression is used. */
export interface ExpressionCheckOptions {
  /**
   * Names that may be read. A dotted variable is known when it or one of its prefixes is listed:
   * listing `customer` allows `customer.tier`. Omit to accept every variable.
   */
  readonly variables?: Iterable<string>;
}

function callIssues(root: ExpressionNode, path: string, out: ValidationIssue[]): void {
  forEachNode(root, (node) => {
    if (node.type !== 'call') return;
    const fn = lookupFunction(node.callee);
    if (fn && (node.args.length < fn.min || node.args.length > fn.max)) {
      out.push({
        path,
        message: `${node.callee}() takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} argument(s), got ${node.args.length} (at position ${node.start})`,
      });
    }
    const pattern = node.args[1];
    if (
      node.callee === 'matches' &&
      pattern?.type === 'literal' &&
      typeof pattern.value === 'string'
    ) {
      const problem = patternProblem(pattern.value);
      if (problem !== undefined) {
        out.push({
          path,
          message: `matches() pattern at position ${pattern.start} is not a valid regular expression: ${problem}`,
        });
      }
    }
  });
}

/**
 * Checks an expression without running it and returns every problem found, located at `path`: text
 * that does not parse (including text past `EXPRESSION_LIMITS`), unknown functions, wrong
 * argument counts, `matches()` patterns written as literals that are malformed or outside the
 * linear-time subset, and (when `options.variables` is given) unknown variables. An empty array means the expression is fine.
 *
 * @example
 * ```ts
 * checkExpression("lower(tier) == 'gold' and ballance > 0", '$.nodes[2].when', { variables: ['tier', 'balance'] });
 * // [{ path: '$.nodes[2].when', message: "unknown variable 'ballance'; known: balance, tier" }]
 * ```
 */
export function checkExpression(
  source: unknown,
  path: string,
  options: ExpressionCheckOptions = {},
): ValidationIssue[] {
  if (typeof source !== 'string') {
    return [
      {
        path,
        message: `expected an expression string, got ${source === null ? 'null' : typeof source}`,
      },
    ];
  }
  let node: ExpressionNode;
  try {
    node = parseExpression(source);
  } catch (err) {
    if (err instanceof ExpressionSyntaxError) {
      return [{ path, message: `expression does not parse: ${err.message}` }];
    }
    throw err;
  }
  const issues: ValidationIssue[] = [];
  const { variables, functions } = analyzeExpression(node);
  for (const f of functions) {
    if (!lookupFunction(f)) issues.push({ path, message: `unknown function '${f}()'` });
  }
  callIssues(node, path, issues);
  if (options.variables) {
    const known =
      options.variables instanceof Set
        ? (options.variables as ReadonlySet<string>)
        : new Set(options.variables);
    for (const v of variables) {
      const segments = v.split('.');
      let ok = false;
      for (let i = 1; i <= segments.length && !ok; i++)
        ok = known.has(segments.slice(0, i).join('.'));
      if (!ok) {
        const list = [...known].sort().join(', ');
        issues.push({ path, message: `unknown variable '${v}'; known: ${list || '(none)'}` });
      }
    }
  }
  return issues;
}
