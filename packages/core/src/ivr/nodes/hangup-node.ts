import { baseOf, compilePrompt } from './compile-helpers.js';
import type { CompiledNodeBase, CompiledPrompt, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `hangup` node. */
export interface CompiledHangupNode extends CompiledNodeBase<'hangup'> {
  readonly prompt: CompiledPrompt | undefined;
}

/** @internal Hangs up, optionally after a goodbye prompt: ends the flow. */
export const hangupNode: NodeKindSpec<'hangup', CompiledHangupNode> = {
  kind: 'hangup',
  fields: ['prompt'],
  exits: 'none',
  waits: false,
  ends: true,
  validate: (n, at, check) => check.prompt(n.prompt, `${at}.prompt`, false),
  compile: (n) => ({ ...baseOf(n), prompt: compilePrompt(n.prompt, n.id) }),
};
