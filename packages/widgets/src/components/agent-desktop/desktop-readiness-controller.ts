import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactCenter } from '@switchboard/core/contact-center';
import type { Clock, Unsubscribe } from '@switchboard/core/shared';
import type { LifecycleDocument } from '@switchboard/webrtc';
import type {
  DesktopPhone,
  DesktopReadiness,
  DesktopReadinessOptions,
  DesktopReadinessSnapshot,
} from './desktop-readiness.js';

/** What a {@link DesktopReadinessController} binds; each function is read when needed. @internal */
export interface DesktopReadinessBinding {
  readonly center: () => ContactCenter | undefined;
  readonly agentId: () => string | undefined;
  readonly phone: () => DesktopPhone | undefined;
  readonly clock: () => Clock;
  readonly document: () => LifecycleDocument | undefined;
  readonly resyncAfterMs: () => number;
  readonly registerTimeoutMs: () => number;
  readonly heartbeatMs: () => number;
  readonly presence: () => string | undefined;
  /** Called with each new snapshot (after the host was asked to update). */
  readonly changed: (snapshot: DesktopReadinessSnapshot) => void;
}

/** What the host shows before the engine's module has loaded: the first sync, not started yet. */
const LOADING: DesktopReadinessSnapshot = {
  status: 'syncing',
  step: 'authenticating',
  cause: 'connect',
};

// The engine (with the page lifecycle and the phone registration) loads once per page, right
// after the first connect: the desktop's first render does not wait for it.
let engine: Promise<typeof import('./desktop-readiness.js')> | undefined;

/**
 * Binds `<sb-agent-desktop>` to a {@link DesktopReadiness}: one per center, agent, phone, clock
 * and document while the host is connected (a change of any makes a new one, which syncs with
 * cause `connect`); disposed when the host leaves the page. Its engine module is imported lazily.
 *
 * @internal
 */
export class DesktopReadinessController implements ReactiveController {
  /** The readiness now; undefined while the host has no center or agent. */
  snapshot: DesktopReadinessSnapshot | undefined;
  private readiness: DesktopReadiness | undefined;
  private bound: readonly unknown[] | undefined;
  private stop: Unsubscribe | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly binding: DesktopReadinessBinding,
  ) {
    host.addController(this);
  }

  /** Syncs again now (the Retry control); after a failed load of the engine, loads it again. */
  retry(): void {
    if (this.readiness) this.readiness.retry();
    else if (this.snapshot?.status === 'error') {
      this.bound = undefined;
      this.sync();
    }
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.close();
  }

  private sync(): void {
    const b = this.binding;
    const center = this.connected ? b.center() : undefined;
    const agentId = center ? b.agentId() : undefined;
    const key = [center, agentId, b.phone(), b.clock(), b.document()];
    if (this.bound && key.every((v, i) => v === this.bound?.[i])) return;
    this.close();
    if (!center || !agentId) return;
    const bound = key;
    this.bound = bound;
    this.set(LOADING);
    const loading = (engine ??= import('./desktop-readiness.js'));
    loading.then(
      ({ DesktopReadiness }) => {
        if (this.bound !== bound) return;
        const options: DesktopReadinessOptions = {
          center,
          agentId,
          phone: b.phone(),
          clock: b.clock(),
          document: b.document(),
          get resyncAfterMs() {
            return b.resyncAfterMs();
          },
          get registerTimeoutMs() {
            return b.registerTimeoutMs();
          },
          get heartbeatMs() {
            return b.heartbeatMs();
          },
          presence: b.presence,
        };
        const readiness = new DesktopReadiness(options);
        this.readiness = readiness;
        this.set(readiness.getSnapshot());
        this.stop = readiness.subscribe((s) => this.set(s));
      },
      (error: unknown) => {
        // The module could not load (a flaky network during a reload): say so, and let Retry load
        // it again rather than syncing forever.
        if (engine === loading) engine = undefined;
        if (this.bound !== bound) return;
        const reason = error instanceof Error ? error.message : String(error);
        this.set({ status: 'error', step: 'authenticating', cause: 'connect', error, reason });
      },
    );
  }

  private set(snapshot: DesktopReadinessSnapshot): void {
    if (snapshot === this.snapshot || same(snapshot, this.snapshot)) return;
    this.snapshot = snapshot;
    this.host.requestUpdate();
    this.binding.changed(snapshot);
  }

  private close(): void {
    this.stop?.();
    this.stop = undefined;
    this.readiness?.dispose();
    this.readiness = undefined;
    this.bound = undefined;
    this.snapshot = undefined;
  }
}

/** Whether two snapshots say the same (the placeholder and the engine's first one do). */
function same(a: DesktopReadinessSnapshot, b: DesktopReadinessSnapshot | undefined): boolean {
  return (
    a.status === 'syncing' && b?.status === 'syncing' && a.step === b.step && a.cause === b.cause
  );
}
