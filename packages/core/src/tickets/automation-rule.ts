import { checkExpression } from '../expr/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { TICKET_PRIORITIES, isTicketPriority } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';

/** When automation rules are evaluated. */
export const RuleTrigger = {
  created: 'created',
  updated: 'updated',
  customerReplied: 'customer-replied',
  slaWarning: 'sla-warning',
  slaBreached: 'sla-breached',
} as const;

/**
 * The ticket event a rule reacts to: `created`, `updated` (fields, status, assignment or region
 * changed by a person or the system), `customer-replied` (public customer comment),
 * `sla-warning`, `sla-breached`.
 */
export type RuleTrigger = (typeof RuleTrigger)[keyof typeof RuleTrigger];

/** Every {@link RuleTrigger}. */
export const RULE_TRIGGERS: readonly RuleTrigger[] = Object.freeze(Object.values(RuleTrigger));

/** What a rule does when its condition holds. */
export type RuleAction =
  /** Assign to an agent, or to a team (which picks the agent by its strategy). */
  | { readonly type: 'assign'; readonly agentId?: string; readonly teamId?: string }
  /** Set the priority (re-targets the SLA). */
  | { readonly type: 'set-priority'; readonly priority: TicketPriority }
  /** Add tags. */
  | { readonly type: 'add-tags'; readonly tags: readonly string[] }
  /** Remove tags. */
  | { readonly type: 'remove-tags'; readonly tags: readonly string[] }
  /** Record a `ticket-notification-requested` event for the host to deliver. */
  | { readonly type: 'notify'; readonly target: string; readonly message?: string };

/**
 * An automation or escalation rule: on a trigger, when the condition (an expression of the safe
 * expression language, see `@switchboard/core/expr`) holds, run the actions. The condition reads
 * `ticket` (id, subject, status, priority, type, tags, channel, tier, region, teamId, agentId,
 * requesterId, fields, slaState, createdAt, version) and `event` (`type`, and `metric` for SLA
 * triggers). Changes made by rules do not trigger rules again.
 *
 * @example
 * ```ts
 * const escalate: AutomationRule = {
 *   id: 'escalate-breach',
 *   on: ['sla-breached'],
 *   when: "event.metric == 'first-response' and ticket.priority != 'urgent'",
 *   actions: [
 *     { type: 'set-priority', priority: 'urgent' },
 *     { type: 'assign', teamId: 'tier-2' },
 *     { type: 'notify', target: 'supervisors', message: 'first response missed' },
 *   ],
 * };
 * ```
 */
export interface AutomationRule {
  /** Unique id; actions are recorded with actor `{ kind: 'rule', id }`. */
  readonly id: string;
  /** Triggers the rule reacts to. */
  readonly on: readonly RuleTrigger[];
  /** Condition; omit to always run. */
  readonly when?: string;
  /** Actions, run in order. */
  readonly actions: readonly RuleAction[];
}

/** Variables a rule condition may read. */
export const RULE_VARIABLES = ['ticket', 'event'] as const;

const TAG_RE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;

/**
 * Whether `tag` is a valid tag (lower case letters, digits, `_ . : -`, at most 64 characters).
 *
 * @internal
 */
export function isValidTag(tag: unknown): tag is string {
  return typeof tag === 'string' && TAG_RE.test(tag);
}

/**
 * Checks an automation rule and returns every problem with its path.
 *
 * @param teams - known team ids, to check `assign` actions.
 *
 * @example
 * ```ts
 * validateRule({ id: 'r', on: ['sla-breached'], when: 'ticket.priority ==', actions: [] });
 * // [{ path: '$.when', message: 'expression does not parse: ...' }, { path: '$.actions', ... }]
 * ```
 */
export function validateRule(
  value: unknown,
  path = '$',
  teams?: ReadonlySet<string>,
): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, message: 'must be an object { id, on, when?, actions }' }];
  }
  const r = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (typeof r.id !== 'string' || r.id.length === 0) {
    issues.push({ path: `${path}.id`, message: 'must be a non-empty string' });
  }
  if (!Array.isArray(r.on) || r.on.length === 0) {
    issues.push({ path: `${path}.on`, message: `must list triggers: ${RULE_TRIGGERS.join(', ')}` });
  } else {
    r.on.forEach((t: unknown, i) => {
      if (!(RULE_TRIGGERS as readonly unknown[]).includes(t)) {
        issues.push({
          path: `${path}.on[${i}]`,
          message: `must be one of ${RULE_TRIGGERS.join(', ')}`,
        });
      }
    });
  }
  if (r.when !== undefined) {
    issues.push(...checkExpression(r.when, `${path}.when`, { variables: RULE_VARIABLES }));
  }
  if (!Array.isArray(r.actions) || r.actions.length === 0) {
    issues.push({ path: `${path}.actions`, message: 'must be a non-empty array of actions' });
    return issues;
  }
  r.actions.forEach((a: unknown, i) => {
    const at = `${path}.actions[${i}]`;
    if (typeof a !== 'object' || a === null) {
      issues.push({ path: at, message: 'must be an action object { type, ... }' });
      return;
    }
    const action = a as Record<string, unknown>;
    switch (action.type) {
      case 'assign':
        if (action.agentId === undefined && action.teamId === undefined) {
          issues.push({ path: at, message: 'needs agentId or teamId' });
        }
        if (action.agentId !== undefined && typeof action.agentId !== 'string') {
          issues.push({ path: `${at}.agentId`, message: 'must be a string' });
        }
        if (action.teamId !== undefined) {
          if (typeof action.teamId !== 'string') {
            issues.push({ path: `${at}.teamId`, message: 'must be a string' });
          } else if (teams && !teams.has(action.teamId)) {
            issues.push({ path: `${at}.teamId`, message: `unknown team '${action.teamId}'` });
          }
        }
        break;
      case 'set-priority':
        if (!isTicketPriority(action.priority)) {
          issues.push({
            path: `${at}.priority`,
            message: `must be one of ${TICKET_PRIORITIES.join(', ')}`,
          });
        }
        break;
      case 'add-tags':
      case 'remove-tags':
        if (!Array.isArray(action.tags) || action.tags.length === 0) {
          issues.push({ path: `${at}.tags`, message: 'must be a non-empty array of tags' });
        } else {
          action.tags.forEach((t: unknown, j) => {
            if (!isValidTag(t)) {
              issues.push({
                path: `${at}.tags[${j}]`,
                message: 'must be lower case letters, digits, _ . : - (at most 64)',
              });
            }
          });
        }
        break;
      case 'notify':
        if (typeof action.target !== 'string' || action.target.length === 0) {
          issues.push({ path: `${at}.target`, message: 'must be a non-empty string' });
        }
        if (action.message !== undefined && typeof action.message !== 'string') {
          issues.push({ path: `${at}.message`, message: 'must be a string' });
        }
        break;
      default:
        issues.push({
          path: `${at}.type`,
          message: "must be one of 'assign', 'set-priority', 'add-tags', 'remove-tags', 'notify'",
        });
    }
  });
  return issues;
}
