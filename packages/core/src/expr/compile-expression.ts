import type { ExpressionNode, ExpressionScope, ExpressionValue } from './ast.js';
import {
  applyBinary,
  assertShallow,
  fail,
  invoke,
  readProperty,
  resolveCall,
  toValue,
} from './evaluate-expression.js';
import type { FunctionSpec } from './functions.js';
import { resetSteps } from './step-budget.js';
import { isTruthy, typeName } from './values.js';

/** An expression turned into a function of its scope (closures; no code is generated from text). */
export type CompiledExpression = (scope: ExpressionScope) => ExpressionValue;

function root(scope: ExpressionScope, name: string): unknown {
  const vars = scope.variables;
  if (Object.hasOwn(vars, name)) return vars[name];
  const globals = scope.globals;
  return globals !== undefined && Object.hasOwn(globals, name) ? globals[name] : undefined;
}

/**
 * Turns a parsed expression into a closure with the same semantics and errors as
 * {@link evaluateExpression}, for hot paths that evaluate one expression many times (IVR nodes
 * run it once per call). Closures over the tree, not generated code: CSP-safe. Each call of the
 * result starts with a fresh step budget (`EXPRESSION_LIMITS.maxSteps`).
 *
 * @throws {@link ExpressionEvaluationError} for a tree (built by hand) deeper than
 * `EXPRESSION_LIMITS.maxTreeDepth`.
 * @example
 * ```ts
 * const isVip = compileExpression(parseExpression("tier in ['gold', 'platinum']"));
 * isVip({ variables: { tier: 'gold' } }); // true
 * ```
 */
export function compileExpression(node: ExpressionNode): CompiledExpression {
  assertShallow(node);
  const run = compileNode(node);
  return (scope) => {
    resetSteps();
    return run(scope);
  };
}

function compileNode(node: ExpressionNode): CompiledExpression {
  switch (node.type) {
    case 'literal': {
      const v = node.value;
      return () => v;
    }
    case 'variable': {
      const path = node.path;
      const name = path[0] as string;
      const what = `variable '${node.name}'`;
      if (path.length === 1) return (s) => toValue(root(s, name), node, what);
      if (path.length === 2) {
        const key = path[1] as string;
        return (s) => {
          const o = root(s, name);
          return toValue(o === undefined ? undefined : readProperty(o, key), node, what);
        };
      }
      return (s) => {
        let v = root(s, name);
        for (let i = 1; i < path.length && v !== undefined; i++)
          v = readProperty(v, path[i] as string);
        return toValue(v, node, what);
      };
    }
    case 'member': {
      const object = compileNode(node.object);
      const property = compileNode(node.property);
      return (s) => {
        const o = object(s);
        const key = property(s);
        let v: unknown;
        if (Array.isArray(o)) {
          if (typeof key === 'number' && Number.isInteger(key))
            v = o[key < 0 ? o.length + key : key];
        } else if (typeof key === 'string') v = readProperty(o, key);
        return toValue(v, node, 'member');
      };
    }
    case 'array': {
      const elements = node.elements.map(compileNode);
      return (s) => elements.map((e) => e(s));
    }
    case 'unary': {
      const operand = compileNode(node.operand);
      if (node.operator === 'not') return (s) => !isTruthy(operand(s));
      return (s) => {
        const v = operand(s);
        if (typeof v !== 'number') fail(`cannot negate ${typeName(v)}`, node);
        return v === 0 ? 0 : -v;
      };
    }
    case 'binary': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      if (node.operator === 'and') return (s) => (isTruthy(left(s)) ? isTruthy(right(s)) : false);
      if (node.operator === 'or') return (s) => (isTruthy(left(s)) ? true : isTruthy(right(s)));
      return (s) => applyBinary(node, left(s), right(s));
    }
    case 'conditional': {
      const test = compileNode(node.test);
      const consequent = compileNode(node.consequent);
      const alternate = compileNode(node.alternate);
      return (s) => (isTruthy(test(s)) ? consequent(s) : alternate(s));
    }
    case 'call': {
      const args = node.args.map(compileNode);
      let fn: FunctionSpec;
      try {
        fn = resolveCall(node, args.length);
      } catch (err) {
        // Unknown function or wrong arity: report it when the expression runs, as the evaluator does.
        return () => {
          throw err;
        };
      }
      return (s) => {
        const values: ExpressionValue[] = new Array<ExpressionValue>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = (args[i] as CompiledExpression)(s);
        return invoke(fn, node, values, s);
      };
    }
  }
}
