import type { SlaState } from './ticket.js';
import { SLA_STATES } from './ticket.js';
import type { TicketEngineSnapshot } from './ticket-engine-options.js';
import type { TicketState } from './ticket-state.js';
import { TICKET_STATUSES } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';

/**
 * The engine's summary: counts per status and SLA state, read off the bitset indexes.
 *
 * @internal
 */
export function buildSnapshot(
  state: TicketState,
  disposed: boolean,
  nextDueAt: number | undefined,
): TicketEngineSnapshot {
  const byStatus = Object.fromEntries(
    TICKET_STATUSES.map((s) => [s, state.byStatus.size(s)]),
  ) as Record<TicketStatus, number>;
  const bySlaState = Object.fromEntries(SLA_STATES.map((s) => [s, state.bySla.size(s)])) as Record<
    SlaState,
    number
  >;
  return {
    status: disposed ? 'disposed' : 'active',
    revision: state.revision,
    total: state.records.size,
    byStatus,
    bySlaState,
    nextDueAt,
  };
}
