import type { CoreEvent } from '../shared/index.js';
import type { RoutingEvent } from '../routing/index.js';

/**
 * A customer answered a post-contact survey. Not written by the router: the survey system (or the
 * simulator) records it next to the routing events.
 */
export interface SurveyAnsweredEvent extends CoreEvent<'survey-answered'> {
  /** The interaction the survey is about. */
  readonly interactionId: string;
  /** The rating, 1 to `scale`. */
  readonly score: number;
  /** Highest possible rating; default 5. */
  readonly scale?: number;
}

/** Everything a {@link KpiTracker} understands: the routing journal plus survey answers. */
export type AnalyticsEvent = RoutingEvent | SurveyAnsweredEvent;

/** What KPIs can be grouped by. */
export const KpiDimension = {
  queue: 'queue',
  team: 'team',
  agent: 'agent',
  channel: 'channel',
} as const;
/** One of {@link KpiDimension}. */
export type KpiDimension = (typeof KpiDimension)[keyof typeof KpiDimension];

/** Definitions that vary between contact centers. */
export interface KpiOptions {
  /** Service-level threshold T in seconds. Default 20. */
  readonly serviceLevelSeconds?: number;
  /** Abandons within this many seconds of queuing are short abandons (misdials). Default 5. */
  readonly shortAbandonSeconds?: number;
  /** A handled contact is resolved at first contact when the customer does not come back within this window (ms). Default 7 days. */
  readonly fcrWindowMs?: number;
  /** When set, only a repeat contact with the same value of this attribute counts as "about the same matter". */
  readonly fcrMatchAttribute?: string;
  /** Ratings at or above this count as satisfied (CSAT = satisfied / answered surveys), on a 1-5 scale. Default 4. */
  readonly csatSatisfiedMin?: number;
}

/**
 * One set of KPI values. Rates and averages are `null` when their denominator is zero. The
 * definitions are in `docs/decisions/2026-11-26-analytics-kpi-definitions.md`.
 */
export interface KpiValues {
  /** Queue entries in the interval (a transfer to another queue is a new entry there). */
  readonly offered: number;
  /** Entries answered by an agent. */
  readonly answered: number;
  /** Entries abandoned by the customer, short abandons excluded. */
  readonly abandoned: number;
  /** Abandons within `shortAbandonSeconds` of queuing. */
  readonly shortAbandoned: number;
  /** Entries that left unanswered otherwise (moved to another queue, transferred out). */
  readonly transferredOut: number;
  /** Entries answered within the service-level threshold. */
  readonly answeredWithinTarget: number;
  /** answered / (offered - short abandons). */
  readonly answerRate: number | null;
  /** abandoned / (offered - short abandons). */
  readonly abandonRate: number | null;
  /** answered within T / (answered + abandoned after T); short abandons and abandons within T excluded. */
  readonly serviceLevel: number | null;
  /** Average speed of answer: mean queue wait of answered entries, seconds. */
  readonly asaSeconds: number | null;
  /** Longest queue wait of an answered entry, seconds. */
  readonly maxAnswerWaitSeconds: number | null;
  /** Contacts whose handling (talk, hold, wrap-up) ended in the interval. */
  readonly handled: number;
  /** Average handle time = talk + hold + wrap-up, seconds. */
  readonly ahtSeconds: number | null;
  /** Mean talk time (connected, not on hold), seconds. */
  readonly talkSeconds: number | null;
  /** Mean hold time, seconds. */
  readonly holdSeconds: number | null;
  /** Mean wrap-up (after-call work) time, seconds. */
  readonly wrapUpSeconds: number | null;
  /** Contacts waiting now (queued or ringing). */
  readonly waiting: number;
  /** How long the longest-waiting contact has waited now, seconds. */
  readonly longestWaitSeconds: number | null;
  /** Handling time / (available + handling time) of the agents in the group. */
  readonly occupancy: number | null;
  /** Handling time / logged-in time of the agents in the group. */
  readonly utilisation: number | null;
  /** Handled contacts whose FCR window has passed. */
  readonly fcrEvaluated: number;
  /** Share of those with no repeat contact within the window. */
  readonly fcrRate: number | null;
  /** Survey answers in the interval. */
  readonly surveys: number;
  /** Share of satisfied answers (default 4-5 on a 1-5 scale). */
  readonly csat: number | null;
  /** Mean rating, rescaled to 1-5. */
  readonly csatMean: number | null;
  /** Contacts that entered the IVR in the interval. */
  readonly ivrSessions: number;
  /** Of those, contacts that finished in the IVR (self-service) without reaching a queue or agent. */
  readonly ivrContained: number;
  /** ivrContained / IVR sessions that have ended (open sessions excluded). */
  readonly ivrContainment: number | null;
}

/** KPIs over an interval, in total and per group. */
export interface KpiReport {
  /** Interval start, epoch ms (inclusive). */
  readonly from: number;
  /** Interval end, epoch ms (exclusive). */
  readonly to: number;
  /** The dimension of `groups`, if grouped. */
  readonly groupBy: KpiDimension | null;
  /** Values over everything in the interval. */
  readonly total: KpiValues;
  /** Values per group key, keys in sorted order. */
  readonly groups: Readonly<Record<string, KpiValues>>;
}

/** What {@link KpiTracker.query} takes. */
export interface KpiQuery {
  /** Interval start, epoch ms (inclusive). Default: the first event. */
  readonly from?: number;
  /** Interval end, epoch ms (exclusive). Default: now. */
  readonly to?: number;
  /** Group the values by queue, team, agent or channel. */
  readonly groupBy?: KpiDimension;
}

/** The live view: the last sliding window and today, per queue. */
export interface KpiSnapshot {
  /** When it was computed (clock time). */
  readonly at: number;
  /** The sliding window (default the last 15 minutes), grouped by queue. */
  readonly window: KpiReport;
  /** Since local midnight (in the tracker's time zone), grouped by queue. */
  readonly today: KpiReport;
}
