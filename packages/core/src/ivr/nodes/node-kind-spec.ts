import type { CompiledExpression } from '../../expr/index.js';
import type { FlowDefinition, FlowNode, NodeKind } from '../flow-definition.js';
import type { GatherCommand, PlayCommand } from '../ivr-command.js';
import type { SubflowInfo } from '../subflow-library.js';

/** @internal A node of kind `K` as written in a flow document. */
export type FlowNodeOf<K extends NodeKind> = Extract<FlowNode, { readonly kind: K }>;

/** @internal The exits a kind takes: fixed names, none (it ends the flow), or per outcome (subflow). */
export type ExitSpec =
  | { readonly required: readonly string[]; readonly optional: readonly string[] }
  | 'none'
  | 'outcomes';

/** @internal Settings of the nodes that gather caller input (menu, collect, callback). */
export const GATHER_FIELDS = ['timeoutMs', 'maxRetries', 'noInputPrompt'] as const;

/**
 * @internal What a kind's `validate` may use: the flow's context and the shared field checks of
 * the validator. Every check reports through `add`, with a path, and never throws.
 */
export interface NodeChecker {
  /** The flow's languages. */
  readonly languages: readonly string[];
  /** Whether the flow is checked as a subflow (where `return` is allowed). */
  readonly asSubflow: boolean;
  add(path: string, message: string): void;
  addAll(issues: readonly { readonly path: string; readonly message: string }[]): void;
  /** A prompt: every flow language present, templates that parse. */
  prompt(value: unknown, path: string, required: boolean): void;
  /** An expression reading the flow's known variables. */
  expr(value: unknown, path: string): void;
  /** An object of name -> expression whose names become object keys at run time. */
  exprMap(value: unknown, path: string, what: string): void;
  /** A name of a declared variable. */
  declaredVariable(value: unknown, path: string, required: boolean): void;
  isDeclared(name: string): boolean;
  /** An integer at least `min` (default 1), when present. */
  positive(value: unknown, path: string, opts?: { min?: number; integer?: boolean }): void;
  /** The gather settings (timeout, retries, no-input prompt) of a node at `at`. */
  gather(node: Record<string, unknown>, at: string): void;
  /** `minLength` / `maxLength` with their defaults. */
  lengths(node: Record<string, unknown>, at: string, defMin: number, defMax: number): void;
  /** A routing queue id, known to the context when it lists queues. */
  queue(value: unknown, path: string): void;
  /** A hook name, known to the context when it lists hooks. */
  hook(value: unknown, path: string): void;
  /** A calendar: a name of the flow's calendars, or one inline. */
  calendar(value: unknown, path: string): void;
  /** An exit of the node being checked, pointing at `target`. */
  edge(target: unknown, path: string, what: string): void;
  /** A flow for a subflow node: its analysis, or undefined (and an issue) when unknown. */
  subflow(flowId: unknown, path: string): SubflowInfo | undefined;
}

/** @internal One language of a compiled prompt: a ready command, or a template to fill in. */
export interface CompiledPromptEntry {
  /** Shared, immutable command when the content has no `{{ }}`. */
  readonly fixed?: PlayCommand;
  readonly template?: readonly (string | CompiledExpression)[];
}

/** @internal language -> entry. */
export type CompiledPrompt = ReadonlyMap<string, CompiledPromptEntry>;

/** @internal Fields of every compiled node. */
export interface CompiledNodeBase<K extends NodeKind> {
  readonly id: string;
  readonly kind: K;
  /** Exit name -> node id. */
  readonly exits: Readonly<Record<string, string>>;
  readonly definition: FlowNodeOf<K>;
}

/** @internal Fields of the compiled nodes that gather input and retry. */
export interface CompiledGathering {
  readonly prompt: CompiledPrompt | undefined;
  readonly noInputPrompt: CompiledPrompt | undefined;
  /** Played before asking again after input that did not fit (menu, collect). */
  readonly retryPrompt: CompiledPrompt | undefined;
  /** Gather commands per language. */
  readonly gather: ReadonlyMap<string, GatherCommand>;
  readonly maxRetries: number;
  readonly timeoutMs: number;
}

/** @internal What a kind's `compile` receives besides its node. */
export interface CompileContext {
  readonly flow: FlowDefinition;
}

/**
 * @internal Everything about one node kind, in one place: its fields, its exits, whether it waits
 * or ends the flow, how it is validated and how it is compiled. The validator, the compiler, the
 * graph checks and the compiled node types all derive from these specs; the flow document types
 * and the builder derive from {@link FlowNode}.
 */
export interface NodeKindSpec<K extends NodeKind, C extends CompiledNodeBase<K>> {
  readonly kind: K;
  /** Fields besides `id`, `kind` and `description`. */
  readonly fields: readonly string[];
  readonly exits: ExitSpec;
  /** Waits for the caller or the host before moving on. */
  readonly waits: boolean;
  /** Ends a (sub)flow. */
  readonly ends: boolean;
  /** Kind-specific checks of a node at `at` (fields and exits are checked generically first). */
  readonly validate: (node: Record<string, unknown>, at: string, check: NodeChecker) => void;
  /** The node, already validated, ready to run. */
  readonly compile: (node: FlowNodeOf<K>, context: CompileContext) => C;
}
