import type { ExpressionNode } from '../expr/index.js';
import { parseExpression } from '../expr/index.js';

/** @internal A prompt text split into literal parts and `{{expression}}` parts. */
export type TemplatePart = string | ExpressionNode;

/** @internal The expression sources of a template, or an error message for an unclosed `{{`. */
export function templateExpressions(text: string): { sources: string[]; error?: string } {
  const sources: string[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open < 0) return { sources };
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { sources, error: `unclosed '{{' at position ${open}` };
    sources.push(text.slice(open + 2, close));
    i = close + 2;
  }
}

/** @internal Parses a template (already validated). Plain text gives one string part. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (open > i) parts.push(text.slice(i, open));
    parts.push(parseExpression(text.slice(open + 2, close)));
    i = close + 2;
  }
  if (i < text.length || parts.length === 0) parts.push(text.slice(i));
  return parts;
}
