/**
 * The syntax tree of an expression, produced by {@link parseExpression}. Plain JSON data: it can be
 * stored, sent over the network and evaluated later. `start` and `end` are character offsets into
 * the source (end exclusive).
 */
export type ExpressionNode =
  | LiteralNode
  | VariableNode
  | MemberNode
  | ArrayNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode
  | CallNode;

/** Fields every node carries: where in the source it was written. */
export interface NodeLocation {
  /** Offset of the first character of the node. */
  readonly start: number;
  /** Offset just after the last character of the node. */
  readonly end: number;
}

/** A literal: `12`, `'text'`, `true`, `false`, `null`. */
export interface LiteralNode extends NodeLocation {
  readonly type: 'literal';
  /** The value written. */
  readonly value: string | number | boolean | null;
}

/**
 * A variable, possibly dotted: `attempts`, `customer.tier`. `path` holds the segments; `name` the
 * dotted form. Reading a missing variable or property yields `null`.
 */
export interface VariableNode extends NodeLocation {
  readonly type: 'variable';
  /** Dotted name, e.g. `customer.tier`. */
  readonly name: string;
  /** The segments of `name`. */
  readonly path: readonly string[];
}

/** A computed or non-variable member access: `list[0]`, `now().hour`, `account[field]`. */
export interface MemberNode extends NodeLocation {
  readonly type: 'member';
  /** The value read from. */
  readonly object: ExpressionNode;
  /** The key or index; a string literal for `.name` access. */
  readonly property: ExpressionNode;
}

/** A list literal: `['gold', 'platinum']`. */
export interface ArrayNode extends NodeLocation {
  readonly type: 'array';
  /** The element expressions. */
  readonly elements: readonly ExpressionNode[];
}

/** Unary operators: arithmetic negation and boolean `not`. */
export const unaryOperators = ['-', 'not'] as const;
/** A unary operator. */
export type UnaryOperator = (typeof unaryOperators)[number];

/** A unary operation: `-x`, `not done` (`!done` is the same). */
export interface UnaryNode extends NodeLocation {
  readonly type: 'unary';
  /** The operator. */
  readonly operator: UnaryOperator;
  /** Its operand. */
  readonly operand: ExpressionNode;
}

/** Binary operators, from lowest to highest precedence group: `or`; `and`; comparisons and `in`; `+ -`; `* / %`. */
export const binaryOperators = [
  'or',
  'and',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  '+',
  '-',
  '*',
  '/',
  '%',
] as const;
/** A binary operator (`&&` and `||` parse to `and` and `or`). */
export type BinaryOperator = (typeof binaryOperators)[number];

/** A binary operation. `and` and `or` short-circuit. */
export interface BinaryNode extends NodeLocation {
  readonly type: 'binary';
  /** The operator. */
  readonly operator: BinaryOperator;
  /** Left operand. */
  readonly left: ExpressionNode;
  /** Right operand. */
  readonly right: ExpressionNode;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode extends NodeLocation {
  readonly type: 'conditional';
  /** Decides which branch is evaluated (truthiness). */
  readonly test: ExpressionNode;
  /** Value when `test` is truthy. */
  readonly consequent: ExpressionNode;
  /** Value when `test` is falsy. */
  readonly alternate: ExpressionNode;
}

/** A call of a built-in function: `lower(name)`, `now()`. There are no user-defined functions. */
export interface CallNode extends NodeLocation {
  readonly type: 'call';
  /** The function name (see {@link expressionFunctionNames}). */
  readonly callee: string;
  /** Argument expressions. */
  readonly args: readonly ExpressionNode[];
}

/**
 * A value an expression can produce: JSON data. Numbers are always finite.
 */
export type ExpressionValue =
  string | number | boolean | null | ExpressionValue[] | { [key: string]: ExpressionValue };

/**
 * What an expression can read: variables (plain data, dotted names read nested objects), the
 * current time for `now()` and the timezone it is shown in.
 */
export interface ExpressionScope {
  /** Variables by name. Missing names read as `null`. */
  readonly variables: Readonly<Record<string, unknown>>;
  /**
   * Names read when they are not in `variables` (e.g. the IVR's `attributes` and `language`), so a
   * host can layer read-only values without copying its variables.
   */
  readonly globals?: Readonly<Record<string, unknown>>;
  /** The current time in epoch ms, for `now()`. Without it `now()` is an evaluation error. */
  readonly now?: number;
  /** IANA timezone in which `now()` reports its calendar fields (default `UTC`). */
  readonly timezone?: string;
}
