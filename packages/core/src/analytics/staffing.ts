import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { checkNumber } from './checks.js';
import {
  checkArrivalsPerPatience,
  erlangAMetricsUnchecked,
  MAX_PATIENCE_SECONDS,
} from './erlang-a.js';
import { logErlangB, MAX_AGENTS } from './erlang-b.js';
import { erlangCMetricsUnchecked } from './erlang-c.js';

/** Which queueing model a staffing plan used. */
export const StaffingModel = {
  /** M/M/n, patient callers. */
  ErlangC: 'erlang-c',
  /** M/M/n+M, callers abandon after an exponential patience. */
  ErlangA: 'erlang-a',
} as const;
/** A value of {@link StaffingModel}. */
export type StaffingModel = (typeof StaffingModel)[keyof typeof StaffingModel];

/** What to staff for: the load and the targets. */
export interface StaffingRequest {
  /** Offered calls per hour (>= 0). */
  readonly callsPerHour: number;
  /** Mean handle time in seconds: talk + hold + wrap-up (> 0). */
  readonly ahtSeconds: number;
  /** Service-level threshold T in seconds (>= 0), e.g. 20 for "80/20". */
  readonly targetSeconds: number;
  /** Target service level in (0, 1), e.g. 0.8 for "80/20". Default 0.8. */
  readonly serviceLevel?: number;
  /** Mean patience in seconds; when given, Erlang A (with abandonment) is used instead of Erlang C. */
  readonly patienceSeconds?: number;
  /** Optional cap on the average speed of answer, in seconds. */
  readonly maxAsaSeconds?: number;
  /** Optional cap on the abandonment rate in (0, 1) (Erlang A only). */
  readonly maxAbandonRate?: number;
  /** Share of paid time agents are unavailable, in [0, 1). Default 0. */
  readonly shrinkage?: number;
}

/** Performance of one agent count in a {@link StaffingPlan}. */
export interface StaffingRow {
  /** Agents on the phones. */
  readonly agents: number;
  /** Agents to schedule so that `agents` are available after shrinkage. */
  readonly scheduledAgents: number;
  /** Service level: Erlang C `P(wait <= T)`; Erlang A answered within T / (answered + abandoned after T). */
  readonly serviceLevel: number;
  /** Average speed of answer (mean wait of answered calls), seconds. */
  readonly asaSeconds: number;
  /** Share of available agent time spent handling calls. */
  readonly occupancy: number;
  /** Erlang C probability of waiting for this load and agent count (1 when agents <= load). */
  readonly erlangC: number;
  /** Erlang A only: share of offered calls abandoned. */
  readonly abandonRate?: number;
  /** Whether this row meets every target of the request. */
  readonly meetsTarget: boolean;
}

/** A staffing recommendation with a table of agent counts around it. */
export interface StaffingPlan {
  /** The queueing model used. */
  readonly model: StaffingModel;
  /** Offered load in Erlangs. */
  readonly trafficErlangs: number;
  /** Fewest agents on the phones meeting every target. */
  readonly recommendedAgents: number;
  /** Agents to schedule for that, after shrinkage: `ceil(recommended / (1 - shrinkage))`. */
  readonly scheduledAgents: number;
  /** The shrinkage applied. */
  readonly shrinkage: number;
  /** Rows for agent counts around the recommendation, ascending. */
  readonly rows: readonly StaffingRow[];
}

/**
 * Most work a {@link planStaffing} table may take, in agent-rows: rows x offered load. Each row
 * evaluates its agent count in time linear in the count (tens of milliseconds near
 * {@link MAX_AGENTS}), so a table of 2,001 rows at 800,000 Erlangs took minutes; this bound keeps a
 * table to about a second. Below 20,000 Erlangs every allowed table (up to 1,000 rows each side)
 * fits.
 */
export const MAX_STAFFING_TABLE_WORK = 20_000_000;

/** Options of {@link planStaffing}. */
export interface StaffingPlanOptions {
  /** Rows below the recommendation (default 3; Erlang C never lists unstable counts). */
  readonly rowsBefore?: number;
  /** Rows above the recommendation (default 3). */
  readonly rowsAfter?: number;
}

/**
 * Agents to schedule so that `agents` remain available after `shrinkage`:
 * `ceil(agents / (1 - shrinkage))`.
 *
 * @example
 * ```ts
 * applyShrinkage(14, 0.3); // 20
 * ```
 */
export function applyShrinkage(agents: number, shrinkage: number): number {
  const issues: ValidationIssue[] = [];
  checkNumber(issues, '$.agents', agents, { min: 0 });
  checkNumber(issues, '$.shrinkage', shrinkage, { min: 0, below: 1 });
  if (issues.length > 0) throw new ValidationError('shrinkage input', issues);
  // Round away representation noise (14 / 0.7 = 20.000000000000004) before taking the ceiling.
  return Math.ceil(Math.round((agents / (1 - shrinkage)) * 1e9) / 1e9);
}

/** Checks a {@link StaffingRequest}; returns every problem with its path. */
export function validateStaffingRequest(request: StaffingRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkNumber(issues, '$.callsPerHour', request.callsPerHour, { min: 0 });
  checkNumber(issues, '$.ahtSeconds', request.ahtSeconds, { above: 0 });
  checkNumber(issues, '$.targetSeconds', request.targetSeconds, { min: 0 });
  if (request.serviceLevel !== undefined)
    checkNumber(issues, '$.serviceLevel', request.serviceLevel, { above: 0, below: 1 });
  if (
    request.patienceSeconds !== undefined &&
    checkNumber(issues, '$.patienceSeconds', request.patienceSeconds, {
      above: 0,
      max: MAX_PATIENCE_SECONDS,
    })
  )
    checkArrivalsPerPatience(
      issues,
      '$.patienceSeconds',
      request.callsPerHour,
      request.patienceSeconds,
    );
  if (request.maxAsaSeconds !== undefined)
    checkNumber(issues, '$.maxAsaSeconds', request.maxAsaSeconds, { above: 0 });
  if (request.maxAbandonRate !== undefined) {
    if (checkNumber(issues, '$.maxAbandonRate', request.maxAbandonRate, { above: 0, below: 1 }))
      if (request.patienceSeconds === undefined)
        issues.push({
          path: '$.maxAbandonRate',
          message: 'needs patienceSeconds: without abandonment (Erlang C) nobody abandons',
        });
  }
  if (request.shrinkage !== undefined)
    checkNumber(issues, '$.shrinkage', request.shrinkage, { min: 0, below: 1 });
  const traffic = (request.callsPerHour / 3600) * request.ahtSeconds;
  if (Number.isFinite(traffic) && traffic >= MAX_AGENTS)
    issues.push({
      path: '$.callsPerHour',
      message:
        `with an AHT of ${request.ahtSeconds} s is an offered load of ${traffic} Erlangs, more ` +
        `than ${MAX_AGENTS} agents (MAX_AGENTS, the most the staffing functions handle) can ` +
        `carry: at most ${Math.floor(((MAX_AGENTS - 1) * 3600) / request.ahtSeconds)} calls per hour`,
    });
  return issues;
}

interface Evaluator {
  readonly model: StaffingModel;
  readonly traffic: number;
  row(agents: number): StaffingRow;
}

function evaluator(request: StaffingRequest): Evaluator {
  const traffic = (request.callsPerHour / 3600) * request.ahtSeconds;
  const shrinkage = request.shrinkage ?? 0;
  const target = request.serviceLevel ?? 0.8;
  const meets = (sl: number, asa: number, abandon: number): boolean =>
    sl >= target &&
    (request.maxAsaSeconds === undefined || asa <= request.maxAsaSeconds) &&
    (request.maxAbandonRate === undefined || abandon <= request.maxAbandonRate);
  const patience = request.patienceSeconds;
  if (patience === undefined) {
    return {
      model: StaffingModel.ErlangC,
      traffic,
      row(agents) {
        const m = erlangCMetricsUnchecked(
          traffic,
          request.ahtSeconds,
          agents,
          request.targetSeconds,
          logErlangB(traffic, agents),
        );
        return {
          agents,
          scheduledAgents: applyShrinkage(agents, shrinkage),
          serviceLevel: m.serviceLevel,
          asaSeconds: m.asaSeconds,
          occupancy: m.occupancy,
          erlangC: m.erlangC,
          meetsTarget: m.stable && meets(m.serviceLevel, m.asaSeconds, 0),
        };
      },
    };
  }
  return {
    model: StaffingModel.ErlangA,
    traffic,
    row(agents) {
      const m = erlangAMetricsUnchecked({
        callsPerHour: request.callsPerHour,
        ahtSeconds: request.ahtSeconds,
        patienceSeconds: patience,
        agents,
        targetSeconds: request.targetSeconds,
      });
      return {
        agents,
        scheduledAgents: applyShrinkage(agents, shrinkage),
        serviceLevel: m.serviceLevel,
        asaSeconds: m.asaSeconds,
        occupancy: m.occupancy,
        erlangC: m.erlangC,
        abandonRate: m.abandonRate,
        meetsTarget: meets(m.serviceLevel, m.asaSeconds, m.abandonRate),
      };
    },
  };
}

/**
 * Smallest agent count meeting the targets. Every metric improves with more agents, so this is an
 * exponential search for an upper bound followed by a binary search. No count above
 * {@link MAX_AGENTS} is ever evaluated (each evaluation costs time linear in the count).
 */
function search(ev: Evaluator): number {
  const tooMany = (): ValidationError =>
    new ValidationError('staffing request', [
      { path: '$', message: `the targets need more than ${MAX_AGENTS} agents (MAX_AGENTS)` },
    ]);
  let lo = ev.model === StaffingModel.ErlangC ? Math.floor(ev.traffic) : 0; // fails (or is 0)
  if (ev.traffic === 0) return 0;
  if (lo >= MAX_AGENTS) throw tooMany();
  let step = Math.max(1, Math.ceil(Math.sqrt(ev.traffic)));
  let hi = Math.min(lo + step, MAX_AGENTS);
  while (!ev.row(hi).meetsTarget) {
    if (hi >= MAX_AGENTS) throw tooMany();
    lo = hi;
    step *= 2;
    hi = Math.min(lo + step, MAX_AGENTS);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ev.row(mid).meetsTarget) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The fewest agents on the phones that meet the request's targets (service level, and optionally
 * ASA and abandonment), by Erlang C, or Erlang A when `patienceSeconds` is given. Shrinkage is not
 * applied: see {@link applyShrinkage} or {@link planStaffing}.
 *
 * @throws {@link shared!ValidationError} listing every invalid field.
 *
 * @example
 * ```ts
 * requiredAgents({ callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 }); // 14
 * ```
 */
export function requiredAgents(request: StaffingRequest): number {
  const issues = validateStaffingRequest(request);
  if (issues.length > 0) throw new ValidationError('staffing request', issues);
  return search(evaluator(request));
}

/**
 * A staffing plan: the recommended agent count (Erlang C, or Erlang A with `patienceSeconds`),
 * the number to schedule after shrinkage, and a table of rows around the recommendation.
 *
 * @throws {@link shared!ValidationError} listing every invalid field.
 *
 * @example
 * ```ts
 * const plan = planStaffing({
 *   callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, shrinkage: 0.3,
 * });
 * plan.recommendedAgents; // 14
 * plan.scheduledAgents; // 20
 * plan.rows.map((r) => [r.agents, r.serviceLevel]);
 * ```
 */
export function planStaffing(
  request: StaffingRequest,
  options: StaffingPlanOptions = {},
): StaffingPlan {
  const issues = validateStaffingRequest(request);
  const before = options.rowsBefore ?? 3;
  const after = options.rowsAfter ?? 3;
  const rowsOk =
    checkNumber(issues, '$options.rowsBefore', before, { min: 0, max: 1000, integer: true }) &&
    checkNumber(issues, '$options.rowsAfter', after, { min: 0, max: 1000, integer: true });
  const traffic = (request.callsPerHour / 3600) * request.ahtSeconds;
  if (rowsOk && issues.length === 0 && (before + after + 1) * traffic > MAX_STAFFING_TABLE_WORK) {
    const most = Math.max(0, Math.floor(MAX_STAFFING_TABLE_WORK / traffic) - 1);
    issues.push({
      path: '$options.rowsBefore',
      message:
        `must be at most ${most} together with rowsAfter, for an offered load of ` +
        `${Math.round(traffic)} Erlangs (each row costs time linear in its agents; ` +
        `MAX_STAFFING_TABLE_WORK is ${MAX_STAFFING_TABLE_WORK} agent-rows)`,
    });
  }
  if (issues.length > 0) throw new ValidationError('staffing request', issues);
  const ev = evaluator(request);
  const recommended = search(ev);
  const lowest =
    ev.model === StaffingModel.ErlangC ? Math.floor(ev.traffic) + 1 : Math.min(recommended, 1);
  const first = Math.max(lowest, recommended - before, 0);
  const rows: StaffingRow[] = [];
  const last = Math.min(recommended + after, MAX_AGENTS);
  for (let n = first; n <= last; n++) rows.push(ev.row(n));
  const shrinkage = request.shrinkage ?? 0;
  return {
    model: ev.model,
    trafficErlangs: ev.traffic,
    recommendedAgents: recommended,
    scheduledAgents: applyShrinkage(recommended, shrinkage),
    shrinkage,
    rows,
  };
}
