import { validateKpiOptions } from '../analytics/index.js';
import { validateAgentConfig } from '../agents/index.js';
import { isValidTimezone } from '../calendar/timezone.js';
import { isChannel, isReservedKey, reservedKeyMessage, CHANNELS } from '../interactions/index.js';
import { validateFlow } from '../ivr/index.js';
import { validateQueueConfig } from '../routing/index.js';
import { TICKET_PRIORITIES, isTicketPriority, validateSlaPolicy } from '../tickets/index.js';
import { ValidationError, type ValidationIssue } from '../shared/index.js';
import type { Scenario } from './scenario.js';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Most agents a scenario may have, over all groups (after a variant's changes too). */
export const MAX_SCENARIO_AGENTS = 100_000;
/**
 * Longest run a scenario may ask for: 31 days (744 hours). Staffing questions are answered by days
 * or weeks of traffic; a longer horizon is better run as several scenarios. What a run may cost in
 * memory and work is checked separately, from the expected traffic (see `estimateSimulation`).
 */
export const MAX_SCENARIO_HOURS = 24 * 31;
/** Longest warm-up or drain period, minutes: 7 days. */
export const MAX_SCENARIO_EXTRA_MINUTES = 7 * 24 * 60;
/** Highest `callsPerHour` of one arrival stream. */
export const MAX_CALLS_PER_HOUR = 10_000_000;

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

/** Refuses `__proto__`, `constructor` and `prototype` among the keys of `obj`. */
function reservedKeys(issues: ValidationIssue[], path: string, obj: Obj, what: string): void {
  for (const key of Object.keys(obj))
    if (isReservedKey(key))
      issues.push({ path: `${path}.${key}`, message: reservedKeyMessage(what, key) });
}

function prefixed(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => ({ path: prefix + i.path.slice(1), message: i.message }));
}

const GATHERING_KINDS = new Set(['menu', 'collect', 'callback']);

/** Node id -> kind over a flow document and its embedded subflows (loosely typed input). */
function nodeKinds(flow: Obj): Map<string, unknown> {
  const kinds = new Map<string, unknown>();
  const visit = (f: unknown, depth: number): void => {
    if (!isObj(f) || depth > 16) return;
    if (Array.isArray(f.nodes))
      for (const n of f.nodes)
        if (isObj(n) && typeof n.id === 'string' && !kinds.has(n.id)) kinds.set(n.id, n.kind);
    if (Array.isArray(f.subflows)) for (const sub of f.subflows) visit(sub, depth + 1);
  };
  visit(flow, 0);
  return kinds;
}

function ivrSection(
  issues: ValidationIssue[],
  p: string,
  v: unknown,
  queueIds: ReadonlySet<string>,
): void {
  if (!isObj(v)) {
    issues.push({ path: p, message: 'must be an object { flow, caller?, hooks?, ... }' });
    return;
  }
  const hooks = isObj(v.hooks) ? Object.keys(v.hooks) : [];
  let kinds: Map<string, unknown> | undefined;
  if (typeof v.flow === 'string') {
    if (v.flow === '') issues.push({ path: `${p}.flow`, message: 'must be a non-empty path' });
  } else if (isObj(v.flow)) {
    issues.push(...prefixed(validateFlow(v.flow, { queues: queueIds, hooks }), `${p}.flow`));
    kinds = nodeKinds(v.flow);
    const languages = v.flow.languages;
    if (v.language !== undefined && Array.isArray(languages) && !languages.includes(v.language))
      issues.push({
        path: `${p}.language`,
        message: `must be one of the flow's languages (${languages.map(String).join(', ')})`,
      });
  } else
    issues.push({
      path: `${p}.flow`,
      message: 'must be an IVR flow document or a path to one',
    });
  if (v.attributes !== undefined && !isObj(v.attributes))
    issues.push({ path: `${p}.attributes`, message: 'must be an object of JSON values' });
  else if (v.attributes !== undefined)
    reservedKeys(issues, `${p}.attributes`, v.attributes, 'attribute');
  if (v.language !== undefined && (typeof v.language !== 'string' || v.language === ''))
    issues.push({ path: `${p}.language`, message: 'must be a language tag' });
  if (v.caller !== undefined) {
    const c = v.caller;
    if (!isObj(c)) issues.push({ path: `${p}.caller`, message: 'must be an object' });
    else {
      if (c.answerTime !== undefined) distribution(issues, `${p}.caller.answerTime`, c.answerTime);
      num(issues, `${p}.caller.hangupProbability`, c.hangupProbability, {
        min: 0,
        max: 1,
        optional: true,
      });
      if (c.answers !== undefined) {
        if (!isObj(c.answers))
          issues.push({
            path: `${p}.caller.answers`,
            message: 'must map node ids to { answer: weight }',
          });
        else
          for (const [nodeId, weights] of Object.entries(c.answers)) {
            const np = `${p}.caller.answers.${nodeId}`;
            if (isReservedKey(nodeId)) {
              issues.push({ path: np, message: reservedKeyMessage('node id', nodeId) });
              continue;
            }
            if (kinds && !GATHERING_KINDS.has(kinds.get(nodeId) as string))
              issues.push({
                path: np,
                message: kinds.has(nodeId)
                  ? `node '${nodeId}' does not gather input (menu, collect or callback)`
                  : `the flow has no node '${nodeId}'`,
              });
            if (!isObj(weights) || Object.keys(weights).length === 0) {
              issues.push({ path: np, message: 'must be a non-empty { answer: weight } object' });
              continue;
            }
            reservedKeys(issues, np, weights, 'answer');
            let total = 0;
            for (const [answer, w] of Object.entries(weights)) {
              num(issues, `${np}.${answer}`, w, { min: 0 });
              if (typeof w === 'number' && w > 0) total += w;
            }
            if (total <= 0) issues.push({ path: np, message: 'weights must not all be 0' });
          }
      }
    }
  }
  if (v.hooks !== undefined) {
    if (!isObj(v.hooks))
      issues.push({ path: `${p}.hooks`, message: 'must map hook names to { result, delay? }' });
    else
      for (const [name, h] of Object.entries(v.hooks)) {
        const hp = `${p}.hooks.${name}`;
        if (isReservedKey(name)) {
          issues.push({ path: hp, message: reservedKeyMessage('hook name', name) });
          continue;
        }
        if (!isObj(h)) {
          issues.push({ path: hp, message: 'must be { result, delay? }' });
          continue;
        }
        const r = h.result;
        if (!isObj(r) || typeof r.ok !== 'boolean')
          issues.push({
            path: `${hp}.result`,
            message: 'must be { "ok": true, "data"?: ... } or { "ok": false, "error"?: "..." }',
          });
        else if (r.ok === false && r.error !== undefined && typeof r.error !== 'string')
          issues.push({ path: `${hp}.result.error`, message: 'must be a string' });
        if (h.delay !== undefined) distribution(issues, `${hp}.delay`, h.delay);
      }
  }
}

function ticketSection(issues: ValidationIssue[], v: unknown): void {
  const p = '$.tickets';
  if (!isObj(v)) {
    issues.push({ path: p, message: 'must be an object { probability, solveAfter, ... }' });
    return;
  }
  num(issues, `${p}.probability`, v.probability, { min: 0, max: 1 });
  distribution(issues, `${p}.solveAfter`, v.solveAfter);
  if (v.priority !== undefined && !isTicketPriority(v.priority))
    issues.push({
      path: `${p}.priority`,
      message: `must be one of ${TICKET_PRIORITIES.join(', ')}`,
    });
  if (v.fromChannels !== undefined) {
    if (!Array.isArray(v.fromChannels))
      issues.push({ path: `${p}.fromChannels`, message: 'must be an array of channels' });
    else
      v.fromChannels.forEach((c, k) => {
        if (!isChannel(c))
          issues.push({
            path: `${p}.fromChannels[${k}]`,
            message: `must be one of ${CHANNELS.join(', ')}`,
          });
      });
  }
  if (v.slaPolicies !== undefined) {
    if (!Array.isArray(v.slaPolicies))
      issues.push({ path: `${p}.slaPolicies`, message: 'must be an array of SLA policies' });
    else {
      const ids = new Set<unknown>();
      v.slaPolicies.forEach((policy, k) => {
        issues.push(...validateSlaPolicy(policy, `${p}.slaPolicies[${k}]`));
        const id = isObj(policy) ? policy.id : undefined;
        if (typeof id === 'string') {
          if (ids.has(id))
            issues.push({ path: `${p}.slaPolicies[${k}].id`, message: `duplicate id '${id}'` });
          ids.add(id);
        }
      });
    }
  }
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
  if (s.timezone !== undefined && !isValidTimezone(s.timezone))
    issues.push({ path: '$.timezone', message: 'must be an IANA timezone, e.g. Europe/London' });
  if ('timeZone' in s) issues.push({ path: '$.timeZone', message: "renamed: use 'timezone'" });
  num(issues, '$.durationHours', s.durationHours, { above: 0, max: MAX_SCENARIO_HOURS });
  num(issues, '$.warmUpMinutes', s.warmUpMinutes, {
    min: 0,
    max: MAX_SCENARIO_EXTRA_MINUTES,
    optional: true,
  });
  if (
    typeof s.warmUpMinutes === 'number' &&
    typeof s.durationHours === 'number' &&
    s.warmUpMinutes >= s.durationHours * 60
  )
    issues.push({ path: '$.warmUpMinutes', message: 'must be shorter than the run' });
  num(issues, '$.drainMinutes', s.drainMinutes, {
    min: 0,
    max: MAX_SCENARIO_EXTRA_MINUTES,
    optional: true,
  });
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
      if (a.ivr !== undefined) {
        ivrSection(issues, `${p}.ivr`, a.ivr, queueIds);
        if (a.queue !== undefined)
          issues.push({
            path: `${p}.queue`,
            message: "not allowed with 'ivr': the flow's enqueue nodes choose the queue",
          });
        if (a.priority !== undefined)
          issues.push({
            path: `${p}.priority`,
            message: "not allowed with 'ivr': the flow's enqueue nodes set the priority",
          });
      } else if (typeof a.queue !== 'string' || !queueIds.has(a.queue))
        issues.push({
          path: `${p}.queue`,
          message: `must name a queue of $.queues (got ${JSON.stringify(a.queue)})`,
        });
      if (a.channel !== undefined && !isChannel(a.channel))
        issues.push({ path: `${p}.channel`, message: `must be one of ${CHANNELS.join(', ')}` });
      num(issues, `${p}.callsPerHour`, a.callsPerHour, { min: 0, max: MAX_CALLS_PER_HOUR });
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
      if (typeof g.team === 'string' && isReservedKey(g.team))
        issues.push({ path: `${p}.team`, message: reservedKeyMessage('team', g.team) });
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
  if (totalAgents > MAX_SCENARIO_AGENTS)
    issues.push({ path: '$.agents', message: `at most ${MAX_SCENARIO_AGENTS} agents in total` });

  if (s.tickets !== undefined) ticketSection(issues, s.tickets);

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
