import type { ReactiveController, ReactiveElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ContactCenter } from '@switchboard/core/contact-center';
import type { Disposable, Equality, Subscribable, Unsubscribe } from '@switchboard/core/shared';
import { contactCenterContext } from '../context/contact-center-context.js';
import { resyncContext } from '../context/resync-context.js';

/**
 * A view over a center that a {@link ContactCenterController} opens and later disposes; with a
 * `refresh()` (a core `LiveView` has one), the controller asks it to read again when the page
 * resynced (inside `<sb-agent-desktop>`, after a sleep or a reconnection).
 */
export type CenterView<V> = Subscribable<V> & Disposable & { refresh?(): void };

/** What a {@link ContactCenterController} binds. */
export interface ContactCenterControllerOptions<V, S> {
  /** The center set explicitly on the element; when it returns one, the context is not used. */
  readonly center: () => ContactCenter | undefined;
  /**
   * What the view depends on besides the center (e.g. the agent id); a change re-opens the view.
   * Return `undefined` when the element is not configured enough to open one.
   */
  readonly key: () => string | undefined;
  /** Opens the view (a core `LiveView` or any `Subscribable` + `Disposable`). */
  readonly open: (center: ContactCenter, key: string) => CenterView<V>;
  /** The slice of the view's snapshot the element renders: the host updates when it changes. */
  readonly select: (snapshot: V) => S;
  /** Compares two slices; default `Object.is`. */
  readonly isEqual?: Equality<S>;
}

/**
 * Binds a Lit element to a {@link ContactCenter}: resolves the center from the element's explicit
 * property or else from the `sb-contact-center` context, opens a view over it when the host
 * connects, subscribes to the selected slice of the view, and asks the host to update only when
 * that slice changes. Disconnecting unsubscribes and disposes the view; changing the center or the
 * key re-opens it before the next render. Inside an element that says the page resynced (the
 * `sb-resync` context of `<sb-agent-desktop>`), the view reads again (see {@link CenterView}).
 *
 * @example
 * ```ts
 * class QueueCount extends LitElement {
 *   @property({ attribute: false }) accessor center: ContactCenter | undefined;
 *   private board = new ContactCenterController(this, {
 *     center: () => this.center,
 *     key: () => 'all',
 *     open: (center) => watchQueues(center),
 *     select: (s) => s.data?.queues.length ?? 0,
 *   });
 *   render() {
 *     return html`${this.board.value} queues`;
 *   }
 * }
 * ```
 */
export class ContactCenterController<V, S> implements ReactiveController {
  /** The selected slice, or undefined while no view is open. */
  value: S | undefined;
  private contextCenter: ContactCenter | undefined;
  private bound: { center: ContactCenter; key: string } | undefined;
  private view: CenterView<V> | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private connected = false;
  private resynced: number | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ContactCenterControllerOptions<V, S>,
  ) {
    host.addController(this);
    // The consumer registers its own controller: it asks for the context on connect.
    new ContextConsumer(host, {
      context: contactCenterContext,
      subscribe: true,
      callback: (center) => {
        this.contextCenter = center ?? undefined;
        this.sync();
        this.host.requestUpdate();
      },
    });
    new ContextConsumer(host, {
      context: resyncContext,
      subscribe: true,
      callback: (count) => {
        const before = this.resynced;
        this.resynced = count;
        if (before !== undefined && before !== count) this.refresh();
      },
    });
  }

  /** The center in use: the explicit one, else the one from context. */
  get center(): ContactCenter | undefined {
    return this.options.center() ?? this.contextCenter;
  }

  /** The view's whole current snapshot, or undefined while none is open. */
  get snapshot(): V | undefined {
    return this.view?.getSnapshot();
  }

  /** Asks the open view to read the center again, when it can (see {@link CenterView}). */
  refresh(): void {
    this.view?.refresh?.();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  /** Re-binds before each render when the center or the key changed. */
  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.close();
  }

  private sync(): void {
    const center = this.connected ? this.center : undefined;
    const key = center ? this.options.key() : undefined;
    if (this.bound && center === this.bound.center && key === this.bound.key) return;
    this.close();
    if (!center || key === undefined) return;
    const view = this.options.open(center, key);
    this.view = view;
    this.bound = { center, key };
    this.value = this.options.select(view.getSnapshot());
    this.unsubscribe = view.subscribe(
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
    this.view?.dispose();
    this.view = undefined;
    this.bound = undefined;
    this.value = undefined;
  }
}
