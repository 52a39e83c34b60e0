import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const interactionPanelStyles = [
  tokens,
  css`
    :host {
      display: block;
    }
    [part~='base'] {
      display: grid;
      gap: var(--_sb-space);
      padding: var(--_sb-space);
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    h2,
    h3 {
      margin: 0;
      font-size: 1em;
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sb-space);
    }
    button,
    select,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: calc(var(--_sb-space) / 2) var(--_sb-space);
    }
    button:disabled {
      opacity: 0.6;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: calc(var(--_sb-space) / 2) var(--_sb-space);
      margin: 0;
    }
    dt {
      color: var(--_sb-muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    ol {
      margin: 0;
      padding-inline-start: 1.5em;
    }
    [part~='wrap-up'] {
      display: grid;
      gap: var(--_sb-space);
    }
    label {
      display: grid;
      gap: calc(var(--_sb-space) / 2);
    }
    textarea {
      min-block-size: 4em;
      resize: vertical;
    }
  `,
];
