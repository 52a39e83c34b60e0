import { InvalidTransitionError } from './invalid-transition-error.js';

/**
 * A transition table: for each state, the events it accepts and the state each leads to.
 * States missing an event refuse it.
 */
export type TransitionTable<S extends string, E extends string> = {
  readonly [K in S]: { readonly [V in E]?: S };
};

/** A state machine defined by a {@link TransitionTable}; it holds no state itself. */
export interface StateMachine<S extends string, E extends string> {
  /** The machine's name, used in errors. */
  readonly name: string;
  /** The table it enforces. */
  readonly table: TransitionTable<S, E>;
  /**
   * The state `event` leads to from `state`.
   * @throws {@link InvalidTransitionError} when `state` does not accept `event`.
   */
  transition(state: S, event: E, entityId?: string): S;
  /** Whether `state` accepts `event`. */
  can(state: S, event: E): boolean;
  /** The events `state` accepts. */
  allowedEvents(state: S): readonly E[];
  /** Whether no event leaves `state`. */
  isFinal(state: S): boolean;
}

/**
 * Defines a state machine from its transition table.
 *
 * @example
 * ```ts
 * const door = defineMachine('door', {
 *   open: { close: 'closed' },
 *   closed: { open: 'open', lock: 'locked' },
 *   locked: { unlock: 'closed' },
 * });
 * door.transition('locked', 'open'); // throws InvalidTransitionError (allowed: 'unlock')
 * ```
 */
export function defineMachine<S extends string, E extends string>(
  name: string,
  table: TransitionTable<S, E>,
): StateMachine<S, E> {
  const allowed = new Map<S, readonly E[]>();
  for (const state of Object.keys(table) as S[]) {
    allowed.set(state, Object.freeze(Object.keys(table[state]) as E[]));
  }
  return {
    name,
    table,
    transition(state, event, entityId) {
      const next = table[state]?.[event];
      if (next === undefined) {
        throw new InvalidTransitionError(name, state, event, allowed.get(state) ?? [], entityId);
      }
      return next;
    },
    can: (state, event) => table[state]?.[event] !== undefined,
    allowedEvents: (state) => allowed.get(state) ?? [],
    isFinal: (state) => (allowed.get(state)?.length ?? 0) === 0,
  };
}
