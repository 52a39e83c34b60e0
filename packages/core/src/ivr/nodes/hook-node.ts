import type { CompiledExpression } from '../../expr/index.js';
import { baseOf, exprEntries } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `hook` node. */
export interface CompiledHookNode extends CompiledNodeBase<'hook'> {
  readonly name: string;
  /** Input fields: name -> expression. */
  readonly fields: readonly (readonly [string, CompiledExpression])[];
  readonly resultVariable: string | undefined;
  readonly timeoutMs: number;
}

/** @internal Asks the host for a named request and waits for its result. */
export const hookNode: NodeKindSpec<'hook', CompiledHookNode> = {
  kind: 'hook',
  fields: ['name', 'input', 'resultVariable', 'timeoutMs', 'exits'],
  exits: { required: ['ok', 'error'], optional: ['timeout'] },
  waits: true,
  ends: false,
  validate: (n, at, check) => {
    check.hook(n.name, `${at}.name`);
    check.exprMap(n.input, `${at}.input`, 'field');
    check.declaredVariable(n.resultVariable, `${at}.resultVariable`, false);
    check.positive(n.timeoutMs, `${at}.timeoutMs`);
  },
  compile: (n) => ({
    ...baseOf(n),
    name: n.name,
    fields: exprEntries(n.input),
    resultVariable: n.resultVariable,
    timeoutMs: n.timeoutMs ?? 5000,
  }),
};
