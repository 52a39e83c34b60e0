/**
 * A small, safe expression language for IVR conditions, `set` nodes and ticket automation rules.
 * Source text is parsed to a plain-data syntax tree and interpreted: no `eval`, no `new Function`,
 * so a strict Content-Security-Policy holds. Every failure is a typed error:
 * {@link ExpressionSyntaxError} (`EXPRESSION_SYNTAX`) or {@link ExpressionEvaluationError}
 * (`EXPRESSION_EVALUATION`). Hostile input is bounded ({@link EXPRESSION_LIMITS}): source length,
 * nesting and tree depth, a step budget per evaluation, and regular expressions that run in linear
 * time ({@link compilePattern}, {@link PATTERN_LIMITS}).
 *
 * @example
 * ```ts
 * import { parseExpression, evaluateExpression, checkExpression } from '@switchboard/core/expr';
 *
 * const vip = parseExpression("customer.tier in ['gold', 'platinum'] or attempts > 2");
 * evaluateExpression(vip, { variables: { customer: { tier: 'gold' }, attempts: 0 } }); // true
 * checkExpression('balance >', '$.rules[0].if'); // [{ path: '$.rules[0].if', message: 'expression does not parse: ...' }]
 * ```
 *
 * @packageDocumentation
 */
export { parseExpression } from './parse-expression.js';
export { evaluateExpression } from './evaluate-expression.js';
export { compileExpression } from './compile-expression.js';
export type { CompiledExpression } from './compile-expression.js';
export { analyzeExpression } from './analyze-expression.js';
export type { ExpressionAnalysis } from './analyze-expression.js';
export { checkExpression } from './check-expression.js';
export type { ExpressionCheckOptions } from './check-expression.js';
export { expressionFunctionNames } from './functions.js';
export { isTruthy } from './values.js';
export { ExpressionSyntaxError } from './expression-syntax-error.js';
export { ExpressionEvaluationError } from './expression-evaluation-error.js';
export { unaryOperators, binaryOperators } from './ast.js';
export { EXPRESSION_LIMITS } from './limits.js';
export { compilePattern, patternProblem, LinearPattern } from './pattern/linear-pattern.js';
export { PATTERN_LIMITS } from './pattern/pattern-ast.js';
export { PatternSyntaxError } from './pattern/pattern-syntax-error.js';
export type {
  ExpressionNode,
  ExpressionScope,
  ExpressionValue,
  NodeLocation,
  LiteralNode,
  VariableNode,
  MemberNode,
  ArrayNode,
  UnaryNode,
  UnaryOperator,
  BinaryNode,
  BinaryOperator,
  ConditionalNode,
  CallNode,
} from './ast.js';
