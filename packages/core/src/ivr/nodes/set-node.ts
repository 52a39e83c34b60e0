import type { CompiledExpression } from '../../expr/index.js';
import { isRecord, prop } from '../flow-paths.js';
import { baseOf, exprEntries } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `set` node. */
export interface CompiledSetNode extends CompiledNodeBase<'set'> {
  readonly assign: readonly (readonly [string, CompiledExpression])[];
}

/** @internal Assigns declared variables from expressions, in order. */
export const setNode: NodeKindSpec<'set', CompiledSetNode> = {
  kind: 'set',
  fields: ['assign', 'exits'],
  exits: { required: ['next'], optional: [] },
  waits: false,
  ends: false,
  validate: (n, at, check) => {
    const path = `${at}.assign`;
    if (!isRecord(n.assign) || Object.keys(n.assign).length === 0) {
      check.add(path, 'must be a non-empty object: variable -> expression');
      return;
    }
    for (const [name, e] of Object.entries(n.assign)) {
      if (!check.isDeclared(name))
        check.add(
          prop(path, name),
          `unknown variable '${name}'; declare it in the flow's variables`,
        );
      check.expr(e, prop(path, name));
    }
  },
  compile: (n) => ({ ...baseOf(n), assign: exprEntries(n.assign) }),
};
