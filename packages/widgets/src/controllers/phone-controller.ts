import type { ReactiveController, ReactiveElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { Equality, Unsubscribe } from '@switchboard/core/shared';
import type { PhoneControl, PhoneSnapshot } from '@switchboard/webrtc';
import { phoneContext } from '../context/phone-context.js';

/** What a {@link PhoneController} binds. */
export interface PhoneControllerOptions<S> {
  /** The phone set explicitly on the element; when it returns one, the context is not used. */
  readonly phone: () => PhoneControl | undefined;
  /** The slice of the phone's snapshot the element renders: the host updates when it changes. */
  readonly select: (snapshot: PhoneSnapshot) => S;
  /** Compares two slices; default `Object.is`. */
  readonly isEqual?: Equality<S>;
}

/**
 * Binds a Lit element to a phone ({@link PhoneControl}: a `Phone` or a `TabPhone`): resolves the phone from the element's explicit property
 * or else from the `sb-phone` context, subscribes to the selected slice of its snapshot with the
 * phone's `subscribe(selector, listener)` while the host is connected, and asks the host to update
 * only when that slice changes. A different phone (property or context) re-binds before the next
 * render; disconnecting unsubscribes. The controller never disposes the phone: the page owns it.
 *
 * @example
 * ```ts
 * class LineCount extends LitElement {
 *   @property({ attribute: false }) accessor phone: Phone | undefined;
 *   private lines = new PhoneController(this, {
 *     phone: () => this.phone,
 *     select: (s) => s.calls.filter((c) => c.status !== 'ended').length,
 *   });
 *   render() {
 *     return html`${this.lines.value ?? 0} calls`;
 *   }
 * }
 * ```
 */
export class PhoneController<S> implements ReactiveController {
  /** The selected slice, or undefined while no phone is bound. */
  value: S | undefined;
  private contextPhone: PhoneControl | undefined;
  private bound: PhoneControl | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: PhoneControllerOptions<S>,
  ) {
    host.addController(this);
    // The consumer registers its own controller: it asks for the context on connect.
    new ContextConsumer(host, {
      context: phoneContext,
      subscribe: true,
      callback: (phone) => {
        this.contextPhone = phone ?? undefined;
        this.sync();
        this.host.requestUpdate();
      },
    });
  }

  /** The phone in use: the explicit one, else the one from context. */
  get phone(): PhoneControl | undefined {
    return this.options.phone() ?? this.contextPhone;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  /** Re-binds before each render when the phone changed. */
  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.close();
  }

  private sync(): void {
    const phone = this.connected ? this.phone : undefined;
    if (phone === this.bound) return;
    this.close();
    if (!phone) return;
    this.bound = phone;
    this.value = this.options.select(phone.getSnapshot());
    this.unsubscribe = phone.subscribe(
      this.options.select,
      (slice) => {
        this.value = slice;
        this.host.requestUpdate();
      },
      this.options.isEqual,
    );
  }

  private close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.bound = undefined;
    this.value = undefined;
  }
}
