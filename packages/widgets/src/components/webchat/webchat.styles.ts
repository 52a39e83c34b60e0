import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/**
 * `sb-webchat`'s shadow styles for the launcher and the window's frame (logical properties:
 * RTL-safe); the window's content brings its own (webchat-session.styles.ts) when it loads.
 *
 * @internal
 */
export const webchatStyles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }
    button {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: calc(var(--_sb-space) / 2) var(--_sb-space);
    }
    h2 {
      margin: 0;
      font-size: 1em;
    }
    [part~='launcher'] {
      background: var(--_sb-accent);
      color: var(--_sb-surface);
      border-color: var(--_sb-accent);
      border-radius: 999px;
      padding: var(--_sb-space) calc(var(--_sb-space) * 2);
      cursor: pointer;
    }
    [part~='panel'] {
      display: grid;
      gap: var(--_sb-space);
      inline-size: var(--sb-webchat-width, min(24rem, calc(100vw - 2rem)));
      box-sizing: border-box;
      margin-block-start: var(--_sb-space);
      padding: var(--_sb-space);
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    [part~='panel'][hidden] {
      display: none;
    }
    [part~='header'] {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_sb-space);
    }
    [part~='status'] {
      margin: 0;
      color: var(--_sb-muted);
    }
    [part~='error'] {
      margin: 0;
      color: var(--_sb-danger);
    }
  `,
];
