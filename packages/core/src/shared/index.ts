/**
 * Shared primitives of the core: events, clocks, id and random sources, the state-machine helper,
 * stores and errors.
 *
 * @packageDocumentation
 */
export { SwitchboardError, CoreErrorCode } from './switchboard-error.js';
export type { SwitchboardErrorOptions } from './switchboard-error.js';
export { DisposedError } from './disposed-error.js';
export { ReplayError } from './replay-error.js';
export { Subscriptions } from './subscribable.js';
export type { Subscribable, Disposable, Equality } from './subscribable.js';
export { InvalidTransitionError } from './invalid-transition-error.js';
export { ValidationError } from './validation-error.js';
export type { ValidationIssue } from './validation-error.js';
export { NotFoundError } from './not-found-error.js';
export { DuplicateIdError } from './duplicate-id-error.js';
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { VirtualClock } from './virtual-clock.js';
export { sequentialIds, randomIds } from './ids.js';
export type { IdSource } from './ids.js';
export { seededRandom } from './random.js';
export type { RandomSource } from './random.js';
export { defineMachine } from './state-machine.js';
export type { StateMachine, TransitionTable } from './state-machine.js';
export { MemoryStore } from './store.js';
export type { Store, JournalEntry } from './store.js';
export type { CoreEvent, Listener, Unsubscribe } from './events.js';
export { RESERVED_KEYS, isReservedKey, reservedKeyMessage } from './reserved-keys.js';
