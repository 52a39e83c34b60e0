import type { KpiValues } from '../analytics/index.js';

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
}
