import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const visualIvrStyles = [
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
      min-inline-size: 0;
      overflow-wrap: anywhere;
    }
    [part~='title'] {
      margin: 0;
      font-size: 1.15em;
    }
    [part~='transcript'] {
      display: grid;
      gap: 4px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='entry'] {
      padding: 4px var(--_sb-space);
      border-radius: var(--_sb-radius);
      background: var(--_sb-raised);
      justify-self: start;
      max-inline-size: 90%;
    }
    [part~='entry'][data-kind='you'] {
      justify-self: end;
      border: 1px solid var(--_sb-accent);
    }
    [part~='entry'][data-kind='audio'] {
      font-style: italic;
      color: var(--_sb-muted);
    }
    [part~='menu'] {
      display: grid;
      gap: 4px;
    }
    [part~='choice'],
    [part~='send'],
    [part~='restart'] {
      display: flex;
      align-items: center;
      gap: var(--_sb-space);
      font: inherit;
      color: inherit;
      text-align: start;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: 6px var(--_sb-space);
      cursor: pointer;
    }
    [part~='send'],
    [part~='restart'] {
      justify-self: start;
      font-weight: 600;
    }
    [part~='key'] {
      display: inline-grid;
      place-items: center;
      min-inline-size: 1.6em;
      block-size: 1.6em;
      border-radius: 50%;
      border: 1px solid var(--_sb-accent);
      color: var(--_sb-accent);
      font-weight: 600;
      flex: none;
    }
    [part~='input-form'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_sb-space);
    }
    [part~='input'] {
      font: inherit;
      color: inherit;
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: 4px var(--_sb-space);
      min-inline-size: 0;
      flex: 1 1 8rem;
    }
    [part~='outcome'] {
      font-weight: 600;
    }
  `,
];
