import type { ValidationIssue } from '../shared/index.js';
import { checkProficiency } from '../agents/index.js';
import { isReservedKey, reservedKeyMessage } from '../interactions/index.js';
import { StrategyName } from './queue-config.js';

const STRATEGIES: readonly string[] = Object.values(StrategyName);

/**
 * Checks a queue description and returns every problem found (empty when valid).
 *
 * @param context - known skills and queue ids, to report unknown references.
 * @example
 * ```ts
 * validateQueueConfig({ id: 'q', requirements: [{ skill: 'billing', minProficiency: 0 }] });
 * // [{ path: '$.requirements[0].minProficiency', message: 'proficiency must be ...' }]
 * ```
 */
export function validateQueueConfig(
  value: unknown,
  context: { skills?: ReadonlySet<string>; queues?: { has(id: string): boolean } } = {},
): ValidationIssue[] {
  if (typeof value !== 'object' || value === null) {
    return [{ path: '$', message: 'queue must be an object' }];
  }
  const q = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (typeof q.id !== 'string' || q.id.trim() === '') {
    issues.push({ path: '$.id', message: 'id must be a non-empty string' });
  } else if (isReservedKey(q.id)) {
    issues.push({ path: '$.id', message: reservedKeyMessage('queue id', q.id) });
  }
  if (!Array.isArray(q.requirements)) {
    issues.push({ path: '$.requirements', message: 'requirements must be an array' });
  } else {
    const seen = new Set<string>();
    q.requirements.forEach((r: unknown, i) => {
      const path = `$.requirements[${i}]`;
      if (typeof r !== 'object' || r === null) {
        issues.push({ path, message: 'requirement must be { skill, minProficiency }' });
        return;
      }
      const req = r as Record<string, unknown>;
      if (typeof req.skill !== 'string' || !req.skill) {
        issues.push({ path: `${path}.skill`, message: 'skill must be a non-empty string' });
      } else if (isReservedKey(req.skill)) {
        issues.push({ path: `${path}.skill`, message: reservedKeyMessage('skill', req.skill) });
      } else {
        if (seen.has(req.skill)) {
          issues.push({ path: `${path}.skill`, message: `skill '${req.skill}' is required twice` });
        }
        seen.add(req.skill);
        if (context.skills && context.skills.size > 0 && !context.skills.has(req.skill)) {
          issues.push({
            path: `${path}.skill`,
            message: `unknown skill '${req.skill}'; known skills: ${[...context.skills].join(', ')}`,
          });
        }
      }
      issues.push(...checkProficiency(req.minProficiency, `${path}.minProficiency`));
    });
  }
  if (q.language !== undefined && (typeof q.language !== 'string' || !q.language)) {
    issues.push({ path: '$.language', message: 'language must be a language tag such as en' });
  }
  if (
    q.priority !== undefined &&
    !(typeof q.priority === 'number' && Number.isFinite(q.priority))
  ) {
    issues.push({ path: '$.priority', message: 'priority must be a finite number' });
  }
  if (q.strategy !== undefined) issues.push(...checkStrategy(q.strategy));
  for (const key of ['offerTimeoutMs', 'wrapUpMs'] as const) {
    const v = q[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      issues.push({ path: `$.${key}`, message: `${key} must be a number of milliseconds >= 0` });
    }
  }
  if (q.offerTimeoutMs === 0) {
    issues.push({ path: '$.offerTimeoutMs', message: 'offerTimeoutMs must be greater than 0' });
  }
  if (q.overflow !== undefined) {
    if (!Array.isArray(q.overflow)) {
      issues.push({ path: '$.overflow', message: 'overflow must be an array of steps' });
    } else {
      let previous = -1;
      q.overflow.forEach((s: unknown, i) => {
        const path = `$.overflow[${i}]`;
        if (typeof s !== 'object' || s === null) {
          issues.push({ path, message: 'overflow step must be an object' });
          return;
        }
        const step = s as Record<string, unknown>;
        if (typeof step.afterMs !== 'number' || !(step.afterMs >= 0)) {
          issues.push({ path: `${path}.afterMs`, message: 'afterMs must be a number >= 0' });
        } else {
          if (step.afterMs <= previous) {
            issues.push({
              path: `${path}.afterMs`,
              message: `steps must be in increasing afterMs order (${step.afterMs} after ${previous})`,
            });
          }
          previous = step.afterMs;
        }
        if (step.minProficiency !== undefined) {
          issues.push(...checkProficiency(step.minProficiency, `${path}.minProficiency`));
        }
        if (step.addQueues !== undefined) {
          if (!Array.isArray(step.addQueues)) {
            issues.push({
              path: `${path}.addQueues`,
              message: 'addQueues must be an array of queue ids',
            });
          } else {
            step.addQueues.forEach((id: unknown, j) => {
              if (typeof id !== 'string') {
                issues.push({
                  path: `${path}.addQueues[${j}]`,
                  message: 'queue id must be a string',
                });
              } else if (context.queues && !context.queues.has(id) && id !== q.id) {
                issues.push({
                  path: `${path}.addQueues[${j}]`,
                  message: `unknown queue '${id}' (add it before the queues that overflow to it)`,
                });
              }
            });
          }
        }
        const acts = ['minProficiency', 'addQueues', 'dropLanguage', 'offerCallback'];
        if (!acts.some((k) => step[k] !== undefined)) {
          issues.push({ path, message: `step does nothing; give one of ${acts.join(', ')}` });
        }
      });
    }
  }
  return issues;
}

function checkStrategy(s: unknown): ValidationIssue[] {
  if (typeof s === 'string') {
    return STRATEGIES.includes(s)
      ? []
      : [
          {
            path: '$.strategy',
            message: `unknown strategy '${s}'; allowed: ${STRATEGIES.join(', ')}, or { type: 'sticky', windowMs, fallback }`,
          },
        ];
  }
  if (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'sticky') {
    const st = s as Record<string, unknown>;
    const issues: ValidationIssue[] = [];
    if (typeof st.windowMs !== 'number' || !(st.windowMs > 0)) {
      issues.push({ path: '$.strategy.windowMs', message: 'windowMs must be a number > 0' });
    }
    if (typeof st.fallback !== 'string' || !STRATEGIES.includes(st.fallback)) {
      issues.push({
        path: '$.strategy.fallback',
        message: `fallback must be one of ${STRATEGIES.join(', ')}`,
      });
    }
    return issues;
  }
  return [
    {
      path: '$.strategy',
      message: `strategy must be one of ${STRATEGIES.join(', ')} or { type: 'sticky', windowMs, fallback }`,
    },
  ];
}
