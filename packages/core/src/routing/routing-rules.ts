// Eligibility and ranking rules shared by the indexed and the scanning router, so both make
// exactly the same decisions.
import type { Channel } from '../interactions/index.js';
import type {
  AgentEntry,
  AgentRecord,
  InteractionRecord,
  RequirementSet,
  WaitingEntry,
} from './records.js';
import type { StrategyName } from './queue-config.js';

/** @internal Whether `agent` may be offered an interaction on `channel` now. */
export function isAvailable(agent: AgentRecord, channel: Channel): boolean {
  return (
    agent.chosen === 'available' &&
    agent.offered === undefined &&
    agent.load[channel] < agent.capacity[channel]
  );
}

/** @internal Whether `agent` has the skills and language `rs` requires. */
export function satisfies(agent: AgentRecord, rs: RequirementSet): boolean {
  for (const r of rs.requirements) {
    const p = agent.skills[r.skill];
    if (p === undefined || p < r.minProficiency) return false;
  }
  return rs.language === undefined || agent.languages.has(rs.language);
}

/** @internal `agent`'s ranking entry under `strategy` for `rs` (lower keys win). */
export function agentEntry(
  agent: AgentRecord,
  rs: RequirementSet,
  strategy: StrategyName,
): AgentEntry {
  const version = agent.version;
  switch (strategy) {
    case 'longest-idle':
      return { agent, version, k1: agent.active.size > 0 ? 1 : 0, k2: agent.idleSince };
    case 'least-occupied':
      return { agent, version, k1: agent.active.size, k2: agent.idleSince };
    case 'round-robin':
      return { agent, version, k1: agent.lastOfferSeq, k2: 0 };
    case 'best-proficiency': {
      let score = 0;
      for (const r of rs.requirements) score += agent.skills[r.skill] ?? 0;
      return { agent, version, k1: -score, k2: agent.idleSince };
    }
  }
}

/** @internal Total order on agent entries: keys, then registration order. */
export function agentEntryLess(a: AgentEntry, b: AgentEntry): boolean {
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  if (a.k2 !== b.k2) return a.k2 < b.k2;
  return a.agent.ordinal < b.agent.ordinal;
}

/** @internal Total order on waiting interactions: higher priority, then earlier arrival. */
export function waitingLess(a: WaitingEntry, b: WaitingEntry): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.seq < b.seq;
}

/** @internal Same order as {@link waitingLess}, on records. */
export function interactionBefore(a: InteractionRecord, b: InteractionRecord): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.seq < b.seq;
}
