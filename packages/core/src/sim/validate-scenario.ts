import { validateKpiOptions } from '../analytics/index.js';
import { validateAgentConfig } from '../agents/index.js';
import { isValidTimeZone } from '../calendar/time-zone.js';
import { isChannel, CHANNELS } from '../interactions/index.js';
import { validateQueueConfig } from '../routing/index.js';
import { ValidationError, type ValidationIssue } from '../shared/index.js';
import type { Scenario } from './scenario.js';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_AGENTS_TOTAL = 100_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(
  issues: ValidationIssue[],
  path: string,
  v: unknown,
  opts: { min?: number; above?: number; max?: number; integer?: boolean; optional?: boolean } = {},
): void {
  if (v === undefined && opts.optional) return;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ path, message: 'must be a finite number' });
    return;
  }
  if (opts.integer && !Number.isInteger(v))
    issues.push({ path, message: 'must be a whole number' });
  if (opts.min !== undefined && v < opts.min)
    issues.push({ path, message: `must be >= ${opts.min}` });
  if (opts.above !== undefined && v <= opts.above)
    issues.push({ path, message: `must be > ${opts.above}` });
  if (opts.max !== undefined && v > opts.max)
    issues.push({ path, message: `must be <= ${opts.max}` });
}

function distribution(issues: ValidationIssue[], path: string, v: unknown): void {
  if (!isObj(v)) {
    issues.push({
      path,
      message: 'must be a distribution object, e.g. { "type": "exponential", "mean": 180 }',
    });
    return;
  }
  switch (v.type) {
    case 'exponential':
      num(issues, `${path}.mean`, v.mean, { above: 0 });
      return;
    case 'lognormal':
      num(issues, `${path}.mean`, v.mean, { above: 0 });
      num(issues, `${path}.sd`, v.sd, { above: 0 });
      return;
    case 'fixed':
      num(issues, `${path}.value`, v.value, { min: 0 });
      return;
    case 'uniform':
      num(issues, `${path}.min`, v.min, { min: 0 });
      num(issues, `${path}.max`, v.max, { min: 0 });
      if (typeof v.min === 'number' && typeof v.max === 'number' && v.max < v.min)
        issues.push({ path: `${path}.max`, message: 'must be >= min' });
      return;
    default:
      issues.push({
        path: `${path}.type`,
        message: `must be one of exponential, lognormal, fixed, uniform (got ${JSON.stringify(v.type)})`,
      });
  }
}

function time(issues: ValidationIssue[], path: string, v: unknown): void {
  if (typeof v !== 'string' || !TIME_RE.test(v))
    issues.push({ path, message: `must be a local time 'HH:MM' (got ${JSON.stringify(v)})` });
}

function prefixed(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => ({ path: prefix + i.path.slice(1), message: i.message }));
}

/**
 * Checks a scenario and returns every problem, each with its path (empty when valid). Queue and
 * agent descriptions are checked by the router's own validators.
 *
 * @example
 * ```ts
 * validateScenario({ durationHours: 0, queues: [], arrivals: [], agents: [] });
 * // [{ path: '$.durationHours', message: 'must be > 0' }, ...]
 * ```
 */
export function validateScenario(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObj(value)) return [{ path: '$', message: 'scenario must be a JSON object' }];
  const s = value;
  if (s.name !== undefined && typeof s.name !== 'string')
    issues.push({ path: '$.name', message: 'must be a string' });
  num(issues, '$.seed', s.seed, { integer: true, min: 0, max: 2 ** 32 - 1, optional: true });
  if (s.start !== undefined && (typeof s.start !== 'string' || Number.isNaN(Date.parse(s.start))))
    issues.push({
      path: '$.start',
      message: 'must be an ISO 8601 date-time, e.g. 2026-01-05T00:00:00Z',
    });
  if (s.timeZone !== undefined && (typeof s.timeZone !== 'string' || !isValidTimeZone(s.timeZone)))
    issues.push({ path: '$.timeZone', message: 'must be an IANA time zone, e.g. Europe/London' });
  num(issues, '$.durationHours', s.durationHours, { above: 0, max: 24 * 366 });
  num(issues, '$.warmUpMinutes', s.warmUpMinutes, { min: 0, optional: true });
  if (
    typeof s.warmUpMinutes === 'number' &&
    typeof s.durationHours === 'number' &&
    s.warmUpMinutes >= s.durationHours * 60
  )
    issues.push({ path: '$.warmUpMinutes', message: 'must be shorter than the run' });
  num(issues, '$.drainMinutes', s.drainMinutes, { min: 0, optional: true });
  if (s.answerDelay !== undefined) distribution(issues, '$.answerDelay', s.answerDelay);
  if (s.kpi !== undefined) {
    if (!isObj(s.kpi)) issues.push({ path: '$.kpi', message: 'must be an object' });
    else issues.push(...validateKpiOptions(s.kpi, '$.kpi'));
  }

  const queueIds = new Set<string>();
  if (!Array.isArray(s.queues) || s.queues.length === 0) {
    issues.push({ path: '$.queues', message: 'must be a non-empty array of queue descriptions' });
  } else {
    s.queues.forEach((q, i) => {
      issues.push(
        ...prefixed(validateQueueConfig(q, { queues: new Set(queueIds) }), `$.queues[${i}]`),
      );
      const id = isObj(q) ? q.id : undefined;
      if (typeof id === 'string') {
        if (queueIds.has(id))
          issues.push({ path: `$.queues[${i}].id`, message: `duplicate queue id '${id}'` });
        queueIds.add(id);
      }
    });
  }

  if (!Array.isArray(s.arrivals) || s.arrivals.length === 0) {
    issues.push({ path: '$.arrivals', message: 'must be a non-empty array of arrival streams' });
  } else {
    s.arrivals.forEach((a, i) => {
      const p = `$.arrivals[${i}]`;
      if (!isObj(a)) {
        issues.push({ path: p, message: 'must be an object' });
        return;
      }
      if (typeof a.queue !== 'string' || !queueIds.has(a.queue))
        issues.push({
          path: `${p}.queue`,
          message: `must name a queue of $.queues (got ${JSON.stringify(a.queue)})`,
        });
      if (a.channel !== undefined && !isChannel(a.channel))
        issues.push({ path: `${p}.channel`, message: `must be one of ${CHANNELS.join(', ')}` });
      num(issues, `${p}.callsPerHour`, a.callsPerHour, { min: 0, max: 10_000_000 });
      if (a.profile !== undefined) {
        if (!Array.isArray(a.profile) || a.profile.length === 0 || 1440 % a.profile.length !== 0)
          issues.push({
            path: `${p}.profile`,
            message: 'must be a non-empty array whose length divides 1440 (e.g. 24 hourly values)',
          });
        else a.profile.forEach((m, k) => num(issues, `${p}.profile[${k}]`, m, { min: 0 }));
      }
      distribution(issues, `${p}.handleTime`, a.handleTime);
      if (a.wrapUp !== undefined) distribution(issues, `${p}.wrapUp`, a.wrapUp);
      if (a.patience !== undefined) distribution(issues, `${p}.patience`, a.patience);
      if (a.hold !== undefined) {
        if (!isObj(a.hold)) issues.push({ path: `${p}.hold`, message: 'must be an object' });
        else {
          num(issues, `${p}.hold.probability`, a.hold.probability, { min: 0, max: 1 });
          distribution(issues, `${p}.hold.duration`, a.hold.duration);
        }
      }
      num(issues, `${p}.customers`, a.customers, { integer: true, min: 1, optional: true });
      if (a.surveys !== undefined) {
        if (!isObj(a.surveys)) issues.push({ path: `${p}.surveys`, message: 'must be an object' });
        else {
          num(issues, `${p}.surveys.responseRate`, a.surveys.responseRate, { min: 0, max: 1 });
          const scores = a.surveys.scores;
          if (!Array.isArray(scores) || scores.length !== 5)
            issues.push({
              path: `${p}.surveys.scores`,
              message: 'must be 5 weights, for scores 1 to 5',
            });
          else scores.forEach((w, k) => num(issues, `${p}.surveys.scores[${k}]`, w, { min: 0 }));
        }
      }
      num(issues, `${p}.priority`, a.priority, { optional: true });
    });
  }

  let totalAgents = 0;
  const prefixes = new Set<string>();
  if (!Array.isArray(s.agents) || s.agents.length === 0) {
    issues.push({ path: '$.agents', message: 'must be a non-empty array of agent groups' });
  } else {
    s.agents.forEach((g, i) => {
      const p = `$.agents[${i}]`;
      if (!isObj(g)) {
        issues.push({ path: p, message: 'must be an object' });
        return;
      }
      num(issues, `${p}.count`, g.count, { integer: true, min: 0 });
      if (typeof g.count === 'number') totalAgents += g.count;
      const prefix = g.idPrefix ?? `agent-g${i}`;
      if (typeof prefix !== 'string' || prefix === '')
        issues.push({ path: `${p}.idPrefix`, message: 'must be a non-empty string' });
      else if (prefixes.has(prefix))
        issues.push({ path: `${p}.idPrefix`, message: `duplicate id prefix '${prefix}'` });
      else prefixes.add(prefix);
      const { count: _c, idPrefix: _p, shifts, breaks, ...config } = g;
      issues.push(...prefixed(validateAgentConfig({ id: 'x', ...config }), p));
      if (shifts !== undefined) {
        if (!Array.isArray(shifts))
          issues.push({ path: `${p}.shifts`, message: 'must be an array' });
        else
          shifts.forEach((sh, k) => {
            if (!isObj(sh))
              issues.push({ path: `${p}.shifts[${k}]`, message: 'must be { start, end }' });
            else {
              time(issues, `${p}.shifts[${k}].start`, sh.start);
              time(issues, `${p}.shifts[${k}].end`, sh.end);
              if (sh.start === sh.end && typeof sh.start === 'string')
                issues.push({ path: `${p}.shifts[${k}].end`, message: 'must differ from start' });
            }
          });
      }
      if (breaks !== undefined) {
        if (!Array.isArray(breaks))
          issues.push({ path: `${p}.breaks`, message: 'must be an array' });
        else
          breaks.forEach((b, k) => {
            if (!isObj(b))
              issues.push({ path: `${p}.breaks[${k}]`, message: 'must be { start, minutes }' });
            else {
              time(issues, `${p}.breaks[${k}].start`, b.start);
              num(issues, `${p}.breaks[${k}].minutes`, b.minutes, { above: 0, max: 1440 });
              if (b.reason !== undefined && (typeof b.reason !== 'string' || b.reason === ''))
                issues.push({
                  path: `${p}.breaks[${k}].reason`,
                  message: 'must be a non-empty string',
                });
            }
          });
      }
    });
  }
  if (totalAgents > MAX_AGENTS_TOTAL)
    issues.push({ path: '$.agents', message: `at most ${MAX_AGENTS_TOTAL} agents in total` });

  if (s.variants !== undefined) {
    if (!Array.isArray(s.variants))
      issues.push({ path: '$.variants', message: 'must be an array' });
    else
      s.variants.forEach((v, i) => {
        const p = `$.variants[${i}]`;
        if (!isObj(v)) {
          issues.push({ path: p, message: 'must be an object' });
          return;
        }
        if (typeof v.name !== 'string' || v.name === '')
          issues.push({ path: `${p}.name`, message: 'must be a non-empty string' });
        num(issues, `${p}.agentScale`, v.agentScale, { min: 0, optional: true });
        num(issues, `${p}.agentDelta`, v.agentDelta, { integer: true, optional: true });
        if (v.strategy !== undefined) {
          const probe = validateQueueConfig({
            id: 'probe',
            requirements: [],
            strategy: v.strategy,
          });
          issues.push(
            ...prefixed(
              probe.filter((x) => x.path.startsWith('$.strategy')),
              p,
            ),
          );
        }
      });
  }
  return issues;
}

/**
 * Validates `value` and returns it typed as a {@link Scenario}.
 *
 * @throws {@link shared!ValidationError} listing every problem with its path.
 * @example
 * ```ts
 * const scenario = parseScenario(JSON.parse(readFileSync('bank.json', 'utf8')));
 * ```
 */
export function parseScenario(value: unknown): Scenario {
  const issues = validateScenario(value);
  if (issues.length > 0) throw new ValidationError('scenario', issues);
  return value as Scenario;
}
