// Eligibility and ranking rules shared by the indexed and the scanning router, so both make
// exactly the same decisions.
import type { Presence } from '../agents/index.js';
import type { AgentRecord, InteractionRecord, RequirementSet } from './records.js';
import type { StrategyName } from './queue-config.js';

/** @internal Whether `agent` may be offered an interaction on channel `channel` (an index) now. */
export function isAvailable(agent: AgentRecord, channel: number): boolean {
  return (
    agent.chosen === 'available' && agent.offered === undefined && freeSlots(agent, channel) > 0
  );
}

/** @internal How many more interactions `agent` may hold on channel `channel` (an index). */
export function freeSlots(agent: AgentRecord, channel: number): number {
  return agent.free[channel] as number;
}

/** @internal Whether `agent` has the skills and language `rs` requires. */
export function satisfies(agent: AgentRecord, rs: RequirementSet): boolean {
  for (const r of rs.requirements) {
    // Not `p === undefined || p < min`: a skill named like an Object.prototype member would read
    // a function there, and every comparison with NaN is false.
    const p = agent.skills[r.skill] as number;
    if (!(p >= r.minProficiency)) return false;
  }
  return rs.language === undefined || agent.languages.has(rs.language);
}

/** @internal `agent`'s primary ranking key under `strategy` for `rs` (lower wins). */
export function agentKey1(agent: AgentRecord, rs: RequirementSet, strategy: StrategyName): number {
  switch (strategy) {
    case 'longest-idle':
      return agent.activeCount > 0 ? 1 : 0;
    case 'least-occupied':
      return agent.activeCount;
    case 'round-robin':
      return agent.lastOfferSeq;
    case 'best-proficiency': {
      let score = 0;
      for (const r of rs.requirements) score += agent.skills[r.skill] ?? 0;
      return -score;
    }
  }
}

/** @internal `agent`'s secondary ranking key under `strategy` (lower wins); ties then go by ordinal. */
export function agentKey2(agent: AgentRecord, strategy: StrategyName): number {
  return strategy === 'round-robin' ? 0 : agent.idleSince;
}

/** @internal Whether `agent` ranks before `other` for `rs` under `strategy`. */
export function agentBefore(
  agent: AgentRecord,
  other: AgentRecord,
  rs: RequirementSet,
  otherRs: RequirementSet,
  strategy: StrategyName,
): boolean {
  const a1 = agentKey1(agent, rs, strategy);
  const b1 = agentKey1(other, otherRs, strategy);
  if (a1 !== b1) return a1 < b1;
  const a2 = agentKey2(agent, strategy);
  const b2 = agentKey2(other, strategy);
  if (a2 !== b2) return a2 < b2;
  return agent.ordinal < other.ordinal;
}

/** @internal Total order on waiting interactions: higher priority, then earlier arrival. */
export function interactionBefore(a: InteractionRecord, b: InteractionRecord): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.seq < b.seq;
}

/**
 * @internal An agent's presence, derived from its choice and the work in hand: an offer makes it
 * reserved, a connected interaction busy, after-call work wrap-up.
 */
export function derivePresence(a: AgentRecord): Presence {
  if (a.chosen === 'offline') return 'offline';
  if (a.offered !== undefined) return 'reserved';
  if (a.connected > 0) return 'busy';
  if (a.wrapUps > 0) return 'wrap-up';
  return a.chosen;
}
