import type { CompiledExpression } from '../../expr/index.js';
import { index, isRecord, prop } from '../flow-paths.js';
import { baseOf, compileSource } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `condition` node. */
export interface CompiledConditionNode extends CompiledNodeBase<'condition'> {
  readonly branches: readonly { readonly when: CompiledExpression; readonly next: string }[];
}

/** @internal Branches on expressions: the first truthy `when` wins, else `otherwise`. */
export const conditionNode: NodeKindSpec<'condition', CompiledConditionNode> = {
  kind: 'condition',
  fields: ['branches', 'exits'],
  exits: { required: ['otherwise'], optional: [] },
  waits: false,
  ends: false,
  validate: (n, at, check) => {
    const path = `${at}.branches`;
    if (!Array.isArray(n.branches) || n.branches.length === 0) {
      check.add(path, 'must be a non-empty array of { when, next }');
      return;
    }
    n.branches.forEach((b: unknown, i) => {
      const bp = index(path, i);
      if (!isRecord(b)) {
        check.add(bp, 'must be an object { when, next }');
        return;
      }
      check.expr(b.when, prop(bp, 'when'));
      check.edge(b.next, prop(bp, 'next'), 'branch');
      for (const key of Object.keys(b))
        if (key !== 'when' && key !== 'next') check.add(prop(bp, key), 'unknown property');
    });
  },
  compile: (n) => ({
    ...baseOf(n),
    branches: n.branches.map((b) => ({ when: compileSource(b.when), next: b.next })),
  }),
};
