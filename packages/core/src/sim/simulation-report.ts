import type { KpiValues } from '../analytics/index.js';
import type { IvrNodeStats, IvrOutcome } from '../ivr/index.js';
import type { SlaMetric } from '../tickets/index.js';

/**
 * IVR sessions that started in the reported interval, summarised from their timeline records by
 * the IVR module's `summarizeIvrTimeline`. The router's view of containment (finished without
 * reaching a queue or agent) is `total.ivrContainment`.
 */
export interface SimulationIvrReport {
  /** Sessions started in the interval. */
  readonly sessions: number;
  /** Of those, sessions that ended before the run stopped. */
  readonly ended: number;
  /** Ended by the flow itself (a hangup node) with no callback requested: self-service. */
  readonly selfService: number;
  /** Sessions in which the caller asked for a callback. */
  readonly callbacksRequested: number;
  /** Ended sessions by outcome. */
  readonly outcomes: Readonly<Record<IvrOutcome, number>>;
  /** Per node (in order of first appearance): exits taken, retries, drop-off. */
  readonly nodes: readonly IvrNodeStats[];
}

/** Follow-up tickets created after the warm-up (drain included), from the ticket engine's events. */
export interface SimulationTicketReport {
  /** Tickets created. */
  readonly created: number;
  /** Of those, solved before the run stopped. */
  readonly solved: number;
  /** Of those, not solved when the run stopped. */
  readonly open: number;
  /** SLA breaches (`ticket-sla-breached` events) of those tickets. */
  readonly slaBreaches: number;
  /** Breaches per SLA metric. */
  readonly slaBreachesByMetric: Readonly<Record<SlaMetric, number>>;
}

/** What a simulation run reports. Same scenario and seed give a byte-identical report. */
export interface SimulationReport {
  /** Scenario name. */
  readonly scenario: string;
  /** Variant name, or `null` for the base scenario. */
  readonly variant: string | null;
  /** The seed the run used. */
  readonly seed: number;
  /** Reported interval (after warm-up), ISO 8601. */
  readonly from: string;
  /** End of the reported interval, ISO 8601. */
  readonly to: string;
  /** Simulated hours in the reported interval. */
  readonly simulatedHours: number;
  /** Agents in the scenario (after the variant's changes). */
  readonly agents: number;
  /** Contacts that arrived during the whole run (warm-up included). */
  readonly interactions: number;
  /** Contacts still unfinished when the run stopped (after the drain period). */
  readonly unfinished: number;
  /** Routing events written. */
  readonly events: number;
  /** Service-level threshold used, seconds. */
  readonly serviceLevelSeconds: number;
  /** KPIs over the reported interval. */
  readonly total: KpiValues;
  /** KPIs per queue. */
  readonly queues: Readonly<Record<string, KpiValues>>;
  /** KPIs per channel. */
  readonly channels: Readonly<Record<string, KpiValues>>;
  /** KPIs per agent team (contacts credited to the team that answered them). */
  readonly teams: Readonly<Record<string, KpiValues>>;
  /** IVR outcomes and per-node stats; present when an arrival stream has an IVR. */
  readonly ivr?: SimulationIvrReport;
  /** Follow-up tickets; present when the scenario has `tickets`. */
  readonly tickets?: SimulationTicketReport;
}
