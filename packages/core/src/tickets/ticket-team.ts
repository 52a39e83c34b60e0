import type { ValidationIssue } from '../shared/index.js';
import { isRecord } from '../shared/is-record.js';

/** How a team picks the agent for a ticket. */
export type AssignmentStrategy = 'round-robin' | 'load-aware' | 'team-only';

/**
 * A team tickets can be assigned to.
 *
 * @example
 * ```ts
 * engine.defineTeam({ id: 'billing-eu', region: 'eu', members: ['ann', 'bo'], strategy: 'load-aware' });
 * ```
 */
export interface TicketTeam {
  /** Unique id. */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  /** Region whose tickets the team works; omit for any. */
  readonly region?: string;
  /** Agent ids, in round-robin order. */
  readonly members: readonly string[];
  /**
   * `round-robin` (next member in turn), `load-aware` (fewest unsolved tickets, ties in turn), or
   * `team-only` (assign the team, leave the agent empty). Default `round-robin`.
   */
  readonly strategy?: AssignmentStrategy;
  /** Unsolved tickets an agent may hold before being skipped. Default: no limit. */
  readonly maxOpenPerAgent?: number;
}

/** How an assignment was decided, as recorded in `ticket-assigned`. */
export type AssignmentVia =
  'direct' | 'round-robin' | 'load-aware' | 'team-only' | 'router' | 'region-transfer';

const STRATEGIES: readonly string[] = ['round-robin', 'load-aware', 'team-only'];

/**
 * Every problem of a team definition (the checks of {@link TicketEngine.defineTeam}, also run on
 * each `ticket-team-defined` event a journal replays).
 *
 * @internal
 */
export function validateTeam(team: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(team)) return [{ path: '$', message: 'must be an object { id, members, ... }' }];
  if (typeof team.id !== 'string' || team.id.length === 0) {
    issues.push({ path: '$.id', message: 'must be a non-empty string' });
  }
  if (!Array.isArray(team.members)) {
    issues.push({ path: '$.members', message: 'must be an array of agent ids' });
  } else {
    const seen = new Set<string>();
    team.members.forEach((m: unknown, i) => {
      if (typeof m !== 'string' || m.length === 0) {
        issues.push({ path: `$.members[${i}]`, message: 'must be a non-empty string' });
      } else if (seen.has(m)) issues.push({ path: `$.members[${i}]`, message: 'duplicate' });
      if (typeof m === 'string') seen.add(m);
    });
  }
  if (team.strategy !== undefined && !STRATEGIES.includes(team.strategy as string)) {
    issues.push({ path: '$.strategy', message: `must be one of ${STRATEGIES.join(', ')}` });
  }
  if (
    team.maxOpenPerAgent !== undefined &&
    (!Number.isInteger(team.maxOpenPerAgent) || (team.maxOpenPerAgent as number) < 1)
  ) {
    issues.push({ path: '$.maxOpenPerAgent', message: 'must be a positive integer' });
  }
  if (team.region !== undefined && (typeof team.region !== 'string' || !team.region)) {
    issues.push({ path: '$.region', message: 'must be a non-empty string' });
  }
  return issues;
}
