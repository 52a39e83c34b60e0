import type { AgentSnapshot } from '@switchboard/core/agents';
import {
  watchAgent,
  type ContactCenter,
  type ContactCenterInteraction,
  type LiveViewSnapshot,
} from '@switchboard/core/contact-center';
import type { Disposable, Listener, Subscribable, Unsubscribe } from '@switchboard/core/shared';

/** What `<sb-agent-status>` renders: the agent, its work, and when its presence last changed. */
export interface AgentStatusData {
  readonly agent: AgentSnapshot;
  readonly interactions: readonly ContactCenterInteraction[];
  /** When the presence last changed (epoch ms, the center's clock), if the stream still holds it. */
  readonly since: number | undefined;
}

/**
 * A core `watchAgent` view, plus the time of the agent's last presence change, read from the
 * agent-scoped event stream (replayed from the start of what the center retains).
 *
 * @internal
 */
export class AgentStatusView
  implements Subscribable<LiveViewSnapshot<AgentStatusData>>, Disposable
{
  private since: number | undefined;
  /** Subscribers' checks, run when `since` changes without the desk changing. */
  private readonly pokes = new Set<() => void>();
  private readonly stopEvents: Unsubscribe;
  private readonly desk;
  private cache:
    | {
        source: ReturnType<AgentStatusView['desk']['getSnapshot']>;
        since: number | undefined;
        value: LiveViewSnapshot<AgentStatusData>;
      }
    | undefined;

  constructor(center: ContactCenter, agentId: string) {
    // Registered before the desk's own listener, so a presence change is known when it reloads.
    this.stopEvents = center.subscribeEvents(
      ({ event }) => {
        if (event.type !== 'agent-state-changed' || event.agentId !== agentId) return;
        this.since = event.at;
        // Over a remote center the replay arrives after the first read: tell the subscribers.
        for (const poke of this.pokes) poke();
      },
      { agentId, afterSeq: 0 },
    );
    this.desk = watchAgent(center, agentId);
  }

  getSnapshot(): LiveViewSnapshot<AgentStatusData> {
    const source = this.desk.getSnapshot();
    if (this.cache && this.cache.source === source && this.cache.since === this.since) {
      return this.cache.value;
    }
    const since = this.since;
    const data: AgentStatusData | undefined =
      source.data === undefined ? undefined : { ...source.data, since };
    const value = { ...source, data } as LiveViewSnapshot<AgentStatusData>;
    this.cache = { source, since, value };
    return value;
  }

  readonly subscribe: Subscribable<LiveViewSnapshot<AgentStatusData>>['subscribe'] = <S>(
    selectorOrListener:
      ((s: LiveViewSnapshot<AgentStatusData>) => S) | Listener<LiveViewSnapshot<AgentStatusData>>,
    listener?: Listener<S>,
    isEqual?: (a: S, b: S) => boolean,
  ): Unsubscribe => {
    if (listener === undefined) {
      const whole = selectorOrListener as Listener<LiveViewSnapshot<AgentStatusData>>;
      const run = () => whole(this.getSnapshot());
      return this.watch(run, this.desk.subscribe(run));
    }
    const select = selectorOrListener as (s: LiveViewSnapshot<AgentStatusData>) => S;
    const same = isEqual ?? Object.is;
    let last = select(this.getSnapshot());
    const deliver = (value: S) => {
      last = value;
      listener(value);
    };
    const poke = () => {
      const next = select(this.getSnapshot());
      if (!same(last, next)) deliver(next);
    };
    return this.watch(
      poke,
      this.desk.subscribe(() => select(this.getSnapshot()), deliver, isEqual),
    );
  };

  /** Reads the agent again now (the event replay is not repeated). */
  refresh(): void {
    this.desk.refresh();
  }

  private watch(poke: () => void, stop: Unsubscribe): Unsubscribe {
    this.pokes.add(poke);
    return () => {
      this.pokes.delete(poke);
      stop();
    };
  }

  dispose(): void {
    this.stopEvents();
    this.desk.dispose();
  }
}
