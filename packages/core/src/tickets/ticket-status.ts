import { defineMachine } from '../shared/index.js';

/**
 * The statuses of a ticket, in lifecycle order.
 *
 * @example
 * ```ts
 * tickets.setStatus(id, TicketStatus.pending);
 * ```
 */
export const TicketStatus = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  onHold: 'on-hold',
  solved: 'solved',
  closed: 'closed',
} as const;

/**
 * A ticket's status: `new` (nobody has worked on it), `open`, `pending` (waiting on the customer),
 * `on-hold` (waiting on a third party), `solved` (may be reopened within the reopen window),
 * `closed` (final).
 */
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

/** Every {@link TicketStatus}, in lifecycle order. */
export const TICKET_STATUSES: readonly TicketStatus[] = Object.freeze(Object.values(TicketStatus));

/**
 * The ticket lifecycle. Events are named after the status they move to, so a refused move lists
 * the statuses that are allowed from the current one.
 *
 * ```text
 *   new ──► open ◄──► pending
 *    │       ▲ ▲  ╲      ▲
 *    │       │  ╲  ╲     │
 *    │       │   ╲  ► on-hold
 *    │       │    ╲     │
 *    └──────►│     ► solved ──► closed
 *            └─reopen─┘   (within the reopen window; then auto-closed)
 * ```
 * `new` may also go straight to `pending`, `on-hold` or `solved`; `open`, `pending` and `on-hold`
 * reach each other and `solved`; `solved` goes back to `open` (reopen) or to `closed`.
 *
 * @example
 * ```ts
 * ticketStatusMachine.transition('new', 'closed'); // throws InvalidTransitionError, allowed: open, pending, on-hold, solved
 * ```
 */
export const ticketStatusMachine = defineMachine<TicketStatus, TicketStatus>('ticket', {
  new: { open: 'open', pending: 'pending', 'on-hold': 'on-hold', solved: 'solved' },
  open: { pending: 'pending', 'on-hold': 'on-hold', solved: 'solved' },
  pending: { open: 'open', 'on-hold': 'on-hold', solved: 'solved' },
  'on-hold': { open: 'open', pending: 'pending', solved: 'solved' },
  solved: { open: 'open', closed: 'closed' },
  closed: {},
});

/** Whether `value` is a {@link TicketStatus}. */
export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

/** The ticket commands that are not status moves, checked by {@link ticketCommandMachine}. */
export type TicketCommand = 'comment' | 'assign' | 'route' | 'transfer-region' | 'reopen';

function workable<S extends TicketStatus>(status: S) {
  return { comment: status, assign: status, route: status, 'transfer-region': status } as const;
}

/**
 * Which commands other than status moves each status accepts: everything but a closed ticket takes
 * comments, assignment, routing and region transfers; only a solved one can be reopened. Commands
 * keep the status (reopen leads to `open`). A refused command throws `InvalidTransitionError`
 * listing the commands the status accepts.
 *
 * @example
 * ```ts
 * ticketCommandMachine.transition('closed', 'comment'); // throws InvalidTransitionError, allowed: none
 * ticketCommandMachine.transition('solved', 'reopen'); // 'open'
 * ```
 */
export const ticketCommandMachine = defineMachine<TicketStatus, TicketCommand>('ticket', {
  new: workable('new'),
  open: workable('open'),
  pending: workable('pending'),
  'on-hold': workable('on-hold'),
  solved: { ...workable('solved'), reopen: 'open' },
  closed: {},
});
