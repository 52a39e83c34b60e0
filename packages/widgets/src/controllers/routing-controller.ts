import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoutingEngine, RoutingSnapshot } from '@switchboard/core/routing';
import type { Unsubscribe } from '@switchboard/core/shared';

/**
 * Binds a Lit element to a {@link RoutingEngine}: subscribes while the host is connected, keeps
 * the latest snapshot in `value` and asks the host to re-render when it changes.
 *
 * @example
 * ```ts
 * class QueueCount extends LitElement {
 *   private routing = new RoutingController(this, engine);
 *   render() {
 *     return html`${this.routing.value?.queues.length ?? 0} queues`;
 *   }
 * }
 * ```
 */
export class RoutingController implements ReactiveController {
  /** The latest snapshot, or undefined before the host connects or without an engine. */
  value: RoutingSnapshot | undefined;
  private engine: RoutingEngine | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    engine?: RoutingEngine,
  ) {
    this.engine = engine;
    host.addController(this);
  }

  /** Switches to another engine (or none), re-subscribing if the host is connected. */
  setEngine(engine: RoutingEngine | undefined): void {
    if (engine === this.engine) return;
    this.detach();
    this.engine = engine;
    if (this.connected) this.attach();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  private attach(): void {
    if (!this.engine) {
      this.value = undefined;
      return;
    }
    this.value = this.engine.getSnapshot();
    this.unsubscribe = this.engine.subscribe((snapshot) => {
      this.value = snapshot;
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
