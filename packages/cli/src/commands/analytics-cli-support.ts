/**
 * A small parser for `--name value`, `--name=value` and boolean `--flag` options.
 *
 * @internal
 */
export interface ParsedArgs {
  /** Option values by name (without the leading dashes); flags map to `true`. */
  readonly options: ReadonlyMap<string, string | true>;
  /** Arguments that are not options, in order. */
  readonly positional: readonly string[];
  /** Problems found (unknown options, missing values). */
  readonly errors: readonly string[];
}

/**
 * Parses `args` given the names of options that take a value and of boolean flags.
 *
 * @internal
 */
export function parseArgs(
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[],
): ParsedArgs {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-h' && flags.includes('help')) {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flags.includes(name)) {
      if (eq >= 0) errors.push(`--${name} takes no value`);
      else options.set(name, true);
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        errors.push(`--${name} needs a value`);
      else options.set(name, value);
    } else {
      errors.push(`unknown option --${name}`);
    }
  }
  return { options, positional, errors };
}

/**
 * The values a numeric option accepts. Every numeric option of every command has one, and the
 * error message states it.
 *
 * @internal
 */
export type NumberRange = {
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
} & (
  | {
      /** Inclusive upper bound. */
      readonly max: number;
      readonly below?: undefined;
    }
  | {
      /** Exclusive upper bound. */
      readonly below: number;
      readonly max?: undefined;
    }
);

/**
 * Describes a range for an error message, e.g. `a number > 0 and <= 86400`.
 *
 * @internal
 */
export function describeRange(range: NumberRange): string {
  const parts: string[] = [];
  if (range.min !== undefined) parts.push(`>= ${range.min}`);
  if (range.above !== undefined) parts.push(`> ${range.above}`);
  parts.push(range.below !== undefined ? `< ${range.below}` : `<= ${String(range.max)}`);
  return `${range.integer ? 'a whole number' : 'a number'} ${parts.join(' and ')}`;
}

/**
 * Whether `value` lies in `range`.
 *
 * @internal
 */
export function inRange(value: number, range: NumberRange): boolean {
  return (
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.min === undefined || value >= range.min) &&
    (range.above === undefined || value > range.above) &&
    (range.below !== undefined ? value < range.below : value <= (range.max as number))
  );
}

/**
 * Reads a numeric option; pushes an error naming the allowed range when it is present but not a
 * number in `range`.
 *
 * @internal
 */
export function numberOption(
  parsed: ParsedArgs,
  name: string,
  errors: string[],
  range: NumberRange,
): number | undefined {
  const raw = parsed.options.get(name);
  if (raw === undefined) return undefined;
  const value = raw === true || raw.trim() === '' ? NaN : Number(raw);
  if (!inRange(value, range)) {
    errors.push(`--${name} must be ${describeRange(range)} (got '${String(raw)}')`);
    return undefined;
  }
  return value;
}

export { processIo, type CommandIo } from '../command-io.js';

/**
 * Formats rows as an aligned text table: first column left-aligned, the others right-aligned.
 *
 * @internal
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths
    .map((w, c) => (header[c] || c === 0 ? '-'.repeat(w) : ''))
    .join('  ')
    .trimEnd();
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}
