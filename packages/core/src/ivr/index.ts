/**
 * IVR flows as data: versioned JSON (or the typed {@link FlowBuilder}), checked by
 * {@link validateFlow} before anything runs, compiled once by {@link compileFlow}, and run per call
 * by {@link IvrSession}, a deterministic, event-driven interpreter with no timers and no I/O that any
 * media backend (Asterisk, FreeSWITCH, a browser) or a visual IVR page can drive.
 *
 * Host loop: execute each returned command in order (`play`, `gather`, `hook`, `enqueue`,
 * `transfer`, `voicemail`, `callback`, `hangup`); send back `dtmf` / `speech` after a gather,
 * `hook-result` after a hook, `timeout` when the command's `timeoutMs` passed on your Clock, and
 * `hangup` when the caller leaves. Append every `timeline` record to the interaction's timeline;
 * {@link summarizeIvrTimeline} turns them into containment and drop-off per node.
 *
 * @example
 * ```ts
 * import { compileFlow, IvrSession } from '@switchboard/core/ivr';
 *
 * const flow = compileFlow(json, { queues: ['billing', 'support'] }); // throws FlowValidationError
 * const session = new IvrSession(flow, { clock, attributes: { ani: '+14155550100' } });
 * let { commands, timeline } = session.start();
 * ({ commands, timeline } = session.send({ type: 'dtmf', digits: '2' }));
 * // commands: [{ type: 'play', ... }, { type: 'enqueue', queueId: 'billing', priority: 0, ... }]
 * ```
 *
 * @packageDocumentation
 */
export { FLOW_SCHEMA, NODE_KINDS } from './flow-definition.js';
export type {
  FlowDefinition,
  FlowNode,
  NodeKind,
  NodeBase,
  Prompt,
  PromptContent,
  GatherSettings,
  PlayNode,
  MenuNode,
  MenuChoice,
  CollectNode,
  ConditionNode,
  SetNode,
  BusinessHoursNode,
  HookNode,
  LanguageNode,
  EnqueueNode,
  TransferNode,
  VoicemailNode,
  CallbackNode,
  SubflowNode,
  ReturnNode,
  HangupNode,
} from './flow-definition.js';
export { validateFlow } from './validate-flow.js';
export { FLOW_LIMITS } from './flow-limits.js';
export type { FlowValidationContext } from './validate-flow.js';
export { compileFlow, CompiledFlow } from './compile-flow.js';
export { IvrSession } from './ivr-session.js';
export type { IvrSessionOptions, IvrStepResult } from './ivr-session.js';
export type { IvrSessionState, IvrFrame } from './ivr-session-state.js';
export type {
  IvrCommand,
  PlayCommand,
  GatherCommand,
  HookCommand,
  EnqueueCommand,
  TransferCommand,
  VoicemailCommand,
  CallbackCommand,
  HangupCommand,
} from './ivr-command.js';
export type {
  IvrEvent,
  DtmfEvent,
  SpeechEvent,
  TimeoutEvent,
  HookResultEvent,
  CallerHangupEvent,
} from './ivr-event.js';
export type {
  IvrTimelineRecord,
  IvrStartedRecord,
  IvrStepRecord,
  IvrEndedRecord,
  IvrEventIgnoredRecord,
  IvrOutcome,
} from './ivr-timeline.js';
export { FlowValidationError } from './flow-validation-error.js';
export { IvrSessionError } from './ivr-session-error.js';
export { FlowBuilder } from './flow-builder.js';
export type { NodeSpec, FlowMeta } from './flow-builder.js';
export { summarizeIvrTimeline } from './summarize-ivr-timeline.js';
export type { IvrTimelineSummary, IvrNodeStats } from './summarize-ivr-timeline.js';
