import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { checkNumber } from './checks.js';

/** Largest agent count the staffing functions accept. */
export const MAX_AGENTS = 1_000_000;

/** @internal */
export function checkTrafficAndAgents(trafficErlangs: number, agents: number): void {
  const issues: ValidationIssue[] = [];
  checkNumber(issues, '$.trafficErlangs', trafficErlangs, { min: 0 });
  checkNumber(issues, '$.agents', agents, { min: 0, max: MAX_AGENTS, integer: true });
  if (issues.length > 0) throw new ValidationError('Erlang input', issues);
}

/**
 * Natural log of Erlang B, by the recursion on its inverse
 * `1/B(n) = 1 + (n / A) / B(n-1)` carried out in log space: no factorials, no overflow, no
 * underflow, O(n) for any n.
 *
 * @internal
 */
export function logErlangB(trafficErlangs: number, agents: number): number {
  if (agents === 0) return 0;
  if (trafficErlangs === 0) return -Infinity;
  const logA = Math.log(trafficErlangs);
  let logInv = 0; // log(1/B(0)) = 0
  for (let n = 1; n <= agents; n++) {
    const z = Math.log(n) - logA + logInv;
    logInv = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
  return -logInv;
}

/**
 * Erlang B: the probability that a call is blocked when `agents` servers carry `trafficErlangs`
 * of offered load and there is no queue (M/M/n/n). Numerically stable for any number of agents
 * (computed by recursion in log space, never with factorials).
 *
 * @param trafficErlangs - offered load A = arrival rate x mean handle time (>= 0).
 * @param agents - number of servers n (a whole number >= 0).
 * @returns the blocking probability in [0, 1].
 * @throws {@link shared!ValidationError} for negative, non-finite or fractional inputs.
 *
 * @example
 * ```ts
 * erlangB(2, 2); // 0.4
 * erlangB(84.06, 100); // ~0.01: 100 trunks carry 84 Erlangs at 1% blocking
 * ```
 */
export function erlangB(trafficErlangs: number, agents: number): number {
  checkTrafficAndAgents(trafficErlangs, agents);
  return Math.exp(logErlangB(trafficErlangs, agents));
}
