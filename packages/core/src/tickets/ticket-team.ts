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
