import type { CompiledExpression } from '../../expr/index.js';
import { isRecord, prop } from '../flow-paths.js';
import { baseOf, exprEntries } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `subflow` node. */
export interface CompiledSubflowNode extends CompiledNodeBase<'subflow'> {
  readonly flow: string;
  /** Subflow variable -> expression evaluated here. */
  readonly fields: readonly (readonly [string, CompiledExpression])[];
  readonly resultVariable: string | undefined;
}

/** @internal Runs another flow; its `return` outcome picks the exit here. */
export const subflowNode: NodeKindSpec<'subflow', CompiledSubflowNode> = {
  kind: 'subflow',
  fields: ['flow', 'params', 'resultVariable', 'exits'],
  exits: 'outcomes',
  waits: false,
  ends: false,
  validate: (n, at, check) => {
    const flowId = typeof n.flow === 'string' ? n.flow : undefined;
    const exitsPath = `${at}.exits`;
    const sub = check.subflow(n.flow, `${at}.flow`);
    if (n.params !== undefined) {
      const pp = `${at}.params`;
      if (!isRecord(n.params)) check.add(pp, 'must be an object: subflow variable -> expression');
      else {
        for (const [name, e] of Object.entries(n.params)) {
          if (sub && !sub.variables.has(name)) {
            check.add(prop(pp, name), `flow '${String(flowId)}' declares no variable '${name}'`);
          }
          check.expr(e, prop(pp, name));
        }
      }
    }
    check.declaredVariable(n.resultVariable, `${at}.resultVariable`, false);
    if (!isRecord(n.exits)) {
      check.add(exitsPath, 'missing exits: one per outcome the subflow returns');
      return;
    }
    if (sub) {
      for (const o of sub.outcomes)
        if (!Object.hasOwn(n.exits, o))
          check.add(
            prop(exitsPath, o),
            `missing exit '${o}' for an outcome of flow '${String(flowId)}'`,
          );
    }
    for (const [name, target] of Object.entries(n.exits)) {
      if (sub && !sub.outcomes.has(name)) {
        check.add(
          prop(exitsPath, name),
          `flow '${String(flowId)}' never returns outcome '${name}'`,
        );
        continue;
      }
      check.edge(target, prop(exitsPath, name), `exit '${name}'`);
    }
  },
  compile: (n) => ({
    ...baseOf(n),
    flow: n.flow,
    fields: exprEntries(n.params),
    resultVariable: n.resultVariable,
  }),
};
