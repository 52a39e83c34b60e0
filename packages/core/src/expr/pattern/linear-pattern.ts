import { inRanges, isWordChar } from './char-set.js';
import { ASSERTIONS, PATTERN_LIMITS } from './pattern-ast.js';
import type { AssertionKind, PatternNode } from './pattern-ast.js';
import { PatternSyntaxError } from './pattern-syntax-error.js';
import { parsePattern } from './parse-pattern.js';

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;

/** Automaton states a tree expands to; stops counting past the limit. */
function stateCount(node: PatternNode): number {
  switch (node.type) {
    case 'set':
    case 'assert':
      return 1;
    case 'seq': {
      let n = 0;
      for (const item of node.items) n += stateCount(item);
      return n;
    }
    case 'alt': {
      let n = 2 * (node.options.length - 1);
      for (const o of node.options) n += stateCount(o);
      return n;
    }
    case 'repeat': {
      const body = stateCount(node.node);
      const rest = node.max === Infinity ? body + 2 : (node.max - node.min) * (body + 1);
      return Math.min(node.min * body + rest, PATTERN_LIMITS.maxStates + 1);
    }
  }
}

/** Instructions of a Thompson automaton in parallel arrays. */
class ProgramBuilder {
  readonly ops: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly sets: (readonly number[] | undefined)[] = [];

  private emit(op: number, a = 0, b = 0, set?: readonly number[]): number {
    this.ops.push(op);
    this.a.push(a);
    this.b.push(b);
    this.sets.push(set);
    return this.ops.length - 1;
  }

  build(node: PatternNode): void {
    switch (node.type) {
      case 'set':
        this.emit(OP_CHAR, 0, 0, node.ranges);
        return;
      case 'assert':
        this.emit(OP_ASSERT, node.kind);
        return;
      case 'seq':
        for (const item of node.items) this.build(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i === node.options.length - 1) {
            this.build(option);
            return;
          }
          const split = this.emit(OP_SPLIT, this.ops.length + 1);
          this.build(option);
          jumps.push(this.emit(OP_JMP));
          this.b[split] = this.ops.length;
        });
        for (const j of jumps) this.a[j] = this.ops.length;
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) this.build(node.node);
        if (node.max === Infinity) {
          const loop = this.emit(OP_SPLIT, this.ops.length + 1);
          this.build(node.node);
          this.emit(OP_JMP, loop);
          this.b[loop] = this.ops.length;
          return;
        }
        const splits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          splits.push(this.emit(OP_SPLIT, this.ops.length + 1));
          this.build(node.node);
        }
        for (const s of splits) this.b[s] = this.ops.length;
      }
    }
  }

  finish(): void {
    this.emit(OP_MATCH);
  }
}

function holds(kind: number, prev: number, next: number): boolean {
  switch (kind as AssertionKind) {
    case ASSERTIONS.start:
      return prev < 0;
    case ASSERTIONS.end:
      return next < 0;
    case ASSERTIONS.wordBoundary:
      return (prev >= 0 && isWordChar(prev)) !== (next >= 0 && isWordChar(next));
    default:
      return (prev >= 0 && isWordChar(prev)) === (next >= 0 && isWordChar(next));
  }
}

/**
 * A regular expression compiled to a Thompson automaton and run by simulating every state at once
 * (Pike/Thompson), so matching takes at most `states x text length` steps, whatever the pattern
 * and the text: no catastrophic backtracking. Make one with {@link compilePattern}.
 *
 * Matching follows JavaScript's `RegExp` with the `u` flag (code points, `.` without line
 * terminators, ASCII `\w`), for the linear-time subset {@link compilePattern} accepts.
 *
 * @example
 * ```ts
 * const pin = compilePattern('^[0-9]{4,6}$');
 * pin.test('1234'); // true
 * compilePattern('^(a+)+$').test('a'.repeat(32) + '!'); // false, at once
 * ```
 */
export class LinearPattern {
  /** The pattern source. */
  readonly source: string;
  /** Number of automaton states (at most {@link PATTERN_LIMITS}.maxStates). */
  readonly states: number;
  private readonly ops: Uint8Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly sets: readonly (readonly number[] | undefined)[];
  /** Whether every match must start at the start of the text (`^...`). */
  private readonly anchored: boolean;
  private readonly mark: Uint32Array;
  private readonly stack: Int32Array;
  private clist: Int32Array;
  private nlist: Int32Array;
  private gen = 0;

  /** @internal Use {@link compilePattern}. */
  constructor(source: string, tree: PatternNode) {
    this.source = source;
    const program = new ProgramBuilder();
    program.build(tree);
    program.finish();
    const n = program.ops.length;
    this.states = n;
    this.ops = Uint8Array.from(program.ops);
    this.a = Int32Array.from(program.a);
    this.b = Int32Array.from(program.b);
    this.sets = program.sets;
    this.anchored = this.ops[0] === OP_ASSERT && this.a[0] === ASSERTIONS.start;
    this.mark = new Uint32Array(n);
    this.stack = new Int32Array(2 * n + 2);
    this.clist = new Int32Array(n);
    this.nlist = new Int32Array(n);
  }

  /** Whether the pattern matches somewhere in `text` (as `RegExp.prototype.test`). */
  test(text: string): boolean {
    return this.testWithin(text, Infinity) === true;
  }

  /**
   * As {@link LinearPattern.test}, but gives up with `undefined` after `maxSteps` automaton steps,
   * for callers that bound their work.
   */
  testWithin(text: string, maxSteps: number): boolean | undefined {
    const len = text.length;
    let prev = -1;
    let i = 0;
    let cp = len > 0 ? (text.codePointAt(0) as number) : -1;
    let count = 0;
    let steps = 0;
    this.newGeneration();
    for (;;) {
      if (!this.anchored || i === 0) {
        const added = this.closure(this.clist, count, 0, prev, cp);
        if (added < 0) return true;
        steps += added - count + 1;
        count = added;
      }
      if (cp < 0 || count === 0) {
        if (count === 0 && this.anchored) return false;
        if (cp < 0) return false;
      }
      const width = cp > 0xffff ? 2 : 1;
      const nextCp = i + width < len ? (text.codePointAt(i + width) as number) : -1;
      this.newGeneration();
      let ncount = 0;
      for (let t = 0; t < count; t++) {
        const pc = this.clist[t] as number;
        if (inRanges(this.sets[pc] as readonly number[], cp)) {
          const added = this.closure(this.nlist, ncount, pc + 1, cp, nextCp);
          if (added < 0) return true;
          ncount = added;
        }
      }
      steps += count + ncount;
      if (steps > maxSteps) return undefined;
      const swap = this.clist;
      this.clist = this.nlist;
      this.nlist = swap;
      count = ncount;
      prev = cp;
      i += width;
      cp = nextCp;
    }
  }

  private newGeneration(): void {
    if (++this.gen === 0xffffffff) {
      this.mark.fill(0);
      this.gen = 1;
    }
  }

  /**
   * Adds the states reachable from `start` without reading a character to `list` (from index
   * `count`); returns the new count, or -1 when the match state is reachable. Iterative.
   */
  private closure(
    list: Int32Array,
    count: number,
    start: number,
    prev: number,
    next: number,
  ): number {
    const { ops, a, b, mark, stack } = this;
    const gen = this.gen;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const pc = stack[--top] as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      switch (ops[pc]) {
        case OP_CHAR:
          list[count++] = pc;
          break;
        case OP_MATCH:
          return -1;
        case OP_JMP:
          stack[top++] = a[pc] as number;
          break;
        case OP_SPLIT:
          stack[top++] = b[pc] as number;
          stack[top++] = a[pc] as number;
          break;
        default:
          if (holds(a[pc] as number, prev, next)) stack[top++] = pc + 1;
      }
    }
    return count;
  }
}

const cache = new Map<string, LinearPattern>();
const CACHE_SIZE = 256;

/**
 * Compiles a regular expression of the linear-time subset, once per source (the last 256 are
 * cached). Supported: literals and escapes (`\n \t \xHH \uHHHH \u{H} \/ \.` ...), `.`, classes
 * with ranges and negation (`[^a-z\d]`), `\d \w \s \D \W \S`, anchors `^ $`, word boundaries
 * `\b \B`, groups `( )`, `(?: )`, `(?<name> )` (nothing is captured), alternation `|`, and
 * `* + ? {m} {m,} {m,n}` (lazy forms too) with counts up to {@link PATTERN_LIMITS}.maxRepeat.
 * Semantics are those of JavaScript's `RegExp` with the `u` flag and no other flag.
 * Not supported, refused with a clear reason: backreferences, lookahead and lookbehind (they
 * cannot run in linear time) and Unicode property escapes.
 *
 * @throws {@link PatternSyntaxError} for a malformed or unsupported pattern, or one past
 * {@link PATTERN_LIMITS}.
 * @example
 * ```ts
 * compilePattern('^\\+?[0-9]{6,15}$').test('+8613800138000'); // true
 * compilePattern('(?=x)'); // throws PatternSyntaxError: lookahead is not supported ...
 * ```
 */
export function compilePattern(source: string): LinearPattern {
  const hit = cache.get(source);
  if (hit) return hit;
  if (typeof source !== 'string') {
    throw new PatternSyntaxError('pattern must be a string', String(source), 0);
  }
  const tree = parsePattern(source);
  if (stateCount(tree) > PATTERN_LIMITS.maxStates) {
    throw new PatternSyntaxError(
      `pattern expands to more than the limit of ${PATTERN_LIMITS.maxStates} automaton states (nested counted repetitions multiply)`,
      source,
      0,
    );
  }
  const pattern = new LinearPattern(source, tree);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, pattern);
  return pattern;
}

/**
 * Checks a pattern without keeping it: `undefined` when {@link compilePattern} accepts it, else the
 * reason with its position.
 *
 * @example
 * ```ts
 * patternProblem('^[0-9]{6}$'); // undefined
 * patternProblem('(a)\\1'); // 'backreferences are not supported (patterns run in linear time) at position 3'
 * ```
 */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (err) {
    if (err instanceof PatternSyntaxError) return err.message;
    throw err;
  }
}
