import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** @internal */
export const agentDesktopStyles = [
  tokens,
  css`
    :host {
      display: block;
      container: sb-desktop / inline-size;
      --_sb-desktop-gap: var(--sb-desktop-gap, var(--_sb-space));
    }
    [part~='base'] {
      display: grid;
      gap: var(--_sb-desktop-gap);
      padding: var(--_sb-desktop-gap);
      background: var(--_sb-surface);
      min-inline-size: 0;
      box-sizing: border-box;
    }
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_sb-space);
      min-inline-size: 0;
    }
    .brand {
      font-weight: 700;
      font-size: 1.1em;
    }
    [part~='status'] {
      margin-inline-start: auto;
      max-inline-size: 100%;
    }
    [part~='nav'] {
      display: flex;
      gap: 4px;
      border-block-end: 1px solid var(--_sb-border);
    }
    [part~='tab'] {
      flex: 1 1 0;
      min-inline-size: 0;
      font: inherit;
      color: var(--_sb-muted);
      background: none;
      border: 0;
      border-block-end: 3px solid transparent;
      padding: 6px 4px;
      cursor: pointer;
    }
    [part~='tab'][aria-selected='true'] {
      color: var(--_sb-text);
      border-block-end-color: var(--_sb-accent);
      font-weight: 600;
    }
    .sections {
      display: grid;
      gap: var(--_sb-desktop-gap);
      grid-template-columns: minmax(0, 1fr);
      min-inline-size: 0;
    }
    [part~='section'] {
      display: none;
      gap: var(--_sb-desktop-gap);
      align-content: start;
      min-inline-size: 0;
    }
    [part~='section'][data-active] {
      display: grid;
    }
    .scroll {
      overflow-x: auto;
      min-inline-size: 0;
    }
    .empty {
      margin: 0;
      padding: var(--_sb-space);
      color: var(--_sb-muted);
      border: 1px dashed var(--_sb-border);
      border-radius: var(--_sb-radius);
    }
    [part~='back'] {
      font: inherit;
      color: var(--_sb-accent);
      background: none;
      border: 0;
      cursor: pointer;
      text-decoration: underline;
    }
    @container sb-desktop (min-width: 720px) {
      [part~='nav'] {
        display: none;
      }
      .sections {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      [part~='section'] {
        display: grid;
      }
      [part~='section'][data-section='tickets'] {
        grid-column: 1 / -1;
      }
    }
    @container sb-desktop (min-width: 1100px) {
      .sections {
        grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1.4fr);
      }
      [part~='section'][data-section='tickets'] {
        grid-column: auto;
      }
    }
  `,
];
