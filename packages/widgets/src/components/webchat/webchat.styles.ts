import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { chatPartsStyles } from '../chat/chat.styles.js';

/** `sb-webchat`'s shadow styles (logical properties: RTL-safe). @internal */
export const webchatStyles = [
  tokens,
  chatPartsStyles,
  css`
    :host {
      display: inline-block;
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
    [part~='form'],
    [part~='field'] {
      display: grid;
      gap: calc(var(--_sb-space) / 2);
    }
    [part~='form'] p {
      margin: 0;
    }
    [part~='field-error'],
    [part~='form-error'] {
      color: var(--_sb-danger);
    }
    [part~='choices'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sb-space);
    }
    [part~='bot-form'] {
      display: flex;
      gap: var(--_sb-space);
    }
    [part~='status'] {
      margin: 0;
      color: var(--_sb-muted);
    }
    [part~='connection'] {
      margin: 0;
      color: var(--_sb-warning);
    }
  `,
];
