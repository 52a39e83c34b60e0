import type { BusinessCalendar } from '../calendar/index.js';
import type { CompiledExpression, ExpressionValue, LinearPattern } from '../expr/index.js';
import { compileExpression, compilePattern, parseExpression } from '../expr/index.js';
import type { FlowDefinition, FlowNode, NodeKind, PromptContent } from './flow-definition.js';
import { FlowValidationError } from './flow-validation-error.js';
import { isRecord } from './flow-paths.js';
import type { GatherCommand, PlayCommand } from './ivr-command.js';
import { parseTemplate } from './prompt-template.js';
import { validateFlow } from './validate-flow.js';
import type { FlowValidationContext } from './validate-flow.js';

/** @internal One language of a compiled prompt: a ready command, or a template to fill in. */
export interface CompiledPromptEntry {
  /** Shared, immutable command when the content has no `{{ }}`. */
  readonly fixed?: PlayCommand;
  readonly template?: readonly (string | CompiledExpression)[];
}

/** @internal language -> entry. */
export type CompiledPrompt = ReadonlyMap<string, CompiledPromptEntry>;

/** @internal A menu choice ready to match. */
export interface CompiledChoice {
  readonly dtmf?: string;
  /** Normalised phrases per language. */
  readonly phrases: ReadonlyMap<string, readonly string[]>;
  /** Normalised phrases of every language. */
  readonly allPhrases: readonly string[];
  readonly next: string;
  /** Exit name on the timeline. */
  readonly exit: string;
}

/** @internal A node with everything parsed and defaulted. Fields depend on `kind`. */
export interface CompiledNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly exits: Readonly<Record<string, string>>;
  readonly prompt?: CompiledPrompt;
  readonly noInputPrompt?: CompiledPrompt;
  readonly retryPrompt?: CompiledPrompt;
  readonly numberPrompt?: CompiledPrompt;
  /** Gather commands per language (menu, collect, callback offer). */
  readonly gather?: ReadonlyMap<string, GatherCommand>;
  /** Callback number gather per language. */
  readonly numberGather?: ReadonlyMap<string, GatherCommand>;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly choices?: readonly CompiledChoice[];
  readonly variable?: string;
  readonly speech?: boolean;
  readonly minLength: number;
  readonly maxLength: number;
  readonly terminator?: string;
  readonly pattern?: LinearPattern;
  readonly sensitive: boolean;
  readonly branches?: readonly { readonly when: CompiledExpression; readonly next: string }[];
  readonly assign?: readonly (readonly [string, CompiledExpression])[];
  readonly calendar?: BusinessCalendar;
  readonly name?: string;
  readonly fields?: readonly (readonly [string, CompiledExpression])[];
  readonly resultVariable?: string;
  readonly language?: string;
  readonly queue?: string;
  readonly priority?: number | CompiledExpression;
  readonly target?: string;
  readonly mailbox?: string;
  readonly acceptKey: string;
  readonly declineKey: string;
  readonly flow?: string;
  readonly outcome: string;
  readonly definition: FlowNode;
}

/**
 * A validated flow, with nodes indexed by id, expressions parsed and fixed prompts prepared, ready
 * for any number of {@link IvrSession}s. Only {@link compileFlow} makes one, so an invalid flow never
 * starts.
 */
export class CompiledFlow {
  /** Flow id. */
  readonly id: string;
  /** Flow version. */
  readonly version: number;
  /** Languages; the first is the default. */
  readonly languages: readonly string[];
  /** Timezone of `now()`. */
  readonly timezone: string;
  /** Start node id. */
  readonly start: string;
  /** Where run-time errors go, if anywhere. */
  readonly onError: string | undefined;
  /** The validated document. */
  readonly definition: FlowDefinition;
  /** @internal */
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  /** @internal Initial variables (copied for each session). */
  readonly initialVariables: Readonly<Record<string, ExpressionValue>>;
  /** @internal Whether every initial value is a primitive (a shallow copy is a full copy). */
  private readonly primitiveVariables: boolean;
  /** @internal Subflows by id, shared across the call tree. */
  readonly library: ReadonlyMap<string, CompiledFlow>;

  /** @internal Use {@link compileFlow}. */
  constructor(definition: FlowDefinition, library: Map<string, CompiledFlow>) {
    this.definition = definition;
    this.id = definition.id;
    this.version = definition.version;
    this.languages = definition.languages;
    this.timezone = definition.timezone;
    this.start = definition.start;
    this.onError = definition.onError;
    this.initialVariables = structuredCloneJson(definition.variables ?? {});
    this.primitiveVariables = Object.values(this.initialVariables).every(
      (v) => v === null || typeof v !== 'object',
    );
    this.library = library;
    const nodes = new Map<string, CompiledNode>();
    for (const n of definition.nodes) nodes.set(n.id, compileNode(n, definition));
    this.nodes = nodes;
  }

  /** @internal A new copy of the initial variables for a session or subflow call. */
  freshVariables(): Record<string, ExpressionValue> {
    return this.primitiveVariables
      ? { ...this.initialVariables }
      : structuredCloneJson(this.initialVariables as Record<string, ExpressionValue>);
  }

  /** The flow (this one or a subflow) with id `id`, if known. */
  flowById(id: string): CompiledFlow | undefined {
    return id === this.id ? this : this.library.get(id);
  }
}

function compile(source: string): CompiledExpression {
  return compileExpression(parseExpression(source));
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** @internal Normalises text for speech matching. */
export function normaliseSpeech(text: string): string {
  return text.toLowerCase().trim().replace(/\s+/g, ' ');
}

function compilePrompt(
  prompt: Readonly<Record<string, PromptContent>> | undefined,
  nodeId: string,
): CompiledPrompt | undefined {
  if (!prompt) return undefined;
  const out = new Map<string, CompiledPromptEntry>();
  for (const [language, content] of Object.entries(prompt)) {
    if (typeof content !== 'string' && 'audio' in content) {
      out.set(language, {
        fixed: Object.freeze({ type: 'play', nodeId, language, audio: content.audio }),
      });
      continue;
    }
    const text = typeof content === 'string' ? content : content.text;
    const parts = parseTemplate(text);
    if (parts.length === 1 && typeof parts[0] === 'string') {
      out.set(language, { fixed: Object.freeze({ type: 'play', nodeId, language, text }) });
    } else
      out.set(language, {
        template: parts.map((p) => (typeof p === 'string' ? p : compileExpression(p))),
      });
  }
  return out;
}

function gathers(
  languages: readonly string[],
  make: (language: string) => GatherCommand,
): ReadonlyMap<string, GatherCommand> {
  const m = new Map<string, GatherCommand>();
  for (const l of languages) m.set(l, Object.freeze(make(l)));
  return m;
}

function exprEntries(
  map: Readonly<Record<string, string>> | undefined,
): (readonly [string, CompiledExpression])[] {
  return Object.entries(map ?? {}).map(([k, v]) => [k, compile(v)] as const);
}

function compileNode(n: FlowNode, flow: FlowDefinition): CompiledNode {
  const languages = flow.languages;
  const any = n as FlowNode & Record<string, unknown>;
  const base = {
    id: n.id,
    kind: n.kind,
    exits: (isRecord(any.exits) ? any.exits : {}) as Record<string, string>,
    maxRetries: typeof any.maxRetries === 'number' ? any.maxRetries : 2,
    timeoutMs: typeof any.timeoutMs === 'number' ? any.timeoutMs : 5000,
    minLength: 1,
    maxLength: 20,
    sensitive: false,
    acceptKey: '1',
    declineKey: '2',
    outcome: 'next',
    definition: n,
  };
  switch (n.kind) {
    case 'play':
    case 'hangup':
    case 'transfer':
    case 'voicemail':
      return {
        ...base,
        prompt: compilePrompt(n.prompt, n.id),
        target: n.kind === 'transfer' ? n.target : undefined,
        mailbox: n.kind === 'voicemail' ? n.mailbox : undefined,
        timeoutMs: n.kind === 'voicemail' ? (n.maxDurationMs ?? 120_000) : base.timeoutMs,
      };
    case 'menu': {
      const choices: CompiledChoice[] = n.choices.map((c, i) => {
        const phrases = new Map<string, string[]>();
        for (const [l, list] of Object.entries(c.speech ?? {}))
          phrases.set(l, (list ?? []).map(normaliseSpeech));
        return {
          dtmf: c.dtmf,
          phrases,
          allPhrases: [...phrases.values()].flat(),
          next: c.next,
          exit: c.dtmf ?? `choice-${i + 1}`,
        };
      });
      const hasSpeech = choices.some((c) => c.allPhrases.length > 0);
      const hasDtmf = choices.some((c) => c.dtmf !== undefined);
      const input = hasSpeech ? (hasDtmf ? 'dtmf-speech' : 'speech') : 'dtmf';
      return {
        ...base,
        prompt: compilePrompt(n.prompt, n.id),
        noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
        retryPrompt: compilePrompt(n.noMatchPrompt, n.id),
        choices,
        gather: gathers(languages, (language) => {
          const phrases = choices.flatMap((c) => c.phrases.get(language) ?? []);
          return {
            type: 'gather',
            nodeId: n.id,
            input,
            minDigits: 1,
            maxDigits: 1,
            timeoutMs: base.timeoutMs,
            language,
            ...(phrases.length ? { phrases } : {}),
          };
        }),
      };
    }
    case 'collect': {
      const speech = n.input === 'speech';
      const terminator = speech ? undefined : (n.terminator ?? '#');
      const minLength = n.minLength ?? 1;
      const maxLength = n.maxLength ?? 20;
      return {
        ...base,
        prompt: compilePrompt(n.prompt, n.id),
        noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
        retryPrompt: compilePrompt(n.invalidPrompt, n.id),
        variable: n.variable,
        speech,
        minLength,
        maxLength,
        terminator,
        pattern: n.pattern === undefined ? undefined : compilePattern(n.pattern),
        sensitive: n.sensitive === true,
        gather: gathers(languages, (language) => ({
          type: 'gather',
          nodeId: n.id,
          input: speech ? 'speech' : 'dtmf',
          minDigits: minLength,
          maxDigits: maxLength,
          ...(terminator ? { terminator } : {}),
          timeoutMs: base.timeoutMs,
          language,
        })),
      };
    }
    case 'condition':
      return {
        ...base,
        branches: n.branches.map((b) => ({ when: compile(b.when), next: b.next })),
      };
    case 'set':
      return { ...base, assign: exprEntries(n.assign) };
    case 'business-hours':
      return {
        ...base,
        calendar:
          typeof n.calendar === 'string'
            ? (flow.calendars?.[n.calendar] as BusinessCalendar)
            : n.calendar,
      };
    case 'hook':
      return {
        ...base,
        name: n.name,
        fields: exprEntries(n.input),
        resultVariable: n.resultVariable,
      };
    case 'language':
      return { ...base, language: n.language };
    case 'enqueue':
      return {
        ...base,
        prompt: compilePrompt(n.prompt, n.id),
        queue: n.queue,
        priority: typeof n.priority === 'string' ? compile(n.priority) : (n.priority ?? 0),
        fields: exprEntries(n.attributes),
      };
    case 'callback': {
      const acceptKey = n.acceptKey ?? '1';
      const declineKey = n.declineKey ?? '2';
      const minLength = n.minLength ?? 6;
      const maxLength = n.maxLength ?? 15;
      return {
        ...base,
        queue: n.queue,
        prompt: compilePrompt(n.offerPrompt, n.id),
        numberPrompt: compilePrompt(n.numberPrompt, n.id),
        noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
        variable: n.variable,
        acceptKey,
        declineKey,
        minLength,
        maxLength,
        fields: exprEntries(n.attributes),
        gather: gathers(languages, (language) => ({
          type: 'gather',
          nodeId: n.id,
          input: 'dtmf',
          minDigits: 1,
          maxDigits: 1,
          timeoutMs: base.timeoutMs,
          language,
        })),
        numberGather: gathers(languages, (language) => ({
          type: 'gather',
          nodeId: n.id,
          input: 'dtmf',
          minDigits: minLength,
          maxDigits: maxLength,
          terminator: '#',
          timeoutMs: base.timeoutMs,
          language,
        })),
      };
    }
    case 'subflow':
      return {
        ...base,
        flow: n.flow,
        fields: exprEntries(n.params),
        resultVariable: n.resultVariable,
      };
    case 'return':
      return { ...base, outcome: n.outcome ?? 'next', fields: exprEntries(n.output) };
  }
}

/**
 * Validates a flow document and compiles it for running: nodes indexed by id, expressions and prompt
 * templates parsed once, fixed prompts and gather commands prepared once and shared by every
 * session. Compile once per flow version and reuse it for every call.
 *
 * @throws {@link FlowValidationError} listing every problem when the flow is invalid (see
 * {@link validateFlow}); nothing invalid ever runs.
 * @example
 * ```ts
 * import { compileFlow, IvrSession } from '@switchboard/core/ivr';
 * const flow = compileFlow(JSON.parse(await readFile('bank-hotline.json', 'utf8')), { queues: ['billing'] });
 * const session = new IvrSession(flow, { attributes: { ani: '+8613800138000' } });
 * const { commands } = session.start();
 * ```
 */
export function compileFlow(json: unknown, context: FlowValidationContext = {}): CompiledFlow {
  const issues = validateFlow(json, context);
  if (issues.length > 0) {
    const id = isRecord(json) && typeof json.id === 'string' ? json.id : undefined;
    throw new FlowValidationError(id, issues);
  }
  const definition = structuredCloneJson(json) as FlowDefinition;
  const library = new Map<string, CompiledFlow>();
  const sources: FlowDefinition[] = [...(definition.subflows ?? [])];
  if (context.flows)
    for (const f of context.flows) sources.push(structuredCloneJson(f) as FlowDefinition);
  for (const sub of sources) {
    if (!library.has(sub.id) && sub.id !== definition.id)
      library.set(sub.id, new CompiledFlow(sub, library));
  }
  return new CompiledFlow(definition, library);
}
