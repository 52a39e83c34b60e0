import type { ValidationIssue } from '../shared/index.js';
import { isRecord } from '../shared/is-record.js';
import { isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';

/** The kinds of custom field a tenant can define. */
export const CustomFieldType = {
  text: 'text',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  select: 'select',
  multiSelect: 'multi-select',
} as const;

/** A custom field's kind: `date` values are `'YYYY-MM-DD'` strings. */
export type CustomFieldType = (typeof CustomFieldType)[keyof typeof CustomFieldType];

/** Every {@link CustomFieldType}. */
export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = Object.freeze(
  Object.values(CustomFieldType),
);

/** The value of a custom field: a string, number, boolean, or list of options (`multi-select`). */
export type CustomFieldValue = string | number | boolean | readonly string[];

/** One custom field of a tenant's schema. */
export interface CustomFieldDefinition {
  /** The kind of value. */
  readonly type: CustomFieldType;
  /** Whether a ticket must have a value (checked on create and when an update removes it). */
  readonly required?: boolean;
  /** Allowed values of `select` and `multi-select` fields. */
  readonly options?: readonly string[];
  /** Longest `text` value. Default 10 000. */
  readonly maxLength?: number;
  /** Smallest `number`/`integer` value. */
  readonly min?: number;
  /** Largest `number`/`integer` value. */
  readonly max?: number;
}

/**
 * A tenant's custom ticket fields, by field name.
 *
 * @example
 * ```ts
 * const schema: CustomFieldSchema = {
 *   orderNumber: { type: 'text', required: true, maxLength: 20 },
 *   refundAmount: { type: 'number', min: 0 },
 *   product: { type: 'select', options: ['router', 'modem'] },
 * };
 * ```
 */
export type CustomFieldSchema = Readonly<Record<string, CustomFieldDefinition>>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Problems of one custom field value against its definition.
 *
 * @internal
 */
export function checkFieldValue(
  def: CustomFieldDefinition,
  value: unknown,
  path: string,
): ValidationIssue[] {
  const fail = (message: string): ValidationIssue[] => [{ path, message }];
  switch (def.type) {
    case 'text': {
      if (typeof value !== 'string') return fail('must be a string');
      const max = def.maxLength ?? 10_000;
      return value.length > max ? fail(`must be at most ${max} characters`) : [];
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      if (def.type === 'integer' && !Number.isInteger(value)) return fail('must be an integer');
      if (def.min !== undefined && value < def.min) return fail(`must be at least ${def.min}`);
      if (def.max !== undefined && value > def.max) return fail(`must be at most ${def.max}`);
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : fail('must be true or false');
    case 'date':
      return typeof value === 'string' && validDate(value)
        ? []
        : fail("must be a real date 'YYYY-MM-DD'");
    case 'select': {
      const options = def.options ?? [];
      return typeof value === 'string' && options.includes(value)
        ? []
        : fail(`must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
    }
    case 'multi-select': {
      const options = def.options ?? [];
      if (!Array.isArray(value)) return fail('must be an array of options');
      const bad = value.filter((v) => typeof v !== 'string' || !options.includes(v));
      return bad.length > 0
        ? fail(`must only hold ${options.map((o) => `'${o}'`).join(', ')}`)
        : [];
    }
    default:
      return fail('has an unknown field type');
  }
}

/**
 * Problems of a custom field schema itself.
 *
 * @internal
 */
export function validateFieldSchema(schema: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(schema)) {
    return [{ path, message: 'must be an object mapping field names to definitions' }];
  }
  for (const [name, def] of Object.entries(schema)) {
    const at = `${path}.${name}`;
    if (isReservedKey(name)) {
      issues.push({ path: at, message: reservedKeyMessage('custom field', name) });
      continue;
    }
    if (typeof def !== 'object' || def === null) {
      issues.push({ path: at, message: 'must be a field definition { type, ... }' });
      continue;
    }
    const d = def as Record<string, unknown>;
    if (!(CUSTOM_FIELD_TYPES as readonly unknown[]).includes(d.type)) {
      issues.push({
        path: `${at}.type`,
        message: `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`,
      });
    }
    if (
      (d.type === 'select' || d.type === 'multi-select') &&
      (!Array.isArray(d.options) ||
        d.options.length === 0 ||
        d.options.some((o) => typeof o !== 'string'))
    ) {
      issues.push({ path: `${at}.options`, message: 'must be a non-empty array of strings' });
    }
  }
  return issues;
}
