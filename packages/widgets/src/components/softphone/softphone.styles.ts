import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/**
 * The idle softphone's rules (status, dialer, keypad, errors). The call views bring their own
 * (softphone-views.styles.ts), adopted after these when they load.
 *
 * @internal
 */
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
  `,
];
