import type { KpiOptions } from '../analytics/index.js';
import type { Capacity, Skills } from '../agents/index.js';
import type { Channel } from '../interactions/index.js';
import type { QueueConfig, Strategy } from '../routing/index.js';

/** A random duration in seconds. */
export type Distribution =
  | { readonly type: 'exponential'; readonly mean: number }
  | { readonly type: 'lognormal'; readonly mean: number; readonly sd: number }
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number };

/** Contacts arriving at one queue on one channel: a Poisson process with a time-of-day profile. */
export interface ArrivalStream {
  /** Queue the contacts wait in. */
  readonly queue: string;
  /** Channel of the contacts. Default `voice`. */
  readonly channel?: Channel;
  /** Mean arrivals per hour at profile multiplier 1. */
  readonly callsPerHour: number;
  /**
   * Rate multipliers over the local day, in equal slots (24 values = hourly, 96 = quarter-hourly).
   * Default: flat.
   */
  readonly profile?: readonly number[];
  /** Talk time (seconds). */
  readonly handleTime: Distribution;
  /** After-call work (seconds). Default none. */
  readonly wrapUp?: Distribution;
  /** Customer patience in queue (seconds); callers hang up when it runs out. Default: infinite. */
  readonly patience?: Distribution;
  /** A share of calls is put on hold once, in the middle of the talk, for `duration`. */
  readonly hold?: { readonly probability: number; readonly duration: Distribution };
  /** Customers are drawn from a pool of this many (`<queue>-c1`...), so some call again (FCR). */
  readonly customers?: number;
  /** Post-contact survey: answer rate and relative weights of scores 1-5. */
  readonly surveys?: { readonly responseRate: number; readonly scores: readonly number[] };
  /** Priority in the queue (higher first). Default: the queue's. */
  readonly priority?: number;
}

/** A daily time window `HH:MM`-`HH:MM` in the scenario's time zone (may cross midnight). */
export interface Shift {
  /** Local start `HH:MM`. */
  readonly start: string;
  /** Local end `HH:MM`; earlier than start means the next day. */
  readonly end: string;
}

/** A daily break. */
export interface Break {
  /** Local start `HH:MM`. */
  readonly start: string;
  /** Length in minutes. */
  readonly minutes: number;
  /** Not-ready reason. Default `break`. */
  readonly reason?: string;
}

/** A group of identical agents. */
export interface AgentGroup {
  /** How many agents. */
  readonly count: number;
  /** Agent ids are `<idPrefix>-1`, `<idPrefix>-2`, ... Default `agent-g<index>`. */
  readonly idPrefix?: string;
  /** Skills with proficiency 1-10. */
  readonly skills: Skills;
  /** Languages spoken (BCP 47). */
  readonly languages?: readonly string[];
  /** Concurrent interactions per channel. */
  readonly capacity?: Capacity;
  /** Team, for per-team KPIs. */
  readonly team?: string;
  /** Daily shifts; default: logged in for the whole run. */
  readonly shifts?: readonly Shift[];
  /** Daily breaks (taken when the agent is free). */
  readonly breaks?: readonly Break[];
}

/** A change to compare against the base scenario on the same seeded arrivals. */
export interface ScenarioVariant {
  /** Shown in reports and used by `--compare`. */
  readonly name: string;
  /** Routing strategy for every queue. */
  readonly strategy?: Strategy;
  /** Multiplies every agent group's size (rounded, at least 0). */
  readonly agentScale?: number;
  /** Adds this many agents to every group (may be negative). */
  readonly agentDelta?: number;
}

/** Everything a simulation needs; usually read from a JSON file. */
export interface Scenario {
  /** Shown in reports. */
  readonly name?: string;
  /** Random seed: same scenario and seed, same report. Default 1. */
  readonly seed?: number;
  /** Start instant (ISO 8601). Default `2026-01-05T00:00:00Z` (a Monday). */
  readonly start?: string;
  /** IANA time zone of shifts, breaks and profiles. Default `UTC`. */
  readonly timeZone?: string;
  /** Simulated time in hours. */
  readonly durationHours: number;
  /** Time at the start left out of the report (the empty-system transient). Default 0. */
  readonly warmUpMinutes?: number;
  /** After the end, keep running (no new arrivals) up to this many minutes so contacts can finish. Default 240. */
  readonly drainMinutes?: number;
  /** Seconds from offer to answer (ringing). Default 0. */
  readonly answerDelay?: Distribution;
  /** KPI definitions (service-level threshold, short abandons, FCR window...). */
  readonly kpi?: KpiOptions;
  /** Queues, exactly as the router takes them. */
  readonly queues: readonly QueueConfig[];
  /** Arrival streams. */
  readonly arrivals: readonly ArrivalStream[];
  /** Agent groups. */
  readonly agents: readonly AgentGroup[];
  /** Named alternatives for `--compare`. */
  readonly variants?: readonly ScenarioVariant[];
}
