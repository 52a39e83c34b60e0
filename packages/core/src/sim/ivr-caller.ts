import type { ExpressionValue } from '../expr/index.js';
import type { AttributeValue, Channel } from '../interactions/index.js';
import {
  IvrSession,
  type CompiledFlow,
  type EnqueueCommand,
  type FlowDefinition,
  type FlowNode,
  type IvrEvent,
  type IvrStepResult,
  type IvrTimelineRecord,
} from '../ivr/index.js';
import type { RoutingEngine } from '../routing/index.js';
import type { RandomSource, VirtualClock } from '../shared/index.js';
import { sampler } from './distributions.js';
import type { IvrStats } from './ivr-stats.js';
import type { ArrivalIvr, IvrHookModel } from './scenario.js';

/** What the IVR caller needs from the simulator. @internal */
export interface IvrHost {
  readonly clock: VirtualClock;
  readonly engine: RoutingEngine;
  /** The flow handed the contact to routing: enqueue it. */
  enqueue(interactionId: string, command: EnqueueCommand): void;
}

interface WeightTable {
  readonly answers: readonly string[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

interface Call {
  readonly id: string;
  readonly session: IvrSession;
  readonly records: IvrTimelineRecord[] | undefined;
}

const DEFAULT_ANSWER_SECONDS = 3;
const DTMF_RE = /^[0-9*#]+$/;

/** Routing attributes are flat: nested IVR values travel as JSON text. @internal */
export function flatAttributes(
  values: Readonly<Record<string, ExpressionValue>>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  return out;
}

/** Every node of a flow and its embedded subflows, by id (the first definition wins). @internal */
export function flowNodes(definition: FlowDefinition): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>();
  const visit = (d: FlowDefinition): void => {
    for (const n of d.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
    for (const sub of d.subflows ?? []) visit(sub);
  };
  visit(definition);
  return nodes;
}

/**
 * Plays the caller (and the hook back-ends) for one arrival stream's IVR: runs the real
 * {@link IvrSession} on the simulator's clock, answers each `gather` after a sampled time with a
 * weighted choice (or hangs up), answers each `hook` with its configured result, and hands the
 * interaction to the router on `enqueue` or ends it in the IVR.
 *
 * @internal
 */
export class IvrCaller {
  private readonly flow: CompiledFlow;
  private readonly ivr: ArrivalIvr;
  private readonly random: RandomSource;
  private readonly host: IvrHost;
  private readonly stats: IvrStats;
  private readonly nodes: Map<string, FlowNode>;
  private readonly tables = new Map<string, WeightTable>();
  private readonly answerTime: () => number;
  private readonly hangupProbability: number;
  private readonly hookDelays = new Map<string, () => number>();
  private readonly routerAttributes: Record<string, AttributeValue>;

  constructor(
    flow: CompiledFlow,
    ivr: ArrivalIvr,
    random: RandomSource,
    host: IvrHost,
    stats: IvrStats,
  ) {
    this.flow = flow;
    this.ivr = ivr;
    this.random = random;
    this.host = host;
    this.stats = stats;
    this.nodes = flowNodes(flow.definition);
    const caller = ivr.caller ?? {};
    this.answerTime = sampler(
      caller.answerTime ?? { type: 'fixed', value: DEFAULT_ANSWER_SECONDS },
      random,
    );
    this.hangupProbability = caller.hangupProbability ?? 0;
    for (const [nodeId, weights] of Object.entries(caller.answers ?? {})) {
      const answers: string[] = [];
      const cumulative: number[] = [];
      let total = 0;
      for (const [answer, w] of Object.entries(weights)) {
        if (!(w > 0)) continue;
        total += w;
        answers.push(answer);
        cumulative.push(total);
      }
      if (total > 0) this.tables.set(nodeId, { answers, cumulative, total });
    }
    for (const [name, model] of Object.entries(ivr.hooks ?? {}))
      this.hookDelays.set(name, model.delay ? sampler(model.delay, random) : () => 0);
    this.routerAttributes = flatAttributes(ivr.attributes ?? {});
  }

  /**
   * Creates the interaction in the router, marks it in the IVR and starts the session.
   * `inReport`: whether the session's records count in the report.
   */
  start(id: string, channel: Channel, customerId: string | undefined, inReport: boolean): void {
    const { engine, clock } = this.host;
    engine.createInteraction({
      id,
      channel,
      attributes: this.routerAttributes,
      ...(customerId !== undefined ? { customerId } : {}),
    });
    engine.startIvr(id);
    const session = new IvrSession(this.flow, {
      clock,
      attributes: this.ivr.attributes ?? {},
      ...(this.ivr.language !== undefined ? { language: this.ivr.language } : {}),
    });
    const call: Call = { id, session, records: inReport ? [] : undefined };
    if (inReport) this.stats.sessionStarted();
    this.handle(call, session.start());
  }

  private send(call: Call, event: IvrEvent): void {
    this.handle(call, call.session.send(event));
  }

  private after(ms: number, call: Call, event: IvrEvent): void {
    this.host.clock.setTimeout(() => this.send(call, event), ms);
  }

  private handle(call: Call, step: IvrStepResult): void {
    if (call.records) for (const r of step.timeline) call.records.push(r);
    if (step.status === 'ended') {
      if (call.records) this.stats.add(call.records);
      const engine = this.host.engine;
      switch (step.outcome) {
        case 'enqueued': {
          const command = step.commands.find((c): c is EnqueueCommand => c.type === 'enqueue');
          if (command) this.host.enqueue(call.id, command);
          return;
        }
        case 'caller-hangup':
          engine.abandon(call.id);
          return;
        default:
          // hangup, transfer, voicemail, error: finished in the IVR (contained).
          engine.completeWrapUp(call.id, { disposition: `ivr-${step.outcome ?? 'ended'}` });
          return;
      }
    }
    for (let i = step.commands.length - 1; i >= 0; i--) {
      const command = step.commands[i];
      if (command?.type === 'gather') {
        const delay = this.answerTime();
        if (this.random() < this.hangupProbability) {
          this.after(delay, call, { type: 'hangup' });
          return;
        }
        const answer = this.answer(call, command.nodeId, command.language);
        if (answer === undefined || delay >= command.timeoutMs)
          this.after(command.timeoutMs, call, { type: 'timeout' });
        else
          this.after(
            delay,
            call,
            command.input === 'speech' || !DTMF_RE.test(answer)
              ? { type: 'speech', text: answer }
              : { type: 'dtmf', digits: answer },
          );
        return;
      }
      if (command?.type === 'hook') {
        const model = this.ivr.hooks?.[command.name] as IvrHookModel;
        const delay = (this.hookDelays.get(command.name) as () => number)();
        if (delay >= command.timeoutMs) this.after(command.timeoutMs, call, { type: 'timeout' });
        else
          this.after(delay, call, {
            type: 'hook-result',
            requestId: command.requestId,
            ...model.result,
          });
        return;
      }
    }
  }

  /** The caller's answer at a gathering node; `undefined` for silence. */
  private answer(call: Call, nodeId: string, language: string): string | undefined {
    const node = this.nodes.get(nodeId);
    const numberPhase = node?.kind === 'callback' && call.session.getState().phase === 1;
    const table = numberPhase ? undefined : this.tables.get(nodeId);
    if (table) {
      const x = this.random() * table.total;
      let k = 0;
      while (k < table.answers.length - 1 && x >= (table.cumulative[k] as number)) k++;
      const answer = table.answers[k] as string;
      return answer === 'timeout' ? undefined : answer;
    }
    switch (node?.kind) {
      case 'menu': {
        const choice = node.choices[0];
        if (!choice) return undefined;
        return choice.dtmf ?? choice.speech?.[language]?.[0] ?? undefined;
      }
      case 'collect':
        return (node.input === 'speech' ? 'a' : '1').repeat(node.minLength ?? 1);
      case 'callback':
        return numberPhase ? '5'.repeat(node.minLength ?? 6) : (node.acceptKey ?? '1');
      default:
        return undefined;
    }
  }
}
