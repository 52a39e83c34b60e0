import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock, TimerHandle } from '@switchboard/core/shared';

/**
 * Re-renders its host on the next whole second of the host's clock, for counters shown in seconds
 * (time in state, wrap-up countdown, longest wait, SLA due). The host calls {@link SecondTicker.run}
 * from `updated()` while something counts, {@link SecondTicker.stop} when nothing does; the
 * pending tick is cleared when the host leaves the page.
 *
 * @internal
 */
export class SecondTicker implements ReactiveController {
  private timer: TimerHandle | undefined;
  private armedOn: Clock | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clock: () => Clock,
  ) {
    host.addController(this);
  }

  /** Arms one tick at the next second boundary, unless one is pending. */
  run(): void {
    if (this.timer !== undefined) return;
    const clock = this.clock();
    const now = clock.now();
    this.armedOn = clock;
    this.timer = clock.setTimeout(
      () => {
        this.timer = undefined;
        this.host.requestUpdate();
      },
      1000 - (((now % 1000) + 1000) % 1000),
    );
  }

  /** Drops a pending tick. */
  stop(): void {
    if (this.timer !== undefined) this.armedOn?.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** @internal */
  hostDisconnected(): void {
    this.stop();
  }
}
