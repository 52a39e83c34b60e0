import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const queueBoardStyles = [
  tokens,
  css`
    :host {
      display: block;
      --_sb-row: var(--sb-queue-board-row-height, 32px);
      --_sb-list: var(--sb-queue-board-list-height, 320px);
    }
    [part~='base'] {
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      overflow: hidden;
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
      font-weight: 600;
    }
    [part~='toggle'] {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      text-align: start;
    }
    [part~='toggle']::before {
      content: '▸ ';
      display: inline-block;
    }
    [part~='toggle'][aria-expanded='true']::before {
      content: '▾ ';
    }
    [part~='list'] {
      position: relative;
      block-size: var(--_sb-list);
      overflow-y: auto;
      contain: strict;
      background: var(--_sb-surface);
    }
    [part~='list']:focus-visible {
      outline-offset: -2px;
    }
    [part~='row'] {
      position: absolute;
      inset-inline: 0;
      box-sizing: border-box;
      display: flex;
      gap: var(--_sb-space);
      align-items: center;
      padding-inline: var(--_sb-space);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    [part~='row'][aria-selected='true'] {
      background: var(--_sb-raised);
      box-shadow: inset 3px 0 0 var(--_sb-accent);
    }
    [part~='message'] {
      padding: var(--_sb-space);
      color: var(--_sb-muted);
    }
  `,
];
