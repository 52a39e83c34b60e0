import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** The transcript and composer of `sb-chat` and `sb-webchat` (logical properties: RTL-safe). @internal */
export const chatPartsStyles = css`
  [part~='messages'] {
    display: flex;
    flex-direction: column;
    gap: var(--_sb-space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='transcript'] {
    padding: var(--_sb-space);
    overflow-y: auto;
    min-block-size: 8em;
    max-block-size: var(--sb-chat-max-height, 24em);
    background: var(--_sb-surface);
    border: 1px solid var(--_sb-border);
    border-radius: var(--_sb-radius);
  }
  [part~='message'] {
    max-inline-size: 80%;
    padding: calc(var(--_sb-space) / 2) var(--_sb-space);
    border-radius: var(--_sb-radius);
    background: var(--_sb-raised);
    border: 1px solid var(--_sb-border);
    align-self: flex-start;
  }
  [part~='message-own'] {
    align-self: flex-end;
    border-color: var(--_sb-accent);
  }
  [part~='empty'] {
    margin: 0;
    color: var(--_sb-muted);
  }
  [part~='meta'] {
    display: flex;
    gap: var(--_sb-space);
    color: var(--_sb-muted);
    font-size: 0.85em;
  }
  [part~='text'] {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    text-align: start;
  }
  [part~='typing'] {
    color: var(--_sb-muted);
    font-style: italic;
    min-block-size: 1.4em;
    margin: 0;
  }
  [part~='composer'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: calc(var(--_sb-space) / 2) var(--_sb-space);
    align-items: end;
  }
  [part~='composer'] textarea,
  [part~='error'] {
    grid-column: 1 / -1;
  }
  [part~='counter'] {
    color: var(--_sb-muted);
    font-size: 0.85em;
  }
  [part~='error'] {
    margin: 0;
    color: var(--_sb-danger);
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_sb-raised);
    border: 1px solid var(--_sb-border);
    border-radius: var(--_sb-radius);
    padding: calc(var(--_sb-space) / 2) var(--_sb-space);
  }
  textarea {
    resize: vertical;
    min-block-size: 3em;
  }
  button:disabled,
  textarea:disabled {
    opacity: 0.6;
  }
  h2 {
    margin: 0;
    font-size: 1em;
  }
`;

/** `sb-chat`'s shadow styles. @internal */
export const chatStyles = [
  tokens,
  chatPartsStyles,
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
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--_sb-space);
    }
    [part~='status'] {
      color: var(--_sb-muted);
    }
    [part~='connection'] {
      color: var(--_sb-warning);
    }
  `,
];
