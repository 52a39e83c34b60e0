import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { checkNumber } from './checks.js';
import { checkTrafficAndAgents, logErlangB, MAX_AGENTS } from './erlang-b.js';

/**
 * Erlang C from Erlang B, `C = n B / (n - A (1 - B))`, when `n > A`; 1 otherwise (the queue grows
 * without bound, so every caller waits).
 *
 * @internal
 */
export function erlangCFromB(trafficErlangs: number, agents: number, logB: number): number {
  if (agents <= trafficErlangs) return 1;
  const b = Math.exp(logB);
  return Math.min(1, (agents * b) / (agents - trafficErlangs * (1 - b)));
}

/**
 * Erlang C: the probability that a caller has to wait in an M/M/n queue with patient callers
 * (Poisson arrivals, exponential handle times, infinite queue). Computed from the log-space Erlang B
 * recursion, so it is stable from 1 to 10,000 agents and beyond.
 *
 * @param trafficErlangs - offered load A = arrival rate x mean handle time (>= 0).
 * @param agents - number of agents n (a whole number >= 0).
 * @returns the probability of waiting in [0, 1]; exactly 1 when `agents <= trafficErlangs`.
 *
 * @example
 * ```ts
 * erlangC(10, 14); // ~0.1741: 200 calls/h of 180 s on 14 agents
 * ```
 */
export function erlangC(trafficErlangs: number, agents: number): number {
  checkTrafficAndAgents(trafficErlangs, agents);
  return erlangCFromB(trafficErlangs, agents, logErlangB(trafficErlangs, agents));
}

/** Input of {@link erlangCMetrics}. */
export interface ErlangCInput {
  /** Offered calls per hour (>= 0). */
  readonly callsPerHour: number;
  /** Mean handle time in seconds: talk + hold + wrap-up (> 0). */
  readonly ahtSeconds: number;
  /** Number of agents on the phones (a whole number >= 0). */
  readonly agents: number;
  /** Service-level threshold T in seconds (>= 0). */
  readonly targetSeconds: number;
}

/** Steady-state performance of an M/M/n queue, as returned by {@link erlangCMetrics}. */
export interface ErlangCMetrics {
  /** Offered load in Erlangs (calls per second x AHT). */
  readonly trafficErlangs: number;
  /** Number of agents. */
  readonly agents: number;
  /** Whether the queue is stable (`agents > trafficErlangs`); otherwise waits grow without bound. */
  readonly stable: boolean;
  /** Probability that a caller waits at all (the Erlang C value). */
  readonly erlangC: number;
  /** Share of callers answered within `targetSeconds`: `1 - C e^{-(n - A) T / AHT}`. */
  readonly serviceLevel: number;
  /** Average speed of answer in seconds: `C AHT / (n - A)` (Infinity when unstable). */
  readonly asaSeconds: number;
  /** Share of agent time spent handling calls: `A / n` (at most 1). */
  readonly occupancy: number;
}

/** @internal */
export function checkErlangCInput(input: ErlangCInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkNumber(issues, '$.callsPerHour', input.callsPerHour, { min: 0 });
  checkNumber(issues, '$.ahtSeconds', input.ahtSeconds, { above: 0 });
  checkNumber(issues, '$.agents', input.agents, { min: 0, max: MAX_AGENTS, integer: true });
  checkNumber(issues, '$.targetSeconds', input.targetSeconds, { min: 0 });
  return issues;
}

/** @internal */
export function erlangCMetricsUnchecked(
  trafficErlangs: number,
  ahtSeconds: number,
  agents: number,
  targetSeconds: number,
  logB: number,
): ErlangCMetrics {
  const stable = agents > trafficErlangs;
  const c = erlangCFromB(trafficErlangs, agents, logB);
  const occupancy = agents === 0 ? 1 : Math.min(1, trafficErlangs / agents);
  if (!stable) {
    return {
      trafficErlangs,
      agents,
      stable,
      erlangC: 1,
      serviceLevel: 0,
      asaSeconds: Infinity,
      occupancy,
    };
  }
  const gap = agents - trafficErlangs;
  return {
    trafficErlangs,
    agents,
    stable,
    erlangC: c,
    serviceLevel: 1 - c * Math.exp((-gap * targetSeconds) / ahtSeconds),
    asaSeconds: (c * ahtSeconds) / gap,
    occupancy,
  };
}

/**
 * Erlang C performance of `agents` agents: probability of waiting, service level, ASA and
 * occupancy (M/M/n, patient callers).
 *
 * @throws {@link shared!ValidationError} listing every invalid field.
 *
 * @example
 * ```ts
 * const m = erlangCMetrics({ callsPerHour: 200, ahtSeconds: 180, agents: 14, targetSeconds: 20 });
 * m.serviceLevel; // ~0.888
 * m.asaSeconds; // ~7.8
 * ```
 */
export function erlangCMetrics(input: ErlangCInput): ErlangCMetrics {
  const issues = checkErlangCInput(input);
  if (issues.length > 0) throw new ValidationError('Erlang C input', issues);
  const traffic = (input.callsPerHour / 3600) * input.ahtSeconds;
  return erlangCMetricsUnchecked(
    traffic,
    input.ahtSeconds,
    input.agents,
    input.targetSeconds,
    logErlangB(traffic, input.agents),
  );
}
