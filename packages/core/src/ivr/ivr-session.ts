import { calendarStatusAt } from '../calendar/index.js';
import type { BusinessCalendar } from '../calendar/index.js';
import type { CompiledExpression, ExpressionScope, ExpressionValue } from '../expr/index.js';
import { ExpressionEvaluationError, isTruthy } from '../expr/index.js';
import type { Clock } from '../shared/index.js';
import { InvalidTransitionError, systemClock } from '../shared/index.js';
import type { CompiledFlow, CompiledNode, CompiledPrompt } from './compile-flow.js';
import { normaliseSpeech } from './compile-flow.js';
import type { GatherCommand, IvrCommand } from './ivr-command.js';
import type { IvrEvent } from './ivr-event.js';
import { IvrSessionError } from './ivr-session-error.js';
import type { IvrSessionState } from './ivr-session-state.js';
import type { IvrOutcome, IvrStepRecord, IvrTimelineRecord } from './ivr-timeline.js';
import { isRecord } from './flow-paths.js';

/** Options of a new {@link IvrSession}. */
export interface IvrSessionOptions {
  /** Time source for `now()`, business hours and record timestamps (default the system clock). */
  readonly clock?: Clock;
  /** The interaction's attributes, readable as `attributes.<name>` (plain JSON). */
  readonly attributes?: Readonly<Record<string, ExpressionValue>>;
  /** Starting prompt language (default the flow's first language). */
  readonly language?: string;
  /** Initial values overriding the flow's declared variables (undeclared names are refused). */
  readonly variables?: Readonly<Record<string, ExpressionValue>>;
}

/** What {@link IvrSession.start} and {@link IvrSession.send} return. */
export interface IvrStepResult {
  /** Commands for the host to execute in order. */
  readonly commands: readonly IvrCommand[];
  /** Records to append to the interaction timeline. */
  readonly timeline: readonly IvrTimelineRecord[];
  /** `waiting` for the next event, or `ended`. */
  readonly status: 'waiting' | 'ended';
  /** How the session ended, once it has. */
  readonly outcome?: IvrOutcome;
}

/** Consecutive steps allowed without waiting for an event (validation already forbids spin loops). */
const MAX_STEPS_PER_EVENT = 1000;

const STATUSES = new Set(['new', 'waiting', 'ended']);

class StepLimitError extends Error {}

const NOT_JSON = Symbol('not-json');
/** Placeholders until the first start/send replaces them (never pushed to). */
const NO_COMMANDS: IvrCommand[] = [];
const NO_RECORDS: IvrTimelineRecord[] = [];

/** Last calendar answer per business-hours node, by UTC minute. */
const hoursCache = new WeakMap<CompiledNode, { minute: number; status: string }>();

/**
 * Calendar status with a one-entry cache per node: opening times have minute resolution and
 * present-day UTC offsets are whole minutes, so the answer is the same within a UTC minute, and
 * the many calls arriving in the same minute skip the timezone arithmetic.
 */
function hoursStatus(node: CompiledNode, now: number): string {
  const minute = Math.floor(now / 60_000);
  const cached = hoursCache.get(node);
  if (cached && cached.minute === minute) return cached.status;
  const status = calendarStatusAt(node.calendar as BusinessCalendar, now);
  hoursCache.set(node, { minute, status });
  return status;
}

/** A menu key without a trailing `#` terminator. */
function stripHash(digits: string): string {
  return digits.length > 1 && digits.endsWith('#') ? digits.slice(0, -1) : digits;
}

/**
 * Deep copy of plain JSON data, or NOT_JSON for anything else (functions, NaN, class instances, deep
 * nesting). Keys such as `__proto__` are copied as own data properties, never as prototypes.
 */
function cloneJson(v: unknown, depth = 0): ExpressionValue | typeof NOT_JSON {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_JSON;
  if (typeof v !== 'object' || depth > 32) return NOT_JSON;
  if (Array.isArray(v)) {
    const out: ExpressionValue[] = new Array<ExpressionValue>(v.length);
    for (let i = 0; i < v.length; i++) {
      const c = cloneJson(v[i], depth + 1);
      if (c === NOT_JSON) return NOT_JSON;
      out[i] = c;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_JSON;
  const out: Record<string, ExpressionValue> = {};
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const item = (v as Record<string, unknown>)[k];
    if (item === undefined) continue;
    const c = cloneJson(item, depth + 1);
    if (c === NOT_JSON) return NOT_JSON;
    // A JSON '__proto__' key stays data: assigning it would replace the copy's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: c,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = c;
  }
  return out;
}

function jsonClone<T>(value: T): T {
  const c = cloneJson(value);
  if (c === NOT_JSON) throw new IvrSessionError('value is not plain JSON data');
  return c as T;
}

/**
 * One call's walk through a flow: a deterministic, event-driven interpreter with no timers and no
 * I/O. `start()` and `send(event)` return the commands the host executes (play, gather, hook,
 * enqueue, transfer, ...) and timeline records; time comes from the injected Clock and timeouts are
 * events the host sends. The whole state is plain JSON ({@link IvrSession.getState}); resume it
 * anywhere with {@link IvrSession.resume}.
 *
 * @example
 * ```ts
 * const flow = compileFlow(json);
 * const session = new IvrSession(flow, { clock, attributes: { ani: '+8613800138000' } });
 * let step = session.start();              // [play welcome, gather]
 * step = session.send({ type: 'dtmf', digits: '1' });
 * const saved = JSON.stringify(session);  // save mid-call...
 * const again = IvrSession.resume(flow, JSON.parse(saved), { clock }); // ...resume in another process
 * again.send({ type: 'timeout' });
 * ```
 */
export class IvrSession {
  private readonly main: CompiledFlow;
  private readonly clock: Clock;
  private readonly state: IvrSessionState;
  private flow: CompiledFlow;
  private readonly globals: { attributes: ExpressionValue; language: string };
  private readonly scope: {
    variables: Readonly<Record<string, unknown>>;
    globals: Readonly<Record<string, unknown>>;
    now: number;
    timezone: string;
  };
  private commands: IvrCommand[] = NO_COMMANDS;
  private records: IvrTimelineRecord[] = NO_RECORDS;
  private now = 0;
  private steps = 0;

  /**
   * Creates a session at the flow's start; call {@link IvrSession.start} to run it.
   *
   * @throws {@link IvrSessionError} for an unknown language or undeclared variable overrides.
   */
  constructor(flow: CompiledFlow, options?: IvrSessionOptions);
  /** @internal Resuming constructor. */
  constructor(flow: CompiledFlow, options: IvrSessionOptions, state: IvrSessionState);
  constructor(flow: CompiledFlow, options: IvrSessionOptions = {}, state?: IvrSessionState) {
    this.main = flow;
    this.clock = options.clock ?? systemClock;
    if (state) {
      this.state = state;
      this.flow = flow.flowById(state.currentFlowId) as CompiledFlow;
    } else {
      const language = options.language ?? (flow.languages[0] as string);
      if (!flow.languages.includes(language)) {
        throw new IvrSessionError(
          `language '${language}' is not one of flow '${flow.id}' languages (${flow.languages.join(', ')})`,
        );
      }
      const variables = flow.freshVariables();
      if (options.variables)
        for (const [k, v] of Object.entries(options.variables)) {
          if (!Object.hasOwn(variables, k))
            throw new IvrSessionError(`variable '${k}' is not declared by flow '${flow.id}'`);
          variables[k] = jsonClone(v);
        }
      const attributes = cloneJson(options.attributes ?? {});
      if (attributes === NOT_JSON || !isRecord(attributes)) {
        throw new IvrSessionError('attributes must be plain JSON data');
      }
      this.state = {
        format: 1,
        flowId: flow.id,
        flowVersion: flow.version,
        status: 'new',
        currentFlowId: flow.id,
        nodeId: flow.start,
        phase: 0,
        retries: 0,
        language,
        variables,
        attributes: attributes as Record<string, ExpressionValue>,
        stack: [],
        seq: 0,
        callback: false,
      };
      this.flow = flow;
    }
    this.globals = { attributes: this.state.attributes, language: this.state.language };
    this.scope = {
      variables: this.state.variables,
      globals: this.globals,
      now: 0,
      timezone: this.flow.timezone,
    };
  }

  /**
   * Rebuilds a session from a state saved with {@link IvrSession.getState} or `JSON.stringify`,
   * possibly in another process. The flow must be the same id and version.
   *
   * @throws {@link IvrSessionError} when the state does not fit the flow.
   * @example
   * ```ts
   * await redis.set(callId, JSON.stringify(session));
   * // later, on any node:
   * const session = IvrSession.resume(flow, JSON.parse(await redis.get(callId)), { clock });
   * ```
   */
  static resume(
    flow: CompiledFlow,
    state: unknown,
    options: Pick<IvrSessionOptions, 'clock'> = {},
  ): IvrSession {
    if (!isRecord(state) || state.format !== 1)
      throw new IvrSessionError('not an IVR session state (format 1)');
    if (state.flowId !== flow.id || state.flowVersion !== flow.version) {
      throw new IvrSessionError(
        `state belongs to flow '${String(state.flowId)}' v${String(state.flowVersion)}, not '${flow.id}' v${flow.version}`,
      );
    }
    const copy = jsonClone(state) as unknown as IvrSessionState;
    const current =
      typeof copy.currentFlowId === 'string' ? flow.flowById(copy.currentFlowId) : undefined;
    if (!current) throw new IvrSessionError(`unknown current flow '${String(copy.currentFlowId)}'`);
    if (typeof copy.nodeId !== 'string' || !current.nodes.has(copy.nodeId)) {
      throw new IvrSessionError(`flow '${current.id}' has no node '${String(copy.nodeId)}'`);
    }
    if (!STATUSES.has(copy.status))
      throw new IvrSessionError(`unknown status '${String(copy.status)}'`);
    if (typeof copy.language !== 'string' || !current.languages.includes(copy.language)) {
      throw new IvrSessionError(`unknown language '${String(copy.language)}'`);
    }
    if (!isRecord(copy.variables) || !isRecord(copy.attributes) || !Array.isArray(copy.stack)) {
      throw new IvrSessionError('variables, attributes and stack must be present');
    }
    for (const frame of copy.stack) {
      const f =
        isRecord(frame) && typeof frame.flowId === 'string'
          ? flow.flowById(frame.flowId)
          : undefined;
      if (
        !f ||
        typeof frame.nodeId !== 'string' ||
        f.nodes.get(frame.nodeId)?.kind !== 'subflow' ||
        !isRecord(frame.variables)
      ) {
        throw new IvrSessionError('a stack frame does not match the flow');
      }
    }
    if (![copy.phase, copy.retries, copy.seq].every((n) => Number.isInteger(n) && n >= 0)) {
      throw new IvrSessionError('phase, retries and seq must be non-negative integers');
    }
    return new IvrSession(flow, options, copy);
  }

  /** The flow this session runs. */
  get compiledFlow(): CompiledFlow {
    return this.main;
  }

  /** `new`, `waiting` or `ended`. */
  get status(): IvrSessionState['status'] {
    return this.state.status;
  }

  /** A copy of the whole state as plain JSON. */
  getState(): IvrSessionState {
    return jsonClone(this.state);
  }

  /** The state for `JSON.stringify(session)`. */
  toJSON(): IvrSessionState {
    return this.state;
  }

  /**
   * Runs the flow from its start node up to the first wait (input, hook result) or its end.
   *
   * @throws `InvalidTransitionError` (from `@switchboard/core/shared`) when the session was already started.
   */
  start(): IvrStepResult {
    if (this.state.status !== 'new') {
      throw new InvalidTransitionError(
        'ivr-session',
        this.state.status,
        'start',
        this.state.status === 'ended' ? [] : ['send'],
        this.main.id,
      );
    }
    this.begin();
    this.records.push({
      type: 'ivr-started',
      at: this.now,
      flowId: this.main.id,
      flowVersion: this.main.version,
      language: this.state.language,
    });
    this.runFrom(this.state.nodeId);
    return this.finish();
  }

  /**
   * Delivers an event from the host and runs the flow to its next wait or end. An event that does
   * not fit (a late hook result, keys pressed during a lookup, anything after the end) changes
   * nothing and yields an `ivr-event-ignored` record.
   *
   * @throws `InvalidTransitionError` (from `@switchboard/core/shared`) when the session was never started.
   */
  send(event: IvrEvent): IvrStepResult {
    const s = this.state;
    if (s.status === 'new')
      throw new InvalidTransitionError('ivr-session', 'new', 'send', ['start'], this.main.id);
    this.begin();
    if (s.status === 'ended') return this.ignore(event, 'the session has ended');
    const node = this.node();
    if (event.type === 'hangup') {
      this.step(node, 'caller-hangup');
      this.end(node, 'caller-hangup');
      return this.finish();
    }
    try {
      this.handle(node, event);
    } catch (err) {
      if (this.recover(this.node(), err)) this.loop();
    }
    return this.finish();
  }

  private begin(): void {
    this.now = this.clock.now();
    this.scope.now = this.now;
    this.commands = [];
    this.records = [];
    this.steps = 0;
  }

  private finish(): IvrStepResult {
    const s = this.state;
    // One result shape (outcome undefined while waiting) keeps callers' property access monomorphic.
    const result: IvrStepResult = {
      commands: this.commands,
      timeline: this.records,
      status: s.status === 'ended' ? 'ended' : 'waiting',
      outcome: s.outcome,
    };
    this.commands = NO_COMMANDS;
    this.records = NO_RECORDS;
    return result;
  }

  private ignore(event: IvrEvent, reason: string): IvrStepResult {
    this.records.push({
      type: 'ivr-event-ignored',
      at: this.now,
      nodeId: this.state.nodeId,
      event: event.type,
      reason,
    });
    return this.finish();
  }

  private node(): CompiledNode {
    return this.flow.nodes.get(this.state.nodeId) as CompiledNode;
  }

  private eval(expr: CompiledExpression): ExpressionValue {
    return expr(this.scope as ExpressionScope);
  }

  private setVar(name: string, value: ExpressionValue): void {
    this.state.variables[name] = value;
  }

  /** Points the expression scope at another flow's variables and timezone. */
  private switchFlow(flow: CompiledFlow, variables: Record<string, ExpressionValue>): void {
    this.state.variables = variables;
    this.state.currentFlowId = flow.id;
    this.flow = flow;
    this.scope.variables = variables;
    this.scope.timezone = flow.timezone;
  }

  private step(
    node: CompiledNode,
    exit: string,
    next?: string,
    input?: string,
    error?: string,
  ): void {
    // One object shape for every record keeps this path monomorphic; absent fields are undefined.
    const r: IvrStepRecord = {
      type: 'ivr-step',
      at: this.now,
      flowId: this.flow.id,
      nodeId: node.id,
      kind: node.kind,
      exit,
      next,
      input,
      error,
    };
    this.records.push(r);
  }

  private end(node: CompiledNode, outcome: IvrOutcome): void {
    const s = this.state;
    s.status = 'ended';
    s.outcome = outcome;
    this.records.push({
      type: 'ivr-ended',
      at: this.now,
      flowId: this.main.id,
      nodeId: node.id,
      outcome,
      callbackRequested: s.callback,
    });
  }

  private play(prompt: CompiledPrompt | undefined, nodeId: string): void {
    if (!prompt) return;
    const lang = this.state.language;
    const entry = prompt.get(lang) ?? prompt.get(this.flow.languages[0] as string);
    if (!entry) return;
    if (entry.fixed) {
      this.commands.push(entry.fixed);
      return;
    }
    let text = '';
    for (const part of entry.template ?? []) {
      if (typeof part === 'string') text += part;
      else {
        const v = this.eval(part);
        text += v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      }
    }
    this.commands.push({ type: 'play', nodeId, language: lang, text });
  }

  private gather(map: ReadonlyMap<string, GatherCommand> | undefined): void {
    const g = map?.get(this.state.language) ?? map?.get(this.flow.languages[0] as string);
    if (g) this.commands.push(g);
    this.state.status = 'waiting';
  }

  private enter(nodeId: string): void {
    const s = this.state;
    s.nodeId = nodeId;
    s.phase = 0;
    s.retries = 0;
  }

  /** Enters `nodeId` and runs until a wait or the end. */
  private runFrom(nodeId: string): void {
    this.enter(nodeId);
    this.loop();
  }

  /** Runs the current node (in its current phase) until a wait or the end, recovering from errors. */
  private loop(): void {
    for (;;) {
      try {
        this.run();
        return;
      } catch (err) {
        if (!this.recover(this.node(), err)) return;
      }
    }
  }

  /**
   * Handles a run-time failure at `node`: goes to `onError` (the current flow's, else the main
   * flow's) or ends with outcome `error`. Returns true when running should go on.
   */
  private recover(node: CompiledNode, err: unknown): boolean {
    if (!(err instanceof ExpressionEvaluationError) && !(err instanceof StepLimitError)) throw err;
    const message = err.message;
    if (!(err instanceof StepLimitError)) {
      const target =
        this.flow.onError ?? (this.state.stack.length > 0 ? this.main.onError : undefined);
      if (target !== undefined && target !== node.id) {
        if (this.flow.onError === undefined) this.unwindToMain();
        this.step(node, 'error', target, undefined, message);
        this.enter(target);
        this.state.status = 'waiting';
        return true;
      }
    }
    this.step(node, 'error', undefined, undefined, message);
    this.commands.push({ type: 'hangup', nodeId: node.id, reason: 'error' });
    this.end(node, 'error');
    return false;
  }

  private unwindToMain(): void {
    const s = this.state;
    const bottom = s.stack[0];
    if (!bottom) return;
    s.stack = [];
    this.switchFlow(this.main, bottom.variables);
  }

  private goto(node: CompiledNode, exit: string, input?: string): void {
    const next = node.exits[exit] as string;
    this.step(node, exit, next, input);
    this.enter(next);
  }

  /** Runs from the current (just entered) node until a wait or the end. */
  private run(): void {
    const s = this.state;
    for (;;) {
      if (++this.steps > MAX_STEPS_PER_EVENT) {
        throw new StepLimitError(
          `more than ${MAX_STEPS_PER_EVENT} steps without waiting for an event`,
        );
      }
      const node = this.node();
      switch (node.kind) {
        case 'play':
          this.play(node.prompt, node.id);
          this.goto(node, 'next');
          continue;
        case 'menu':
        case 'collect':
          this.play(node.prompt, node.id);
          this.gather(node.gather);
          return;
        case 'callback':
          this.play(s.phase === 0 ? node.prompt : node.numberPrompt, node.id);
          this.gather(s.phase === 0 ? node.gather : node.numberGather);
          return;
        case 'hook': {
          const input: Record<string, ExpressionValue> = {};
          for (const [k, e] of node.fields ?? []) input[k] = this.eval(e);
          s.seq++;
          this.commands.push({
            type: 'hook',
            nodeId: node.id,
            requestId: `${node.id}#${s.seq}`,
            name: node.name as string,
            input,
            timeoutMs: node.timeoutMs,
          });
          s.status = 'waiting';
          return;
        }
        case 'condition': {
          let target = 'otherwise';
          let next = node.exits.otherwise as string;
          const branches = node.branches ?? [];
          for (let i = 0; i < branches.length; i++) {
            const b = branches[i] as { when: CompiledExpression; next: string };
            if (isTruthy(this.eval(b.when))) {
              target = `branch-${i + 1}`;
              next = b.next;
              break;
            }
          }
          this.step(node, target, next);
          this.enter(next);
          continue;
        }
        case 'set':
          for (const [name, e] of node.assign ?? []) this.setVar(name, this.eval(e));
          this.goto(node, 'next');
          continue;
        case 'business-hours': {
          const status = hoursStatus(node, this.now);
          this.goto(
            node,
            status === 'holiday' && node.exits.holiday === undefined ? 'closed' : status,
          );
          continue;
        }
        case 'language':
          s.language = node.language as string;
          this.globals.language = s.language;
          this.goto(node, 'next');
          continue;
        case 'enqueue': {
          this.play(node.prompt, node.id);
          const attributes: Record<string, ExpressionValue> = {};
          for (const [k, e] of node.fields ?? []) attributes[k] = this.eval(e);
          const p = node.priority;
          const priority = typeof p === 'number' ? p : this.eval(p as CompiledExpression);
          if (typeof priority !== 'number') {
            throw new ExpressionEvaluationError(
              `priority must be a number, got ${JSON.stringify(priority)}`,
            );
          }
          this.commands.push({
            type: 'enqueue',
            nodeId: node.id,
            queueId: node.queue as string,
            priority,
            language: s.language,
            attributes,
          });
          this.step(node, 'enqueued');
          this.end(node, 'enqueued');
          return;
        }
        case 'transfer':
          this.play(node.prompt, node.id);
          this.commands.push({ type: 'transfer', nodeId: node.id, target: node.target as string });
          this.step(node, 'transferred');
          this.end(node, 'transferred');
          return;
        case 'voicemail':
          this.play(node.prompt, node.id);
          this.commands.push({
            type: 'voicemail',
            nodeId: node.id,
            mailbox: node.mailbox as string,
            maxDurationMs: node.timeoutMs,
            language: s.language,
          });
          this.step(node, 'voicemail');
          this.end(node, 'voicemail');
          return;
        case 'hangup':
          this.play(node.prompt, node.id);
          this.commands.push({ type: 'hangup', nodeId: node.id, reason: 'flow' });
          this.step(node, 'hangup');
          this.end(node, 'hangup');
          return;
        case 'subflow': {
          const sub = this.main.flowById(node.flow as string) as CompiledFlow;
          const variables = sub.freshVariables();
          for (const [k, e] of node.fields ?? []) variables[k] = this.eval(e);
          s.stack.push({ flowId: this.flow.id, nodeId: node.id, variables: s.variables });
          this.step(node, 'call', `${sub.id}:${sub.start}`);
          this.switchFlow(sub, variables);
          this.enter(sub.start);
          continue;
        }
        case 'return': {
          const output: Record<string, ExpressionValue> = {};
          for (const [k, e] of node.fields ?? []) output[k] = this.eval(e);
          const frame = s.stack.pop();
          if (!frame) throw new ExpressionEvaluationError('return outside a subflow');
          const caller = this.main.flowById(frame.flowId) as CompiledFlow;
          const callNode = caller.nodes.get(frame.nodeId) as CompiledNode;
          const next = callNode.exits[node.outcome] as string;
          this.step(node, node.outcome, next);
          this.switchFlow(caller, frame.variables);
          if (callNode.resultVariable) this.setVar(callNode.resultVariable, output);
          this.enter(next);
          continue;
        }
      }
    }
  }

  /** Handles an input or hook event at a waiting node. */
  private handle(node: CompiledNode, event: Exclude<IvrEvent, { type: 'hangup' }>): void {
    const s = this.state;
    switch (node.kind) {
      case 'hook': {
        if (event.type === 'timeout') {
          this.resume(node, node.exits.timeout !== undefined ? 'timeout' : 'error');
          return;
        }
        if (event.type !== 'hook-result') {
          this.records.push({
            type: 'ivr-event-ignored',
            at: this.now,
            nodeId: node.id,
            event: event.type,
            reason: 'waiting for a hook result',
          });
          return;
        }
        if (event.requestId !== undefined && event.requestId !== `${node.id}#${s.seq}`) {
          this.records.push({
            type: 'ivr-event-ignored',
            at: this.now,
            nodeId: node.id,
            event: event.type,
            reason: `stale request ${event.requestId}`,
          });
          return;
        }
        if (event.ok) {
          const data = cloneJson(event.data === undefined ? null : event.data);
          if (data === NOT_JSON) {
            this.resume(node, 'error', undefined, 'hook result data is not JSON');
            return;
          }
          if (node.resultVariable) this.setVar(node.resultVariable, data);
          this.resume(node, 'ok');
        } else this.resume(node, 'error', undefined, event.error);
        return;
      }
      case 'menu': {
        if (event.type === 'timeout') return this.retry(node, 'no-input');
        if (event.type === 'dtmf') {
          const key = stripHash(event.digits);
          for (const c of node.choices ?? [])
            if (c.dtmf !== undefined && c.dtmf === key)
              return this.choose(node, c.next, c.exit, key);
          return this.retry(node, 'no-match', key);
        }
        if (event.type === 'speech') {
          const said = normaliseSpeech(event.text);
          if (said === '') return this.retry(node, 'no-input');
          const choices = node.choices ?? [];
          for (const c of choices) {
            for (const p of c.phrases.get(s.language) ?? [])
              if (said.includes(p)) return this.choose(node, c.next, c.exit, event.text);
          }
          for (const c of choices) {
            if (c.dtmf === said) return this.choose(node, c.next, c.exit, event.text);
            for (const p of c.allPhrases)
              if (said.includes(p)) return this.choose(node, c.next, c.exit, event.text);
          }
          return this.retry(node, 'no-match', event.text);
        }
        break;
      }
      case 'collect': {
        if (event.type === 'timeout') return this.retry(node, 'no-input');
        let value: string | undefined;
        if (event.type === 'dtmf' && !node.speech) {
          value =
            node.terminator && event.digits.endsWith(node.terminator)
              ? event.digits.slice(0, -1)
              : event.digits;
          if (!/^[0-9*#]*$/.test(value))
            return this.retry(node, 'invalid', node.sensitive ? '***' : value);
        } else if (event.type === 'speech' && node.speech) value = event.text.trim();
        if (value === undefined) break;
        if (value === '') return this.retry(node, 'no-input');
        const shown = node.sensitive ? '***' : value;
        const ok =
          value.length >= node.minLength &&
          value.length <= node.maxLength &&
          (!node.pattern || node.pattern.test(value));
        if (!ok) return this.retry(node, 'invalid', shown);
        this.setVar(node.variable as string, value);
        return this.choose(node, node.exits.next as string, 'next', shown);
      }
      case 'callback': {
        if (event.type === 'timeout') return this.retry(node, 'no-input');
        if (event.type !== 'dtmf') break;
        if (s.phase === 0) {
          const key = stripHash(event.digits);
          if (key === node.declineKey)
            return this.choose(node, node.exits.declined as string, 'declined', key);
          if (key !== node.acceptKey) return this.retry(node, 'no-match', key);
          this.step(node, 'accept', node.id, key);
          s.phase = 1;
          s.retries = 0;
          this.loop();
          return;
        }
        const number = event.digits.endsWith('#') ? event.digits.slice(0, -1) : event.digits;
        if (number === '') return this.retry(node, 'no-input');
        if (
          !/^[0-9]+$/.test(number) ||
          number.length < node.minLength ||
          number.length > node.maxLength
        ) {
          return this.retry(node, 'invalid', number);
        }
        const attributes: Record<string, ExpressionValue> = {};
        for (const [k, e] of node.fields ?? []) attributes[k] = this.eval(e);
        if (node.variable) this.setVar(node.variable, number);
        this.commands.push({
          type: 'callback',
          nodeId: node.id,
          queueId: node.queue as string,
          number,
          language: s.language,
          attributes,
        });
        s.callback = true;
        return this.choose(node, node.exits.accepted as string, 'accepted', number);
      }
      default:
        break;
    }
    this.records.push({
      type: 'ivr-event-ignored',
      at: this.now,
      nodeId: node.id,
      event: event.type,
      reason: `a ${node.kind} node does not take it`,
    });
  }

  private choose(node: CompiledNode, next: string, exit: string, input?: string): void {
    this.step(node, exit, next, input);
    this.state.status = 'waiting';
    this.runFrom(next);
  }

  private resume(node: CompiledNode, exit: string, input?: string, error?: string): void {
    const next = node.exits[exit] as string;
    this.step(node, exit, next, input, error);
    this.runFrom(next);
  }

  private retry(
    node: CompiledNode,
    kind: 'no-input' | 'no-match' | 'invalid',
    input?: string,
  ): void {
    const s = this.state;
    if (s.retries >= node.maxRetries) {
      const exit =
        node.kind === 'callback'
          ? 'declined'
          : kind === 'no-input'
            ? 'noInput'
            : kind === 'no-match'
              ? 'noMatch'
              : 'invalid';
      this.step(node, kind, node.exits[exit], input);
      this.runFrom(node.exits[exit] as string);
      return;
    }
    this.step(node, kind, node.id, input);
    s.retries++;
    this.play(kind === 'no-input' ? node.noInputPrompt : node.retryPrompt, node.id);
    this.loop();
  }
}
