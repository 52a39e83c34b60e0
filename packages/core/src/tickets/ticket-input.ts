import type { ValidationIssue } from '../shared/index.js';
import { isRecord } from '../shared/is-record.js';
import { isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';
import { isValidTag } from './automation-rule.js';
import { checkFieldValue } from './custom-fields.js';
import type { CustomFieldSchema, CustomFieldValue } from './custom-fields.js';
import type { TicketActor, TicketAttachment, CommentVisibility } from './ticket.js';
import { TICKET_CHANNELS, isTicketChannel } from './ticket-channel.js';
import type { TicketChannel } from './ticket-channel.js';
import { TICKET_PRIORITIES, isTicketPriority } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';
import { TICKET_STATUSES, isTicketStatus } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';

/** What {@link TicketEngine.create} takes. */
export interface CreateTicketInput {
  /** Explicit id; default from the engine's id source. */
  readonly id?: string;
  /** Tenant (selects the custom-field schema). Default `'default'`. */
  readonly tenant?: string;
  /** One-line summary, 1-500 characters. */
  readonly subject: string;
  /** Longer text, up to 100 000 characters. Default `''`. */
  readonly description?: string;
  /** The customer who asked. */
  readonly requesterId: string;
  /** Where it came from. Default `'web'`. */
  readonly channel?: TicketChannel;
  /** Default `'normal'`. */
  readonly priority?: TicketPriority;
  /** One of the engine's ticket types. Default `'question'`. */
  readonly type?: string;
  /** Lower-case tags. */
  readonly tags?: readonly string[];
  /** Custom field values, checked against the tenant's schema. */
  readonly fields?: Readonly<Record<string, CustomFieldValue>>;
  /** Customer tier (picks SLA targets). Default: from the engine's `tierOf`, else none. */
  readonly tier?: string;
  /** Owning region. Default: the engine's `defaultRegion`. */
  readonly region?: string;
  /** Interactions to link. */
  readonly interactionIds?: readonly string[];
  /** Initial team (its strategy picks the agent unless `agentId` is given). */
  readonly teamId?: string;
  /** Initial agent. */
  readonly agentId?: string;
  /** Who creates it. Default: the requester (`{ kind: 'customer', id: requesterId }`). */
  readonly actor?: TicketActor;
}

/** What {@link TicketEngine.update} takes: the version read, and the fields to change. */
export interface UpdateTicketInput {
  /** The version the change was based on; a different current version refuses the update. */
  readonly version: number;
  readonly subject?: string;
  readonly description?: string;
  readonly priority?: TicketPriority;
  readonly type?: string;
  /** Replaces the tags. */
  readonly tags?: readonly string[];
  /** Merged into the custom fields; `null` removes a value. */
  readonly fields?: Readonly<Record<string, CustomFieldValue | null>>;
  /** Customer tier; `null` clears it. */
  readonly tier?: string | null;
  /** Moves the status (checked against the lifecycle). */
  readonly status?: TicketStatus;
  /** Who makes the change. Default `{ kind: 'system' }`. */
  readonly actor?: TicketActor;
}

/** What {@link TicketEngine.addComment} takes. */
export interface AddCommentInput {
  /** Who writes (an agent or the customer; `system` for automated messages). */
  readonly author: TicketActor;
  /** The text, 1-100 000 characters. */
  readonly body: string;
  /** Default `'public'`. */
  readonly visibility?: CommentVisibility;
  /** Files by reference. */
  readonly attachments?: readonly TicketAttachment[];
  /** When given, the comment is refused unless the ticket is at this version. */
  readonly expectedVersion?: number;
}

/** What commands other than create/update accept besides their arguments. */
export interface CommandOptions {
  /** Who does it. Default `{ kind: 'system' }`. */
  readonly actor?: TicketActor;
  /** When given, the command is refused unless the ticket is at this version. */
  readonly expectedVersion?: number;
}

/** @internal */
export interface InputContext {
  readonly types: readonly string[];
  /** Custom-field schema per tenant (a `Map`: tenant ids are data, never object keys). */
  readonly schemas: ReadonlyMap<string, CustomFieldSchema>;
  readonly teams: { has(teamId: string): boolean };
}

const CREATE_KEYS = new Set([
  'id',
  'tenant',
  'subject',
  'description',
  'requesterId',
  'channel',
  'priority',
  'type',
  'tags',
  'fields',
  'tier',
  'region',
  'interactionIds',
  'teamId',
  'agentId',
  'actor',
]);
const UPDATE_KEYS = new Set([
  'version',
  'subject',
  'description',
  'priority',
  'type',
  'tags',
  'fields',
  'tier',
  'status',
  'actor',
]);
const ACTOR_KINDS = ['agent', 'customer', 'system', 'rule'];

function checkString(
  v: unknown,
  path: string,
  issues: ValidationIssue[],
  opts: { min?: number; max: number },
): void {
  if (typeof v !== 'string') {
    issues.push({ path, message: 'must be a string' });
  } else if (v.length < (opts.min ?? 0)) {
    issues.push({ path, message: opts.min === 1 ? 'must not be empty' : `too short` });
  } else if (v.length > opts.max) {
    issues.push({ path, message: `must be at most ${opts.max} characters` });
  }
}

function checkTags(v: unknown, path: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(v)) {
    issues.push({ path, message: 'must be an array of tags' });
    return;
  }
  v.forEach((t: unknown, i) => {
    if (!isValidTag(t)) {
      issues.push({
        path: `${path}[${i}]`,
        message: 'must be lower case letters, digits, _ . : - (1-64 characters)',
      });
    }
  });
}

/** @internal */
export function checkActor(v: unknown, path: string, issues: ValidationIssue[]): void {
  if (v === undefined) return;
  if (!isRecord(v) || !ACTOR_KINDS.includes(v.kind as string)) {
    issues.push({ path, message: `must be { kind: ${ACTOR_KINDS.join(' | ')}, id? }` });
    return;
  }
  if (v.id !== undefined && typeof v.id !== 'string') {
    issues.push({ path: `${path}.id`, message: 'must be a string' });
  }
  if (v.kind !== 'system' && (typeof v.id !== 'string' || v.id.length === 0)) {
    issues.push({ path: `${path}.id`, message: `a ${String(v.kind)} actor needs an id` });
  }
}

function checkFields(
  v: unknown,
  path: string,
  issues: ValidationIssue[],
  schema: CustomFieldSchema | undefined,
  mode: 'create' | 'update',
  current: Readonly<Record<string, CustomFieldValue>> = {},
): void {
  const values = v === undefined ? {} : v;
  if (!isRecord(values)) {
    issues.push({ path, message: 'must be an object of custom field values' });
    return;
  }
  const defs = schema ?? {};
  // Own keys only, including a JSON `__proto__` key; reserved names never reach an object key.
  for (const [name, value] of Object.entries(values)) {
    if (isReservedKey(name)) {
      issues.push({ path: `${path}.${name}`, message: reservedKeyMessage('custom field', name) });
      continue;
    }
    const def = Object.hasOwn(defs, name) ? defs[name] : undefined;
    if (!def) {
      const known = Object.keys(defs);
      issues.push({
        path: `${path}.${name}`,
        message: `unknown custom field${known.length ? `; known: ${known.join(', ')}` : ' (the tenant defines none)'}`,
      });
      continue;
    }
    if (value === null && mode === 'update') {
      if (def.required) issues.push({ path: `${path}.${name}`, message: 'is required' });
      continue;
    }
    issues.push(...checkFieldValue(def, value, `${path}.${name}`));
  }
  if (mode === 'create') {
    for (const [name, def] of Object.entries(defs)) {
      const given = Object.hasOwn(values, name) ? values[name] : undefined;
      if (def.required && (given === undefined || given === null)) {
        if (!Object.hasOwn(current, name))
          issues.push({ path: `${path}.${name}`, message: 'is required' });
      }
    }
  }
}

function checkType(
  v: unknown,
  path: string,
  issues: ValidationIssue[],
  types: readonly string[],
): void {
  if (typeof v !== 'string' || !types.includes(v)) {
    issues.push({ path, message: `must be one of ${types.join(', ')}` });
  }
}

/**
 * Every problem of a create input.
 *
 * @internal
 */
export function validateCreateInput(input: unknown, ctx: InputContext): ValidationIssue[] {
  if (!isRecord(input)) return [{ path: '$', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  if (input.id !== undefined) checkString(input.id, '$.id', issues, { min: 1, max: 200 });
  if (input.tenant !== undefined)
    checkString(input.tenant, '$.tenant', issues, { min: 1, max: 200 });
  checkString(input.subject, '$.subject', issues, { min: 1, max: 500 });
  if (
    typeof input.subject === 'string' &&
    input.subject.length > 0 &&
    input.subject.trim() === ''
  ) {
    issues.push({ path: '$.subject', message: 'must not be blank' });
  }
  if (input.description !== undefined) {
    checkString(input.description, '$.description', issues, { max: 100_000 });
  }
  checkString(input.requesterId, '$.requesterId', issues, { min: 1, max: 200 });
  if (input.channel !== undefined && !isTicketChannel(input.channel)) {
    issues.push({ path: '$.channel', message: `must be one of ${TICKET_CHANNELS.join(', ')}` });
  }
  if (input.priority !== undefined && !isTicketPriority(input.priority)) {
    issues.push({ path: '$.priority', message: `must be one of ${TICKET_PRIORITIES.join(', ')}` });
  }
  if (input.type !== undefined) checkType(input.type, '$.type', issues, ctx.types);
  if (input.tags !== undefined) checkTags(input.tags, '$.tags', issues);
  const tenant = typeof input.tenant === 'string' ? input.tenant : 'default';
  checkFields(input.fields, '$.fields', issues, ctx.schemas.get(tenant), 'create');
  if (input.tier !== undefined) checkString(input.tier, '$.tier', issues, { min: 1, max: 100 });
  if (input.region !== undefined)
    checkString(input.region, '$.region', issues, { min: 1, max: 100 });
  if (input.interactionIds !== undefined) {
    if (!Array.isArray(input.interactionIds)) {
      issues.push({ path: '$.interactionIds', message: 'must be an array of interaction ids' });
    } else {
      input.interactionIds.forEach((x: unknown, i) =>
        checkString(x, `$.interactionIds[${i}]`, issues, { min: 1, max: 200 }),
      );
    }
  }
  if (input.teamId !== undefined) {
    if (typeof input.teamId !== 'string' || !ctx.teams.has(input.teamId)) {
      issues.push({ path: '$.teamId', message: `unknown team '${String(input.teamId)}'` });
    }
  }
  if (input.agentId !== undefined) {
    checkString(input.agentId, '$.agentId', issues, { min: 1, max: 200 });
  }
  checkActor(input.actor, '$.actor', issues);
  for (const key of Object.keys(input)) {
    if (!CREATE_KEYS.has(key)) issues.push({ path: `$.${key}`, message: 'unknown property' });
  }
  return issues;
}

/**
 * Every problem of an update input.
 *
 * @internal
 */
export function validateUpdateInput(
  input: unknown,
  ctx: InputContext,
  tenant: string,
): ValidationIssue[] {
  if (!isRecord(input)) return [{ path: '$', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  if (typeof input.version !== 'number' || !Number.isInteger(input.version) || input.version < 1) {
    issues.push({
      path: '$.version',
      message: 'is required: the version of the ticket the change is based on',
    });
  }
  if (input.subject !== undefined) {
    checkString(input.subject, '$.subject', issues, { min: 1, max: 500 });
    if (
      typeof input.subject === 'string' &&
      input.subject.length > 0 &&
      input.subject.trim() === ''
    ) {
      issues.push({ path: '$.subject', message: 'must not be blank' });
    }
  }
  if (input.description !== undefined) {
    checkString(input.description, '$.description', issues, { max: 100_000 });
  }
  if (input.priority !== undefined && !isTicketPriority(input.priority)) {
    issues.push({ path: '$.priority', message: `must be one of ${TICKET_PRIORITIES.join(', ')}` });
  }
  if (input.type !== undefined) checkType(input.type, '$.type', issues, ctx.types);
  if (input.tags !== undefined) checkTags(input.tags, '$.tags', issues);
  if (input.fields !== undefined) {
    checkFields(input.fields, '$.fields', issues, ctx.schemas.get(tenant), 'update');
  }
  if (input.tier !== undefined && input.tier !== null) {
    checkString(input.tier, '$.tier', issues, { min: 1, max: 100 });
  }
  if (input.status !== undefined && !isTicketStatus(input.status)) {
    issues.push({ path: '$.status', message: `must be one of ${TICKET_STATUSES.join(', ')}` });
  }
  checkActor(input.actor, '$.actor', issues);
  for (const key of Object.keys(input)) {
    if (!UPDATE_KEYS.has(key)) issues.push({ path: `$.${key}`, message: 'unknown property' });
  }
  return issues;
}

/**
 * Every problem of a comment input.
 *
 * @internal
 */
export function validateCommentInput(input: unknown): ValidationIssue[] {
  if (!isRecord(input)) return [{ path: '$', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  if (input.author === undefined) issues.push({ path: '$.author', message: 'is required' });
  else checkActor(input.author, '$.author', issues);
  checkString(input.body, '$.body', issues, { min: 1, max: 100_000 });
  if (
    input.visibility !== undefined &&
    input.visibility !== 'public' &&
    input.visibility !== 'internal'
  ) {
    issues.push({ path: '$.visibility', message: "must be 'public' or 'internal'" });
  }
  if (
    isRecord(input.author) &&
    input.author.kind === 'customer' &&
    input.visibility === 'internal'
  ) {
    issues.push({ path: '$.visibility', message: 'customers cannot write internal notes' });
  }
  if (input.attachments !== undefined) {
    if (!Array.isArray(input.attachments)) {
      issues.push({ path: '$.attachments', message: 'must be an array of { url, name }' });
    } else {
      input.attachments.forEach((a: unknown, i) => {
        const at = `$.attachments[${i}]`;
        if (!isRecord(a)) {
          issues.push({
            path: at,
            message: 'must be an object { url, name, contentType?, size? }',
          });
          return;
        }
        checkString(a.url, `${at}.url`, issues, { min: 1, max: 2000 });
        checkString(a.name, `${at}.name`, issues, { min: 1, max: 500 });
        if (a.contentType !== undefined) {
          checkString(a.contentType, `${at}.contentType`, issues, { max: 200 });
        }
        if (
          a.size !== undefined &&
          (typeof a.size !== 'number' || !Number.isInteger(a.size) || a.size < 0)
        ) {
          issues.push({ path: `${at}.size`, message: 'must be a non-negative integer' });
        }
      });
    }
  }
  if (input.expectedVersion !== undefined && typeof input.expectedVersion !== 'number') {
    issues.push({ path: '$.expectedVersion', message: 'must be a number' });
  }
  return issues;
}
