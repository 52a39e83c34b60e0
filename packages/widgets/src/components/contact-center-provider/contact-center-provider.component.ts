import { LitElement, css, html } from 'lit';
import { ContextProvider } from '@lit/context';
import type { ContactCenter } from '@switchboard/core/contact-center';
import { contactCenterContext } from '../../context/contact-center-context.js';

/**
 * `<sb-contact-center>`: gives one {@link ContactCenter} to every Switchboard widget inside it
 * (through the `sb-contact-center` context), so a page sets the center once. It renders its
 * children as they are (`display: contents`) and has no parts.
 *
 * @example
 * ```html
 * <sb-contact-center id="cc">
 *   <sb-agent-status agent-id="alice"></sb-agent-status>
 *   <sb-queue-board></sb-queue-board>
 * </sb-contact-center>
 * <script type="module">
 *   document.getElementById('cc').center = createLocalContactCenter();
 * </script>
 * ```
 *
 * @slot - the widgets that use the center.
 */
export class SbContactCenterProvider extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  private readonly provider = new ContextProvider(this, { context: contactCenterContext });

  /** The center the widgets inside use (they may still set their own `center`). */
  get center(): ContactCenter | undefined {
    return this.provider.value;
  }

  set center(center: ContactCenter | undefined) {
    this.provider.setValue(center);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
