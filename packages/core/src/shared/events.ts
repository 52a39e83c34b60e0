/**
 * The shape every core event shares: a kebab-case `type` naming a fact, and `at`, the Clock time
 * (epoch ms) when it happened.
 */
export interface CoreEvent<T extends string = string> {
  readonly type: T;
  readonly at: number;
}

/** A function that receives something; returned unsubscribe functions remove it. */
export type Listener<T> = (value: T) => void;

/** Removes a listener added by a `subscribe` call. Calling it twice is harmless. */
export type Unsubscribe = () => void;
