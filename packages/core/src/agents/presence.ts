import { defineMachine } from '../shared/index.js';

/**
 * What an agent is doing, as supervisors and widgets see it.
 *
 * `reserved`, `busy` and `wrap-up` follow from the agent's work (an offer, a connected interaction,
 * after-call work); `offline`, `available` and `not-ready` are chosen by the agent. While working,
 * the agent's choice is remembered and applies when the work ends ("not ready after this call").
 */
export const Presence = {
  offline: 'offline',
  available: 'available',
  notReady: 'not-ready',
  reserved: 'reserved',
  busy: 'busy',
  wrapUp: 'wrap-up',
} as const;

/** One of {@link Presence}. */
export type Presence = (typeof Presence)[keyof typeof Presence];

/**
 * Commands an agent (or supervisor) gives about presence. `heartbeat` renews a logged-in agent's
 * liveness lease and changes nothing else.
 */
export type PresenceCommand =
  'log-in' | 'log-out' | 'set-available' | 'set-not-ready' | 'heartbeat';

/** Well-known not-ready reasons; any other string is allowed too. */
export const NotReadyReason = {
  break: 'break',
  lunch: 'lunch',
  training: 'training',
  /** The agent's liveness lease lapsed (frozen or closed tab, lost network). */
  stale: 'stale',
  /** Too many offers in a row went unanswered. */
  missedOffers: 'missed-offers',
} as const;

/**
 * Which presence commands each presence accepts.
 *
 * ```text
 *             log-in                 set-not-ready
 *  offline ----------> available <----------------> not-ready
 *     ^                  |   ^      set-available       |
 *     '----log-out-------'   |                          |
 *     '----log-out-----------+--------------------------'
 *  reserved / busy / wrap-up: set-available and set-not-ready are remembered for when the work ends;
 *  log-out is refused until the work ends.
 *  heartbeat: accepted in every presence but offline; it changes none.
 * ```
 *
 * @example
 * ```ts
 * presenceMachine.can('busy', 'log-out'); // false
 * ```
 */
export const presenceMachine = defineMachine<Presence, PresenceCommand>('agent', {
  offline: { 'log-in': 'available' },
  available: { 'set-not-ready': 'not-ready', 'log-out': 'offline', heartbeat: 'available' },
  'not-ready': {
    'set-available': 'available',
    'set-not-ready': 'not-ready',
    'log-out': 'offline',
    heartbeat: 'not-ready',
  },
  reserved: { 'set-available': 'reserved', 'set-not-ready': 'reserved', heartbeat: 'reserved' },
  busy: { 'set-available': 'busy', 'set-not-ready': 'busy', heartbeat: 'busy' },
  'wrap-up': { 'set-available': 'wrap-up', 'set-not-ready': 'wrap-up', heartbeat: 'wrap-up' },
});
