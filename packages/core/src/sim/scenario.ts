import type { KpiOptions } from '../analytics/index.js';
import type { Capacity, Skills } from '../agents/index.js';
import type { Channel } from '../interactions/index.js';
import type { QueueConfig, Strategy } from '../routing/index.js';
import type { ExpressionValue } from '../expr/index.js';
import type { FlowDefinition } from '../ivr/index.js';
import type { SlaPolicy, TicketPriority } from '../tickets/index.js';

/** A random duration in seconds. */
export type Distribution =
  | { readonly type: 'exponential'; readonly mean: number }
  | { readonly type: 'lognormal'; readonly mean: number; readonly sd: number }
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number };

/** How the simulator answers one named IVR `hook` request. */
export interface IvrHookModel {
  /** The answer sent back to the session (`data` lands in the hook node's `resultVariable`). */
  readonly result:
    | { readonly ok: true; readonly data?: ExpressionValue }
    | { readonly ok: false; readonly error?: string };
  /**
   * Time to answer (seconds). Default 0. An answer slower than the command's `timeoutMs` arrives
   * too late: the session gets a `timeout` event at `timeoutMs` instead.
   */
  readonly delay?: Distribution;
}

/** The simulated caller in an IVR: how fast and what they answer, and how often they give up. */
export interface IvrCallerModel {
  /**
   * Time to answer a `gather` (seconds). Default fixed 3. An answer slower than the gather's
   * `timeoutMs` counts as no input (a `timeout` event at `timeoutMs`).
   */
  readonly answerTime?: Distribution;
  /** Chance (0-1) that the caller hangs up at each `gather` instead of answering. Default 0. */
  readonly hangupProbability?: number;
  /**
   * Answers per gathering node id: answer -> relative weight. An answer made of `0-9`, `*` and `#`
   * is keys pressed (unless the gather takes speech only); any other text is words said. The
   * reserved answer `timeout` stays silent until the gather times out. Nodes not listed get their first valid option (a menu's first choice, a
   * callback offer's accept key, `minLength` digits for collect nodes and callback numbers).
   */
  readonly answers?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** An IVR flow that arriving contacts go through before (or instead of) a queue. */
export interface ArrivalIvr {
  /**
   * The flow document (`switchboard.ivr.flow/1` JSON), or a path to one. The simulator itself reads
   * no files: paths are replaced by {@link resolveScenarioFlows} (the CLI resolves them relative
   * to the scenario file).
   */
  readonly flow: FlowDefinition | string;
  /** Interaction attributes the flow reads as `attributes.<name>`. */
  readonly attributes?: Readonly<Record<string, ExpressionValue>>;
  /** Starting prompt language. Default: the flow's first language. */
  readonly language?: string;
  /** The caller model. Default: every gather answered with its first option after 3 s. */
  readonly caller?: IvrCallerModel;
  /** Answers to the flow's `hook` requests by hook name; every hook the flow uses must be listed. */
  readonly hooks?: Readonly<Record<string, IvrHookModel>>;
}

/**
 * Contacts arriving on one channel: a Poisson process with a time-of-day profile. They wait in
 * `queue`, or first go through an IVR flow whose `enqueue` picks the queue.
 */
export interface ArrivalStream {
  /** Queue the contacts wait in. Required without `ivr`; not allowed with it (the flow picks). */
  readonly queue?: string;
  /**
   * An IVR the contacts enter first. `enqueue` hands them to the router (queue, priority and
   * attributes from the command); `hangup`, `transfer` and `voicemail` end them in the IVR
   * (contained); a caller hang-up abandons them.
   */
  readonly ivr?: ArrivalIvr;
  /** Channel of the contacts. Default `voice`. */
  readonly channel?: Channel;
  /** Mean arrivals per hour at profile multiplier 1; at most 10,000,000 (`MAX_CALLS_PER_HOUR`). */
  readonly callsPerHour: number;
  /**
   * Rate multipliers over the local day, in equal slots (24 values = hourly, 96 = quarter-hourly).
   * Default: flat.
   */
  readonly profile?: readonly number[];
  /** Talk time with the agent (seconds). */
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

/**
 * Follow-up tickets: a share of completed interactions opens a ticket on the real ticket engine
 * (same clock), linked to the interaction, solved after a sampled time.
 */
export interface TicketModel {
  /** Only interactions of these channels. Default: every channel. */
  readonly fromChannels?: readonly Channel[];
  /** Chance (0-1) that a completed interaction (IVR-contained ones included) opens a ticket. */
  readonly probability: number;
  /** Time from creation to solved (seconds). */
  readonly solveAfter: Distribution;
  /** Ticket priority. Default `normal`. */
  readonly priority?: TicketPriority;
  /** SLA policies of the ticket engine; breaches are counted in the report. */
  readonly slaPolicies?: readonly SlaPolicy[];
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
  /** IANA timezone of shifts, breaks and profiles. Default `UTC`. */
  readonly timezone?: string;
  /**
   * Simulated time in hours: more than 0, at most 744 (31 days, `MAX_SCENARIO_HOURS`). What a run
   * may cost in memory and work is checked from the expected traffic before it starts (see
   * `estimateSimulation`).
   */
  readonly durationHours: number;
  /** Time at the start left out of the report (the empty-system transient). Default 0; at most 7 days. */
  readonly warmUpMinutes?: number;
  /**
   * After the end, keep running (no new arrivals) up to this many minutes so contacts can finish.
   * Default 240; at most 7 days.
   */
  readonly drainMinutes?: number;
  /** Seconds from offer to answer (ringing). Default 0. */
  readonly answerDelay?: Distribution;
  /** KPI definitions (service-level threshold, short abandons, FCR window...). */
  readonly kpi?: KpiOptions;
  /** Queues, exactly as the router takes them. */
  readonly queues: readonly QueueConfig[];
  /** Arrival streams. */
  readonly arrivals: readonly ArrivalStream[];
  /** Agent groups: at most 100,000 agents in all (`MAX_SCENARIO_AGENTS`), variants included. */
  readonly agents: readonly AgentGroup[];
  /** Follow-up tickets created from completed interactions. */
  readonly tickets?: TicketModel;
  /** Named alternatives for `--compare`. */
  readonly variants?: readonly ScenarioVariant[];
}
