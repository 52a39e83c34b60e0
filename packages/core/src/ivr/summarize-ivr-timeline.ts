import type { IvrOutcome, IvrTimelineRecord } from './ivr-timeline.js';

/** Per-node counts from IVR timeline records. */
export interface IvrNodeStats {
  readonly flowId: string;
  readonly nodeId: string;
  readonly kind: string;
  /** Times callers left the node by an exit (retries excluded). */
  readonly completions: number;
  /** Retries (no input, no match, invalid). */
  readonly retries: number;
  /** Callers who hung up at this node. */
  readonly dropped: number;
  /** Exit name -> count (menu choices appear by key). */
  readonly exits: Readonly<Record<string, number>>;
}

/** Containment and drop-off over many sessions. */
export interface IvrTimelineSummary {
  /** Sessions that ended. */
  readonly sessions: number;
  /** Ended by the flow itself (a hangup node) with no callback requested: self-service. */
  readonly contained: number;
  /** `contained / sessions` (0 when there are none). */
  readonly containmentRate: number;
  /** Sessions by outcome. */
  readonly outcomes: Readonly<Record<IvrOutcome, number>>;
  /** Per node, in order of first appearance. */
  readonly nodes: readonly IvrNodeStats[];
}

const RETRY_EXITS = new Set(['no-input', 'no-match', 'invalid']);

/** @internal {@link IvrNodeStats} being added up. */
export type MutableNodeStats = { -readonly [K in keyof IvrNodeStats]: IvrNodeStats[K] } & {
  exits: Record<string, number>;
};

/** @internal A zero count for every outcome (in a fixed order, so reports are stable). */
export function noOutcomes(): Record<IvrOutcome, number> {
  return { enqueued: 0, transferred: 0, voicemail: 0, hangup: 0, 'caller-hangup': 0, error: 0 };
}

/**
 * Aggregates IVR timeline records (from any number of sessions) into containment, outcomes and
 * per-node drop-off, so analytics can show where callers leave and which options they pick.
 *
 * @example
 * ```ts
 * const summary = summarizeIvrTimeline(allRecords);
 * console.log(summary.containmentRate, summary.nodes.find((n) => n.nodeId === 'main-menu')?.exits);
 * ```
 */
export function summarizeIvrTimeline(records: Iterable<IvrTimelineRecord>): IvrTimelineSummary {
  const outcomes = noOutcomes();
  const nodes = new Map<string, MutableNodeStats>();
  let sessions = 0;
  let contained = 0;
  for (const r of records) {
    if (r.type === 'ivr-ended') {
      sessions++;
      outcomes[r.outcome]++;
      if (r.outcome === 'hangup' && !r.callbackRequested) contained++;
    } else if (r.type === 'ivr-step') {
      const key = `${r.flowId}\u0000${r.nodeId}`;
      let n = nodes.get(key);
      if (!n) {
        n = {
          flowId: r.flowId,
          nodeId: r.nodeId,
          kind: r.kind,
          completions: 0,
          retries: 0,
          dropped: 0,
          exits: {},
        };
        nodes.set(key, n);
      }
      n.exits[r.exit] = (n.exits[r.exit] ?? 0) + 1;
      if (r.exit === 'caller-hangup') n.dropped++;
      else if (RETRY_EXITS.has(r.exit) && r.next === r.nodeId) n.retries++;
      else n.completions++;
    }
  }
  return {
    sessions,
    contained,
    containmentRate: sessions === 0 ? 0 : contained / sessions,
    outcomes,
    nodes: [...nodes.values()],
  };
}
