import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const ticketDetailStyles = [
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
    [part~='subject'] {
      margin: 0;
      font-size: 1.15em;
      margin-inline-end: auto;
    }
    h3 {
      margin: 0 0 4px;
      font-size: 1em;
    }
    [part~='sla'] {
      font-variant-numeric: tabular-nums;
    }
    [part~='sla'][data-state='breached'],
    [part~='sla'][data-overdue] {
      color: var(--_sb-danger);
      font-weight: 600;
    }
    [part~='sla'][data-state='warning'] {
      color: var(--_sb-warning);
    }
    [part~='fields'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
      gap: 4px var(--_sb-space);
      margin: 0;
    }
    dt {
      color: var(--_sb-muted);
    }
    dd {
      margin: 0;
    }
    [part~='description'],
    [part~='comment-body'] {
      margin: 0;
      white-space: pre-wrap;
    }
    [part~='comments'] {
      display: grid;
      gap: var(--_sb-space);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='comment'] {
      padding: var(--_sb-space);
      background: var(--_sb-raised);
      border-inline-start: 3px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    [part~='comment'][data-visibility='internal'] {
      border-inline-start-color: var(--_sb-warning);
    }
    [part~='comment-meta'] {
      color: var(--_sb-muted);
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--_sb-space);
      padding-block-start: var(--_sb-space);
      border-block-start: 1px solid var(--_sb-border);
    }
    label {
      display: grid;
      gap: 2px;
    }
    [part~='comment-form'] textarea {
      flex: 1 1 100%;
    }
    [part~='input'],
    [part~='button'] {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: 4px var(--_sb-space);
      max-inline-size: 100%;
      box-sizing: border-box;
    }
    [part~='button'] {
      cursor: pointer;
      font-weight: 600;
    }
    [part~='button']:disabled {
      cursor: progress;
      opacity: 0.7;
    }
    .hint {
      color: var(--_sb-muted);
      flex-basis: 100%;
      order: 1;
    }
    [part~='error'] {
      color: var(--_sb-danger);
      font-weight: 600;
    }
  `,
];
