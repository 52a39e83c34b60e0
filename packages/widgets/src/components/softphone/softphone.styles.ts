import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const softphoneStyles = [
  tokens,
  css`
    :host {
      display: block;
      max-inline-size: 24rem;
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
    p {
      margin: 0;
    }
    h2 {
      font-size: 1.15em;
      overflow-wrap: anywhere;
    }
    button,
    input,
    select {
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
    [part~='status'] {
      color: var(--_sb-muted);
    }
    [part~='status'][data-status='registered'] {
      color: var(--_sb-available);
    }
    [part~='status'][data-status='reconnecting'],
    [part~='reconnecting'] {
      color: var(--_sb-warning);
    }
    [part~='status'][data-status='failed'],
    [part~='error'] {
      color: var(--_sb-danger);
    }
    [part~='banner'] {
      display: grid;
      gap: calc(var(--_sb-space) / 2);
      padding: var(--_sb-space);
      border: 2px solid var(--_sb-accent);
      border-radius: var(--_sb-radius);
      background: var(--_sb-raised);
      overflow-wrap: anywhere;
    }
    [part~='banner'] div,
    [part~='controls'],
    [part~='transfer'] div {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sb-space);
    }
    [part~='answer'] {
      border-color: var(--_sb-available);
      color: var(--_sb-available);
      font-weight: 600;
    }
    [part~='decline'],
    [data-action='hangup'] {
      border-color: var(--_sb-danger);
      color: var(--_sb-danger);
    }
    [aria-pressed='true'] {
      border-color: var(--_sb-accent);
      box-shadow: inset 0 0 0 1px var(--_sb-accent);
    }
    [part~='lines'] {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_sb-space) / 2);
    }
    [part~='line'][aria-selected='true'] {
      border-color: var(--_sb-accent);
      font-weight: 600;
    }
    [part~='call'] {
      display: grid;
      gap: calc(var(--_sb-space) / 2);
    }
    [part~='call'] p {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sb-space);
    }
    [part~='timer'] {
      font-variant-numeric: tabular-nums;
    }
    [part~='quality'][data-level='good'] {
      color: var(--_sb-available);
    }
    [part~='quality'][data-level='fair'] {
      color: var(--_sb-warning);
    }
    [part~='quality'][data-level='poor'] {
      color: var(--_sb-danger);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: calc(var(--_sb-space) / 4) var(--_sb-space);
      margin: 0;
    }
    dt {
      color: var(--_sb-muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    form,
    label {
      display: grid;
      gap: calc(var(--_sb-space) / 2);
    }
    [part~='dialer'] {
      grid-template-columns: 1fr auto;
      align-items: end;
    }
    [part~='dialer'] [part~='error'] {
      grid-column: 1 / -1;
    }
    [part~='keypad'] {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: calc(var(--_sb-space) / 2);
    }
    [part~='key'] {
      font-size: 1.2em;
      padding: var(--_sb-space);
    }
    fieldset {
      display: grid;
      gap: var(--_sb-space);
      margin: 0;
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
  `,
];
