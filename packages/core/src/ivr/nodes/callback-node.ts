import type { CompiledExpression } from '../../expr/index.js';
import type { GatherCommand } from '../ivr-command.js';
import { baseOf, compilePrompt, exprEntries, gatherSettings, gathers } from './compile-helpers.js';
import { DTMF_KEY } from './menu-node.js';
import { GATHER_FIELDS } from './node-kind-spec.js';
import type {
  CompiledGathering,
  CompiledNodeBase,
  CompiledPrompt,
  NodeKindSpec,
} from './node-kind-spec.js';

/** @internal A compiled `callback` node: phase 0 offers (`prompt`, `gather`), phase 1 takes the number. */
export interface CompiledCallbackNode extends CompiledNodeBase<'callback'>, CompiledGathering {
  readonly queue: string;
  readonly numberPrompt: CompiledPrompt | undefined;
  /** The number gather per language. */
  readonly numberGather: ReadonlyMap<string, GatherCommand>;
  readonly variable: string | undefined;
  readonly acceptKey: string;
  readonly declineKey: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Callback attributes: name -> expression. */
  readonly fields: readonly (readonly [string, CompiledExpression])[];
}

/** @internal Offers a callback, then captures the number to call. */
export const callbackNode: NodeKindSpec<'callback', CompiledCallbackNode> = {
  kind: 'callback',
  fields: [
    'queue',
    'offerPrompt',
    'numberPrompt',
    'variable',
    'acceptKey',
    'declineKey',
    'minLength',
    'maxLength',
    'attributes',
    'exits',
    ...GATHER_FIELDS,
  ],
  exits: { required: ['accepted', 'declined'], optional: [] },
  waits: true,
  ends: false,
  validate: (n, at, check) => {
    check.queue(n.queue, `${at}.queue`);
    check.prompt(n.offerPrompt, `${at}.offerPrompt`, true);
    check.prompt(n.numberPrompt, `${at}.numberPrompt`, true);
    check.gather(n, at);
    check.declaredVariable(n.variable, `${at}.variable`, false);
    for (const key of ['acceptKey', 'declineKey'] as const) {
      const v = n[key];
      if (v !== undefined && (typeof v !== 'string' || !DTMF_KEY.test(v))) {
        check.add(`${at}.${key}`, 'must be one key: 0-9, * or #');
      }
    }
    if ((n.acceptKey ?? '1') === (n.declineKey ?? '2'))
      check.add(`${at}.declineKey`, 'must differ from acceptKey');
    check.lengths(n, at, 6, 15);
    check.exprMap(n.attributes, `${at}.attributes`, 'attribute');
  },
  compile: (n, { flow }) => {
    const settings = gatherSettings(n);
    const minLength = n.minLength ?? 6;
    const maxLength = n.maxLength ?? 15;
    return {
      ...baseOf(n),
      ...settings,
      queue: n.queue,
      prompt: compilePrompt(n.offerPrompt, n.id),
      numberPrompt: compilePrompt(n.numberPrompt, n.id),
      noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
      retryPrompt: undefined,
      variable: n.variable,
      acceptKey: n.acceptKey ?? '1',
      declineKey: n.declineKey ?? '2',
      minLength,
      maxLength,
      fields: exprEntries(n.attributes),
      gather: gathers(flow.languages, (language) => ({
        type: 'gather',
        nodeId: n.id,
        input: 'dtmf',
        minDigits: 1,
        maxDigits: 1,
        timeoutMs: settings.timeoutMs,
        language,
      })),
      numberGather: gathers(flow.languages, (language) => ({
        type: 'gather',
        nodeId: n.id,
        input: 'dtmf',
        minDigits: minLength,
        maxDigits: maxLength,
        terminator: '#',
        timeoutMs: settings.timeoutMs,
        language,
      })),
    };
  },
};
