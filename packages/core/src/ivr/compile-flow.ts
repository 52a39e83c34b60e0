import type { ExpressionValue } from '../expr/index.js';
import type { FlowDefinition } from './flow-definition.js';
import { FlowValidationError } from './flow-validation-error.js';
import { isRecord } from './flow-paths.js';
import { IvrSessionError } from './ivr-session-error.js';
import { compileNode } from './nodes/node-specs.js';
import type { CompiledNode } from './nodes/node-specs.js';
import { validateFlow } from './validate-flow.js';
import type { FlowValidationContext } from './validate-flow.js';

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
  /** The first language. */
  readonly defaultLanguage: string;
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
    this.defaultLanguage = definition.languages[0] ?? '';
    this.timezone = definition.timezone;
    this.start = definition.start;
    this.onError = definition.onError;
    this.initialVariables = structuredCloneJson(definition.variables ?? {});
    this.primitiveVariables = Object.values(this.initialVariables).every(
      (v) => v === null || typeof v !== 'object',
    );
    this.library = library;
    const nodes = new Map<string, CompiledNode>();
    const context = { flow: definition };
    for (const n of definition.nodes) nodes.set(n.id, compileNode(n, context));
    this.nodes = nodes;
  }

  /** @internal A new copy of the initial variables for a session or subflow call. */
  freshVariables(): Record<string, ExpressionValue> {
    return this.primitiveVariables
      ? { ...this.initialVariables }
      : structuredCloneJson(this.initialVariables as Record<string, ExpressionValue>);
  }

  /**
   * @internal The node with id `id`.
   * @throws {@link IvrSessionError} when the flow has none (a saved state is checked on resume, so
   * a running session never asks for one).
   */
  node(id: string): CompiledNode {
    const node = this.nodes.get(id);
    if (!node) throw new IvrSessionError(`flow '${this.id}' has no node '${id}'`);
    return node;
  }

  /**
   * @internal The flow (this one or a subflow) with id `id`.
   * @throws {@link IvrSessionError} when there is none (compiled flows hold every flow they call).
   */
  requireFlow(id: string): CompiledFlow {
    const flow = this.flowById(id);
    if (!flow) throw new IvrSessionError(`unknown flow '${id}'`);
    return flow;
  }

  /** The flow (this one or a subflow) with id `id`, if known. */
  flowById(id: string): CompiledFlow | undefined {
    return id === this.id ? this : this.library.get(id);
  }
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
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
