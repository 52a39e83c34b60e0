import type { AgentConfig } from '@switchboard/core/agents';
import type {
  InteractionOfferedEvent,
  QueueConfig,
  RoutingEngine,
} from '@switchboard/core/routing';

/** Queues of the demo contact center. */
export const DEMO_QUEUES: readonly QueueConfig[] = [
  {
    id: 'billing',
    requirements: [{ skill: 'billing', minProficiency: 7 }],
    language: 'en',
    strategy: 'best-proficiency',
    offerTimeoutMs: 15_000,
    overflow: [
      { afterMs: 30_000, minProficiency: 4 },
      { afterMs: 120_000, offerCallback: true },
    ],
  },
  {
    id: 'support',
    requirements: [{ skill: 'support', minProficiency: 5 }],
    strategy: 'longest-idle',
    offerTimeoutMs: 15_000,
  },
  {
    id: 'zh-CN',
    requirements: [{ skill: 'support', minProficiency: 3 }],
    language: 'zh-CN',
    strategy: 'round-robin',
    offerTimeoutMs: 15_000,
  },
  {
    id: 'vip',
    requirements: [{ skill: 'billing', minProficiency: 5 }],
    priority: 5,
    strategy: { type: 'sticky', windowMs: 15 * 60_000, fallback: 'best-proficiency' },
    offerTimeoutMs: 15_000,
  },
  {
    id: 'chat',
    requirements: [{ skill: 'chat', minProficiency: 3 }],
    strategy: 'least-occupied',
    offerTimeoutMs: 15_000,
  },
];

/** Agents of the demo contact center. */
export const DEMO_AGENTS: readonly AgentConfig[] = [
  {
    id: 'alice',
    skills: { billing: 9, support: 6, chat: 7 },
    languages: ['en'],
    capacity: { voice: 1, chat: 2 },
  },
  { id: 'bo', skills: { billing: 5, support: 8 }, languages: ['en', 'zh-CN'] },
  {
    id: 'chen',
    skills: { support: 6, chat: 8 },
    languages: ['zh-CN', 'en'],
    capacity: { voice: 1, chat: 3 },
  },
  { id: 'dmitri', skills: { billing: 7, support: 4 }, languages: ['en'] },
  {
    id: 'esi',
    skills: { support: 9, chat: 5 },
    languages: ['en'],
    capacity: { voice: 1, chat: 2 },
  },
  { id: 'fang', skills: { billing: 6, support: 5 }, languages: ['zh-CN'] },
  {
    id: 'olga',
    skills: { billing: 8, chat: 6 },
    languages: ['en'],
    capacity: { voice: 1, chat: 2 },
  },
];

/** A one-line explanation of why the router offered an interaction to this agent. */
export function explainOffer(engine: RoutingEngine, e: InteractionOfferedEvent): string {
  const agent = engine.getAgent(e.agentId);
  const ix = engine.getInteraction(e.interactionId);
  const queue = engine.getQueue(e.queueId).config;
  const step = e.reason.step > 0 ? ` (overflow step ${e.reason.step})` : '';
  const waited = Math.round(
    (e.at - (ix.timeline.findLast((t) => t.type === 'interaction-queued')?.at ?? e.at)) / 1000,
  );
  if (e.reason.trigger === 'agent-available') {
    return `${e.agentId} became free: oldest ${queue.priority ? 'high-priority ' : ''}waiting it qualifies for (waited ${waited}s)${step}`;
  }
  const skills = queue.requirements
    .map((r) => `${r.skill} ${agent.skills[r.skill] ?? 0}`)
    .join(', ');
  const prefix = e.reason.trigger === 'returned' ? 're-offered: ' : '';
  switch (e.reason.strategy) {
    case 'sticky':
      return `${prefix}sticky: ${e.agentId} served ${ix.customerId} recently`;
    case 'longest-idle':
      return `${prefix}longest idle (${Math.round((e.at - agent.idleSince) / 1000)}s)${step}`;
    case 'best-proficiency':
      return `${prefix}best proficiency (${skills})${step}`;
    case 'least-occupied':
      return `${prefix}least occupied (${agent.interactions.length - 1} in hand)${step}`;
    case 'round-robin':
      return `${prefix}next in rotation${step}`;
    default:
      return `${prefix}${e.reason.strategy}${step}`;
  }
}
