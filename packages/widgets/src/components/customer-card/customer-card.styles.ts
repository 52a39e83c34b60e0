import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const customerCardStyles = [
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
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_sb-space);
    }
    [part~='name'] {
      margin: 0;
      font-size: 1.15em;
      margin-inline-end: auto;
    }
    h3 {
      margin: 0 0 4px;
      font-size: 1em;
    }
    ul,
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 4px;
    }
    [part~='identities'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px var(--_sb-space);
    }
    .label,
    .muted,
    dt {
      color: var(--_sb-muted);
    }
    .label {
      margin-inline-end: 4px;
    }
    [part~='attributes'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
      gap: 4px var(--_sb-space);
      margin: 0;
    }
    dd {
      margin: 0;
    }
    [part~='interaction'],
    [part~='ticket'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_sb-space);
      inline-size: 100%;
      font: inherit;
      color: inherit;
      text-align: start;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: 4px var(--_sb-space);
      cursor: pointer;
    }
    [part~='ticket'] .subject {
      font-weight: 600;
      margin-inline-end: auto;
    }
    [part~='ticket'][data-priority='urgent'] {
      border-inline-start: 3px solid var(--_sb-danger);
    }
    a[part~='link'] {
      color: var(--_sb-accent);
    }
  `,
];
