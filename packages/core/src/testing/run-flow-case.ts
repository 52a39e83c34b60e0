import type { ExpressionValue } from '../expr/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { ValidationError, VirtualClock } from '../shared/index.js';
import { IvrSession } from '../ivr/index.js';
import { isRecord } from '../ivr/flow-paths.js';
import type {
  CompiledFlow,
  IvrCommand,
  IvrEvent,
  IvrOutcome,
  IvrSessionState,
  IvrTimelineRecord,
} from '../ivr/index.js';

/** Lets time pass on the case's virtual clock between events. */
export interface WaitStep {
  readonly type: 'wait';
  readonly ms: number;
}

/**
 * A scripted call: inputs in, expected path and commands out. Used by `switchboard ivr test` and
 * in CI for flows.
 */
export interface FlowTestCase {
  /** What the case proves. */
  readonly name: string;
  /** When the call starts: ISO 8601 with an offset, or epoch ms (default `2026-01-05T12:00:00Z`, a Monday). */
  readonly at?: string | number;
  /** Starting language. */
  readonly language?: string;
  /** Interaction attributes. */
  readonly attributes?: Readonly<Record<string, ExpressionValue>>;
  /** Overrides of initial variables. */
  readonly variables?: Readonly<Record<string, ExpressionValue>>;
  /** Events sent in order after `start()`. */
  readonly events: readonly (IvrEvent | WaitStep)[];
  /** What must have happened. Every field is optional. */
  readonly expect: {
    /** Exactly the nodes visited, in order (consecutive repeats shown once; `flow:node` inside subflows). */
    readonly path?: readonly string[];
    /** Commands that must appear in this order (others may come between); each matches by its given fields. */
    readonly commands?: readonly Readonly<Record<string, unknown>>[];
    /** How the session ended (`waiting` if it must still be running). */
    readonly outcome?: IvrOutcome | 'waiting';
    /** Variables that must hold these values at the end. */
    readonly variables?: Readonly<Record<string, ExpressionValue>>;
  };
}

/** A file of cases. */
export interface FlowTestSuite {
  readonly cases: readonly FlowTestCase[];
}

/** What {@link runFlowCase} found. */
export interface FlowCaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Plain-language differences from the expectation. */
  readonly failures: readonly string[];
  readonly path: readonly string[];
  readonly commands: readonly IvrCommand[];
  readonly timeline: readonly IvrTimelineRecord[];
  readonly outcome: IvrOutcome | 'waiting';
  readonly state: IvrSessionState;
}

/** Options of {@link runFlowCase}. */
export interface RunFlowCaseOptions {
  /**
   * Save the state as JSON after every step and resume a fresh session from it, proving the flow
   * survives a process change at any point (default false).
   */
  readonly resumeEachStep?: boolean;
}

const DEFAULT_START = Date.UTC(2026, 0, 5, 12);

function partialMatch(expected: unknown, actual: unknown): boolean {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(([k, v]) => partialMatch(v, actual[k]));
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => partialMatch(v, actual[i]))
    );
  }
  return Object.is(expected, actual);
}

/** Nodes visited, from step records (consecutive repeats once) plus the node the caller waits at. */
export function pathOf(
  flowId: string,
  timeline: readonly IvrTimelineRecord[],
  waitingAt?: string,
): string[] {
  const path: string[] = [];
  const push = (name: string): void => {
    if (path[path.length - 1] !== name) path.push(name);
  };
  for (const r of timeline)
    if (r.type === 'ivr-step') push(r.flowId === flowId ? r.nodeId : `${r.flowId}:${r.nodeId}`);
  if (waitingAt !== undefined) push(waitingAt);
  return path;
}

/**
 * Checks a parsed cases file and returns every problem with its path.
 *
 * @example
 * ```ts
 * const issues = validateFlowTestSuite(JSON.parse(text));
 * ```
 */
export function validateFlowTestSuite(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(value) || !Array.isArray(value.cases))
    return [{ path: '$.cases', message: 'must be an array of cases' }];
  value.cases.forEach((c: unknown, i) => {
    const at = `$.cases[${i}]`;
    if (!isRecord(c))
      return issues.push({ path: at, message: 'must be an object { name, events, expect }' });
    if (typeof c.name !== 'string')
      issues.push({ path: `${at}.name`, message: 'must be a string' });
    if (
      c.at !== undefined &&
      !(typeof c.at === 'number' || (typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at))))
    ) {
      issues.push({ path: `${at}.at`, message: 'must be an ISO 8601 time or epoch ms' });
    }
    if (!Array.isArray(c.events))
      issues.push({ path: `${at}.events`, message: 'must be an array of events' });
    else {
      c.events.forEach((e: unknown, j) => {
        const types = ['dtmf', 'speech', 'timeout', 'hook-result', 'hangup', 'wait'];
        if (!isRecord(e) || typeof e.type !== 'string' || !types.includes(e.type)) {
          issues.push({
            path: `${at}.events[${j}]`,
            message: `must be an event with type ${types.join(', ')}`,
          });
        } else if (e.type === 'dtmf' && typeof e.digits !== 'string') {
          issues.push({ path: `${at}.events[${j}].digits`, message: 'must be a string of keys' });
        } else if (e.type === 'speech' && typeof e.text !== 'string') {
          issues.push({ path: `${at}.events[${j}].text`, message: 'must be a string' });
        } else if (e.type === 'wait' && (typeof e.ms !== 'number' || e.ms < 0)) {
          issues.push({ path: `${at}.events[${j}].ms`, message: 'must be a non-negative number' });
        } else if (e.type === 'hook-result' && typeof e.ok !== 'boolean') {
          issues.push({ path: `${at}.events[${j}].ok`, message: 'must be a boolean' });
        }
      });
    }
    if (!isRecord(c.expect)) issues.push({ path: `${at}.expect`, message: 'must be an object' });
  });
  return issues;
}

/**
 * Runs one scripted call against a compiled flow on a virtual clock and compares it with the
 * expectation. Never throws for a failing expectation: read `passed` and `failures`.
 *
 * @example
 * ```ts
 * const result = runFlowCase(flow, {
 *   name: 'billing',
 *   events: [{ type: 'dtmf', digits: '1' }],
 *   expect: { path: ['welcome', 'menu', 'billing'], outcome: 'enqueued' },
 * });
 * if (!result.passed) console.error(result.failures);
 * ```
 */
export function runFlowCase(
  flow: CompiledFlow,
  testCase: FlowTestCase,
  options: RunFlowCaseOptions = {},
): FlowCaseResult {
  const start =
    testCase.at === undefined
      ? DEFAULT_START
      : typeof testCase.at === 'number'
        ? testCase.at
        : Date.parse(testCase.at);
  const clock = new VirtualClock(start);
  let session = new IvrSession(flow, {
    clock,
    ...(testCase.language !== undefined ? { language: testCase.language } : {}),
    ...(testCase.attributes !== undefined ? { attributes: testCase.attributes } : {}),
    ...(testCase.variables !== undefined ? { variables: testCase.variables } : {}),
  });
  const commands: IvrCommand[] = [];
  const timeline: IvrTimelineRecord[] = [];
  const failures: string[] = [];
  const collect = (r: {
    commands: readonly IvrCommand[];
    timeline: readonly IvrTimelineRecord[];
  }): void => {
    commands.push(...r.commands);
    timeline.push(...r.timeline);
  };
  collect(session.start());
  testCase.events.forEach((event, i) => {
    if (event.type === 'wait') {
      clock.advance(event.ms);
      return;
    }
    if (session.status === 'ended') {
      failures.push(`event ${i + 1} (${event.type}) was sent after the session ended`);
      return;
    }
    if (options.resumeEachStep)
      session = IvrSession.resume(flow, JSON.parse(JSON.stringify(session)), { clock });
    collect(session.send(event));
  });
  const state = session.getState();
  const outcome: IvrOutcome | 'waiting' =
    state.status === 'ended' ? (state.outcome as IvrOutcome) : 'waiting';
  const waitingAt =
    state.status === 'waiting'
      ? state.currentFlowId === flow.id
        ? state.nodeId
        : `${state.currentFlowId}:${state.nodeId}`
      : undefined;
  const path = pathOf(flow.id, timeline, waitingAt);
  const expect = testCase.expect;
  if (expect.path && JSON.stringify(expect.path) !== JSON.stringify(path)) {
    failures.push(
      `path: expected ${expect.path.join(' > ')}\n        got      ${path.join(' > ')}`,
    );
  }
  if (expect.outcome !== undefined && expect.outcome !== outcome) {
    failures.push(`outcome: expected ${expect.outcome}, got ${outcome}`);
  }
  if (expect.commands) {
    let from = 0;
    for (const want of expect.commands) {
      let found = -1;
      for (let j = from; j < commands.length; j++) {
        if (partialMatch(want, commands[j])) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        failures.push(
          `command ${JSON.stringify(want)} not found (in order) among ${commands.length - from} remaining commands`,
        );
        break;
      }
      from = found + 1;
    }
  }
  for (const [name, value] of Object.entries(expect.variables ?? {})) {
    if (!partialMatch(value, state.variables[name])) {
      failures.push(
        `variable ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(state.variables[name])}`,
      );
    }
  }
  return {
    name: testCase.name,
    passed: failures.length === 0,
    failures,
    path,
    commands,
    timeline,
    outcome,
    state,
  };
}

/**
 * Runs every case of a suite. Throws {@link ValidationError} when the suite itself is malformed.
 *
 * @example
 * ```ts
 * const results = runFlowSuite(flow, JSON.parse(await readFile('cases.json', 'utf8')));
 * const failed = results.filter((r) => !r.passed);
 * ```
 */
export function runFlowSuite(
  flow: CompiledFlow,
  suite: unknown,
  options: RunFlowCaseOptions = {},
): FlowCaseResult[] {
  const issues = validateFlowTestSuite(suite);
  if (issues.length) throw new ValidationError('IVR test cases', issues);
  return (suite as FlowTestSuite).cases.map((c) => runFlowCase(flow, c, options));
}
