import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const ticketListStyles = [
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
    [part~='toolbar'] {
      display: flex;
      gap: var(--_sb-space);
      align-items: center;
      justify-content: space-between;
    }
    select {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: start;
      padding: calc(var(--_sb-space) / 2) var(--_sb-space);
      border-block-end: 1px solid var(--_sb-border);
      font-variant-numeric: tabular-nums;
    }
    th {
      background: var(--_sb-raised);
    }
    th button,
    [part~='subject'] {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      text-align: start;
    }
    th button {
      font-weight: 600;
    }
    [part~='sla'][data-state='breached'],
    [part~='sla'][data-overdue] {
      color: var(--_sb-danger);
      font-weight: 600;
    }
    [part~='sla'][data-state='warning'] {
      color: var(--_sb-warning);
    }
  `,
];
