import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { isValidTag } from './automation-rule.js';
import type { FieldChange, TicketFieldValue } from './ticket.js';
import { checkActor } from './ticket-input.js';
import type { CommandOptions, UpdateTicketInput } from './ticket-input.js';
import type { TeamRecord, TicketRecord } from './ticket-record.js';
import { sameValue } from './ticket-writer.js';
import { VersionConflictError } from './version-conflict-error.js';

/** The teams a command may name. @internal */
export type TeamLookup = ReadonlyMap<string, TeamRecord>;

/**
 * Problems of an `assign` target.
 *
 * @internal
 */
export function assignTargetIssues(
  target: { readonly agentId?: string | null; readonly teamId?: string | null },
  teams: TeamLookup,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (target.teamId !== undefined && target.teamId !== null && !teams.has(target.teamId)) {
    issues.push({ path: '$.teamId', message: `unknown team '${target.teamId}'` });
  }
  if (
    target.agentId !== undefined &&
    target.agentId !== null &&
    (typeof target.agentId !== 'string' || !target.agentId)
  ) {
    issues.push({ path: '$.agentId', message: 'must be a non-empty string or null' });
  }
  if (target.agentId === undefined && target.teamId === undefined) {
    issues.push({ path: '$', message: 'give agentId and/or teamId' });
  }
  return issues;
}

/**
 * Problems of a list of tags to add or remove.
 *
 * @internal
 */
export function tagListIssues(tags: unknown): ValidationIssue[] {
  if (!Array.isArray(tags)) return [{ path: '$', message: 'must be an array of tags' }];
  const issues: ValidationIssue[] = [];
  tags.forEach((t: unknown, i) => {
    if (!isValidTag(t)) {
      issues.push({ path: `$[${i}]`, message: 'must be lower case letters, digits, _ . : -' });
    }
  });
  return issues;
}

/**
 * Problems of a region transfer.
 *
 * @internal
 */
export function regionTransferIssues(
  rec: TicketRecord,
  region: unknown,
  teamId: string | undefined,
  actor: unknown,
  teams: TeamLookup,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof region !== 'string' || region.length === 0) {
    issues.push({ path: '$.region', message: 'must be a non-empty string' });
  } else if (region === rec.region) {
    issues.push({ path: '$.region', message: `ticket is already in region '${region}'` });
  }
  if (teamId !== undefined) {
    const team = teams.get(teamId);
    if (!team) issues.push({ path: '$.teamId', message: `unknown team '${teamId}'` });
    else if (team.team.region !== undefined && team.team.region !== region) {
      issues.push({ path: '$.teamId', message: `team serves region '${team.team.region}'` });
    }
  }
  checkActor(actor, '$.actor', issues);
  return issues;
}

/**
 * Problems of a route request.
 *
 * @internal
 */
export function routeIssues(
  options: { readonly queueId?: unknown; readonly teamId?: string; readonly priority?: number },
  hasRouter: boolean,
  teams: TeamLookup,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!hasRouter) issues.push({ path: '$', message: 'the engine has no router option' });
  if (typeof options?.queueId !== 'string' || options.queueId.length === 0) {
    issues.push({ path: '$.queueId', message: 'must be a queue id' });
  }
  if (options?.teamId !== undefined && !teams.has(options.teamId)) {
    issues.push({ path: '$.teamId', message: `unknown team '${options.teamId}'` });
  }
  if (options?.priority !== undefined && !Number.isFinite(options.priority)) {
    issues.push({ path: '$.priority', message: 'must be a finite number' });
  }
  return issues;
}

/**
 * The field changes an update makes (nothing for values equal to the current ones).
 *
 * @internal
 */
export function updateChanges(rec: TicketRecord, input: UpdateTicketInput): FieldChange[] {
  const changes: FieldChange[] = [];
  const diff = (field: string, from: TicketFieldValue, to: TicketFieldValue | undefined) => {
    if (to !== undefined && !sameValue(from, to)) changes.push({ field, from, to });
  };
  diff('subject', rec.subject, input.subject);
  diff('description', rec.description, input.description);
  diff('priority', rec.priority, input.priority);
  diff('type', rec.type, input.type);
  diff('tier', rec.tier, input.tier);
  if (input.tags !== undefined) diff('tags', rec.tags, [...new Set(input.tags)].sort());
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    diff(
      `fields.${name}`,
      Object.hasOwn(rec.fields, name) ? (rec.fields[name] ?? null) : null,
      value,
    );
  }
  return changes;
}

/**
 * Refuses a command based on another version of the ticket.
 *
 * @throws VersionConflictError
 * @internal
 */
export function checkVersion(rec: TicketRecord, expected: number): void {
  if (expected !== rec.version) throw new VersionConflictError(rec.id, expected, rec.version);
}

/**
 * Checks the actor and expected version every command accepts.
 *
 * @throws ValidationError; VersionConflictError
 * @internal
 */
export function checkCommandOptions(rec: TicketRecord, options: CommandOptions): void {
  const issues: ValidationIssue[] = [];
  checkActor(options.actor, '$.actor', issues);
  if (options.expectedVersion !== undefined && !Number.isInteger(options.expectedVersion)) {
    issues.push({ path: '$.expectedVersion', message: 'must be an integer' });
  }
  if (issues.length > 0) throw new ValidationError('command options', issues);
  if (options.expectedVersion !== undefined) checkVersion(rec, options.expectedVersion);
}
