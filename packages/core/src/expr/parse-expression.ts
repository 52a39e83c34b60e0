import type { BinaryOperator, ExpressionNode } from './ast.js';
import { ExpressionSyntaxError } from './expression-syntax-error.js';
import { EXPRESSION_LIMITS } from './limits.js';

/** Longest source text accepted, in characters. */
const MAX_SOURCE_LENGTH = EXPRESSION_LIMITS.maxSourceLength;
/** Deepest nesting accepted (parentheses, operators, calls), so parsing never exhausts the stack. */
const MAX_DEPTH = EXPRESSION_LIMITS.maxNesting;
/** Deepest syntax tree accepted, so that every later walk stays within the stack. */
const MAX_TREE_DEPTH = EXPRESSION_LIMITS.maxTreeDepth;

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

type TokenKind = 'number' | 'string' | 'name' | 'op' | 'end';

interface Token {
  kind: TokenKind;
  /** Operator or name text; string contents; number source. */
  text: string;
  value: string | number | null;
  start: number;
  end: number;
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPS = new Set([
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}
function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (reason: string, at: number): never => {
    throw new ExpressionSyntaxError(reason, source, at);
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (isDigit(source[i])) i++;
      if (source[i] === '.' && isDigit(source[i + 1])) {
        i++;
        while (isDigit(source[i])) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        let j = i + 1;
        if (source[j] === '+' || source[j] === '-') j++;
        if (!isDigit(source[j])) fail('malformed number exponent', i);
        i = j;
        while (isDigit(source[i])) i++;
      }
      if (isNameStart(source[i])) fail(`unexpected '${source[i] as string}' after number`, i);
      const text = source.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) fail('number is too large', start);
      tokens.push({ kind: 'number', text, value, start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      let out = '';
      for (;;) {
        const d = source[i];
        if (d === undefined) fail('unterminated string', start);
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = source[i + 1];
          if (e === undefined) fail('unterminated string', start);
          if (e === 'n') out += '\n';
          else if (e === 't') out += '\t';
          else if (e === 'r') out += '\r';
          else if (e === '\\' || e === "'" || e === '"') out += e;
          else if (e === 'u') {
            const hex = source.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('malformed \\u escape', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
          } else fail(`unknown escape '\\${e}'`, i);
          i += 2;
          continue;
        }
        out += d;
        i++;
      }
      tokens.push({ kind: 'string', text: out, value: out, start, end: i });
      continue;
    }
    if (isNameStart(c)) {
      while (isNamePart(source[i])) i++;
      const text = source.slice(start, i);
      tokens.push({ kind: 'name', text, value: null, start, end: i });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: 'op', text: two, value: null, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '=') fail("use '==' to compare ('=' alone is not an operator)", i);
    if (c === '&' || c === '|') fail(`use '${c}${c}' or '${c === '&' ? 'and' : 'or'}'`, i);
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ kind: 'op', text: c, value: null, start, end: i + 1 });
      i++;
      continue;
    }
    fail(`unexpected character '${c}'`, i);
  }
  tokens.push({ kind: 'end', text: '', value: null, start: source.length, end: source.length });
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Depth of each composite node built (leaves are 1), to refuse trees past MAX_TREE_DEPTH. */
  private readonly heights = new WeakMap<ExpressionNode, number>();

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ExpressionNode {
    const node = this.expression();
    const t = this.peek();
    if (t.kind !== 'end') this.fail(`unexpected '${t.text || t.kind}'`, t.start);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private isWord(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.text === text;
  }

  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) {
      this.fail(`expected '${text}' ${what}, found ${describe(t)}`, t.start);
    }
    return this.next();
  }

  private fail(reason: string, at: number): never {
    throw new ExpressionSyntaxError(reason, this.source, at);
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH)
      this.fail(`expression nested deeper than ${MAX_DEPTH} levels`, at);
  }

  /** Records the depth of a new composite node; fails past {@link MAX_TREE_DEPTH}. */
  private made<T extends ExpressionNode>(node: T, ...children: ExpressionNode[]): T {
    let h = 0;
    for (const c of children) h = Math.max(h, this.heights.get(c) ?? 1);
    if (h + 1 > MAX_TREE_DEPTH) {
      this.fail(
        `expression tree deeper than ${MAX_TREE_DEPTH} levels (each chained operator adds one; use 'in [...]' or split it)`,
        node.start,
      );
    }
    this.heights.set(node, h + 1);
    return node;
  }

  private expression(): ExpressionNode {
    this.enter(this.peek().start);
    const test = this.or();
    let result = test;
    if (this.isOp('?')) {
      this.next();
      const consequent = this.expression();
      this.expect(':', "in 'test ? a : b'");
      const alternate = this.expression();
      result = this.made(
        {
          type: 'conditional',
          test,
          consequent,
          alternate,
          start: test.start,
          end: alternate.end,
        },
        test,
        consequent,
        alternate,
      );
    }
    this.depth--;
    return result;
  }

  private binary(
    left: ExpressionNode,
    operator: BinaryOperator,
    right: ExpressionNode,
  ): ExpressionNode {
    return this.made(
      { type: 'binary', operator, left, right, start: left.start, end: right.end },
      left,
      right,
    );
  }

  private or(): ExpressionNode {
    let left = this.and();
    while (this.isWord('or') || this.isOp('||')) {
      this.next();
      left = this.binary(left, 'or', this.and());
    }
    return left;
  }

  private and(): ExpressionNode {
    let left = this.not();
    while (this.isWord('and') || this.isOp('&&')) {
      this.next();
      left = this.binary(left, 'and', this.not());
    }
    return left;
  }

  private not(): ExpressionNode {
    if ((this.isWord('not') && !this.isWord('in', 1)) || this.isOp('!')) {
      const t = this.next();
      this.enter(t.start);
      const operand = this.not();
      this.depth--;
      return this.made(
        { type: 'unary', operator: 'not', operand, start: t.start, end: operand.end },
        operand,
      );
    }
    return this.comparison();
  }

  private comparison(): ExpressionNode {
    const left = this.additive();
    const t = this.peek();
    let operator: BinaryOperator | undefined;
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      operator = t.text as BinaryOperator;
      this.next();
    } else if (this.isWord('in')) {
      operator = 'in';
      this.next();
    } else if (this.isWord('not') && this.isWord('in', 1)) {
      operator = 'not in';
      this.next();
      this.next();
    }
    if (!operator) return left;
    const right = this.additive();
    const after = this.peek();
    if (
      (after.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(after.text)) ||
      this.isWord('in')
    ) {
      this.fail('comparisons do not chain; use and: a < b and b < c', after.start);
    }
    return this.binary(left, operator, right);
  }

  private additive(): ExpressionNode {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as BinaryOperator;
      left = this.binary(left, op, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): ExpressionNode {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().text as BinaryOperator;
      left = this.binary(left, op, this.unary());
    }
    return left;
  }

  private unary(): ExpressionNode {
    if (this.isOp('-')) {
      const t = this.next();
      this.enter(t.start);
      const operand = this.unary();
      this.depth--;
      if (operand.type === 'literal' && typeof operand.value === 'number') {
        // `0 - x`, not `-x`: `- 0` folds to 0, since -0 has no JSON form and trees are plain JSON
        return { type: 'literal', value: 0 - operand.value, start: t.start, end: operand.end };
      }
      return this.made(
        { type: 'unary', operator: '-', operand, start: t.start, end: operand.end },
        operand,
      );
    }
    if (this.isOp('!')) return this.not();
    return this.postfix();
  }

  private postfix(): ExpressionNode {
    let node = this.primary();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name')
          this.fail(`expected a property name after '.', found ${describe(name)}`, name.start);
        this.next();
        if (node.type === 'variable') {
          node = {
            type: 'variable',
            name: `${node.name}.${name.text}`,
            path: [...node.path, name.text],
            start: node.start,
            end: name.end,
          };
        } else {
          node = this.made(
            {
              type: 'member',
              object: node,
              property: { type: 'literal', value: name.text, start: name.start, end: name.end },
              start: node.start,
              end: name.end,
            },
            node,
          );
        }
      } else if (this.isOp('[')) {
        this.next();
        const property = this.expression();
        const close = this.expect(']', 'to close the index');
        node = this.made(
          { type: 'member', object: node, property, start: node.start, end: close.end },
          node,
          property,
        );
      } else {
        return node;
      }
    }
  }

  private primary(): ExpressionNode {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
      case 'string':
        this.next();
        return { type: 'literal', value: t.value, start: t.start, end: t.end };
      case 'name': {
        this.next();
        if (t.text === 'true' || t.text === 'false') {
          return { type: 'literal', value: t.text === 'true', start: t.start, end: t.end };
        }
        if (t.text === 'null') return { type: 'literal', value: null, start: t.start, end: t.end };
        if (KEYWORDS.has(t.text)) this.fail(`unexpected keyword '${t.text}'`, t.start);
        if (this.isOp('(')) {
          this.next();
          this.enter(t.start);
          const args = this.list(')');
          this.depth--;
          const close = this.expect(')', `to close the call of ${t.text}()`);
          return this.made(
            { type: 'call', callee: t.text, args, start: t.start, end: close.end },
            ...args,
          );
        }
        return { type: 'variable', name: t.text, path: [t.text], start: t.start, end: t.end };
      }
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.expression();
          this.expect(')', 'to close the parenthesis');
          return inner;
        }
        if (t.text === '[') {
          this.next();
          this.enter(t.start);
          const elements = this.list(']');
          this.depth--;
          const close = this.expect(']', 'to close the list');
          return this.made(
            { type: 'array', elements, start: t.start, end: close.end },
            ...elements,
          );
        }
        return this.fail(`unexpected '${t.text}'`, t.start);
      case 'end':
        return this.fail(
          this.source.trim() === '' ? 'empty expression' : 'unexpected end of expression',
          t.start,
        );
    }
  }

  private list(close: string): ExpressionNode[] {
    const items: ExpressionNode[] = [];
    if (this.isOp(close)) return items;
    for (;;) {
      items.push(this.expression());
      if (!this.isOp(',')) return items;
      this.next();
    }
  }
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end';
  if (t.kind === 'string') return 'a string';
  return `'${t.text}'`;
}

/**
 * Parses expression source text into a syntax tree. Never evaluates anything: the result is plain
 * data, safe under a strict Content-Security-Policy (no `eval`, no `new Function`).
 *
 * Syntax: literals (`12`, `1.5`, `'text'`, `"text"`, `true`, `false`, `null`, `[1, 2]`), variables
 * (`attempts`, dotted `customer.tier`, indexed `list[0]`), `not`/`!`, `and`/`&&`, `or`/`||`,
 * `== != < <= > >=`, `in` / `not in` (list membership, substring, object key), `+ - * / %`,
 * `test ? a : b`, and calls of the built-in functions listed in {@link expressionFunctionNames}.
 *
 * @throws {@link ExpressionSyntaxError} with the offset of the problem.
 * @example
 * ```ts
 * const ast = parseExpression("customer.tier in ['gold', 'platinum'] and now().hour < 18");
 * evaluateExpression(ast, { variables: { customer: { tier: 'gold' } }, now: Date.now(), timezone: 'Asia/Shanghai' });
 * ```
 */
export function parseExpression(source: string): ExpressionNode {
  if (typeof source !== 'string') {
    throw new ExpressionSyntaxError('expression must be a string', String(source), 0);
  }
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ExpressionSyntaxError(
      `expression longer than ${MAX_SOURCE_LENGTH} characters`,
      source.slice(0, 100),
      MAX_SOURCE_LENGTH,
    );
  }
  return new Parser(source, tokenize(source)).parse();
}
