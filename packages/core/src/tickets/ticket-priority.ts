/** Ticket priorities, lowest first. */
export const TicketPriority = {
  low: 'low',
  normal: 'normal',
  high: 'high',
  urgent: 'urgent',
} as const;

/** A ticket's priority. */
export type TicketPriority = (typeof TicketPriority)[keyof typeof TicketPriority];

/** Every {@link TicketPriority}, lowest first. */
export const TICKET_PRIORITIES: readonly TicketPriority[] = Object.freeze(
  Object.values(TicketPriority),
);

/** Whether `value` is a {@link TicketPriority}. */
export function isTicketPriority(value: unknown): value is TicketPriority {
  return typeof value === 'string' && (TICKET_PRIORITIES as readonly string[]).includes(value);
}

/**
 * Rank of a priority: `low` 0 ... `urgent` 3.
 *
 * @internal
 */
export function priorityRank(priority: TicketPriority): number {
  return TICKET_PRIORITIES.indexOf(priority);
}
