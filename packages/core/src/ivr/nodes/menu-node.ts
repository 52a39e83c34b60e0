import { index, isRecord, prop } from '../flow-paths.js';
import type { NodeChecker } from './node-kind-spec.js';
import {
  baseOf,
  compilePrompt,
  gatherSettings,
  gathers,
  normaliseSpeech,
} from './compile-helpers.js';
import { GATHER_FIELDS } from './node-kind-spec.js';
import type { CompiledGathering, CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A menu choice ready to match. */
export interface CompiledChoice {
  readonly dtmf?: string;
  /** Normalised phrases per language. */
  readonly phrases: ReadonlyMap<string, readonly string[]>;
  /** Normalised phrases of every language. */
  readonly allPhrases: readonly string[];
  readonly next: string;
  /** Exit name on the timeline. */
  readonly exit: string;
}

/** @internal A compiled `menu` node. */
export interface CompiledMenuNode extends CompiledNodeBase<'menu'>, CompiledGathering {
  readonly choices: readonly CompiledChoice[];
}

/** @internal One key: 0-9, * or #. */
export const DTMF_KEY = /^[0-9*#]$/;

function checkChoices(value: unknown, path: string, check: NodeChecker): void {
  if (!Array.isArray(value) || value.length === 0) {
    check.add(path, 'must be a non-empty array of { dtmf?, speech?, next }');
    return;
  }
  const keys = new Map<string, string>();
  value.forEach((c: unknown, i) => {
    const cp = index(path, i);
    if (!isRecord(c)) {
      check.add(cp, 'must be an object { dtmf?, speech?, next }');
      return;
    }
    for (const key of Object.keys(c))
      if (!['dtmf', 'speech', 'next'].includes(key)) check.add(prop(cp, key), 'unknown property');
    if (c.dtmf === undefined && c.speech === undefined)
      check.add(cp, 'a choice needs a dtmf key or speech phrases');
    if (c.dtmf !== undefined) {
      if (typeof c.dtmf !== 'string' || !DTMF_KEY.test(c.dtmf))
        check.add(prop(cp, 'dtmf'), 'must be one key: 0-9, * or #');
      else if (keys.has(c.dtmf))
        check.add(prop(cp, 'dtmf'), `key '${c.dtmf}' is already used by ${keys.get(c.dtmf)}`);
      else keys.set(c.dtmf, cp);
    }
    if (c.speech !== undefined) {
      const sp = prop(cp, 'speech');
      if (!isRecord(c.speech)) check.add(sp, 'must be an object: language -> phrases');
      else {
        for (const [lang, phrases] of Object.entries(c.speech)) {
          if (!check.languages.includes(lang))
            check.add(prop(sp, lang), `'${lang}' is not one of the flow's languages`);
          else if (
            !Array.isArray(phrases) ||
            phrases.length === 0 ||
            phrases.some((p) => typeof p !== 'string' || p.trim() === '')
          ) {
            check.add(prop(sp, lang), 'must be a non-empty array of phrases');
          }
        }
      }
    }
    check.edge(c.next, prop(cp, 'next'), 'choice');
  });
}

/** @internal Offers choices by key press and/or speech; retries on no input or no match. */
export const menuNode: NodeKindSpec<'menu', CompiledMenuNode> = {
  kind: 'menu',
  fields: ['prompt', 'choices', 'noMatchPrompt', 'exits', ...GATHER_FIELDS],
  exits: { required: ['noInput', 'noMatch'], optional: [] },
  waits: true,
  ends: false,
  validate: (n, at, check) => {
    check.prompt(n.prompt, `${at}.prompt`, true);
    check.gather(n, at);
    check.prompt(n.noMatchPrompt, `${at}.noMatchPrompt`, false);
    checkChoices(n.choices, `${at}.choices`, check);
  },
  compile: (n, { flow }) => {
    const settings = gatherSettings(n);
    const choices: CompiledChoice[] = n.choices.map((c, i) => {
      const phrases = new Map<string, string[]>();
      for (const [l, list] of Object.entries(c.speech ?? {}))
        phrases.set(l, (list ?? []).map(normaliseSpeech));
      return {
        dtmf: c.dtmf,
        phrases,
        allPhrases: [...phrases.values()].flat(),
        next: c.next,
        exit: c.dtmf ?? `choice-${i + 1}`,
      };
    });
    const hasSpeech = choices.some((c) => c.allPhrases.length > 0);
    const hasDtmf = choices.some((c) => c.dtmf !== undefined);
    const input = hasSpeech ? (hasDtmf ? 'dtmf-speech' : 'speech') : 'dtmf';
    return {
      ...baseOf(n),
      ...settings,
      prompt: compilePrompt(n.prompt, n.id),
      noInputPrompt: compilePrompt(n.noInputPrompt, n.id),
      retryPrompt: compilePrompt(n.noMatchPrompt, n.id),
      choices,
      gather: gathers(flow.languages, (language) => {
        const phrases = choices.flatMap((c) => c.phrases.get(language) ?? []);
        return {
          type: 'gather',
          nodeId: n.id,
          input,
          minDigits: 1,
          maxDigits: 1,
          timeoutMs: settings.timeoutMs,
          language,
          ...(phrases.length ? { phrases } : {}),
        };
      }),
    };
  },
};
