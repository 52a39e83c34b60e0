import type { ContactCenter } from '@switchboard/core/contact-center';
import {
  DisposedError,
  Subscriptions,
  defineMachine,
  systemClock,
  type Clock,
  type Disposable,
  type Subscribable,
  type TimerHandle,
  type Unsubscribe,
} from '@switchboard/core/shared';
import {
  PageLifecycle,
  PhoneError,
  type LifecycleDocument,
  type Phone,
  type PhoneControl,
  type PageState,
} from '@switchboard/webrtc';

/** Where a desktop stands: catching up with the server, ready for work, or stuck. */
export const ReadinessStatus = {
  syncing: 'syncing',
  ready: 'ready',
  error: 'error',
} as const;
/** One of {@link ReadinessStatus}. */
export type ReadinessStatus = (typeof ReadinessStatus)[keyof typeof ReadinessStatus];

/** The steps of a sync, in order (`registering` only when a phone is bound). */
export const ReadinessStep = {
  /** A fresh token through the center (a request on a remote center; nothing on a local one). */
  authenticating: 'authenticating',
  /** The phone registers again (or is confirmed registered). */
  registering: 'registering',
  /** The agent and its interactions are read again from the center. */
  resyncing: 'resyncing',
} as const;
/** One of {@link ReadinessStep}. */
export type ReadinessStep = (typeof ReadinessStep)[keyof typeof ReadinessStep];

/** What started a sync. */
export const ReadinessCause = {
  /** The desktop connected: a page load, a reload, or the element added to the page. */
  connect: 'connect',
  /** The page came back after being hidden or frozen (or asleep) for `resyncAfterMs` or longer. */
  resume: 'resume',
  /** The browser went `online` again. */
  online: 'online',
  /** {@link DesktopReadiness.retry} (the Retry control). */
  retry: 'retry',
} as const;
/** One of {@link ReadinessCause}. */
export type ReadinessCause = (typeof ReadinessCause)[keyof typeof ReadinessCause];

/**
 * A {@link DesktopReadiness} snapshot, discriminated on `status`:
 * - `syncing`: `step` is the step under way; the agent must not go available yet.
 * - `ready`: everything is current; `generation` counts the syncs done so far (1 after the first).
 * - `error`: `step` failed with `error`; `reason` is a short text for the agent (the error's hint,
 *   else the message of its innermost cause). Nothing is retried until a new cause or `retry()`.
 */
export type DesktopReadinessSnapshot =
  | {
      readonly status: 'syncing';
      readonly step: ReadinessStep;
      readonly cause: ReadinessCause;
    }
  | {
      readonly status: 'ready';
      readonly cause: ReadinessCause;
      /** When the sync finished (epoch ms, the readiness' clock). */
      readonly syncedAt: number;
      readonly generation: number;
    }
  | {
      readonly status: 'error';
      readonly step: ReadinessStep;
      readonly cause: ReadinessCause;
      readonly error: unknown;
      readonly reason: string;
    };

/**
 * What a {@link DesktopReadiness} needs of a phone: a `Phone` of `@switchboard/webrtc` is one, a
 * `TabPhone` (any `PhoneControl`) another. It reads the status, waits for `registered`, and
 * registers through `register()` (from `connected`, or any status when the phone has no
 * `start`), `start()` (from `idle`, `stopped` or `failed`, when the phone has it) or, when the
 * phone says it is registered, `register({ refresh: true })` (a fresh REGISTER: after a sleep the
 * registrar may have forgotten a phone whose timers were frozen).
 */
export type DesktopPhone = Pick<PhoneControl, 'getSnapshot' | 'subscribe' | 'register'> &
  Partial<Pick<Phone, 'start'>>;

/** Options of {@link DesktopReadiness}; the numbers are read each time they are needed. */
export interface DesktopReadinessOptions {
  /** The center: local or remote (whose requests call the host's `getToken()`). */
  readonly center: ContactCenter;
  /** The agent of the desktop. */
  readonly agentId: string;
  /** The agent's phone, when the desktop has one: it must be registered before the agent is ready. */
  readonly phone?: DesktopPhone | undefined;
  /** Time source of the thresholds, the timeout and the lease renewals. Default the system clock. */
  readonly clock?: Clock;
  /**
   * The document whose lifecycle is followed (`visibilitychange`, `freeze`, `resume`); `online`
   * is heard on its window (`defaultView`), or on the document itself when it has none (a test
   * double). Default `globalThis.document`; without one, only `retry()` and timer gaps resync.
   */
  readonly document?: LifecycleDocument | undefined;
  /**
   * Sync again when the page comes back after being hidden or frozen this long (ms); 0 syncs on
   * every return. Default 30 000.
   */
  readonly resyncAfterMs?: number;
  /** How long the phone may take to register before the sync fails (ms). Default 15 000. */
  readonly registerTimeoutMs?: number;
  /**
   * Interval of the liveness lease renewals (`center.heartbeat`) while ready and not frozen (ms);
   * 0 renews nothing (when the host renews the lease itself). Default 20 000.
   */
  readonly heartbeatMs?: number;
  /**
   * The agent's presence now, when the host knows it (no renewal is sent for an offline agent,
   * whose lease the center refuses to renew). Default: the presence the last read returned.
   */
  readonly presence?: () => string | undefined;
}

/** The events of the readiness machine. @internal */
type ReadinessEvent = 'sync' | 'advance' | 'synced' | 'fail';

/**
 * The transition table of {@link DesktopReadiness}.
 *
 * @internal
 */
export const readinessMachine = defineMachine<ReadinessStatus, ReadinessEvent>(
  'desktop-readiness',
  {
    syncing: { sync: 'syncing', advance: 'syncing', synced: 'ready', fail: 'error' },
    ready: { sync: 'syncing' },
    error: { sync: 'syncing' },
  },
);

const DEFAULT_RESYNC_AFTER_MS = 30_000;
const DEFAULT_REGISTER_TIMEOUT_MS = 15_000;
const DEFAULT_HEARTBEAT_MS = 20_000;

/**
 * Whether an agent desktop may take work: after a page load, after the page comes back from being
 * hidden, frozen or asleep for `resyncAfterMs` or longer, and when the browser goes `online` again,
 * it syncs before it says `ready`: (1) a request through the center, which gets a fresh token
 * from the host's `getToken()` on a remote center (nothing on a local one; a refused token fails
 * here, and no login form is ever shown), (2) the phone, when there is one, registered again and
 * awaited (bounded by `registerTimeoutMs`), (3) the agent and its interactions read again. While
 * ready and not frozen it renews the agent's liveness lease every `heartbeatMs`.
 *
 * ```text
 *            sync (connect | resume | online | retry)       advance: authenticating -> registering -> resyncing
 *   (start) -----------> syncing --synced--> ready --sync--> syncing
 *                           |  ^                               (a new cause restarts a running sync)
 *                         fail '--sync-- error
 *                           '---------->
 * ```
 *
 * A new cause while syncing starts over from the first step; a run that was overtaken changes
 * nothing. A timer that fires more than `max(resyncAfterMs, heartbeatMs)` late means the page did
 * not run (a sleep without lifecycle events): that too is a `resume`.
 *
 * @example
 * ```ts
 * const readiness = new DesktopReadiness({ center, agentId: 'alice', phone });
 * const picker = document.querySelector('select');
 * readiness.subscribe(
 *   (s) => s.status,
 *   (status) => picker?.toggleAttribute('disabled', status !== 'ready'),
 * );
 * document.querySelector('button')?.addEventListener('click', () => readiness.retry());
 * readiness.dispose(); // stops listening to the page, stops the lease renewals
 * ```
 */
export class DesktopReadiness implements Subscribable<DesktopReadinessSnapshot>, Disposable {
  private snapshot: DesktopReadinessSnapshot;
  private readonly subscriptions = new Subscriptions<DesktopReadinessSnapshot>(
    () => this.snapshot,
    { owner: 'DesktopReadiness' },
  );
  private readonly clock: Clock;
  private readonly page: PageLifecycle | undefined;
  private readonly stopListening: Unsubscribe[] = [];
  private pageState: PageState = 'visible';
  /** Since when the page has been away (hidden or frozen) without a sync. */
  private awaySince: number | undefined;
  /** Identifies the sync under way: an overtaken run sees a different number and stops. */
  private run = 0;
  private generation = 0;
  private presence: string | undefined;
  private beatTimer: TimerHandle | undefined;
  private beatDueAt = 0;
  private disposed = false;

  /** Starts the first sync at once (cause `connect`) and follows the page. */
  constructor(private readonly options: DesktopReadinessOptions) {
    this.clock = options.clock ?? systemClock;
    this.snapshot = { status: 'syncing', step: 'authenticating', cause: 'connect' };
    const doc =
      options.document ??
      (globalThis as { document?: LifecycleDocument & { defaultView?: unknown } }).document;
    if (doc) {
      const page = new PageLifecycle(doc);
      this.page = page;
      this.pageState = page.current;
      if (page.current !== 'visible') this.awaySince = this.clock.now();
      this.stopListening.push(page.subscribe((state) => this.onPage(state)));
      const win = (doc as { defaultView?: EventTarget | null }).defaultView ?? doc;
      const online = () => this.sync('online');
      win.addEventListener('online', online);
      this.stopListening.push(() => win.removeEventListener('online', online));
    }
    void this.start('connect');
  }

  /** The readiness now. */
  getSnapshot(): DesktopReadinessSnapshot {
    return this.snapshot;
  }

  /** Readiness subscriptions, batched per microtask (see core's `Subscribable`). */
  readonly subscribe: Subscribable<DesktopReadinessSnapshot>['subscribe'] =
    this.subscriptions.subscribe;

  /**
   * Syncs again now, from the first step (the Retry control; also fine while ready or syncing).
   *
   * @throws DisposedError after {@link DesktopReadiness.dispose}.
   */
  retry(): void {
    if (this.disposed) throw new DisposedError('DesktopReadiness', 'retry');
    this.sync('retry');
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops following the page, abandons a sync under way and stops the lease renewals; the last
   * snapshot stays readable. Idempotent.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run++;
    this.stopBeats();
    for (const stop of this.stopListening) stop();
    this.page?.dispose();
    this.subscriptions.dispose();
  }

  private sync(cause: ReadinessCause): void {
    if (this.disposed) return;
    this.move('sync', { status: 'syncing', step: 'authenticating', cause });
    void this.start(cause);
  }

  private async start(cause: ReadinessCause): Promise<void> {
    const run = ++this.run;
    const current = () => run === this.run;
    const { center, agentId, phone } = this.options;
    this.stopBeats();
    this.awaySince = this.pageState === 'visible' ? undefined : this.clock.now();
    try {
      await center.getLastSeq();
      if (!current()) return;
      if (phone) {
        this.advance('registering', cause);
        await this.register(phone, cause !== 'connect', current);
        if (!current()) return;
      }
      this.advance('resyncing', cause);
      const agent = await center.getAgent(agentId);
      await Promise.all(agent.interactions.map((id) => center.getInteraction(id)));
      if (!current()) return;
      this.presence = agent.presence;
      this.generation++;
      this.move('synced', {
        status: 'ready',
        cause,
        syncedAt: this.clock.now(),
        generation: this.generation,
      });
      this.renew(true);
    } catch (error) {
      if (!current() || this.snapshot.status !== 'syncing') return;
      this.move('fail', {
        status: 'error',
        step: this.snapshot.step,
        cause,
        error,
        reason: describe(error),
      });
    }
  }

  private advance(step: ReadinessStep, cause: ReadinessCause): void {
    this.move('advance', { status: 'syncing', step, cause });
  }

  private move(event: ReadinessEvent, next: DesktopReadinessSnapshot): void {
    readinessMachine.transition(this.snapshot.status, event);
    this.snapshot = next;
    this.subscriptions.notify();
  }

  /**
   * Resolves once the phone is registered: at once when it is and `refresh` is false; otherwise
   * after the REGISTER it is asked for (or the reconnection under way) succeeds. Rejects with the
   * phone's error, or a `PhoneError` after `registerTimeoutMs`.
   */
  private register(phone: DesktopPhone, refresh: boolean, current: () => boolean): Promise<void> {
    const status = phone.getSnapshot().status;
    if (status === 'registered' && !refresh) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const stops: Unsubscribe[] = [];
      const timeoutMs = this.options.registerTimeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS;
      let done = false;
      const settle = (error?: unknown) => {
        if (done) return;
        done = true;
        for (const stop of stops) stop();
        this.clock.clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = this.clock.setTimeout(() => {
        const now = phone.getSnapshot().status;
        const reachable = now !== 'connecting' && now !== 'reconnecting';
        settle(
          new PhoneError(
            reachable ? 'SIP_REGISTRATION_FAILED' : 'SIP_TRANSPORT_UNREACHABLE',
            `the phone did not register within ${timeoutMs} ms`,
            {
              retryable: true,
              hint: reachable
                ? 'The phone server did not confirm the registration.'
                : 'The phone server cannot be reached. Check the network.',
            },
          ),
        );
      }, timeoutMs);
      stops.push(
        phone.subscribe(
          (s) => s.status,
          (next) => {
            if (!current() || next === 'registered') settle();
            else if (next === 'failed') settle(phone.getSnapshot().error ?? new Error(next));
          },
        ),
      );
      if (status === 'registered') {
        // The phone says registered, but its refresh timer may not have run: a fresh REGISTER.
        phone.register({ refresh: true }).then(
          () => settle(),
          (error: unknown) => settle(error),
        );
        return;
      }
      // connecting / reconnecting: the phone is on it; wait for its status.
      if (status === 'connecting' || status === 'reconnecting') return;
      const command = status === 'connected' || !phone.start ? phone.register() : phone.start(); // idle, stopped, failed
      command.then(
        () => settle(),
        (error: unknown) => settle(error),
      );
    });
  }

  private onPage(state: PageState): void {
    const previous = this.pageState;
    if (state === previous) return;
    this.pageState = state;
    const now = this.clock.now();
    if (state === 'frozen') {
      this.awaySince ??= now;
      this.stopBeats();
      return;
    }
    // Back from frozen (visible, or still hidden), or from hidden to visible.
    const woke = previous === 'frozen' || state === 'visible';
    if (state === 'hidden' && previous === 'visible') this.awaySince ??= now;
    if (!woke) return;
    const since = this.awaySince;
    this.awaySince = state === 'visible' ? undefined : now;
    if (since !== undefined && now - since >= this.resyncAfterMs()) this.sync('resume');
    else if (previous === 'frozen') this.renew(true);
  }

  private resyncAfterMs(): number {
    return this.options.resyncAfterMs ?? DEFAULT_RESYNC_AFTER_MS;
  }

  /** Renews the lease (now, when asked) and schedules the next renewal, while ready and not frozen. */
  private renew(now: boolean): void {
    this.stopBeats();
    const interval = this.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (this.disposed || this.snapshot.status !== 'ready' || this.pageState === 'frozen') return;
    if (!(interval > 0)) return;
    if (now) this.beat();
    this.beatDueAt = this.clock.now() + interval;
    this.beatTimer = this.clock.setTimeout(() => {
      this.beatTimer = undefined;
      // A timer this late means the page did not run (a sleep without lifecycle events).
      const late = this.clock.now() - this.beatDueAt;
      if (late > Math.max(this.resyncAfterMs(), interval)) this.sync('resume');
      else this.renew(true);
    }, interval);
  }

  private beat(): void {
    const presence = this.options.presence?.() ?? this.presence;
    if (presence === 'offline') return;
    this.options.center.heartbeat(this.options.agentId).then(
      (agent) => {
        this.presence = agent.presence;
      },
      // A refused renewal changes nothing here: the next one is tried on schedule, and the
      // status shows the lease warning when renewals keep failing.
      () => undefined,
    );
  }

  private stopBeats(): void {
    if (this.beatTimer !== undefined) this.clock.clearTimeout(this.beatTimer);
    this.beatTimer = undefined;
  }
}

/** A short text for the agent: the first `hint` along the error's causes, else the innermost message. */
function describe(error: unknown): string {
  let innermost = '';
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    const { hint, message, cause } = e as { hint?: unknown; message?: unknown; cause?: unknown };
    if (typeof hint === 'string' && hint) return hint;
    if (typeof message === 'string' && message) innermost = message;
    else if (typeof e === 'string') innermost = e;
    if (typeof e !== 'object') break;
    e = cause;
  }
  return innermost;
}
