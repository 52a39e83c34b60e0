import type { AgentSnapshot } from '@switchboard/core/agents';
import type { KpiSnapshot } from '@switchboard/core/analytics';
import { LiveView, type ContactCenter } from '@switchboard/core/contact-center';
import type { QueueSnapshot } from '@switchboard/core/routing';

/** What `<sb-queue-board>` renders: queues, agents and the live KPIs. */
export interface QueueBoardData {
  readonly queues: readonly QueueSnapshot[];
  readonly agents: readonly AgentSnapshot[];
  readonly kpis: KpiSnapshot;
}

/** Resolves on the next animation frame, or in a macrotask where frames do not run. @internal */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const host = globalThis as { requestAnimationFrame?: (cb: () => void) => number };
    if (host.requestAnimationFrame) host.requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 16);
  });
}

/** Resolves after `ms` milliseconds. @internal */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A core `LiveView` of every queue and agent, read at most once every `readEveryMs` (100 ms, ten
 * times a second) and then on an animation frame, the KPIs at most once a second: the read waits
 * for its turn and the next frame, and every event meanwhile joins it (the view coalesces
 * refreshes while a read is running). Hundreds of updates a second become ten reads and renders.
 *
 * Why not every frame: each read of the center costs a scan of its interactions (10,000 waiting
 * and more), while counts and waits that change sixty times a second are no easier to read than
 * ten times; scrolling the waiting list renders from the last read and stays at the frame rate.
 *
 * @internal
 */
export function watchBoard(
  center: ContactCenter,
  frame: () => Promise<void> = nextFrame,
  kpiEveryMs = 1000,
  readEveryMs = 100,
) {
  // KPIs (service level, longest wait) cost a report over the sliding window: they are read at
  // most once per `kpiEveryMs`; the longest wait is extrapolated from their `at` between reads.
  let kpis: { value: KpiSnapshot; readAt: number } | undefined;
  let lastRead = Number.NEGATIVE_INFINITY;
  return new LiveView<QueueBoardData>(center, {
    // Routing events only: not tickets, lease renewals or chat messages.
    relevant: (event) =>
      !event.type.startsWith('ticket-') &&
      event.type !== 'agent-lease-renewed' &&
      event.type !== 'transcript-message-added',
    load: async (c) => {
      const early = lastRead + readEveryMs - Date.now();
      if (early > 0) await delay(early);
      await frame();
      const now = Date.now();
      lastRead = now;
      const fresh = kpis && now - kpis.readAt < kpiEveryMs ? kpis.value : undefined;
      const [queues, agents, value] = await Promise.all([
        c.listQueues(),
        c.listAgents(),
        fresh ?? c.getKpis(),
      ]);
      if (!fresh) kpis = { value, readAt: now };
      return { queues, agents, kpis: value };
    },
  });
}

/** Agents of a queue by what they do now. @internal */
export interface AgentCounts {
  readonly available: number;
  readonly busy: number;
  readonly notReady: number;
}

/**
 * Counts the logged-in agents who qualify for `queue` (every required skill at the required
 * proficiency, and the queue's language) by presence.
 *
 * @internal
 */
export function countAgents(queue: QueueSnapshot, agents: readonly AgentSnapshot[]): AgentCounts {
  let available = 0;
  let busy = 0;
  let notReady = 0;
  const { requirements, language } = queue.config;
  for (const agent of agents) {
    if (agent.presence === 'offline') continue;
    if (language !== undefined && !agent.languages.includes(language)) continue;
    if (!requirements.every((r) => (agent.skills[r.skill] ?? 0) >= r.minProficiency)) continue;
    if (agent.presence === 'available') available++;
    else if (agent.presence === 'not-ready') notReady++;
    else busy++;
  }
  return { available, busy, notReady };
}
