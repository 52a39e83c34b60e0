import { defineMachine } from '../shared/index.js';

/**
 * Lifecycle states of an interaction. `completed`, `abandoned` and `transferred` are final.
 */
export const InteractionState = {
  created: 'created',
  ivr: 'ivr',
  queued: 'queued',
  offered: 'offered',
  connected: 'connected',
  held: 'held',
  wrapUp: 'wrap-up',
  completed: 'completed',
  abandoned: 'abandoned',
  transferred: 'transferred',
} as const;

/** One of {@link InteractionState}. */
export type InteractionState = (typeof InteractionState)[keyof typeof InteractionState];

/** What can happen to an interaction; each is a row label in {@link interactionMachine}'s table. */
export type InteractionTransition =
  | 'start-ivr'
  | 'enqueue'
  | 'offer'
  | 'accept'
  | 'reject'
  | 'timeout'
  | 'connect'
  | 'hold'
  | 'resume'
  | 'end'
  | 'complete'
  | 'abandon'
  | 'transfer';

/**
 * The interaction lifecycle as a transition table.
 *
 * ```text
 *  created --start-ivr--> ivr --enqueue--> queued --offer--> offered --accept--> connected <--resume-- held
 *     |                    |                 ^  ^               |                   |  --hold-->  |
 *     |--enqueue-----------+-----------------'  '--reject/timeout                  end           end
 *     |--offer (direct call) / connect                                              v             v
 *     |                                                                            wrap-up --complete--> completed
 *  abandon (created/ivr/queued/offered) --> abandoned
 *  transfer (ivr/queued/connected/held) --> transferred      enqueue (connected/held) --> queued (transfer to a queue)
 *  complete (ivr: contained in the IVR)  --> completed
 * ```
 *
 * @example
 * ```ts
 * interactionMachine.transition('queued', 'offer'); // 'offered'
 * interactionMachine.allowedEvents('wrap-up'); // ['complete']
 * ```
 */
export const interactionMachine = defineMachine<InteractionState, InteractionTransition>(
  'interaction',
  {
    created: {
      'start-ivr': 'ivr',
      enqueue: 'queued',
      offer: 'offered',
      connect: 'connected',
      abandon: 'abandoned',
    },
    ivr: {
      enqueue: 'queued',
      abandon: 'abandoned',
      complete: 'completed',
      transfer: 'transferred',
    },
    queued: { offer: 'offered', enqueue: 'queued', abandon: 'abandoned', transfer: 'transferred' },
    offered: { accept: 'connected', reject: 'queued', timeout: 'queued', abandon: 'abandoned' },
    connected: { hold: 'held', end: 'wrap-up', transfer: 'transferred', enqueue: 'queued' },
    held: { resume: 'connected', end: 'wrap-up', transfer: 'transferred', enqueue: 'queued' },
    'wrap-up': { complete: 'completed' },
    completed: {},
    abandoned: {},
    transferred: {},
  },
);

/** Whether an interaction in `state` has ended. */
export function isFinalInteractionState(state: InteractionState): boolean {
  return state === 'completed' || state === 'abandoned' || state === 'transferred';
}
