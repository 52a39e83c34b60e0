import { css } from 'lit';
import { chatPartsStyles } from '../chat/chat.styles.js';

/** The styles of `sb-webchat`'s window content (logical properties: RTL-safe). @internal */
export const webchatSessionStyles = [
  chatPartsStyles,
  css`
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
    [part~='connection'] {
      margin: 0;
      color: var(--_sb-warning);
    }
  `,
];
