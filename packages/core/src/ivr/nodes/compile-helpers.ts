import type { CompiledExpression } from '../../expr/index.js';
import { compileExpression, parseExpression } from '../../expr/index.js';
import type { PromptContent } from '../flow-definition.js';
import { isRecord } from '../flow-paths.js';
import type { GatherCommand } from '../ivr-command.js';
import { parseTemplate } from '../prompt-template.js';
import type { CompiledPrompt, CompiledPromptEntry, FlowNodeOf } from './node-kind-spec.js';
import type { NodeKind } from '../flow-definition.js';

/** @internal Parses and compiles an expression the validator accepted. */
export function compileSource(source: string): CompiledExpression {
  return compileExpression(parseExpression(source));
}

/** @internal Normalises text for speech matching. */
export function normaliseSpeech(text: string): string {
  return text.toLowerCase().trim().replace(/\s+/g, ' ');
}

/** @internal A prompt with its fixed commands prepared and its templates compiled. */
export function compilePrompt(
  prompt: Readonly<Record<string, PromptContent>> | undefined,
  nodeId: string,
): CompiledPrompt | undefined {
  if (!prompt) return undefined;
  const out = new Map<string, CompiledPromptEntry>();
  for (const [language, content] of Object.entries(prompt)) {
    if (typeof content !== 'string' && 'audio' in content) {
      out.set(language, {
        fixed: Object.freeze({ type: 'play', nodeId, language, audio: content.audio }),
      });
      continue;
    }
    const text = typeof content === 'string' ? content : content.text;
    const parts = parseTemplate(text);
    if (parts.length === 1 && typeof parts[0] === 'string') {
      out.set(language, { fixed: Object.freeze({ type: 'play', nodeId, language, text }) });
    } else
      out.set(language, {
        template: parts.map((p) => (typeof p === 'string' ? p : compileExpression(p))),
      });
  }
  return out;
}

/** @internal One frozen gather command per language. */
export function gathers(
  languages: readonly string[],
  make: (language: string) => GatherCommand,
): ReadonlyMap<string, GatherCommand> {
  const m = new Map<string, GatherCommand>();
  for (const l of languages) m.set(l, Object.freeze(make(l)));
  return m;
}

/** @internal name -> expression, compiled, in document order. */
export function exprEntries(
  map: Readonly<Record<string, string>> | undefined,
): (readonly [string, CompiledExpression])[] {
  return Object.entries(map ?? {}).map(([k, v]) => [k, compileSource(v)] as const);
}

/** @internal The fields every compiled node has. */
export function baseOf<K extends NodeKind>(
  n: FlowNodeOf<K>,
): {
  readonly id: string;
  readonly kind: K;
  readonly exits: Readonly<Record<string, string>>;
  readonly definition: FlowNodeOf<K>;
} {
  const exits = (n as { exits?: unknown }).exits;
  return {
    id: n.id,
    kind: n.kind as K,
    exits: isRecord(exits) ? (exits as Record<string, string>) : {},
    definition: n,
  };
}

/** @internal Gather settings with their defaults (5 s, 2 retries). */
export function gatherSettings(n: { readonly timeoutMs?: number; readonly maxRetries?: number }): {
  readonly timeoutMs: number;
  readonly maxRetries: number;
} {
  return { timeoutMs: n.timeoutMs ?? 5000, maxRetries: n.maxRetries ?? 2 };
}
