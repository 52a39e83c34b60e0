import { baseOf, compilePrompt } from './compile-helpers.js';
import type { CompiledNodeBase, CompiledPrompt, NodeKindSpec } from './node-kind-spec.js';

const TRANSFER_TARGET = /^(sips?:[^\s@]+@[^\s]+|sips?:[^\s]+|\+?[0-9*#]{2,32})$/;

/** @internal A compiled `transfer` node. */
export interface CompiledTransferNode extends CompiledNodeBase<'transfer'> {
  readonly prompt: CompiledPrompt | undefined;
  readonly target: string;
}

/** @internal Transfers the call to a SIP URI or a number: ends the flow. */
export const transferNode: NodeKindSpec<'transfer', CompiledTransferNode> = {
  kind: 'transfer',
  fields: ['target', 'prompt'],
  exits: 'none',
  waits: false,
  ends: true,
  validate: (n, at, check) => {
    check.prompt(n.prompt, `${at}.prompt`, false);
    if (typeof n.target !== 'string' || !TRANSFER_TARGET.test(n.target)) {
      check.add(`${at}.target`, 'must be a sip:/sips: URI or a phone number (+, digits, *, #)');
    }
  },
  compile: (n) => ({ ...baseOf(n), prompt: compilePrompt(n.prompt, n.id), target: n.target }),
};
