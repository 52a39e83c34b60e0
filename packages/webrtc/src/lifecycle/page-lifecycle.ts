import { Subscriptions, systemClock } from '@switchboard/core/shared';
import type {
  Clock,
  Disposable,
  Subscribable,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import type { Phone } from '../phone/phone.js';

/** Page Lifecycle states that matter to a phone. */
export type PageState = 'visible' | 'hidden' | 'frozen';

/** The part of `document` the lifecycle watcher uses. */
export interface LifecycleDocument extends EventTarget {
  readonly visibilityState: string;
}

/**
 * Follows the Page Lifecycle API (`visibilitychange`, `freeze`, `resume`) of a document.
 *
 * @example
 * ```ts
 * const page = new PageLifecycle(document);
 * page.subscribe((s) => console.log(s)); // 'hidden', 'frozen', 'visible'...
 * page.dispose(); // stops listening to the document
 * ```
 */
export class PageLifecycle implements Subscribable<PageState>, Disposable {
  private state: PageState;
  private readonly subscriptions = new Subscriptions<PageState>(() => this.state);
  private readonly handlers: [string, () => void][];
  private disposed = false;

  constructor(private readonly doc: LifecycleDocument) {
    this.state = doc.visibilityState === 'hidden' ? 'hidden' : 'visible';
    this.handlers = [
      ['visibilitychange', () => this.set(doc.visibilityState === 'hidden' ? 'hidden' : 'visible')],
      ['freeze', () => this.set('frozen')],
      ['resume', () => this.set(doc.visibilityState === 'hidden' ? 'hidden' : 'visible')],
    ];
    for (const [type, handler] of this.handlers) doc.addEventListener(type, handler);
  }

  /** The page state now (same as {@link PageLifecycle.getSnapshot}). */
  get current(): PageState {
    return this.state;
  }

  getSnapshot(): PageState {
    return this.state;
  }

  /** Page-state subscriptions, batched per microtask (a hide then freeze in one turn notifies `frozen` once). */
  readonly subscribe: Subscribable<PageState>['subscribe'] = this.subscriptions.subscribe;

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Stops listening to the document and drops every listener. Idempotent; it has no commands. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [type, handler] of this.handlers) this.doc.removeEventListener(type, handler);
    this.subscriptions.dispose();
  }

  private set(state: PageState): void {
    if (state === this.state) return;
    this.state = state;
    this.subscriptions.notify();
  }
}

/** How the liveness lease of the agent is renewed (e.g. a heartbeat to the routing service). */
export interface LivenessLease {
  /** Renews the lease; the router marks the agent stale (no more offers) when renewals stop. */
  renew(): void | Promise<void>;
  /** Renewal interval; keep it well under the router's lease TTL. */
  readonly intervalMs: number;
}

/**
 * Keeps the agent's liveness lease renewed while the phone is registered and the page is not
 * frozen; a frozen tab stops renewing, so the router stops offering calls to it instead of
 * offering calls that would be missed silently. On resume it renews at once and re-registers.
 *
 * @example
 * ```ts
 * bindPageLifecycle(phone, new PageLifecycle(document), { renew: () => api.heartbeat(agentId), intervalMs: 10_000 });
 * ```
 */
export function bindPageLifecycle(
  phone: Phone,
  page: PageLifecycle,
  lease: LivenessLease,
  clock: Clock = systemClock,
): Unsubscribe {
  let timer: TimerHandle | undefined;
  const shouldRenew = () =>
    phone.getSnapshot().status === 'registered' && page.current !== 'frozen';
  const schedule = () => {
    if (timer !== undefined) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (!shouldRenew()) return;
      void lease.renew();
      schedule();
    }, lease.intervalMs);
  };
  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  const update = (renewNow: boolean) => {
    if (shouldRenew()) {
      if (renewNow) void lease.renew();
      schedule();
    } else cancel();
  };
  let lastStatus = phone.getSnapshot().status;
  const offPhone = phone.subscribe((snap) => {
    const becameRegistered = snap.status === 'registered' && lastStatus !== 'registered';
    lastStatus = snap.status;
    update(becameRegistered);
  });
  let lastPage = page.current;
  const offPage = page.subscribe((state) => {
    const resumed = lastPage === 'frozen' && state !== 'frozen';
    lastPage = state;
    // timers did not run while frozen: refresh the registration and the lease at once
    if (resumed && phone.getSnapshot().status === 'registered') phone.transport.register();
    update(resumed);
  });
  update(true);
  return () => {
    offPhone();
    offPage();
    cancel();
  };
}
