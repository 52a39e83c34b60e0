import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const wallboardStyles = [
  tokens,
  css`
    :host {
      display: block;
      --_sb-chart-line: var(--sb-color-chart-line, var(--_sb-accent));
      --_sb-chart-grid: var(--sb-color-chart-grid, var(--_sb-border));
      --_sb-chart-target: var(--sb-color-chart-target, var(--_sb-warning));
    }
    [part~='base'] {
      display: grid;
      gap: var(--_sb-space);
      padding: var(--_sb-space);
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      min-inline-size: 0;
    }
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_sb-space);
    }
    [part~='title'] {
      margin: 0;
      font-size: 1.15em;
    }
    [part~='window'] {
      color: var(--_sb-muted);
      margin-inline-end: auto;
    }
    [part~='tiles'] {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: var(--_sb-space);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='tile'] {
      display: grid;
      gap: 2px;
      padding: var(--_sb-space);
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      min-inline-size: 0;
    }
    [part~='tile-label'],
    [part~='tile-today'],
    [part~='tile-target'] {
      color: var(--_sb-muted);
      overflow-wrap: anywhere;
    }
    [part~='tile-value'] {
      font-size: 1.8em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    [part~='tile'][data-state='missed'] {
      border-color: var(--_sb-danger);
    }
    [part~='tile'][data-state='missed'] [part~='tile-value'],
    [part~='tile'][data-state='missed'] [part~='tile-target'] {
      color: var(--_sb-danger);
    }
    [part~='charts'] {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: var(--_sb-space);
    }
    [part~='chart'] {
      margin: 0;
      display: grid;
      gap: 4px;
      min-inline-size: 0;
    }
    [part~='chart-svg'] {
      inline-size: 100%;
      block-size: 5rem;
      overflow: visible;
    }
    [part~='chart-svg'] .axis {
      stroke: var(--_sb-chart-grid);
      stroke-width: 1;
      vector-effect: non-scaling-stroke;
    }
    [part~='line'] {
      fill: none;
      stroke: var(--_sb-chart-line);
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
      vector-effect: non-scaling-stroke;
    }
    [part~='target-line'] {
      stroke: var(--_sb-chart-target);
      stroke-width: 1;
      stroke-dasharray: 4 3;
      vector-effect: non-scaling-stroke;
    }
    [part~='data-toggle'] {
      justify-self: start;
      font: inherit;
      color: var(--_sb-accent);
      background: none;
      border: 0;
      padding: 2px 0;
      cursor: pointer;
      text-decoration: underline;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    table[hidden] {
      display: none;
    }
    th,
    td {
      text-align: start;
      padding: 2px var(--_sb-space);
      border-block-end: 1px solid var(--_sb-border);
      font-variant-numeric: tabular-nums;
      font-weight: normal;
    }
    thead th {
      font-weight: 600;
    }
  `,
];
