import { summarizeIvrTimeline, type IvrOutcome, type IvrTimelineRecord } from '../ivr/index.js';
import { noOutcomes, type MutableNodeStats } from '../ivr/summarize-ivr-timeline.js';
import type { SimulationIvrReport } from './simulation-report.js';

/**
 * Adds up IVR sessions as they end, each summarised by the IVR module's `summarizeIvrTimeline`,
 * so no timeline is kept once its session is over.
 *
 * @internal
 */
export class IvrStats {
  private started = 0;
  private ended = 0;
  private selfService = 0;
  private callbacks = 0;
  private readonly outcomes = noOutcomes();
  private readonly nodes = new Map<string, MutableNodeStats>();

  /** A session that counts in the report started. */
  sessionStarted(): void {
    this.started++;
  }

  /** One ended session's records. */
  add(records: readonly IvrTimelineRecord[]): void {
    const summary = summarizeIvrTimeline(records);
    this.ended += summary.sessions;
    this.selfService += summary.contained;
    for (const r of records) if (r.type === 'ivr-ended' && r.callbackRequested) this.callbacks++;
    for (const [outcome, n] of Object.entries(summary.outcomes))
      this.outcomes[outcome as IvrOutcome] += n;
    for (const n of summary.nodes) {
      const key = `${n.flowId}\u0000${n.nodeId}`;
      let acc = this.nodes.get(key);
      if (!acc) {
        acc = { ...n, exits: { ...n.exits } };
        this.nodes.set(key, acc);
        continue;
      }
      acc.completions += n.completions;
      acc.retries += n.retries;
      acc.dropped += n.dropped;
      for (const [exit, count] of Object.entries(n.exits))
        acc.exits[exit] = (acc.exits[exit] ?? 0) + count;
    }
  }

  /** The report section. */
  report(): SimulationIvrReport {
    return {
      sessions: this.started,
      ended: this.ended,
      selfService: this.selfService,
      callbacksRequested: this.callbacks,
      outcomes: { ...this.outcomes },
      nodes: [...this.nodes.values()].map((n) => ({ ...n, exits: sortedCounts(n.exits) })),
    };
  }
}

/** Counts with keys in a fixed order, so reports do not depend on which exit was seen first. */
function sortedCounts(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(counts).sort()) out[k] = counts[k] as number;
  return out;
}
