import type { BinaryNode, ExpressionNode, ExpressionScope, ExpressionValue } from './ast.js';
import { ExpressionEvaluationError } from './expression-evaluation-error.js';
import { FunctionArgumentError, lookupFunction, type FunctionSpec } from './functions.js';
import { parseExpression } from './parse-expression.js';
import { EXPRESSION_LIMITS } from './limits.js';
import { resetSteps, sizeOf, spend } from './step-budget.js';
import { isTruthy, typeName, valuesEqual } from './values.js';
import { deeperThan } from './walk-expression.js';

/** Longest string an expression may build, so that a loop of concatenations cannot exhaust memory. */
export const MAX_STRING_LENGTH = EXPRESSION_LIMITS.maxStringLength;

/**
 * @internal Refuses a tree (built by hand, not by the parser) deeper than the evaluators' recursion
 * may go, before anything recurses over it.
 */
export function assertShallow(node: ExpressionNode): void {
  if (deeperThan(node, EXPRESSION_LIMITS.maxTreeDepth)) {
    throw new ExpressionEvaluationError(
      `expression tree deeper than ${EXPRESSION_LIMITS.maxTreeDepth} levels`,
      node.start,
    );
  }
}

/** @internal */
export function fail(message: string, node: ExpressionNode): never {
  throw new ExpressionEvaluationError(message, node.start);
}

type CallNode = Extract<ExpressionNode, { type: 'call' }>;

/**
 * The function a call names, checked for existence and arity (shared by the evaluator and the
 * compiler, so both report the same errors).
 *
 * @internal
 */
export function resolveCall(node: CallNode, argCount: number): FunctionSpec {
  const fn = lookupFunction(node.callee);
  if (!fn) return fail(`unknown function '${node.callee}'`, node);
  if (argCount < fn.min || argCount > fn.max) {
    fail(
      `${node.callee}() takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} argument(s), got ${argCount}`,
      node,
    );
  }
  return fn;
}

/**
 * Calls a built-in with evaluated arguments, turning its failures into positioned evaluation
 * errors and capping the strings it returns.
 *
 * @internal
 */
export function invoke(
  fn: FunctionSpec,
  node: CallNode,
  args: ExpressionValue[],
  scope: ExpressionScope,
): ExpressionValue {
  let size = 1;
  for (const a of args) size += sizeOf(a);
  spend(size, node.start);
  try {
    const result = fn.call(args, scope);
    if (typeof result === 'string' && result.length > MAX_STRING_LENGTH) {
      fail(`string longer than ${MAX_STRING_LENGTH} characters`, node);
    }
    spend(sizeOf(result), node.start);
    return result;
  } catch (err) {
    if (err instanceof FunctionArgumentError) {
      throw new ExpressionEvaluationError(err.message, node.start);
    }
    if (err instanceof ExpressionEvaluationError) throw err;
    throw new ExpressionEvaluationError(
      `${node.callee}() failed: ${(err as Error).message}`,
      node.start,
      {
        cause: err,
      },
    );
  }
}

/** @internal */
export function toValue(raw: unknown, node: ExpressionNode, what: string): ExpressionValue {
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return raw;
    case 'number':
      if (!Number.isFinite(raw)) fail(`${what} holds a non-finite number`, node);
      return raw;
    case 'undefined':
      return null;
    case 'object': {
      if (raw === null || Array.isArray(raw)) return raw as ExpressionValue;
      const proto = Object.getPrototypeOf(raw) as unknown;
      if (proto === Object.prototype || proto === null) return raw as ExpressionValue;
      return fail(`${what} is not plain data (${Object.prototype.toString.call(raw)})`, node);
    }
    default:
      return fail(`${what} is not plain data (${typeof raw})`, node);
  }
}

/** @internal */
export function readProperty(object: unknown, key: string): unknown {
  if (
    object !== null &&
    typeof object === 'object' &&
    !Array.isArray(object) &&
    Object.hasOwn(object, key)
  ) {
    return (object as Record<string, unknown>)[key];
  }
  return undefined;
}

function finite(n: number, node: ExpressionNode): number {
  if (!Number.isFinite(n)) fail('arithmetic result is not a finite number', node);
  return n;
}

function evaluateBinary(node: BinaryNode, scope: ExpressionScope): ExpressionValue {
  const op = node.operator;
  if (op === 'and')
    return isTruthy(evaluate(node.left, scope)) ? isTruthy(evaluate(node.right, scope)) : false;
  if (op === 'or')
    return isTruthy(evaluate(node.left, scope)) ? true : isTruthy(evaluate(node.right, scope));
  return applyBinary(node, evaluate(node.left, scope), evaluate(node.right, scope));
}

/** @internal Applies a binary operator other than `and`/`or` to evaluated operands. */
export function applyBinary(
  node: BinaryNode,
  l: ExpressionValue,
  r: ExpressionValue,
): ExpressionValue {
  const op = node.operator;
  spend(1 + sizeOf(l) + sizeOf(r), node.start);
  switch (op) {
    case 'and':
      return isTruthy(l) && isTruthy(r);
    case 'or':
      return isTruthy(l) || isTruthy(r);
    case '==':
      return valuesEqual(l, r);
    case '!=':
      return !valuesEqual(l, r);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!(
        (typeof l === 'number' && typeof r === 'number') ||
        (typeof l === 'string' && typeof r === 'string')
      )) {
        fail(
          `cannot compare ${typeName(l)} ${op} ${typeName(r)}; both sides must be numbers or both strings`,
          node,
        );
      }
      if (op === '<') return l < r;
      if (op === '<=') return l <= r;
      if (op === '>') return l > r;
      return l >= r;
    }
    case 'in':
    case 'not in': {
      let found: boolean;
      if (Array.isArray(r)) found = r.some((item) => valuesEqual(l, item));
      else if (typeof r === 'string') {
        if (typeof l !== 'string')
          fail(`'${op}' a string needs a string on the left, got ${typeName(l)}`, node);
        found = r.includes(l);
      } else if (r !== null && typeof r === 'object') {
        if (typeof l !== 'string')
          fail(`'${op}' an object needs a key string on the left, got ${typeName(l)}`, node);
        found = Object.hasOwn(r, l);
      } else if (r === null) found = false;
      else
        return fail(
          `'${op}' needs a list, string or object on the right, got ${typeName(r)}`,
          node,
        );
      return op === 'in' ? found : !found;
    }
    case '+': {
      if (typeof l === 'number' && typeof r === 'number') return finite(l + r, node);
      if (
        (typeof l === 'string' && (typeof r === 'string' || typeof r === 'number')) ||
        (typeof r === 'string' && typeof l === 'number')
      ) {
        const s = String(l) + String(r);
        if (s.length > MAX_STRING_LENGTH)
          fail(`string longer than ${MAX_STRING_LENGTH} characters`, node);
        return s;
      }
      if (Array.isArray(l) && Array.isArray(r)) {
        if (l.length + r.length > MAX_STRING_LENGTH) fail('list too long', node);
        return [...l, ...r];
      }
      return fail(`cannot add ${typeName(l)} and ${typeName(r)}`, node);
    }
    case '-':
    case '*':
    case '/':
    case '%': {
      if (typeof l !== 'number' || typeof r !== 'number') {
        fail(`'${op}' needs numbers, got ${typeName(l)} and ${typeName(r)}`, node);
      }
      if ((op === '/' || op === '%') && r === 0) fail('division by zero', node);
      if (op === '-') return finite(l - r, node);
      if (op === '*') return finite(l * r, node);
      if (op === '/') return finite(l / r, node);
      return finite(l % r, node);
    }
  }
}

function evaluate(node: ExpressionNode, scope: ExpressionScope): ExpressionValue {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'variable': {
      const path = node.path;
      const root = path[0] as string;
      const vars = scope.variables;
      const globals = scope.globals;
      let v: unknown = Object.hasOwn(vars, root)
        ? vars[root]
        : globals !== undefined && Object.hasOwn(globals, root)
          ? globals[root]
          : undefined;
      for (let i = 1; i < path.length && v !== undefined; i++)
        v = readProperty(v, path[i] as string);
      return toValue(v, node, `variable '${node.name}'`);
    }
    case 'member': {
      const object = evaluate(node.object, scope);
      const key = evaluate(node.property, scope);
      let v: unknown;
      if (Array.isArray(object)) {
        if (typeof key === 'number' && Number.isInteger(key))
          v = object[key < 0 ? object.length + key : key];
      } else if (typeof key === 'string') v = readProperty(object, key);
      return toValue(v, node, 'member');
    }
    case 'array': {
      const out: ExpressionValue[] = [];
      for (const e of node.elements) out.push(evaluate(e, scope));
      return out;
    }
    case 'unary': {
      const v = evaluate(node.operand, scope);
      if (node.operator === 'not') return !isTruthy(v);
      if (typeof v !== 'number') fail(`cannot negate ${typeName(v)}`, node);
      return v === 0 ? 0 : -v;
    }
    case 'binary':
      return evaluateBinary(node, scope);
    case 'conditional':
      return isTruthy(evaluate(node.test, scope))
        ? evaluate(node.consequent, scope)
        : evaluate(node.alternate, scope);
    case 'call': {
      const fn = resolveCall(node, node.args.length);
      const args: ExpressionValue[] = [];
      for (const a of node.args) args.push(evaluate(a, scope));
      return invoke(fn, node, args, scope);
    }
  }
}

/**
 * Evaluates an expression (source text or a tree from {@link parseExpression}) against a scope.
 * Pure: reads only the scope, never writes it. Source text is parsed on every call; parse once and
 * keep the tree when evaluating often.
 *
 * Semantics: no implicit conversions (`1 == '1'` is false; `'a' < 1` is an error); missing variables
 * and properties read as `null`; `+` adds numbers, joins strings (a number beside a string is written
 * out) and concatenates lists; `/` and `%` by zero are errors; `and`/`or`/`not` use {@link isTruthy} and
 * return booleans.
 *
 * Bounded: the work of one evaluation is capped (`EXPRESSION_LIMITS.maxSteps`), and so are the
 * strings and lists it builds and the depth of the tree it walks.
 *
 * @throws {@link ExpressionSyntaxError} for source text that does not parse.
 * @throws {@link ExpressionEvaluationError} when no value can be produced.
 * @example
 * ```ts
 * evaluateExpression('attempts + 1', { variables: { attempts: 2 } }); // 3
 * evaluateExpression("lower(tier) in ['gold', 'vip']", { variables: { tier: 'VIP' } }); // true
 * evaluateExpression('now().weekday', { variables: {}, now: Date.UTC(2026, 10, 26), timezone: 'Asia/Shanghai' }); // 'thu'
 * ```
 */
export function evaluateExpression(
  expr: string | ExpressionNode,
  scope: ExpressionScope,
): ExpressionValue {
  const node = typeof expr === 'string' ? parseExpression(expr) : expr;
  if (typeof expr !== 'string') assertShallow(node);
  resetSteps();
  try {
    return evaluate(node, scope);
  } catch (err) {
    if (err instanceof ExpressionEvaluationError) throw err;
    if (err instanceof RangeError) {
      // A tree built by hand (not by the parser) may nest deeper than the stack allows.
      throw new ExpressionEvaluationError(
        `expression too deeply nested: ${err.message}`,
        node.start,
        { cause: err },
      );
    }
    throw err;
  }
}
