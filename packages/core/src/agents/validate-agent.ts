import type { ValidationIssue } from '../shared/index.js';
import { isValidTimezone } from '../calendar/timezone.js';
import { CHANNELS, isReservedKey, reservedKeyMessage } from '../interactions/index.js';

/** Lowest and highest skill proficiency. */
export const PROFICIENCY_RANGE = Object.freeze({ min: 1, max: 10 });

/**
 * Checks an agent description and returns every problem found (empty when valid).
 *
 * @param knownSkills - when given, skills outside this set are reported as unknown.
 * @param channels - the channels capacity may name (default: every `Channel`).
 * @example
 * ```ts
 * validateAgentConfig({ id: 'a1', skills: { billing: 12 } });
 * // [{ path: '$.skills.billing', message: 'proficiency must be an integer from 1 to 10, got 12' }]
 * ```
 */
export function validateAgentConfig(
  value: unknown,
  knownSkills?: ReadonlySet<string>,
  channels: readonly string[] = CHANNELS,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof value !== 'object' || value === null) {
    return [{ path: '$', message: 'agent must be an object' }];
  }
  const a = value as Record<string, unknown>;
  if (typeof a.id !== 'string' || a.id.trim() === '') {
    issues.push({ path: '$.id', message: 'id must be a non-empty string' });
  } else if (isReservedKey(a.id)) {
    issues.push({ path: '$.id', message: reservedKeyMessage('agent id', a.id) });
  }
  if (typeof a.skills !== 'object' || a.skills === null || Array.isArray(a.skills)) {
    issues.push({ path: '$.skills', message: 'skills must be an object of skill -> proficiency' });
  } else {
    for (const [skill, prof] of Object.entries(a.skills as Record<string, unknown>)) {
      if (isReservedKey(skill)) {
        issues.push({ path: `$.skills.${skill}`, message: reservedKeyMessage('skill', skill) });
        continue;
      }
      issues.push(...checkProficiency(prof, `$.skills.${skill}`));
      if (knownSkills && knownSkills.size > 0 && !knownSkills.has(skill)) {
        issues.push({
          path: `$.skills.${skill}`,
          message: `unknown skill '${skill}'; known skills: ${[...knownSkills].join(', ')}`,
        });
      }
    }
  }
  if (a.languages !== undefined) {
    if (!Array.isArray(a.languages) || a.languages.some((l) => typeof l !== 'string' || !l)) {
      issues.push({ path: '$.languages', message: 'languages must be an array of language tags' });
    }
  }
  if (a.capacity !== undefined) {
    if (typeof a.capacity !== 'object' || a.capacity === null) {
      issues.push({
        path: '$.capacity',
        message: 'capacity must be an object of channel -> count',
      });
    } else {
      for (const [channel, n] of Object.entries(a.capacity as Record<string, unknown>)) {
        if (!channels.includes(channel)) {
          issues.push({
            path: `$.capacity.${channel}`,
            message: `unknown channel '${channel}'; allowed: ${channels.join(', ')}`,
          });
        } else if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100) {
          issues.push({
            path: `$.capacity.${channel}`,
            message: `capacity must be an integer from 0 to 100, got ${JSON.stringify(n)}`,
          });
        }
      }
    }
  }
  for (const key of ['name', 'team', 'region', 'timezone'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'string') {
      issues.push({ path: `$.${key}`, message: `${key} must be a string` });
    }
  }
  if (typeof a.timezone === 'string' && !isValidTimezone(a.timezone)) {
    issues.push({ path: '$.timezone', message: `unknown IANA timezone '${a.timezone}'` });
  }
  if (a.wrapUpMs !== undefined && !(typeof a.wrapUpMs === 'number' && a.wrapUpMs >= 0)) {
    issues.push({ path: '$.wrapUpMs', message: 'wrapUpMs must be a number >= 0' });
  }
  return issues;
}

/** Reports a proficiency that is not an integer in {@link PROFICIENCY_RANGE}. */
export function checkProficiency(value: unknown, path: string): ValidationIssue[] {
  const { min, max } = PROFICIENCY_RANGE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return [
      {
        path,
        message: `proficiency must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
      },
    ];
  }
  return [];
}
