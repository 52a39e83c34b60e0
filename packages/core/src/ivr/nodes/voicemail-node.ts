import { baseOf, compilePrompt } from './compile-helpers.js';
import type { CompiledNodeBase, CompiledPrompt, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `voicemail` node. */
export interface CompiledVoicemailNode extends CompiledNodeBase<'voicemail'> {
  readonly prompt: CompiledPrompt | undefined;
  readonly mailbox: string;
  readonly maxDurationMs: number;
}

/** @internal Records a voicemail: ends the flow. */
export const voicemailNode: NodeKindSpec<'voicemail', CompiledVoicemailNode> = {
  kind: 'voicemail',
  fields: ['mailbox', 'prompt', 'maxDurationMs'],
  exits: 'none',
  waits: false,
  ends: true,
  validate: (n, at, check) => {
    check.prompt(n.prompt, `${at}.prompt`, false);
    if (typeof n.mailbox !== 'string' || n.mailbox === '')
      check.add(`${at}.mailbox`, 'must be a mailbox id');
    check.positive(n.maxDurationMs, `${at}.maxDurationMs`);
  },
  compile: (n) => ({
    ...baseOf(n),
    prompt: compilePrompt(n.prompt, n.id),
    mailbox: n.mailbox,
    maxDurationMs: n.maxDurationMs ?? 120_000,
  }),
};
