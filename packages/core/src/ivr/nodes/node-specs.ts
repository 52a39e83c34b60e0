import type { NodeKind } from '../flow-definition.js';
import { IvrSessionError } from '../ivr-session-error.js';
import { businessHoursNode } from './business-hours-node.js';
import { callbackNode } from './callback-node.js';
import { collectNode } from './collect-node.js';
import { conditionNode } from './condition-node.js';
import { enqueueNode } from './enqueue-node.js';
import { hangupNode } from './hangup-node.js';
import { hookNode } from './hook-node.js';
import { languageNode } from './language-node.js';
import { menuNode } from './menu-node.js';
import type {
  CompileContext,
  CompiledNodeBase,
  FlowNodeOf,
  NodeKindSpec,
} from './node-kind-spec.js';
import { playNode } from './play-node.js';
import { returnNode } from './return-node.js';
import { setNode } from './set-node.js';
import { subflowNode } from './subflow-node.js';
import { transferNode } from './transfer-node.js';
import { voicemailNode } from './voicemail-node.js';

/**
 * @internal Every node kind's spec, by kind. Adding a kind is a spec file plus a line here (the
 * type below fails to compile until the kind is listed); the validator, compiler, graph checks and
 * compiled node types follow.
 */
export const NODE_SPECS = {
  play: playNode,
  menu: menuNode,
  collect: collectNode,
  condition: conditionNode,
  set: setNode,
  'business-hours': businessHoursNode,
  hook: hookNode,
  language: languageNode,
  enqueue: enqueueNode,
  transfer: transferNode,
  voicemail: voicemailNode,
  callback: callbackNode,
  subflow: subflowNode,
  return: returnNode,
  hangup: hangupNode,
} as const satisfies { readonly [K in NodeKind]: NodeKindSpec<K, CompiledNodeBase<K>> };

/** @internal A compiled node of kind `K`, as its spec compiles it. */
export type CompiledNodeOf<K extends NodeKind> = ReturnType<(typeof NODE_SPECS)[K]['compile']>;

/** @internal A compiled node: a union discriminated on `kind`. */
export type CompiledNode = { [K in NodeKind]: CompiledNodeOf<K> }[NodeKind];

/** @internal Kinds that wait for the caller or the host before moving on. */
export const WAITING_KINDS: ReadonlySet<string> = new Set(
  Object.values(NODE_SPECS)
    .filter((s) => s.waits)
    .map((s) => s.kind),
);

/** @internal Kinds that end a (sub)flow. */
export const ENDING_KINDS: ReadonlySet<string> = new Set(
  Object.values(NODE_SPECS)
    .filter((s) => s.ends)
    .map((s) => s.kind),
);

/** @internal Whether `kind` is a node kind. */
export function isNodeKind(kind: unknown): kind is NodeKind {
  return typeof kind === 'string' && Object.hasOwn(NODE_SPECS, kind);
}

/** @internal The spec of a kind, typed for generic callers (the validator). */
export function specOf(kind: NodeKind): NodeKindSpec<NodeKind, CompiledNode> {
  // The registry is indexed by kind, so NODE_SPECS[kind] is the spec of `kind`; TypeScript cannot
  // correlate the two, hence one widening here instead of one per caller.
  return NODE_SPECS[kind] as unknown as NodeKindSpec<NodeKind, CompiledNode>;
}

/** @internal Compiles a validated node with its kind's spec. */
export function compileNode(node: FlowNodeOf<NodeKind>, context: CompileContext): CompiledNode {
  return specOf(node.kind).compile(node, context);
}

/** @internal The node an exit leads to (validation made sure every exit a session takes exists). */
export function exitOf(node: CompiledNode, exit: string): string {
  const next = node.exits[exit];
  if (next === undefined) throw new IvrSessionError(`node '${node.id}' has no exit '${exit}'`);
  return next;
}
