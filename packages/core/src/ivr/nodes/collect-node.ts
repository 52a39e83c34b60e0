import type { LinearPattern } from '../../expr/index.js';
import { compilePattern, patternProblem } from '../../expr/index.js';
import { baseOf, compilePrompt, gatherSettings, gathers } from './compile-helpers.js';
import { DTMF_KEY } from './menu-node.js';
import { GATHER_FIELDS } from './node-kind-spec.js';
import type { CompiledGathering, CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `collect` node. */
export interface CompiledCollectNode extends CompiledNodeBase<'collect'>, CompiledGathering {
  readonly variable: string;
  readonly speech: boolean;
  readonly minLength: number;
  readonly maxLength: number;
  readonly terminator: string | undefined;
  readonly pattern: LinearPattern | undefined;
  readonly sensitive: boolean;
}

/** @internal Collects digits (or a spoken answer) into a variable. */
export const collectNode: NodeKindSpec<'collect', CompiledCollectNode> = {
  kind: 'collect',
  fields: [
    'prompt',
    'variable',
    'input',
    'minLength',
    'maxLength',
    'terminator',
    'pattern',
    'invalidPrompt',
    'sensitive',
    'exits',
    ...GATHER_FIELDS,
  ],
  exits: { required: ['next', 'noInput', 'invalid'], optional: [] },
  waits: true,
  ends: false,
  validate: (n, at, check) => {
    check.prompt(n.prompt, `${at}.prompt`, true);
    check.gather(n, at);
    check.prompt(n.invalidPrompt, `${at}.invalidPrompt`, false);
    check.declaredVariable(n.variable, `${at}.variable`, true);
    if (n.input !== undefined && n.input !== 'dtmf' && n.input !== 'speech')
      check.add(`${at}.input`, "must be 'dtmf' or 'speech'");
    check.lengths(n, at, 1, 20);
    if (
      n.terminator !== undefined &&
      (typeof n.terminator !== 'string' || !DTMF_KEY.test(n.terminator))
    ) {
      check.add(`${at}.terminator`, 'must be one key: 0-9, * or #');
    }
    if (n.pattern !== undefined) {
      if (typeof n.pattern !== 'string')
        check.add(`${at}.pattern`, 'must be a regular expression string');
      else {
        const problem = patternProblem(n.pattern);
        if (problem !== undefined)
          check.add(`${at}.pattern`, `invalid regular expression: ${problem}`);
      }
    }
    if (n.sensitive !== undefined && typeof n.sensitive !== 'boolean')
      check.add(`${at}.sensitive`, 'must be a boolean');
  },
  compile: (n, { flow }) => {
    const settings = gatherSettings(n);
    const speech = n.input === 'speech';
    const terminator = speech ? undefined : (n.terminator ?? '#');
    const minLength = n.minLength ?? 1;
    const maxLength = n.maxLength ?? 20;
    return {
      ...baseOf(n),
      ...settings,
      prompt: compilePrompt(n.prompt, n.id),
      noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
      retryPrompt: compilePrompt(n.invalidPrompt, n.id),
      variable: n.variable,
      speech,
      minLength,
      maxLength,
      terminator,
      pattern: n.pattern === undefined ? undefined : compilePattern(n.pattern),
      sensitive: n.sensitive === true,
      gather: gathers(flow.languages, (language) => ({
        type: 'gather',
        nodeId: n.id,
        input: speech ? 'speech' : 'dtmf',
        minDigits: minLength,
        maxDigits: maxLength,
        ...(terminator ? { terminator } : {}),
        timeoutMs: settings.timeoutMs,
        language,
      })),
    };
  },
};
