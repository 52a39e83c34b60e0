import { baseOf } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `language` node. */
export interface CompiledLanguageNode extends CompiledNodeBase<'language'> {
  readonly language: string;
}

/** @internal Switches the language of the prompts that follow. */
export const languageNode: NodeKindSpec<'language', CompiledLanguageNode> = {
  kind: 'language',
  fields: ['language', 'exits'],
  exits: { required: ['next'], optional: [] },
  waits: false,
  ends: false,
  validate: (n, at, check) => {
    if (typeof n.language !== 'string' || !check.languages.includes(n.language)) {
      check.add(
        `${at}.language`,
        `must be one of the flow's languages (${check.languages.join(', ')})`,
      );
    }
  },
  compile: (n) => ({ ...baseOf(n), language: n.language }),
};
