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
 * A core `LiveView` of every queue, agent and the KPIs, read at most once per animation frame:
 * the read waits for the next frame, and every event meanwhile joins it (the view coalesces
 * refreshes while a read is running). Hundreds of updates a second become one read and one render
 * per frame.
 *
 * @internal
 */
export function watchBoard(center: ContactCenter, frame: () => Promise<void> = nextFrame) {
  return new LiveView<QueueBoardData>(center, {
    relevant: (event) => !event.type.startsWith('ticket-') && event.type !== 'agent-lease-renewed',
    load: async (c) => {
      await frame();
      const [queues, agents, kpis] = await Promise.all([
        c.listQueues(),
        c.listAgents(),
        c.getKpis(),
      ]);
      return { queues, agents, kpis };
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
