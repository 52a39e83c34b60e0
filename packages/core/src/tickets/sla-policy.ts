import type { BusinessCalendar } from '../calendar/index.js';
import { validateCalendar } from '../calendar/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { TICKET_PRIORITIES, isTicketPriority } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';
import { TICKET_STATUSES, isTicketStatus } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';

/** The service-level metrics a policy can target. */
export const SlaMetric = {
  firstResponse: 'first-response',
  nextResponse: 'next-response',
  resolution: 'resolution',
} as const;

/**
 * An SLA metric: `first-response` (creation to the first public agent reply), `next-response`
 * (a customer reply to the next public agent reply), `resolution` (creation to solved, resumed on
 * reopen).
 */
export type SlaMetric = (typeof SlaMetric)[keyof typeof SlaMetric];

/** Every {@link SlaMetric}. */
export const SLA_METRICS: readonly SlaMetric[] = Object.freeze(Object.values(SlaMetric));

/** Business-time targets in milliseconds; a missing metric is not measured. */
export interface SlaTargets {
  /** Creation to first public agent reply. */
  readonly firstResponseMs?: number;
  /** Customer reply to the next public agent reply. */
  readonly nextResponseMs?: number;
  /** Creation to solved (time while paused or solved excluded). */
  readonly resolutionMs?: number;
}

/** Targets for one priority, optionally only for one customer tier. */
export interface SlaTarget extends SlaTargets {
  /** The ticket priority these targets apply to. */
  readonly priority: TicketPriority;
  /** The customer tier these targets apply to; omit for every tier (tier-specific ones win). */
  readonly tier?: string;
}

/**
 * A service-level policy: targets per priority and customer tier, measured in business time on a
 * calendar, paused while the ticket waits on the customer.
 *
 * @example
 * ```ts
 * const standard: SlaPolicy = {
 *   id: 'standard',
 *   calendar: { timezone: 'Europe/London', weekly: { mon: [{ open: '09:00', close: '17:00' }] } },
 *   warnBeforeMs: 30 * 60_000,
 *   targets: [
 *     { priority: 'urgent', firstResponseMs: 3_600_000, resolutionMs: 8 * 3_600_000 },
 *     { priority: 'urgent', tier: 'gold', firstResponseMs: 900_000, resolutionMs: 4 * 3_600_000 },
 *     { priority: 'normal', firstResponseMs: 8 * 3_600_000, nextResponseMs: 8 * 3_600_000 },
 *   ],
 * };
 * ```
 */
export interface SlaPolicy {
  /** Unique id, recorded on each ticket it applies to. */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  /** The business calendar targets are measured on. */
  readonly calendar: BusinessCalendar;
  /** Targets per priority (and tier). */
  readonly targets: readonly SlaTarget[];
  /** Business time before a breach at which a warning event fires. Default: no warnings. */
  readonly warnBeforeMs?: number;
  /** Statuses during which the clocks stop. Default `['pending']`. */
  readonly pauseWhen?: readonly TicketStatus[];
  /** Only tickets matching all given lists get this policy; the first matching policy wins. */
  readonly appliesTo?: {
    readonly tiers?: readonly string[];
    readonly types?: readonly string[];
    readonly tenants?: readonly string[];
    readonly regions?: readonly string[];
  };
}

const TARGET_KEYS = ['firstResponseMs', 'nextResponseMs', 'resolutionMs'] as const;

/**
 * The targets of `policy` for a ticket's priority and tier: the tier-specific entry when there is
 * one, else the entry without a tier, else `undefined`.
 *
 * @internal
 */
export function targetsFor(
  policy: SlaPolicy,
  priority: TicketPriority,
  tier: string | null,
): SlaTargets | undefined {
  let generic: SlaTarget | undefined;
  for (const t of policy.targets) {
    if (t.priority !== priority) continue;
    if (t.tier !== undefined && t.tier === tier) return pickTargets(t);
    if (t.tier === undefined && !generic) generic = t;
  }
  return generic ? pickTargets(generic) : undefined;
}

function pickTargets(t: SlaTarget): SlaTargets {
  const out: { -readonly [K in keyof SlaTargets]: number } = {};
  for (const key of TARGET_KEYS) {
    const v = t[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Whether `policy` applies to a ticket with these attributes.
 *
 * @internal
 */
export function policyApplies(
  policy: SlaPolicy,
  ticket: { tier: string | null; type: string; tenant: string; region: string },
): boolean {
  const a = policy.appliesTo;
  if (!a) return true;
  if (a.tiers && !(ticket.tier !== null && a.tiers.includes(ticket.tier))) return false;
  if (a.types && !a.types.includes(ticket.type)) return false;
  if (a.tenants && !a.tenants.includes(ticket.tenant)) return false;
  if (a.regions && !a.regions.includes(ticket.region)) return false;
  return true;
}

function isDuration(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/**
 * Checks an SLA policy and returns every problem with its path.
 *
 * @example
 * ```ts
 * validateSlaPolicy({ id: 'x', calendar, targets: [{ priority: 'asap', firstResponseMs: -1 }] });
 * // [{ path: '$.targets[0].priority', ... }, { path: '$.targets[0].firstResponseMs', ... }]
 * ```
 */
export function validateSlaPolicy(value: unknown, path = '$'): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, message: 'must be an object { id, calendar, targets, ... }' }];
  }
  const p = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (typeof p.id !== 'string' || p.id.length === 0) {
    issues.push({ path: `${path}.id`, message: 'must be a non-empty string' });
  }
  issues.push(...validateCalendar(p.calendar, `${path}.calendar`));
  if (!Array.isArray(p.targets)) {
    issues.push({ path: `${path}.targets`, message: 'must be an array of targets' });
  } else {
    const seen = new Set<string>();
    p.targets.forEach((t: unknown, i) => {
      const at = `${path}.targets[${i}]`;
      if (typeof t !== 'object' || t === null) {
        issues.push({ path: at, message: 'must be an object { priority, tier?, ...targets }' });
        return;
      }
      const target = t as Record<string, unknown>;
      if (!isTicketPriority(target.priority)) {
        issues.push({
          path: `${at}.priority`,
          message: `must be one of ${TICKET_PRIORITIES.join(', ')}`,
        });
      }
      if (target.tier !== undefined && typeof target.tier !== 'string') {
        issues.push({ path: `${at}.tier`, message: 'must be a string when present' });
      }
      const key = `${String(target.priority)}|${String(target.tier ?? '*')}`;
      if (seen.has(key)) {
        issues.push({ path: at, message: 'duplicate target for this priority and tier' });
      }
      seen.add(key);
      for (const k of TARGET_KEYS) {
        if (target[k] !== undefined && !isDuration(target[k])) {
          issues.push({ path: `${at}.${k}`, message: 'must be a positive number of milliseconds' });
        }
      }
    });
  }
  if (p.warnBeforeMs !== undefined && !isDuration(p.warnBeforeMs)) {
    issues.push({ path: `${path}.warnBeforeMs`, message: 'must be a positive number of ms' });
  }
  if (p.pauseWhen !== undefined) {
    if (!Array.isArray(p.pauseWhen)) {
      issues.push({ path: `${path}.pauseWhen`, message: 'must be an array of statuses' });
    } else {
      p.pauseWhen.forEach((s: unknown, i) => {
        if (!isTicketStatus(s) || s === 'solved' || s === 'closed') {
          issues.push({
            path: `${path}.pauseWhen[${i}]`,
            message: `must be one of ${TICKET_STATUSES.filter((x) => x !== 'solved' && x !== 'closed').join(', ')}`,
          });
        }
      });
    }
  }
  return issues;
}
