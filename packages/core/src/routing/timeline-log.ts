import type { InteractionState } from '../interactions/index.js';
import type { InteractionEvent } from './records.js';

/** What owns a chain of steps in a {@link TimelineLog}: an interaction record. */
export interface TimelineOwner {
  /** Position of its newest step, or -1 before the first. */
  timelineHead: number;
  /** How many steps it has. */
  timelineLength: number;
}

/** One timeline step as {@link TimelineLog.steps} returns it. */
export interface TimelineStep {
  readonly event: InteractionEvent;
  /** The interaction's state after the event. */
  readonly state: InteractionState;
  /** The agent and queue then involved. */
  readonly agentId: string | undefined;
  readonly queueId: string | undefined;
}

/**
 * Every interaction's timeline steps in one append-only log; each step links back to the same
 * interaction's previous one, and the interaction keeps the position of its newest.
 *
 * Why not an array per interaction: a step is usually written long after the interaction was
 * created (an offer to an agent minutes later), and writing into that interaction's own array
 * then costs a cache miss or two on a cold object, which was a fair share of a routing decision.
 * Here a step is written at the log's end, which the previous step just touched; and an
 * interaction allocates nothing for its timeline.
 *
 * Steps of interactions the engine has dropped from memory stay in the log until they outnumber
 * the live ones; then {@link TimelineLog.compact} copies the live chains to a fresh log (amortized
 * O(1) per step, like a growing array's copies).
 *
 * @internal
 */
export class TimelineLog {
  #chunks: Chunk[] = [];
  #tail: Chunk = [];
  /** Steps in use in `tail`. */
  #used = CHUNK;
  /** Steps appended in all (the next step's position). */
  #count = 0;
  /** Steps of owners still held (see {@link TimelineLog.release}). */
  #live = 0;

  /** Number of steps in the log, dropped owners' included. */
  get length(): number {
    return this.#count;
  }

  /** Appends a step to `owner`'s chain. */
  append(
    owner: TimelineOwner,
    event: InteractionEvent,
    state: InteractionState,
    agentId: string | undefined,
    queueId: string | undefined,
  ): void {
    if (this.#used === CHUNK) {
      this.#tail = new Array(CHUNK * STRIDE);
      this.#used = 0;
      this.#chunks.push(this.#tail);
    }
    const o = this.#used++ * STRIDE;
    const tail = this.#tail;
    tail[o] = event;
    tail[o + 1] = state;
    tail[o + 2] = agentId;
    tail[o + 3] = queueId;
    tail[o + 4] = owner.timelineHead;
    owner.timelineHead = this.#count++;
    owner.timelineLength++;
    this.#live++;
  }

  /** `owner`'s steps, oldest first. */
  steps(owner: TimelineOwner): TimelineStep[] {
    return readChain(this.#chunks, owner);
  }

  /** `owner` is no longer held: its steps may go at the next compaction. */
  release(owner: TimelineOwner): void {
    this.#live -= owner.timelineLength;
  }

  /** Whether dropped owners' steps outnumber live ones enough to be worth a {@link compact}. */
  get wasteful(): boolean {
    const dead = this.#count - this.#live;
    return dead > this.#live && dead >= MIN_WASTE;
  }

  /** Copies the chains of `owners` (every owner still held) to a fresh log and drops the rest. */
  compact(owners: Iterable<TimelineOwner>): void {
    const old = this.#chunks;
    this.#chunks = [];
    this.#tail = [];
    this.#used = CHUNK;
    this.#count = 0;
    this.#live = 0;
    for (const owner of owners) {
      const steps = readChain(old, owner);
      owner.timelineHead = -1;
      owner.timelineLength = 0;
      for (const step of steps) {
        this.append(owner, step.event, step.state, step.agentId, step.queueId);
      }
    }
  }
}

type Chunk = (InteractionEvent | InteractionState | string | number | undefined)[];

/** The steps of `owner`'s chain in `chunks`, oldest first. */
function readChain(chunks: readonly Chunk[], owner: TimelineOwner): TimelineStep[] {
  const steps = new Array<TimelineStep>(owner.timelineLength);
  let position = owner.timelineHead;
  for (let i = owner.timelineLength - 1; i >= 0; i--) {
    const chunk = chunks[Math.floor(position / CHUNK)] as Chunk;
    const o = (position % CHUNK) * STRIDE;
    steps[i] = {
      event: chunk[o] as InteractionEvent,
      state: chunk[o + 1] as InteractionState,
      agentId: chunk[o + 2] as string | undefined,
      queueId: chunk[o + 3] as string | undefined,
    };
    position = chunk[o + 4] as number;
  }
  return steps;
}

/** Steps per chunk. */
const CHUNK = 4096;
/** Slots per step: event, state after it, agent, queue, position of the previous step. */
const STRIDE = 5;
/** Dropped steps below which compacting is not worth a pass over the live ones. */
const MIN_WASTE = 65_536;
