import type { AgentSnapshot } from '../agents/index.js';
import type { QueueSnapshot } from '../routing/index.js';
import {
  DisposedError,
  Subscriptions,
  type Disposable,
  type Subscribable,
  type Unsubscribe,
} from '../shared/index.js';
import type { ContactCenter, ContactCenterInteraction } from './contact-center.js';
import type { ContactCenterEvent } from './contact-center-events.js';

/**
 * What a {@link LiveView} holds: `loading` until the first read, then `ready` with the data (or
 * `error` when the last read failed), `disposed` at the end. `seq` is the newest event the data
 * reflects.
 */
export type LiveViewSnapshot<T> =
  | { readonly status: 'loading'; readonly data: undefined; readonly seq: number }
  | { readonly status: 'ready'; readonly data: T; readonly seq: number }
  | {
      readonly status: 'error';
      readonly data: T | undefined;
      readonly error: unknown;
      readonly seq: number;
    }
  | { readonly status: 'disposed'; readonly data: T | undefined; readonly seq: number };

/** What {@link LiveView} needs: how to read the data, and which events change it. */
export interface LiveViewSource<T> {
  /** Reads the current data through the center's queries. */
  readonly load: (center: ContactCenter) => Promise<T>;
  /** Whether an event may change the data (it is then read again). */
  readonly relevant: (event: ContactCenterEvent) => boolean;
  /** Restricts the event subscription to one agent's scope (see `eventConcernsAgent`). */
  readonly agentId?: string;
}

/**
 * A scoped snapshot of a {@link ContactCenter} that stays current: it reads the data once, then
 * reads it again after each relevant event (reads coalesce: at most one runs, and one more follows
 * if events arrived meanwhile). Works the same over the local and the remote center, since it uses
 * only the interface. Listeners get the microtask-batched, selector-filtered notifications of
 * core's shared `Subscribable`.
 *
 * @example
 * ```ts
 * const desk = watchAgent(center, 'alice');
 * const stop = desk.subscribe((s) => s.data?.interactions, (interactions) => render(interactions));
 * desk.dispose();
 * ```
 */
export class LiveView<T> implements Subscribable<LiveViewSnapshot<T>>, Disposable {
  private snapshot: LiveViewSnapshot<T> = { status: 'loading', data: undefined, seq: 0 };
  private readonly subscriptions = new Subscriptions<LiveViewSnapshot<T>>(() => this.snapshot, {
    owner: 'LiveView',
  });
  private readonly stop: Unsubscribe;
  private reading = false;
  private stale = false;
  private pendingSeq = 0;

  /** Starts following `center` at once. */
  constructor(
    private readonly center: ContactCenter,
    private readonly source: LiveViewSource<T>,
  ) {
    this.stop = center.subscribeEvents(
      ({ seq, event }) => {
        if (!source.relevant(event)) return;
        this.pendingSeq = Math.max(this.pendingSeq, seq);
        this.refresh();
      },
      source.agentId === undefined ? {} : { agentId: source.agentId },
    );
    this.refresh();
  }

  /** Adds a listener; see core's `Subscribable`. */
  readonly subscribe: Subscribable<LiveViewSnapshot<T>>['subscribe'] = this.subscriptions.subscribe;

  /** The current snapshot. */
  getSnapshot(): LiveViewSnapshot<T> {
    return this.snapshot;
  }

  /** Reads the data again now (also done after each relevant event). */
  refresh(): void {
    if (this.snapshot.status === 'disposed') throw new DisposedError('LiveView', 'refresh');
    if (this.reading) {
      this.stale = true;
      return;
    }
    this.reading = true;
    this.stale = false;
    const seq = this.pendingSeq;
    this.source.load(this.center).then(
      (data) => this.settle({ status: 'ready', data, seq }),
      (error: unknown) =>
        this.settle({ status: 'error', data: this.snapshot.data, error, seq: this.snapshot.seq }),
    );
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Stops following the center. Idempotent. */
  dispose(): void {
    if (this.snapshot.status === 'disposed') return;
    this.stop();
    this.snapshot = { status: 'disposed', data: this.snapshot.data, seq: this.snapshot.seq };
    this.subscriptions.notify();
    queueDispose(this.subscriptions);
  }

  private settle(next: LiveViewSnapshot<T>): void {
    this.reading = false;
    if (this.snapshot.status === 'disposed') return;
    this.snapshot = next;
    this.subscriptions.notify();
    if (this.stale) this.refresh();
  }
}

// Listeners still hear the `disposed` snapshot (notified in a microtask) before they are dropped.
function queueDispose(subscriptions: { dispose(): void }): void {
  void Promise.resolve().then(() => Promise.resolve().then(() => subscriptions.dispose()));
}

/** An agent desktop's data: the agent and the interactions in its hands. */
export interface AgentDesk {
  readonly agent: AgentSnapshot;
  readonly interactions: readonly ContactCenterInteraction[];
}

/**
 * A {@link LiveView} of one agent's desk, following only the events that concern the agent (not
 * its chats' messages).
 *
 * @example
 * ```ts
 * const desk = watchAgent(center, 'alice');
 * desk.subscribe((s) => { if (s.status === 'ready') show(s.data.agent.presence); });
 * ```
 */
export function watchAgent(center: ContactCenter, agentId: string): LiveView<AgentDesk> {
  return new LiveView<AgentDesk>(center, {
    agentId,
    // A chat message changes neither the agent nor its interactions (chat elements follow those).
    relevant: (event) => event.type !== 'transcript-message-added',
    load: async (c) => {
      const agent = await c.getAgent(agentId);
      const interactions = await Promise.all(agent.interactions.map((id) => c.getInteraction(id)));
      return { agent, interactions };
    },
  });
}

/** A supervisor board's data: every queue and every agent. */
export interface QueueBoard {
  readonly queues: readonly QueueSnapshot[];
  readonly agents: readonly AgentSnapshot[];
}

/**
 * A {@link LiveView} of every queue and agent, refreshed on routing events (not on ticket or
 * transcript message events).
 *
 * @example
 * ```ts
 * const board = watchQueues(center);
 * board.subscribe((s) => s.data?.queues.length, (n) => console.log(n, 'queues'));
 * ```
 */
export function watchQueues(center: ContactCenter): LiveView<QueueBoard> {
  return new LiveView<QueueBoard>(center, {
    relevant: (event) =>
      !event.type.startsWith('ticket-') &&
      event.type !== 'agent-lease-renewed' &&
      event.type !== 'transcript-message-added',
    load: async (c) => {
      const [queues, agents] = await Promise.all([c.listQueues(), c.listAgents()]);
      return { queues, agents };
    },
  });
}
