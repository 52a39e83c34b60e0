import type { CompiledExpression } from '../../expr/index.js';
import { VARIABLE_PATTERN, unsafeKeyProblem } from '../flow-paths.js';
import { baseOf, exprEntries } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `return` node. */
export interface CompiledReturnNode extends CompiledNodeBase<'return'> {
  readonly outcome: string;
  /** Output fields: name -> expression. */
  readonly fields: readonly (readonly [string, CompiledExpression])[];
}

/** @internal Ends a subflow and returns to the caller. */
export const returnNode: NodeKindSpec<'return', CompiledReturnNode> = {
  kind: 'return',
  fields: ['outcome', 'output'],
  exits: 'none',
  waits: false,
  ends: true,
  validate: (n, at, check) => {
    if (!check.asSubflow)
      check.add(`${at}.kind`, 'a return node is only allowed in a flow used as a subflow');
    const unsafe =
      typeof n.outcome === 'string' ? unsafeKeyProblem(n.outcome, 'an outcome') : undefined;
    if (unsafe) check.add(`${at}.outcome`, unsafe);
    else if (
      n.outcome !== undefined &&
      (typeof n.outcome !== 'string' || !VARIABLE_PATTERN.test(n.outcome))
    ) {
      check.add(`${at}.outcome`, 'must be an outcome name (letters, digits, _)');
    }
    check.exprMap(n.output, `${at}.output`, 'field');
  },
  compile: (n) => ({ ...baseOf(n), outcome: n.outcome ?? 'next', fields: exprEntries(n.output) }),
};
