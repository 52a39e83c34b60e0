import { baseOf, compilePrompt } from './compile-helpers.js';
import type { CompiledNodeBase, CompiledPrompt, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `play` node. */
export interface CompiledPlayNode extends CompiledNodeBase<'play'> {
  readonly prompt: CompiledPrompt | undefined;
}

/** @internal Plays a prompt, then continues by `next`. */
export const playNode: NodeKindSpec<'play', CompiledPlayNode> = {
  kind: 'play',
  fields: ['prompt', 'exits'],
  exits: { required: ['next'], optional: [] },
  waits: false,
  ends: false,
  validate: (n, at, check) => check.prompt(n.prompt, `${at}.prompt`, true),
  compile: (n) => ({ ...baseOf(n), prompt: compilePrompt(n.prompt, n.id) }),
};
