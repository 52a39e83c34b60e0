/** A skill a queue requires, at a minimum proficiency (1-10). */
export interface SkillRequirement {
  readonly skill: string;
  readonly minProficiency: number;
}

/** How a queue chooses among the available agents who qualify. */
export const StrategyName = {
  /** The agent idle the longest (agents with nothing in hand before those with chats open). */
  longestIdle: 'longest-idle',
  /** The agent with the fewest interactions in hand, then the longest idle. */
  leastOccupied: 'least-occupied',
  /** The agent offered an interaction least recently, so offers rotate. */
  roundRobin: 'round-robin',
  /** The agent with the highest summed proficiency in the required skills, then the longest idle. */
  bestProficiency: 'best-proficiency',
} as const;

/** One of {@link StrategyName}. */
export type StrategyName = (typeof StrategyName)[keyof typeof StrategyName];

/**
 * Sticky routing: offer the interaction to the agent who last served this customer within
 * `windowMs`, if that agent is available and qualifies; otherwise use `fallback`.
 */
export interface StickyStrategy {
  readonly type: 'sticky';
  readonly windowMs: number;
  readonly fallback: StrategyName;
}

/** A queue's agent-selection strategy. */
export type Strategy = StrategyName | StickyStrategy;

/**
 * One overflow step: after the interaction has waited `afterMs`, widen who may take it.
 * Steps apply cumulatively, in order.
 */
export interface OverflowStep {
  /** Wait (ms, since the interaction entered this queue) after which the step applies. */
  readonly afterMs: number;
  /** Accept agents with at least this proficiency in every required skill. */
  readonly minProficiency?: number;
  /** Also offer to agents who qualify for these queues. */
  readonly addQueues?: readonly string[];
  /** Drop the queue's language requirement. */
  readonly dropLanguage?: boolean;
  /** Tell the caller a callback is possible (emits `callback-offered`). */
  readonly offerCallback?: boolean;
}

/** How a queue is described to the router. */
export interface QueueConfig {
  readonly id: string;
  readonly name?: string;
  /** Skills an agent needs (all of them). An empty list admits every agent. */
  readonly requirements: readonly SkillRequirement[];
  /** A language the agent must speak (BCP 47). */
  readonly language?: string;
  /** Default priority of its interactions; higher is served first. Default 0. */
  readonly priority?: number;
  /** Default `longest-idle`. */
  readonly strategy?: Strategy;
  /** How long an offer waits for the agent to accept (ms). Default 20,000. */
  readonly offerTimeoutMs?: number;
  /** After-call work time (ms) for interactions from this queue, unless the agent sets one. */
  readonly wrapUpMs?: number;
  /** Ordered overflow steps. */
  readonly overflow?: readonly OverflowStep[];
}
