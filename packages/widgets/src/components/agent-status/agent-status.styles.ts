import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const agentStatusStyles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }
    [part~='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_sb-space);
      padding: var(--_sb-space);
      background: var(--_sb-surface);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    [part~='indicator'] {
      inline-size: 0.75em;
      block-size: 0.75em;
      border-radius: 50%;
      background: var(--_sb-offline);
      flex: none;
    }
    [part~='indicator'][data-presence='available'] {
      background: var(--_sb-available);
    }
    [part~='indicator'][data-presence='busy'],
    [part~='indicator'][data-presence='reserved'],
    [part~='indicator'][data-presence='wrap-up'] {
      background: var(--_sb-busy);
    }
    [part~='indicator'][data-presence='not-ready'] {
      background: var(--_sb-not-ready);
    }
    [part~='state'] {
      font-weight: 600;
    }
    [part~='timer'],
    [part~='wrap-up'] {
      color: var(--_sb-muted);
      font-variant-numeric: tabular-nums;
    }
    [part~='select'] {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: calc(var(--_sb-space) / 2);
    }
    [part~='warning'],
    [part~='sync-error'] {
      flex-basis: 100%;
      color: var(--_sb-warning);
    }
    [part~='indicator'][data-presence='syncing'] {
      background: var(--_sb-not-ready);
    }
    [part~='retry'] {
      font: inherit;
      color: inherit;
      background: var(--_sb-raised);
      border: 1px solid var(--_sb-border);
      border-radius: var(--_sb-radius);
      padding: calc(var(--_sb-space) / 2) var(--_sb-space);
      cursor: pointer;
    }
    [part~='retry'][aria-disabled='true'] {
      cursor: progress;
      color: var(--_sb-muted);
    }
  `,
];
