import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { checkNumber } from './checks.js';
import { logErlangB, MAX_AGENTS } from './erlang-b.js';
import { erlangCFromB } from './erlang-c.js';
import { logIntegrateConcave } from './numeric.js';

/** Longest mean patience accepted (about 11.5 days); longer is Erlang C in all but name. */
export const MAX_PATIENCE_SECONDS = 1_000_000;

/**
 * Most callers arriving during one mean patience (`callsPerHour / 3600 x patienceSeconds`) that
 * Erlang A accepts. The model's series runs over the number of callers waiting, about that many
 * terms when agents are short of the load, so this bounds the work of one evaluation (tens of
 * milliseconds). Larger values come from patience far beyond handle times (use Erlang C, without
 * patience) or from a load beyond any single contact center.
 */
export const MAX_ARRIVALS_PER_PATIENCE = 1_000_000;

/**
 * Pushes an issue at `path` when `callsPerHour` and `patienceSeconds` exceed
 * {@link MAX_ARRIVALS_PER_PATIENCE}.
 *
 * @internal
 */
export function checkArrivalsPerPatience(
  issues: ValidationIssue[],
  path: string,
  callsPerHour: number,
  patienceSeconds: number,
): void {
  const arrivals = (callsPerHour / 3600) * patienceSeconds;
  if (Number.isFinite(arrivals) && arrivals > MAX_ARRIVALS_PER_PATIENCE)
    issues.push({
      path,
      message:
        `with ${callsPerHour} calls per hour, ${Math.round(arrivals)} callers arrive during one ` +
        `mean patience, more than ${MAX_ARRIVALS_PER_PATIENCE} (MAX_ARRIVALS_PER_PATIENCE): at ` +
        `most ${Math.floor((MAX_ARRIVALS_PER_PATIENCE * 3600) / callsPerHour)} seconds, or leave ` +
        `patience out (Erlang C)`,
    });
}

/** Input of {@link erlangAMetrics}. */
export interface ErlangAInput {
  /** Offered calls per hour (>= 0). */
  readonly callsPerHour: number;
  /** Mean handle time in seconds (> 0). */
  readonly ahtSeconds: number;
  /** Mean customer patience in seconds: callers abandon after an exponential time with this mean. */
  readonly patienceSeconds: number;
  /** Number of agents (a whole number >= 0). */
  readonly agents: number;
  /** Service-level threshold T in seconds (>= 0). */
  readonly targetSeconds: number;
}

/** Steady-state performance of an M/M/n+M queue, as returned by {@link erlangAMetrics}. */
export interface ErlangAMetrics {
  /** Offered load in Erlangs. */
  readonly trafficErlangs: number;
  /** Number of agents. */
  readonly agents: number;
  /** Probability that an arriving caller finds every agent busy and waits. */
  readonly probabilityOfWaiting: number;
  /** The Erlang C value for the same load and agents (what the queue would do without abandonment). */
  readonly erlangC: number;
  /** Share of offered callers who hang up before being answered. */
  readonly abandonRate: number;
  /**
   * Service level, Switchboard's default variant: answered within T / (answered + abandoned after
   * T). Callers who give up within T count neither for nor against it.
   */
  readonly serviceLevel: number;
  /** Share of all offered callers answered within T (the strict variant). */
  readonly answeredWithinTarget: number;
  /** Share of all offered callers who abandon within T. */
  readonly abandonedWithinTarget: number;
  /** Average speed of answer in seconds: mean wait of answered callers. */
  readonly asaSeconds: number;
  /** Mean wait in seconds of every caller, answered or abandoned (= abandonRate x patience). */
  readonly averageWaitSeconds: number;
  /** Share of agent time spent handling calls: carried load / agents. */
  readonly occupancy: number;
}

/** @internal */
export function checkErlangAInput(input: ErlangAInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkNumber(issues, '$.callsPerHour', input.callsPerHour, { min: 0 });
  checkNumber(issues, '$.ahtSeconds', input.ahtSeconds, { above: 0 });
  checkNumber(issues, '$.patienceSeconds', input.patienceSeconds, {
    above: 0,
    max: MAX_PATIENCE_SECONDS,
  });
  checkNumber(issues, '$.agents', input.agents, { min: 0, max: MAX_AGENTS, integer: true });
  checkNumber(issues, '$.targetSeconds', input.targetSeconds, { min: 0 });
  checkArrivalsPerPatience(issues, '$.patienceSeconds', input.callsPerHour, input.patienceSeconds);
  return issues;
}

/**
 * Sums over the number k of callers already waiting when a delayed caller arrives. With
 * x = n mu / theta and y = lambda / theta, the stationary weight of k is
 * w_k = y^k / ((x+1)(x+2)...(x+k)); a caller who finds k ahead is answered with probability
 * x / (x+k+1), and (in units of 1/theta) waits k+1 / (x+k+1) on average before leaving the queue,
 * answered or not. All sums are kept in log space with a running scale.
 */
interface QueueSums {
  /** log of sum w_k = log A(x, y), Palm's / Mandelbaum-Zeltyn's A function. */
  readonly logWeight: number;
  /** P(abandon | delayed). */
  readonly abandonGivenDelay: number;
  /** E[wait; answered | delayed], in units of 1/theta. */
  readonly answeredWaitGivenDelay: number;
}

const MAX_TERMS = 100_000_000;

function queueSums(x: number, y: number): QueueSums {
  const logY = Math.log(y);
  let scale = 0; // log of the running maximum weight
  let sumW = 1; // sums scaled by exp(-scale); k = 0 has weight 1
  let sumAb = 1 / (x + 1);
  let harmonic = 1 / (x + 1);
  let sumWait = (x / (x + 1)) * harmonic;
  let logW = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    logW += logY - Math.log(x + k);
    harmonic += 1 / (x + k + 1);
    if (logW > scale) {
      const f = Math.exp(scale - logW);
      sumW *= f;
      sumAb *= f;
      sumWait *= f;
      scale = logW;
    }
    const w = Math.exp(logW - scale);
    sumW += w;
    sumAb += (w * (k + 1)) / (x + k + 1);
    sumWait += ((w * x) / (x + k + 1)) * harmonic;
    const ratio = y / (x + k + 1);
    if (ratio < 1 && logW - scale - Math.log1p(-ratio) + Math.log(k + 2) < -45) break;
  }
  return {
    logWeight: scale + Math.log(sumW),
    abandonGivenDelay: sumAb / sumW,
    answeredWaitGivenDelay: sumWait / sumW,
  };
}

/** @internal */
export function erlangAMetricsUnchecked(input: ErlangAInput): ErlangAMetrics {
  const { agents: n, ahtSeconds, patienceSeconds, targetSeconds } = input;
  const lambda = input.callsPerHour / 3600;
  const traffic = lambda * ahtSeconds;
  const logB = logErlangB(traffic, n);
  const erlangC = erlangCFromB(traffic, n, logB);
  if (lambda === 0) {
    return {
      trafficErlangs: 0,
      agents: n,
      probabilityOfWaiting: n === 0 ? 1 : 0,
      erlangC,
      abandonRate: 0,
      serviceLevel: 1,
      answeredWithinTarget: 1,
      abandonedWithinTarget: 0,
      asaSeconds: 0,
      averageWaitSeconds: 0,
      occupancy: 0,
    };
  }
  const thetaT = targetSeconds / patienceSeconds;
  if (n === 0) {
    const abandonedWithinTarget = -Math.expm1(-thetaT);
    return {
      trafficErlangs: traffic,
      agents: 0,
      probabilityOfWaiting: 1,
      erlangC: 1,
      abandonRate: 1,
      serviceLevel: 0,
      answeredWithinTarget: 0,
      abandonedWithinTarget,
      asaSeconds: 0,
      averageWaitSeconds: patienceSeconds,
      occupancy: 0,
    };
  }
  const x = (n * patienceSeconds) / ahtSeconds;
  const y = lambda * patienceSeconds;
  const sums = queueSums(x, y);
  // P(W > 0) = A E / (1 + (A - 1) E) = 1 / (1 + (1/E - 1) / A), with E = Erlang B.
  const logInvEMinus1 = Math.log(-Math.expm1(logB)) - logB;
  const pWait = 1 / (1 + Math.exp(logInvEMinus1 - sums.logWeight));

  const logXOverA = Math.log(x) - sums.logWeight;
  // Density of the offered wait V of a delayed caller, in units of 1/theta:
  // f(s) = (x / A) e^{-x s} exp(y (1 - e^{-s})). Answered within T: V <= T and V < patience.
  const answeredBy = (upper: number): number => {
    if (upper <= 0) return 0;
    const L = (s: number): number => -(x + 1) * s - y * Math.expm1(-s);
    const mode = y > x + 1 ? Math.log(y / (x + 1)) : 0;
    return Math.exp(logXOverA + logIntegrateConcave(L, 0, upper, mode));
  };
  const L0 = (s: number): number => -x * s - y * Math.expm1(-s);
  const mode0 = y > x ? Math.log(y / x) : 0;
  const vBeyondT = Math.min(
    1,
    Math.exp(logXOverA + logIntegrateConcave(L0, thetaT, Infinity, Math.max(mode0, thetaT))),
  );
  const answeredWithinGivenDelay = Math.min(1 - sums.abandonGivenDelay, answeredBy(thetaT));
  const abandonedWithinGivenDelay = Math.max(
    0,
    1 - Math.exp(-thetaT) * vBeyondT - answeredWithinGivenDelay,
  );

  const abandonRate = pWait * sums.abandonGivenDelay;
  const answered = 1 - abandonRate;
  const answeredWithinTarget = 1 - pWait + pWait * answeredWithinGivenDelay;
  const abandonedWithinTarget = pWait * abandonedWithinGivenDelay;
  const counted = 1 - abandonedWithinTarget;
  return {
    trafficErlangs: traffic,
    agents: n,
    probabilityOfWaiting: pWait,
    erlangC,
    abandonRate,
    serviceLevel: counted > 0 ? Math.min(1, answeredWithinTarget / counted) : 0,
    answeredWithinTarget,
    abandonedWithinTarget,
    asaSeconds:
      answered > 0 ? (pWait * sums.answeredWaitGivenDelay * patienceSeconds) / answered : 0,
    averageWaitSeconds: abandonRate * patienceSeconds,
    occupancy: Math.min(1, (traffic * answered) / n),
  };
}

/**
 * Erlang A (Palm's M/M/n+M queue): performance of `agents` agents when callers abandon after an
 * exponentially distributed patience. Closed forms after Mandelbaum & Zeltyn, evaluated in log
 * space (Erlang B by recursion, the A(x, y) series and the wait-time integrals scaled to their
 * peak), so results are stable from 1 to 10,000 agents and under overload.
 *
 * @throws {@link shared!ValidationError} listing every invalid field.
 *
 * @example
 * ```ts
 * const m = erlangAMetrics({
 *   callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 120, agents: 12, targetSeconds: 20,
 * });
 * m.abandonRate; // share of callers who hang up
 * m.serviceLevel; // answered within 20 s / (answered + abandoned after 20 s)
 * ```
 */
export function erlangAMetrics(input: ErlangAInput): ErlangAMetrics {
  const issues = checkErlangAInput(input);
  if (issues.length > 0) throw new ValidationError('Erlang A input', issues);
  return erlangAMetricsUnchecked(input);
}
