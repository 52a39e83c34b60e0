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

/**
 * A core `LiveView` of every queue and agent, read at most once per animation frame (the KPIs at
 * most once a second):
 * the read waits for the next frame, and every event meanwhile joins it (the view coalesces
 * refreshes while a read is running). Hundreds of updates a second become one read and one render
 * per frame.
 *
 * @internal
 */
export function watchBoard(
  center: ContactCenter,
  frame: () => Promise<void> = nextFrame,
  kpiEveryMs = 1000,
) {
  // KPIs (service level, longest wait) cost a report over the sliding window: they are read at
  // most once per `kpiEveryMs`; the longest wait is extrapolated from their `at` between reads.
  let kpis: { value: KpiSnapshot; readAt: number } | undefined;
  return new LiveView<QueueBoardData>(center, {
    relevant: (event) => !event.type.startsWith('ticket-') && event.type !== 'agent-lease-renewed',
    load: async (c) => {
      await frame();
      const now = Date.now();
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
