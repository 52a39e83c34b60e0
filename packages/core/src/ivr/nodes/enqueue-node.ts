import type { CompiledExpression } from '../../expr/index.js';
import { baseOf, compilePrompt, compileSource, exprEntries } from './compile-helpers.js';
import type { CompiledNodeBase, CompiledPrompt, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `enqueue` node. */
export interface CompiledEnqueueNode extends CompiledNodeBase<'enqueue'> {
  readonly prompt: CompiledPrompt | undefined;
  readonly queue: string;
  readonly priority: number | CompiledExpression;
  /** Interaction attributes: name -> expression. */
  readonly fields: readonly (readonly [string, CompiledExpression])[];
}

/** @internal Hands the interaction to routing: ends the flow. */
export const enqueueNode: NodeKindSpec<'enqueue', CompiledEnqueueNode> = {
  kind: 'enqueue',
  fields: ['queue', 'priority', 'attributes', 'prompt'],
  exits: 'none',
  waits: false,
  ends: true,
  validate: (n, at, check) => {
    check.prompt(n.prompt, `${at}.prompt`, false);
    check.queue(n.queue, `${at}.queue`);
    if (typeof n.priority === 'string') check.expr(n.priority, `${at}.priority`);
    else if (
      n.priority !== undefined &&
      (typeof n.priority !== 'number' || !Number.isFinite(n.priority))
    ) {
      check.add(`${at}.priority`, 'must be a number or an expression');
    }
    check.exprMap(n.attributes, `${at}.attributes`, 'attribute');
  },
  compile: (n) => ({
    ...baseOf(n),
    prompt: compilePrompt(n.prompt, n.id),
    queue: n.queue,
    priority: typeof n.priority === 'string' ? compileSource(n.priority) : (n.priority ?? 0),
    fields: exprEntries(n.attributes),
  }),
};
