import { InvalidTransitionError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { isEpochMs } from '../shared/epoch-ms.js';
import { isRecord } from '../shared/is-record.js';
import { RULE_TRIGGERS } from './automation-rule.js';
import { SLA_METRICS } from './sla-policy.js';
import type { SlaMetric, SlaPolicy } from './sla-policy.js';
import type { TicketFieldValue } from './ticket.js';
import type { TicketEvent } from './ticket-events.js';
import { TICKET_EVENT_TYPES } from './ticket-events.js';
import {
  checkActor,
  validateCommentInput,
  validateCreateInput,
  validateUpdateInput,
} from './ticket-input.js';
import type { InputContext } from './ticket-input.js';
import type { TicketRecord } from './ticket-record.js';
import { TicketReplayError } from './ticket-replay-error.js';
import type { TicketState } from './ticket-state.js';
import { isTicketStatus, ticketCommandMachine, ticketStatusMachine } from './ticket-status.js';
import type { TicketCommand } from './ticket-status.js';
import { validateTeam } from './ticket-team.js';

/** What a journal event is checked against: the state rebuilt so far and the engine's options. @internal */
export interface JournalCheckContext {
  readonly state: TicketState;
  readonly input: InputContext;
  readonly policies: ReadonlyMap<string, SlaPolicy>;
}

type Issues = ValidationIssue[];
type Event = Record<string, unknown>;

const VIA: ReadonlySet<unknown> = new Set([
  'direct',
  'round-robin',
  'load-aware',
  'team-only',
  'router',
  'region-transfer',
]);
const TARGET_KEYS = ['firstResponseMs', 'nextResponseMs', 'resolutionMs'] as const;
const CREATED_KEYS = [
  'ticketId',
  'actor',
  'tenant',
  'subject',
  'description',
  'requesterId',
  'channel',
  'priority',
  'ticketType',
  'tags',
  'fields',
  'region',
  'interactionIds',
] as const;
const UPDATABLE: ReadonlySet<string> = new Set([
  'subject',
  'description',
  'priority',
  'type',
  'tier',
  'tags',
]);

/**
 * Every reason a ticket event could not have been written by a live engine at this point of the
 * journal: the checks of the command that writes it (input validation, the status machine, the
 * command machine, duplicate ids, known teams and policies), plus the facts the engine always
 * records consistently (`from` values equal the current ones). An empty list means it may be
 * applied.
 *
 * @internal
 */
export function journalEventIssues(event: Event, ctx: JournalCheckContext): Issues {
  const issues: Issues = [];
  if (!isEpochMs(event.at)) {
    issues.push({
      path: '$.at',
      message: 'must be a time in epoch ms with a four-digit year (0001-9999)',
    });
  }
  if (event.type === 'ticket-team-defined') {
    for (const issue of validateTeam(event.team)) issues.push(under('$.team', issue));
    return issues;
  }
  if (event.type === 'ticket-created') {
    createdIssues(event, ctx, issues);
    return issues;
  }
  const rec =
    typeof event.ticketId === 'string' ? ctx.state.records.get(event.ticketId) : undefined;
  if (!rec) {
    issues.push({
      path: '$.ticketId',
      message: `unknown ticket '${String(event.ticketId)}' (no ticket-created before it)`,
    });
    return issues;
  }
  switch (event.type) {
    case 'ticket-updated':
      requireActor(event.actor, issues);
      updatedIssues(event, rec, ctx, issues);
      break;
    case 'ticket-status-changed':
      requireActor(event.actor, issues);
      if (!isTicketStatus(event.to)) {
        issues.push({ path: '$.to', message: `unknown status '${String(event.to)}'` });
      } else {
        checkFrom(event.from, rec.status, '$.from', issues);
        refusal(
          () => ticketStatusMachine.transition(rec.status, event.to as never, rec.id),
          issues,
        );
      }
      break;
    case 'ticket-assigned':
      requireActor(event.actor, issues);
      command(rec, 'assign', issues);
      if (event.teamId !== null && !isKnownTeam(event.teamId, ctx)) {
        issues.push({ path: '$.teamId', message: `unknown team '${String(event.teamId)}'` });
      }
      if (event.agentId !== null && !isId(event.agentId)) {
        issues.push({ path: '$.agentId', message: 'must be a non-empty string or null' });
      }
      checkFrom(event.previousTeamId, rec.teamId, '$.previousTeamId', issues);
      checkFrom(event.previousAgentId, rec.agentId, '$.previousAgentId', issues);
      if (!VIA.has(event.via)) issues.push({ path: '$.via', message: 'unknown assignment kind' });
      break;
    case 'ticket-comment-added': {
      command(rec, 'comment', issues);
      const c = event.comment;
      if (!isRecord(c) || typeof c.id !== 'string') {
        issues.push({ path: '$.comment', message: 'must be a comment { id, author, body, ... }' });
        break;
      }
      const input = {
        author: c.author,
        body: c.body,
        visibility: c.visibility,
        attachments: c.attachments,
      };
      for (const issue of validateCommentInput(input)) issues.push(under('$.comment', issue));
      break;
    }
    case 'ticket-interaction-linked':
      requireActor(event.actor, issues);
      if (!isId(event.interactionId)) {
        issues.push({ path: '$.interactionId', message: 'must be an interaction id' });
      } else if (rec.interactionIds.includes(event.interactionId)) {
        issues.push({ path: '$.interactionId', message: 'is linked to the ticket already' });
      }
      break;
    case 'ticket-region-transferred':
      requireActor(event.actor, issues);
      command(rec, 'transfer-region', issues);
      if (!isId(event.to)) issues.push({ path: '$.to', message: 'must be a non-empty string' });
      else if (event.to === rec.region) {
        issues.push({ path: '$.to', message: `the ticket is in region '${rec.region}' already` });
      }
      checkFrom(event.from, rec.region, '$.from', issues);
      break;
    case 'ticket-sla-applied':
      slaAppliedIssues(event, ctx, issues);
      break;
    case 'ticket-sla-warning':
    case 'ticket-sla-breached':
      if (!(SLA_METRICS as readonly unknown[]).includes(event.metric)) {
        issues.push({ path: '$.metric', message: `must be one of ${SLA_METRICS.join(', ')}` });
      } else if (!rec.sla?.clocks.has(event.metric as SlaMetric)) {
        issues.push({
          path: '$.metric',
          message: `the ticket has no ${String(event.metric)} clock`,
        });
      }
      if (!Number.isInteger(event.cycle) || (event.cycle as number) < 1) {
        issues.push({ path: '$.cycle', message: 'must be a positive integer' });
      }
      if (!isEpochMs(event.dueAt)) {
        issues.push({
          path: '$.dueAt',
          message: 'must be a time in epoch ms with a four-digit year (0001-9999)',
        });
      }
      break;
    case 'ticket-rule-fired':
    case 'ticket-rule-failed':
      if (!isId(event.ruleId)) issues.push({ path: '$.ruleId', message: 'must be a rule id' });
      if (!(RULE_TRIGGERS as readonly unknown[]).includes(event.trigger)) {
        issues.push({ path: '$.trigger', message: `must be one of ${RULE_TRIGGERS.join(', ')}` });
      }
      if (event.type === 'ticket-rule-failed' && typeof event.message !== 'string') {
        issues.push({ path: '$.message', message: 'must be a string' });
      }
      break;
    case 'ticket-notification-requested':
      if (!isId(event.ruleId)) issues.push({ path: '$.ruleId', message: 'must be a rule id' });
      if (!isId(event.target))
        issues.push({ path: '$.target', message: 'must be a non-empty string' });
      if (typeof event.message !== 'string') {
        issues.push({ path: '$.message', message: 'must be a string' });
      }
      break;
    case 'ticket-routed':
      requireActor(event.actor, issues);
      command(rec, 'route', issues);
      if (!isId(event.interactionId)) {
        issues.push({ path: '$.interactionId', message: 'must be an interaction id' });
      }
      if (!isId(event.queueId)) issues.push({ path: '$.queueId', message: 'must be a queue id' });
      if (event.teamId !== null && !isKnownTeam(event.teamId, ctx)) {
        issues.push({ path: '$.teamId', message: `unknown team '${String(event.teamId)}'` });
      }
      break;
    default:
      issues.push({ path: '$.type', message: `unknown ticket event type '${String(event.type)}'` });
  }
  return issues;
}

function createdIssues(event: Event, ctx: JournalCheckContext, issues: Issues): void {
  for (const key of CREATED_KEYS) {
    if (event[key] === undefined) issues.push({ path: `$.${key}`, message: 'is required' });
  }
  if (issues.length > 0) return;
  const id = event.ticketId;
  if (typeof id === 'string' && ctx.state.records.has(id)) {
    issues.push({
      path: '$.ticketId',
      message: `ticket '${id}' exists already (a second ticket-created for one id)`,
    });
  }
  if (event.tier !== null && typeof event.tier !== 'string') {
    issues.push({ path: '$.tier', message: 'must be a string or null' });
  }
  // The checks of create(), on the input the event records.
  const input = {
    id,
    tenant: event.tenant,
    subject: event.subject,
    description: event.description,
    requesterId: event.requesterId,
    channel: event.channel,
    priority: event.priority,
    type: event.ticketType,
    tags: event.tags,
    fields: event.fields,
    region: event.region,
    interactionIds: event.interactionIds,
    actor: event.actor,
  };
  for (const issue of validateCreateInput(input, ctx.input)) {
    issues.push(issue.path === '$.type' ? { ...issue, path: '$.ticketType' } : issue);
  }
}

function updatedIssues(
  event: Event,
  rec: TicketRecord,
  ctx: JournalCheckContext,
  issues: Issues,
): void {
  if (!Array.isArray(event.changes) || event.changes.length === 0) {
    issues.push({ path: '$.changes', message: 'must be a non-empty array of field changes' });
    return;
  }
  // The checks of update(), on the input the changes record. Null-prototype objects: a field
  // named `__proto__` stays an own key here and is refused by the input checks.
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  input.version = rec.version;
  let hasFields = false;
  event.changes.forEach((change: unknown, i) => {
    const at = `$.changes[${i}]`;
    if (!isRecord(change) || typeof change.field !== 'string') {
      issues.push({ path: at, message: 'must be a change { field, from, to }' });
      return;
    }
    const field = change.field;
    if (field.startsWith('fields.')) {
      const name = field.slice('fields.'.length);
      fields[name] = change.to;
      hasFields = true;
      const current = Object.hasOwn(rec.fields, name) ? rec.fields[name] : undefined;
      checkFrom(change.from, current ?? null, `${at}.from`, issues);
    } else if (UPDATABLE.has(field)) {
      input[field] = change.to;
      const current = field === 'type' ? rec.type : rec[field as 'subject'];
      checkFrom(change.from, current as TicketFieldValue, `${at}.from`, issues);
    } else {
      issues.push({ path: `${at}.field`, message: `'${field}' cannot be updated` });
    }
  });
  if (hasFields) input.fields = fields;
  for (const issue of validateUpdateInput(input, ctx.input, rec.tenant)) issues.push(issue);
}

function slaAppliedIssues(event: Event, ctx: JournalCheckContext, issues: Issues): void {
  if (
    event.policyId !== null &&
    !(typeof event.policyId === 'string' && ctx.policies.has(event.policyId))
  ) {
    issues.push({
      path: '$.policyId',
      message: `unknown SLA policy '${String(event.policyId)}' (replay needs the same policies)`,
    });
  }
  const targets = event.targets;
  if (!isRecord(targets)) {
    issues.push({ path: '$.targets', message: 'must be an object of targets' });
  } else {
    for (const key of TARGET_KEYS) {
      const v = targets[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        issues.push({ path: `$.targets.${key}`, message: 'must be a positive number of ms' });
      }
    }
  }
  const warn = event.warnBeforeMs;
  if (typeof warn !== 'number' || !Number.isFinite(warn) || warn < 0) {
    issues.push({ path: '$.warnBeforeMs', message: 'must be a number of ms, 0 or more' });
  }
}

function command(rec: TicketRecord, name: TicketCommand, issues: Issues): void {
  refusal(() => ticketCommandMachine.transition(rec.status, name, rec.id), issues);
}

function refusal(run: () => unknown, issues: Issues): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof InvalidTransitionError)) throw err;
    issues.push({ path: '$', message: err.message });
  }
}

function requireActor(actor: unknown, issues: Issues): void {
  if (actor === undefined) issues.push({ path: '$.actor', message: 'is required' });
  else checkActor(actor, '$.actor', issues);
}

function checkFrom(given: unknown, current: TicketFieldValue, path: string, issues: Issues): void {
  if (sameValue(given, current)) return;
  issues.push({
    path,
    message: `is ${JSON.stringify(given) ?? 'undefined'} but the ticket holds ${JSON.stringify(current)}`,
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isKnownTeam(teamId: unknown, ctx: JournalCheckContext): boolean {
  return typeof teamId === 'string' && ctx.input.teams.has(teamId);
}

function under(prefix: string, issue: ValidationIssue): ValidationIssue {
  return { path: prefix + issue.path.slice(1), message: issue.message };
}

/**
 * Walks a journal, checks each ticket event with {@link journalEventIssues} and hands it to
 * `apply`; events of other modules are skipped.
 *
 * @throws TicketReplayError at the first event refused, naming its position (from 0).
 * @internal
 */
export function replayJournal(
  journal: Iterable<unknown>,
  ctx: JournalCheckContext,
  apply: (event: TicketEvent) => void,
): void {
  let position = -1;
  for (const item of journal) {
    position++;
    const event: unknown = isRecord(item) && isRecord(item.event) ? item.event : item;
    if (!isRecord(event) || typeof event.type !== 'string') {
      throw new TicketReplayError(position, undefined, [
        { path: '$', message: 'must be an event object with a string type' },
      ]);
    }
    if (!TICKET_EVENT_TYPES.has(event.type as TicketEvent['type'])) continue;
    const issues = journalEventIssues(event, ctx);
    if (issues.length > 0) throw new TicketReplayError(position, event.type, issues);
    apply(event as unknown as TicketEvent);
  }
}
