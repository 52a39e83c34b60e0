import { defineMachine } from '@switchboard/core/shared';

/** States of one call (one line of the phone). `ended` is final. */
export const CallStatus = {
  dialing: 'dialing',
  earlyMedia: 'early-media',
  ringing: 'ringing',
  answering: 'answering',
  connected: 'connected',
  held: 'held',
  reconnecting: 'reconnecting',
  ended: 'ended',
} as const;

/** One of {@link CallStatus}. */
export type CallStatus = (typeof CallStatus)[keyof typeof CallStatus];

/** What can happen to a call; each is a row label of {@link callMachine}. */
export type CallTransition =
  | 'early-media'
  | 'answered'
  | 'answer'
  | 'confirmed'
  | 'hold'
  | 'unhold'
  | 'transport-lost'
  | 'recovered'
  | 'recovered-held'
  | 'end';

/**
 * The call lifecycle. `reconnecting` is a first-class state: the signalling WebSocket dropped
 * while media may still flow; the call returns to `connected`/`held` when the phone is registered
 * again, or ends with `SIP_TRANSPORT_LOST` when the grace window passes.
 *
 * ```text
 *  outgoing: dialing --early-media--> early-media --answered--> connected
 *               '-----------answered-------------------------------^
 *  incoming: ringing --answer--> answering --confirmed--> connected
 *  connected <--unhold-- held        connected|held --transport-lost--> reconnecting
 *  connected --hold--> held          reconnecting --recovered--> connected | --recovered-held--> held
 *  any state --end--> ended
 * ```
 *
 * @example
 * ```ts
 * callMachine.transition('connected', 'transport-lost'); // 'reconnecting'
 * ```
 */
export const callMachine = defineMachine<CallStatus, CallTransition>('call', {
  dialing: { 'early-media': 'early-media', answered: 'connected', end: 'ended' },
  'early-media': { answered: 'connected', end: 'ended' },
  ringing: { answer: 'answering', end: 'ended' },
  answering: { confirmed: 'connected', end: 'ended' },
  connected: { hold: 'held', 'transport-lost': 'reconnecting', end: 'ended' },
  held: { unhold: 'connected', 'transport-lost': 'reconnecting', end: 'ended' },
  reconnecting: { recovered: 'connected', 'recovered-held': 'held', end: 'ended' },
  ended: {},
});

/** A command a user sends to a call that the call's state must allow (see {@link callCommandMachine}). */
export type CallCommand = 'reject' | 'hold' | 'unhold' | 'send-dtmf' | 'transfer';

/**
 * Which {@link CallCommand}s each state accepts. A refused command throws `InvalidTransitionError`
 * naming the state and the commands it would accept, and sends nothing. Accepted commands leave the
 * state as it is: the call moves when the other side answers (see {@link callMachine}).
 *
 * @example
 * ```ts
 * callCommandMachine.transition('held', 'hold'); // throws InvalidTransitionError (allowed: 'unhold', 'transfer')
 * ```
 */
export const callCommandMachine = defineMachine<CallStatus, CallCommand>('call', {
  dialing: {},
  'early-media': { 'send-dtmf': 'early-media' },
  ringing: { reject: 'ringing' },
  answering: {},
  connected: { hold: 'connected', 'send-dtmf': 'connected', transfer: 'connected' },
  held: { unhold: 'held', transfer: 'held' },
  reconnecting: {},
  ended: {},
});
