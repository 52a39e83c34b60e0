import { css } from 'lit';

/**
 * The rules of the softphone's lazily loaded views (banner, lines, call, transfer, devices),
 * adopted after the element's own when the views load. Nothing here overrides those: the
 * selectors are the views' own parts, or more specific than the element's type selectors.
 *
 * @internal
 */
export const softphoneViewStyles = css`
  h2 {
    font-size: 1.15em;
    overflow-wrap: anywhere;
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
  fieldset {
    display: grid;
    gap: var(--_sb-space);
    margin: 0;
    border: 1px solid var(--_sb-border);
    border-radius: var(--_sb-radius);
  }
  [part~='other-tab'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_sb-space) / 2);
    color: var(--_sb-muted);
  }
`;
