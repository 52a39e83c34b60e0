import type { CompiledExpression, ExpressionScope, ExpressionValue } from '../expr/index.js';
import { ExpressionEvaluationError, isTruthy } from '../expr/index.js';
import type { Clock } from '../shared/index.js';
import { systemClock } from '../shared/index.js';
import type { CompiledFlow } from './compile-flow.js';
import { cloneJson, jsonClone, NOT_JSON } from './json-clone.js';
import { answerCollect, answerMenu, hoursStatus, stripHash } from './node-input.js';
import type { CompiledCallbackNode } from './nodes/callback-node.js';
import type { CompiledCollectNode } from './nodes/collect-node.js';
import type { CompiledMenuNode } from './nodes/menu-node.js';
import type { CompiledPrompt } from './nodes/node-kind-spec.js';
import { exitOf } from './nodes/node-specs.js';
import type { CompiledNode } from './nodes/node-specs.js';
import { checkedState } from './resume-state.js';
import type { GatherCommand, IvrCommand } from './ivr-command.js';
import type { IvrEvent } from './ivr-event.js';
import { IvrSessionError } from './ivr-session-error.js';
import type { IvrSessionOptions, IvrStepResult } from './ivr-session-options.js';
import { ivrSessionCommands, type IvrSessionState } from './ivr-session-state.js';
import type { IvrOutcome, IvrStepRecord, IvrTimelineRecord } from './ivr-timeline.js';
import { isRecord } from './flow-paths.js';
import { FLOW_LIMITS } from './flow-limits.js';

export type { IvrSessionOptions, IvrStepResult } from './ivr-session-options.js';

/** Consecutive steps allowed without waiting for an event (validation already forbids spin loops). */
const MAX_STEPS_PER_EVENT = FLOW_LIMITS.maxStepsPerEvent;

class StepLimitError extends Error {}

/** Placeholders until the first start/send replaces them (never pushed to). */
const NO_COMMANDS: IvrCommand[] = [];
const NO_RECORDS: IvrTimelineRecord[] = [];

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
      this.flow = flow.requireFlow(state.currentFlowId);
    } else {
      const language = options.language ?? flow.defaultLanguage;
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
   * const resumed = IvrSession.resume(flow, JSON.parse(await redis.get(callId)), { clock });
   * ```
   */
  static resume(
    flow: CompiledFlow,
    state: unknown,
    options: Pick<IvrSessionOptions, 'clock'> = {},
  ): IvrSession {
    return new IvrSession(flow, options, checkedState(flow, state));
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
    ivrSessionCommands.transition(this.state.status, 'start', this.main.id);
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
    ivrSessionCommands.transition(s.status, 'send', this.main.id);
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
    this.ignored(this.state.nodeId, event, reason);
    return this.finish();
  }

  private node(): CompiledNode {
    return this.flow.node(this.state.nodeId);
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
    const entry = prompt.get(lang) ?? prompt.get(this.flow.defaultLanguage);
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
    const g = map?.get(this.state.language) ?? map?.get(this.flow.defaultLanguage);
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
    const next = exitOf(node, exit);
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
          s.seq++;
          this.commands.push({
            type: 'hook',
            nodeId: node.id,
            requestId: `${node.id}#${s.seq}`,
            name: node.name,
            input: this.evalFields(node.fields),
            timeoutMs: node.timeoutMs,
          });
          s.status = 'waiting';
          return;
        }
        case 'condition': {
          let target = 'otherwise';
          let next = exitOf(node, 'otherwise');
          for (const [i, b] of node.branches.entries()) {
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
          for (const [name, e] of node.assign) this.setVar(name, this.eval(e));
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
          s.language = node.language;
          this.globals.language = s.language;
          this.goto(node, 'next');
          continue;
        case 'enqueue': {
          this.play(node.prompt, node.id);
          const attributes = this.evalFields(node.fields);
          const p = node.priority;
          const priority = typeof p === 'number' ? p : this.eval(p);
          if (typeof priority !== 'number') {
            throw new ExpressionEvaluationError(
              `priority must be a number, got ${JSON.stringify(priority)}`,
            );
          }
          this.commands.push({
            type: 'enqueue',
            nodeId: node.id,
            queueId: node.queue,
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
          this.commands.push({ type: 'transfer', nodeId: node.id, target: node.target });
          this.step(node, 'transferred');
          this.end(node, 'transferred');
          return;
        case 'voicemail':
          this.play(node.prompt, node.id);
          this.commands.push({
            type: 'voicemail',
            nodeId: node.id,
            mailbox: node.mailbox,
            maxDurationMs: node.maxDurationMs,
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
          const sub = this.main.requireFlow(node.flow);
          const variables = sub.freshVariables();
          for (const [k, e] of node.fields) variables[k] = this.eval(e);
          s.stack.push({ flowId: this.flow.id, nodeId: node.id, variables: s.variables });
          this.step(node, 'call', `${sub.id}:${sub.start}`);
          this.switchFlow(sub, variables);
          this.enter(sub.start);
          continue;
        }
        case 'return': {
          const output = this.evalFields(node.fields);
          const frame = s.stack.pop();
          if (!frame) throw new ExpressionEvaluationError('return outside a subflow');
          const caller = this.main.requireFlow(frame.flowId);
          const callNode = caller.node(frame.nodeId);
          const next = exitOf(callNode, node.outcome);
          this.step(node, node.outcome, next);
          this.switchFlow(caller, frame.variables);
          if (callNode.kind === 'subflow' && callNode.resultVariable)
            this.setVar(callNode.resultVariable, output);
          this.enter(next);
          continue;
        }
      }
    }
  }

  /** Evaluates name -> expression fields into a fresh object (names were checked at validation). */
  private evalFields(
    fields: readonly (readonly [string, CompiledExpression])[],
  ): Record<string, ExpressionValue> {
    const out: Record<string, ExpressionValue> = {};
    for (const [k, e] of fields) out[k] = this.eval(e);
    return out;
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
          this.ignored(node.id, event, 'waiting for a hook result');
          return;
        }
        if (event.requestId !== undefined && event.requestId !== `${node.id}#${s.seq}`) {
          this.ignored(node.id, event, `stale request ${event.requestId}`);
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
        if (event.type !== 'dtmf' && event.type !== 'speech') break;
        const answer = answerMenu(node, event, s.language);
        if (answer.type === 'choice')
          return this.choose(node, answer.choice.next, answer.choice.exit, answer.input);
        if (answer.type === 'no-input') return this.retry(node, 'no-input');
        return this.retry(node, 'no-match', answer.input);
      }
      case 'collect': {
        if (event.type === 'timeout') return this.retry(node, 'no-input');
        const answer = answerCollect(node, event);
        if (answer.type === 'ignored') break;
        if (answer.type === 'no-input') return this.retry(node, 'no-input');
        if (answer.type === 'invalid') return this.retry(node, 'invalid', answer.shown);
        this.setVar(node.variable, answer.value);
        return this.choose(node, exitOf(node, 'next'), 'next', answer.shown);
      }
      case 'callback': {
        if (event.type === 'timeout') return this.retry(node, 'no-input');
        if (event.type !== 'dtmf') break;
        if (s.phase === 0) {
          const key = stripHash(event.digits);
          if (key === node.declineKey)
            return this.choose(node, exitOf(node, 'declined'), 'declined', key);
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
        const attributes = this.evalFields(node.fields);
        if (node.variable) this.setVar(node.variable, number);
        this.commands.push({
          type: 'callback',
          nodeId: node.id,
          queueId: node.queue,
          number,
          language: s.language,
          attributes,
        });
        s.callback = true;
        return this.choose(node, exitOf(node, 'accepted'), 'accepted', number);
      }
      default:
        break;
    }
    this.ignored(node.id, event, `a ${node.kind} node does not take it`);
  }

  private ignored(nodeId: string, event: IvrEvent, reason: string): void {
    this.records.push({
      type: 'ivr-event-ignored',
      at: this.now,
      nodeId,
      event: event.type,
      reason,
    });
  }

  private choose(node: CompiledNode, next: string, exit: string, input?: string): void {
    this.step(node, exit, next, input);
    this.state.status = 'waiting';
    this.runFrom(next);
  }

  private resume(node: CompiledNode, exit: string, input?: string, error?: string): void {
    const next = exitOf(node, exit);
    this.step(node, exit, next, input, error);
    this.runFrom(next);
  }

  private retry(
    node: CompiledMenuNode | CompiledCollectNode | CompiledCallbackNode,
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
      const next = exitOf(node, exit);
      this.step(node, kind, next, input);
      this.runFrom(next);
      return;
    }
    this.step(node, kind, node.id, input);
    s.retries++;
    this.play(kind === 'no-input' ? node.noInputPrompt : node.retryPrompt, node.id);
    this.loop();
  }
}
