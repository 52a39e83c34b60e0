import { css } from 'lit';

/**
 * The design tokens every element reads. Each `--sb-*` custom property set by the page wins; the
 * values here are the light theme, and the dark theme applies with `theme="dark"` on the element,
 * or with the user's dark colour scheme unless `theme="light"`. Private `--_sb-*` properties hold
 * the resolved values inside the shadow root, so nothing leaks out.
 *
 * | token | meaning |
 * |---|---|
 * | `--sb-font-family`, `--sb-font-size` | text |
 * | `--sb-color-text`, `--sb-color-text-muted` | text colours |
 * | `--sb-color-surface`, `--sb-color-surface-raised`, `--sb-color-border` | backgrounds and lines |
 * | `--sb-color-accent` | focus ring and selection |
 * | `--sb-color-available`, `--sb-color-busy`, `--sb-color-not-ready`, `--sb-color-offline` | presence |
 * | `--sb-color-warning`, `--sb-color-danger` | warnings and alerts |
 * | `--sb-radius`, `--sb-space` | shape and spacing |
 *
 * @internal
 */
export const tokens = css`
  :host {
    --_sb-font: var(--sb-font-family, system-ui, sans-serif);
    --_sb-size: var(--sb-font-size, 0.875rem);
    --_sb-text: var(--sb-color-text, #1c1e21);
    --_sb-muted: var(--sb-color-text-muted, #545a63);
    --_sb-surface: var(--sb-color-surface, #ffffff);
    --_sb-raised: var(--sb-color-surface-raised, #f3f4f6);
    --_sb-border: var(--sb-color-border, #c9ced6);
    --_sb-accent: var(--sb-color-accent, #1f5fbf);
    --_sb-available: var(--sb-color-available, #1e7d32);
    --_sb-busy: var(--sb-color-busy, #b3261e);
    --_sb-not-ready: var(--sb-color-not-ready, #9a5b00);
    --_sb-offline: var(--sb-color-offline, #6b7280);
    --_sb-warning: var(--sb-color-warning, #8a5300);
    --_sb-danger: var(--sb-color-danger, #b3261e);
    --_sb-radius: var(--sb-radius, 6px);
    --_sb-space: var(--sb-space, 8px);
    color-scheme: light;
    font-family: var(--_sb-font);
    font-size: var(--_sb-size);
    color: var(--_sb-text);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    --_sb-text: var(--sb-color-text, #e8eaed);
    --_sb-muted: var(--sb-color-text-muted, #aab0b9);
    --_sb-surface: var(--sb-color-surface, #17191c);
    --_sb-raised: var(--sb-color-surface-raised, #23262b);
    --_sb-border: var(--sb-color-border, #4a4f57);
    --_sb-accent: var(--sb-color-accent, #8ab4f8);
    --_sb-available: var(--sb-color-available, #81c995);
    --_sb-busy: var(--sb-color-busy, #f28b82);
    --_sb-not-ready: var(--sb-color-not-ready, #fdd663);
    --_sb-offline: var(--sb-color-offline, #9aa0a6);
    --_sb-warning: var(--sb-color-warning, #fdd663);
    --_sb-danger: var(--sb-color-danger, #f28b82);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_sb-text: var(--sb-color-text, #e8eaed);
      --_sb-muted: var(--sb-color-text-muted, #aab0b9);
      --_sb-surface: var(--sb-color-surface, #17191c);
      --_sb-raised: var(--sb-color-surface-raised, #23262b);
      --_sb-border: var(--sb-color-border, #4a4f57);
      --_sb-accent: var(--sb-color-accent, #8ab4f8);
      --_sb-available: var(--sb-color-available, #81c995);
      --_sb-busy: var(--sb-color-busy, #f28b82);
      --_sb-not-ready: var(--sb-color-not-ready, #fdd663);
      --_sb-offline: var(--sb-color-offline, #9aa0a6);
      --_sb-warning: var(--sb-color-warning, #fdd663);
      --_sb-danger: var(--sb-color-danger, #f28b82);
      color-scheme: dark;
    }
  }
  :focus-visible {
    outline: 2px solid var(--_sb-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
