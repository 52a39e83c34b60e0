// The keypad of <sb-softphone>'s dialer: part of its first render, so it stays out of the lazily
// loaded views (softphone-views.ts).
import { html, type TemplateResult } from 'lit';
import { KEYS } from './softphone-model.js';

/** The 3 × 4 keypad, one tab stop (roving tabindex on the key at `active`). @internal */
export function keypadView(
  active: number,
  label: string,
  on: { key: (event: KeyboardEvent) => void; press: (key: string, index: number) => void },
): TemplateResult {
  return html`<div part="keypad" role="group" aria-label=${label} @keydown=${on.key}>
    ${KEYS.map(
      (key, i) =>
        html`<button
          part="key"
          data-key=${key}
          tabindex=${i === active ? '0' : '-1'}
          @click=${() => on.press(key, i)}
        >
          ${key}
        </button>`,
    )}
  </div>`;
}
