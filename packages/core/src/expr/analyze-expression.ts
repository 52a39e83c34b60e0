import type { ExpressionNode } from './ast.js';
import { parseExpression } from './parse-expression.js';

/** The free names an expression uses, for validators. */
export interface ExpressionAnalysis {
  /** Variables read, as written (dotted: `customer.tier`), sorted, without duplicates. */
  readonly variables: string[];
  /** Functions called, sorted, without duplicates (may include unknown ones). */
  readonly functions: string[];
}

function walk(node: ExpressionNode, vars: Set<string>, fns: Set<string>): void {
  switch (node.type) {
    case 'literal':
      return;
    case 'variable':
      vars.add(node.name);
      return;
    case 'member':
      walk(node.object, vars, fns);
      walk(node.property, vars, fns);
      return;
    case 'array':
      for (const e of node.elements) walk(e, vars, fns);
      return;
    case 'unary':
      walk(node.operand, vars, fns);
      return;
    case 'binary':
      walk(node.left, vars, fns);
      walk(node.right, vars, fns);
      return;
    case 'conditional':
      walk(node.test, vars, fns);
      walk(node.consequent, vars, fns);
      walk(node.alternate, vars, fns);
      return;
    case 'call':
      fns.add(node.callee);
      for (const a of node.args) walk(a, vars, fns);
      return;
  }
}

/**
 * Lists the variables and functions an expression refers to, so a validator can reject unknown
 * ones before anything runs. The root of a dotted name is `name.split('.')[0]`.
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
  walk(node, vars, fns);
  return { variables: [...vars].sort(), functions: [...fns].sort() };
}
