import { DIGIT, DOT, SPACE, WORD, complement, normalise } from './char-set.js';
import type { Ranges } from './char-set.js';
import { ASSERTIONS, PATTERN_LIMITS } from './pattern-ast.js';
import type { PatternNode } from './pattern-ast.js';
import { PatternSyntaxError } from './pattern-syntax-error.js';

const ch = (s: string): number => s.codePointAt(0) as number;
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/'].map(ch));
const CONTROL_ESCAPES = new Map([
  [ch('f'), 0x0c],
  [ch('n'), 0x0a],
  [ch('r'), 0x0d],
  [ch('t'), 0x09],
  [ch('v'), 0x0b],
]);
const CLASS_ESCAPES = new Map<number, Ranges>([
  [ch('d'), DIGIT],
  [ch('D'), complement(DIGIT)],
  [ch('w'), WORD],
  [ch('W'), complement(WORD)],
  [ch('s'), SPACE],
  [ch('S'), complement(SPACE)],
]);

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const hexValue = (c: number | undefined): number => {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
};
const isLetter = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const isIdStart = (c: number | undefined): boolean => isLetter(c) || c === ch('_') || c === ch('$');

/** A class atom: one code point, or a class escape such as `\d`. */
type ClassAtom = { readonly cp: number } | { readonly set: Ranges };

/**
 * Recursive descent over code points. Recursion follows group nesting only, which is capped at
 * {@link PATTERN_LIMITS}.maxNesting, so the stack stays shallow whatever the input.
 */
class PatternParser {
  private readonly cps: number[] = [];
  private readonly offsets: number[] = [];
  private pos = 0;
  private depth = 0;
  private readonly names = new Set<string>();

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length;) {
      const cp = source.codePointAt(i) as number;
      this.cps.push(cp);
      this.offsets.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    this.offsets.push(source.length);
  }

  parse(): PatternNode {
    const node = this.disjunction();
    if (this.pos < this.cps.length) {
      this.fail(this.peek() === ch(')') ? "unmatched ')'" : 'unexpected character');
    }
    return node;
  }

  private peek(offset = 0): number | undefined {
    return this.cps[this.pos + offset];
  }

  private fail(reason: string, at = this.pos): never {
    throw new PatternSyntaxError(reason, this.source, this.offsets[at] ?? this.source.length);
  }

  private eat(c: string): boolean {
    if (this.peek() !== ch(c)) return false;
    this.pos++;
    return true;
  }

  private disjunction(): PatternNode {
    const options = [this.alternative()];
    while (this.eat('|')) options.push(this.alternative());
    return options.length === 1 ? (options[0] as PatternNode) : { type: 'alt', options };
  }

  private alternative(): PatternNode {
    const items: PatternNode[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === ch('|') || c === ch(')')) break;
      items.push(this.term());
    }
    return items.length === 1 ? (items[0] as PatternNode) : { type: 'seq', items };
  }

  private term(): PatternNode {
    const c = this.peek() as number;
    if (c === ch('^') || c === ch('$')) {
      this.pos++;
      this.noQuantifier('an anchor');
      return { type: 'assert', kind: c === ch('^') ? ASSERTIONS.start : ASSERTIONS.end };
    }
    if (c === ch('\\') && (this.peek(1) === ch('b') || this.peek(1) === ch('B'))) {
      const word = this.peek(1) === ch('b');
      this.pos += 2;
      this.noQuantifier('a word boundary');
      return { type: 'assert', kind: word ? ASSERTIONS.wordBoundary : ASSERTIONS.notWordBoundary };
    }
    return this.quantified(this.atom());
  }

  private noQuantifier(what: string): void {
    const c = this.peek();
    if (c === ch('*') || c === ch('+') || c === ch('?') || c === ch('{')) {
      this.fail(`nothing to repeat: ${what} cannot take a quantifier`);
    }
  }

  private quantified(atom: PatternNode): PatternNode {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === ch('*') || c === ch('+') || c === ch('?')) {
      this.pos++;
      min = c === ch('+') ? 1 : 0;
      max = c === ch('?') ? 1 : Infinity;
    } else if (c === ch('{')) {
      const at = this.pos;
      this.pos++;
      min = this.count(at);
      max = min;
      if (this.eat(',')) max = isDigit(this.peek()) ? this.count(at) : Infinity;
      if (!this.eat('}')) this.fail("incomplete quantifier: expected '}'", at);
      if (min > max) this.fail('numbers out of order in {} quantifier', at);
    } else return atom;
    this.eat('?'); // lazy and greedy repetitions match the same texts
    this.noQuantifier('a quantifier');
    return { type: 'repeat', node: atom, min, max };
  }

  private count(at: number): number {
    if (!isDigit(this.peek())) this.fail('incomplete quantifier: expected a number after {', at);
    let n = 0;
    while (isDigit(this.peek())) {
      n = n * 10 + ((this.peek() as number) - 0x30);
      if (n > PATTERN_LIMITS.maxRepeat) {
        this.fail(`repetition count above the limit of ${PATTERN_LIMITS.maxRepeat}`, at);
      }
      this.pos++;
    }
    return n;
  }

  private atom(): PatternNode {
    const c = this.peek() as number;
    switch (c) {
      case ch('.'):
        this.pos++;
        return { type: 'set', ranges: DOT };
      case ch('('):
        return this.group();
      case ch('['):
        return { type: 'set', ranges: this.charClass() };
      case ch('\\'): {
        this.pos++;
        const atom = this.escape(false);
        return { type: 'set', ranges: 'set' in atom ? atom.set : [atom.cp, atom.cp] };
      }
      case ch('*'):
      case ch('+'):
      case ch('?'):
        return this.fail('nothing to repeat');
      case ch('{'):
      case ch('}'):
        return this.fail('lone quantifier brackets');
      case ch(']'):
        return this.fail("lone ']'");
      default:
        this.pos++;
        return { type: 'set', ranges: [c, c] };
    }
  }

  private group(): PatternNode {
    const open = this.pos;
    this.pos++;
    if (this.eat('?')) {
      const c = this.peek();
      if (c === ch(':')) this.pos++;
      else if (c === ch('=') || c === ch('!')) {
        this.fail('lookahead is not supported (patterns run in linear time)', open);
      } else if (c === ch('<') && (this.peek(1) === ch('=') || this.peek(1) === ch('!'))) {
        this.fail('lookbehind is not supported (patterns run in linear time)', open);
      } else if (c === ch('<')) {
        this.pos++;
        this.groupName(open);
      } else this.fail('invalid group: expected (?: or (?<name>', open);
    }
    if (++this.depth > PATTERN_LIMITS.maxNesting) {
      this.fail(`groups nested deeper than the limit of ${PATTERN_LIMITS.maxNesting}`, open);
    }
    const inner = this.disjunction();
    this.depth--;
    if (!this.eat(')')) this.fail("unterminated group: expected ')'", open);
    return inner;
  }

  private groupName(open: number): void {
    let name = '';
    if (!isIdStart(this.peek())) this.fail('invalid group name', open);
    while (isIdStart(this.peek()) || isDigit(this.peek())) {
      name += String.fromCodePoint(this.peek() as number);
      this.pos++;
    }
    if (!this.eat('>')) this.fail('invalid group name', open);
    if (this.names.has(name)) this.fail(`duplicate group name '${name}'`, open);
    this.names.add(name);
  }

  private charClass(): Ranges {
    const open = this.pos;
    this.pos++;
    const negated = this.eat('^');
    const ranges: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail("unterminated character class: expected ']'", open);
      if (c === ch(']')) break;
      const atStart = this.pos;
      const a = this.classAtom();
      if (this.peek() === ch('-') && this.peek(1) !== undefined && this.peek(1) !== ch(']')) {
        this.pos++;
        const b = this.classAtom();
        if ('set' in a || 'set' in b) this.fail('invalid character class range', atStart);
        if (a.cp > b.cp) this.fail('range out of order in character class', atStart);
        ranges.push(a.cp, b.cp);
      } else if ('set' in a) ranges.push(...a.set);
      else ranges.push(a.cp, a.cp);
    }
    this.pos++;
    const set = normalise(ranges);
    return negated ? complement(set) : set;
  }

  private classAtom(): ClassAtom {
    const c = this.peek() as number;
    this.pos++;
    if (c !== ch('\\')) return { cp: c };
    if (this.peek() === ch('b')) {
      this.pos++;
      return { cp: 0x08 };
    }
    if (this.peek() === ch('-')) {
      this.pos++;
      return { cp: ch('-') };
    }
    return this.escape(true);
  }

  /** After a backslash. */
  private escape(inClass: boolean): ClassAtom {
    const at = this.pos - 1;
    const c = this.peek();
    if (c === undefined) return this.fail('\\ at end of pattern', at);
    this.pos++;
    const set = CLASS_ESCAPES.get(c);
    if (set) return { set };
    const control = CONTROL_ESCAPES.get(c);
    if (control !== undefined) return { cp: control };
    if (SYNTAX.has(c)) return { cp: c };
    if (c === ch('0')) {
      if (isDigit(this.peek())) this.fail('octal escapes are not allowed', at);
      return { cp: 0 };
    }
    if (isDigit(c)) {
      return this.fail(
        inClass
          ? 'invalid class escape'
          : 'backreferences are not supported (patterns run in linear time)',
        at,
      );
    }
    if (c === ch('k') && !inClass) {
      return this.fail('backreferences are not supported (patterns run in linear time)', at);
    }
    if (c === ch('c') && isLetter(this.peek())) {
      const letter = this.peek() as number;
      this.pos++;
      return { cp: letter % 32 };
    }
    if (c === ch('x')) {
      const h = hexValue(this.peek());
      const l = hexValue(this.peek(1));
      if (h < 0 || l < 0) this.fail('invalid \\x escape', at);
      this.pos += 2;
      return { cp: h * 16 + l };
    }
    if (c === ch('u')) return { cp: this.unicodeEscape(at) };
    if (c === ch('p') || c === ch('P')) {
      return this.fail('Unicode property escapes are not supported', at);
    }
    return this.fail(`invalid escape '\\${String.fromCodePoint(c)}'`, at);
  }

  private unicodeEscape(at: number): number {
    if (this.eat('{')) {
      let v = 0;
      let digits = 0;
      while (hexValue(this.peek()) >= 0) {
        v = v * 16 + hexValue(this.peek());
        if (v > 0x10ffff) this.fail('invalid Unicode escape: above U+10FFFF', at);
        this.pos++;
        digits++;
      }
      if (digits === 0 || !this.eat('}')) this.fail('invalid Unicode escape', at);
      return v;
    }
    const v = this.hex4(at);
    if (v >= 0xd800 && v <= 0xdbff && this.peek() === ch('\\') && this.peek(1) === ch('u')) {
      const save = this.pos;
      this.pos += 2;
      const digitsOk = [0, 1, 2, 3].every((i) => hexValue(this.peek(i)) >= 0);
      if (digitsOk) {
        const trail = this.hex4(at);
        if (trail >= 0xdc00 && trail <= 0xdfff)
          return (v - 0xd800) * 0x400 + (trail - 0xdc00) + 0x10000;
      }
      this.pos = save;
    }
    return v;
  }

  private hex4(at: number): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const h = hexValue(this.peek());
      if (h < 0) this.fail('invalid Unicode escape', at);
      v = v * 16 + h;
      this.pos++;
    }
    return v;
  }
}

/**
 * @internal Parses a pattern of the supported subset into a tree.
 * @throws {@link PatternSyntaxError}
 */
export function parsePattern(source: string): PatternNode {
  if (source.length > PATTERN_LIMITS.maxLength) {
    throw new PatternSyntaxError(
      `pattern longer than the limit of ${PATTERN_LIMITS.maxLength} characters`,
      source,
      PATTERN_LIMITS.maxLength,
    );
  }
  return new PatternParser(source).parse();
}
