import type { ExpressionNode } from './ast.js';
import { parseExpression } from './parse-expression.js';
import { forEachNode } from './walk-expression.js';

/** The free names an expression uses, for validators. */
export interface ExpressionAnalysis {
  /** Variables read, as written (dotted: `customer.tier`), sorted, without duplicates. */
  readonly variables: string[];
  /** Functions called, sorted, without duplicates (may include unknown ones). */
  readonly functions: string[];
}

/**
 * Lists the variables and functions an expression refers to, so a validator can reject unknown
 * ones before anything runs. The root of a dotted name is `name.split('.')[0]`. Walks the tree
 * iteratively, so a tree of any depth (even one built by hand) is analysed without recursion.
 *
 * @throws {@link ExpressionSyntaxError} when given source text that does not parse.
 * @example
 * ```ts
 * analyzeExpression("customer.tier == 'gold' and len(trim(pin)) == 6");
 * // { variables: ['customer.tier', 'pin'], functions: ['len', 'trim'] }
 * ```
 */
export function analyzeExpression(expr: string | ExpressionNode): ExpressionAnalysis {
  const node = typeof expr === 'string' ? parseExpression(expr) : expr;
  const vars = new Set<string>();
  const fns = new Set<string>();
  forEachNode(node, (n) => {
    if (n.type === 'variable') vars.add(n.name);
    else if (n.type === 'call') fns.add(n.callee);
  });
  return { variables: [...vars].sort(), functions: [...fns].sort() };
}
