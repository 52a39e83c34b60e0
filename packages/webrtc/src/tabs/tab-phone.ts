import { DisposedError, Subscriptions, systemClock } from '@switchboard/core/shared';
import type {
  Clock,
  Disposable,
  Subscribable,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import type { Phone, PhoneSnapshot } from '../phone/phone.js';
import type { CallSnapshot } from '../phone/call-types.js';
import type { CallControl, PhoneControl } from '../phone/phone-control.js';
import { PhoneError } from '../phone/phone-error.js';
import { TabCoordinator } from './tab-coordinator.js';
import type { ChannelLike, LockManagerLike, TabRole } from './tab-coordinator.js';
import { sharePhone, toPhoneError, unmirrorPhone } from './shared-phone.js';
import type { MirroredPhoneState, PhoneCommand } from './shared-phone.js';

/** Options of {@link TabPhone}. */
export interface TabPhoneOptions {
  /** Lock and channel name, one per agent and browser profile (e.g. `switchboard-phone-alice`). */
  readonly name: string;
  /** Creates the phone; called only in the tab elected to own it, again each time it is elected. */
  readonly createPhone: () => Phone;
  /** Brings a new phone online. Default `phone.start()`; a failure shows in the snapshot. */
  readonly startPhone?: (phone: Phone) => Promise<void>;
  /**
   * How long a tab that agreed to hand its phone over waits for the asking tab to take it before it
   * brings its own phone back. Also the follower's command timeout. Default 10000 ms.
   */
  readonly handOverTimeoutMs?: number;
  /** Default `navigator.locks`. */
  readonly locks?: LockManagerLike;
  /** Default `new BroadcastChannel(name)`. */
  readonly createChannel?: (name: string) => ChannelLike;
  /** Timers of the hand-over fallback. */
  readonly clock?: Clock;
  /**
   * Where `pagehide`/`pageshow` arrive (default `globalThis`, the window). A tab that is closed or
   * navigated away hangs up and unregisters at once, so callers are not left in silence and the
   * registrar does not keep a dead binding; a page restored from the back/forward cache joins again.
   */
  readonly pageEvents?: EventTarget;
}

/** A {@link PhoneSnapshot} with this tab's part in the shared phone. */
export interface TabPhoneSnapshot extends PhoneSnapshot {
  /**
   * `leader`: this tab owns the phone (SIP and media); `follower`: another tab owns it and this
   * one is its remote control; `pending` before {@link TabPhone.start}.
   */
  readonly tab: TabRole;
}

const EMPTY: PhoneSnapshot = { status: 'idle', server: undefined, calls: [], error: undefined };

/**
 * One phone for all the tabs of an agent in a browser: the tabs elect one (Web Locks) that
 * creates and registers the {@link Phone} and carries the media; every other tab mirrors its
 * state and sends it commands (BroadcastChannel), so the same softphone works in each. When the
 * owning tab closes, another is elected and registers. {@link TabPhone.useThisTab} moves the phone
 * to the asking tab, refused while a call is in progress (its media lives where it is). Closing a
 * follower tab never touches a call.
 *
 * Give it to the widgets as the phone (`<sb-softphone .phone=${tabPhone}>` or the `sb-phone`
 * context): it implements {@link PhoneControl}, and its snapshot's `tab` says which part this tab
 * plays.
 *
 * @example
 * ```ts
 * const phone = new TabPhone({
 *   name: `switchboard-phone-${agentId}`,
 *   createPhone: () => new Phone({ transport: new JsSipTransport({ uri, password, servers }) }),
 * });
 * phone.start();
 * document.querySelector('sb-softphone')!.phone = phone;
 * ```
 */
export class TabPhone implements PhoneControl, Subscribable<TabPhoneSnapshot>, Disposable {
  private readonly tabs: TabCoordinator<MirroredPhoneState, PhoneCommand>;
  private readonly clock: Clock;
  private readonly subscriptions = new Subscriptions<TabPhoneSnapshot>(() => this.getSnapshot());
  private snapshot: TabPhoneSnapshot | undefined;
  private phone: Phone | undefined;
  private stopSharing: Unsubscribe | undefined;
  private stopFollowing: Unsubscribe | undefined;
  private readonly stopTabs: Unsubscribe[] = [];
  private handOverTimer: TimerHandle | undefined;
  private mirrored: PhoneSnapshot | undefined;
  private mirroredFrom: MirroredPhoneState | undefined;
  private readonly remoteCalls = new Map<string, RemoteCall>();
  private disposed = false;
  private listening = false;

  constructor(private readonly options: TabPhoneOptions) {
    this.clock = options.clock ?? systemClock;
    this.tabs = new TabCoordinator<MirroredPhoneState, PhoneCommand>({
      name: options.name,
      commandTimeoutMs: options.handOverTimeoutMs ?? 10_000,
      ...(options.locks ? { locks: options.locks } : {}),
      ...(options.createChannel ? { createChannel: options.createChannel } : {}),
    });
    this.stopTabs.push(
      this.tabs.onLeadership(() => this.lead()),
      this.tabs.onLeadershipLost(() => this.dropPhone()),
      this.tabs.subscribe(() => this.changed()),
    );
  }

  /** The phone itself in the tab that owns it; undefined in the others. */
  get localPhone(): Phone | undefined {
    return this.phone;
  }

  /** This tab's part: `leader`, `follower` or `pending`. */
  get role(): TabRole {
    return this.tabs.getSnapshot().role;
  }

  /** The phone's own SIP address (empty until the owning tab has published it). */
  get uri(): string {
    return this.phone?.uri ?? this.tabs.getSnapshot().state?.uri ?? '';
  }

  /** Joins the election: a remote control at once, the owner when elected. */
  start(): void {
    this.alive('start');
    this.tabs.start();
    const page = this.pageEvents();
    if (page && !this.listening) {
      this.listening = true;
      page.addEventListener('pagehide', this.onPageHide);
      page.addEventListener('pageshow', this.onPageShow);
    }
  }

  getSnapshot(): TabPhoneSnapshot {
    if (this.snapshot) return this.snapshot;
    const tab = this.role;
    let phone: PhoneSnapshot = EMPTY;
    if (this.phone) phone = this.phone.getSnapshot();
    else if (tab === 'follower') phone = this.mirror() ?? EMPTY;
    else if (tab === 'leader') phone = { ...EMPTY, status: 'stopped' }; // handing over
    this.snapshot = { ...phone, tab };
    return this.snapshot;
  }

  /** Snapshot subscriptions, batched per microtask, optionally through a selector. */
  readonly subscribe: Subscribable<TabPhoneSnapshot>['subscribe'] = this.subscriptions.subscribe;

  getCalls(): readonly CallControl[] {
    if (this.phone) return this.phone.getCalls();
    return (this.mirror()?.calls ?? [])
      .filter((c) => c.status !== 'ended')
      .map((c) => this.remoteCall(c.id));
  }

  getCall(id: string): CallControl | undefined {
    if (this.phone) return this.phone.getCall(id);
    return this.mirror()?.calls.some((c) => c.id === id) ? this.remoteCall(id) : undefined;
  }

  call(
    target: string,
    options: { readonly headers?: readonly string[] } = {},
  ): CallControl | Promise<CallControl> {
    this.alive('call');
    if (this.phone) return this.phone.call(target, options);
    return this.send({
      type: 'call',
      target,
      ...(options.headers ? { headers: options.headers } : {}),
    }).then((id) => this.remoteCall(String(id)));
  }

  register(options: { readonly refresh?: boolean } = {}): Promise<void> {
    this.alive('register');
    if (this.phone) return this.phone.register(options);
    return this.send({ type: 'register', refresh: options.refresh === true }).then(() => undefined);
  }

  /**
   * Moves the phone to this tab ("use this tab"): the owning tab unregisters and gives it up, then
   * this tab takes the lock, creates its phone and registers. Resolves once this tab owns it.
   * Refused (`SIP_NOT_READY`, nothing changes) while a call is in progress in the owning tab.
   */
  async useThisTab(): Promise<void> {
    this.alive('useThisTab');
    if (this.role === 'leader') return;
    if (this.role !== 'follower')
      throw new PhoneError('SIP_NOT_READY', 'start the tab phone before moving it here');
    await this.send({ type: 'hand-over' });
    const led = new Promise<void>((resolve) => {
      const off = this.tabs.onLeadership(() => {
        off();
        resolve();
      });
    });
    this.tabs.takeLeadership();
    await led;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Leaves for good: the owning tab disposes its phone (another tab is elected and registers);
   * a follower just stops listening. Idempotent; afterwards commands throw `DisposedError`.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropPhone();
    const page = this.pageEvents();
    page?.removeEventListener('pagehide', this.onPageHide);
    page?.removeEventListener('pageshow', this.onPageShow);
    for (const stop of this.stopTabs) stop();
    this.tabs.dispose();
    this.subscriptions.dispose();
  }

  private pageEvents(): EventTarget | undefined {
    if (this.options.pageEvents) return this.options.pageEvents;
    const g = globalThis as Partial<EventTarget>;
    return typeof g.addEventListener === 'function' ? (globalThis as EventTarget) : undefined;
  }

  /** The tab goes away: hang up and unregister now, and leave the election. */
  private readonly onPageHide = (): void => {
    if (this.disposed) return;
    this.dropPhone();
    this.tabs.stop();
  };

  /** Back from the back/forward cache: join the election again. */
  private readonly onPageShow = (event: Event): void => {
    if (this.disposed || !(event as PageTransitionEvent).persisted) return;
    if (this.role === 'pending') this.tabs.start();
  };

  /** Elected: creates the phone, shares it with the other tabs and brings it online. */
  private lead(): void {
    if (this.disposed || this.phone) return;
    this.clearHandOver();
    const phone = this.options.createPhone();
    this.phone = phone;
    this.stopSharing = sharePhone(phone, this.tabs, { handOver: () => this.giveUp() });
    this.stopFollowing = phone.subscribe(() => this.changed());
    this.changed();
    (this.options.startPhone ?? ((p: Phone) => p.start()))(phone).catch(() => {
      // the phone's snapshot carries the failure (status `failed`, typed error)
    });
  }

  /** A follower asked for the phone: gives it up unless a call lives here. */
  private giveUp(): Promise<void> {
    const phone = this.phone;
    if (phone && phone.getCalls().length > 0) {
      return Promise.reject(
        new PhoneError('SIP_NOT_READY', 'a call is in progress in the tab that has the phone', {
          hint: 'Finish or transfer the call in that tab first.',
        }),
      );
    }
    this.dropPhone();
    this.tabs.publish({
      uri: phone?.uri ?? '',
      ...EMPTY,
      status: 'stopped',
      error: undefined,
      calls: [],
    });
    // The asking tab takes the lock next; if it never does (it closed), the phone comes back here.
    this.handOverTimer = this.clock.setTimeout(() => {
      this.handOverTimer = undefined;
      if (this.role === 'leader') this.lead();
    }, this.options.handOverTimeoutMs ?? 10_000);
    return Promise.resolve();
  }

  private dropPhone(): void {
    this.clearHandOver();
    this.stopSharing?.();
    this.stopFollowing?.();
    this.stopSharing = undefined;
    this.stopFollowing = undefined;
    const phone = this.phone;
    this.phone = undefined;
    phone?.dispose();
    if (!this.disposed) this.changed();
  }

  private clearHandOver(): void {
    if (this.handOverTimer !== undefined) this.clock.clearTimeout(this.handOverTimer);
    this.handOverTimer = undefined;
  }

  /** The owning tab's phone as this follower last saw it. */
  private mirror(): PhoneSnapshot | undefined {
    const state = this.tabs.getSnapshot().state;
    if (!state) return undefined;
    if (state !== this.mirroredFrom) {
      this.mirroredFrom = state;
      this.mirrored = unmirrorPhone(state);
      const live = new Set(this.mirrored.calls.map((c) => c.id));
      for (const id of this.remoteCalls.keys()) if (!live.has(id)) this.remoteCalls.delete(id);
    }
    return this.mirrored;
  }

  private remoteCall(id: string): RemoteCall {
    let call = this.remoteCalls.get(id);
    if (!call) {
      call = new RemoteCall(
        id,
        () => this.mirror()?.calls.find((c) => c.id === id),
        (command) => this.send(command),
      );
      this.remoteCalls.set(id, call);
    }
    return call;
  }

  /** Sends a command to the owning tab; its refusal comes back as a `PhoneError`. */
  private send(command: PhoneCommand): Promise<unknown> {
    return this.tabs.send(command).catch((error: unknown) => {
      throw error instanceof PhoneError ? error : toPhoneError(error as Error);
    });
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('TabPhone', command);
  }
}

/** A call of the phone another tab owns: reads the mirror, commands through that tab. */
class RemoteCall implements CallControl {
  private last: CallSnapshot | undefined;

  constructor(
    readonly id: string,
    private readonly read: () => CallSnapshot | undefined,
    private readonly send: (command: PhoneCommand) => Promise<unknown>,
  ) {}

  getSnapshot(): CallSnapshot {
    const now = this.read();
    if (now) this.last = now;
    if (!this.last) throw new PhoneError('SIP_NOT_READY', `no call ${this.id} in the other tab`);
    return this.last;
  }

  answer(): Promise<void> {
    return this.run({ type: 'answer', callId: this.id });
  }

  reject(): Promise<void> {
    return this.run({ type: 'reject', callId: this.id });
  }

  hangup(): Promise<void> {
    return this.run({ type: 'hangup', callId: this.id });
  }

  hold(): Promise<void> {
    return this.run({ type: 'hold', callId: this.id });
  }

  unhold(): Promise<void> {
    return this.run({ type: 'unhold', callId: this.id });
  }

  setMuted(muted: boolean): Promise<void> {
    return this.run({ type: 'mute', callId: this.id, muted });
  }

  sendDtmf(tones: string): Promise<void> {
    return this.run({ type: 'dtmf', callId: this.id, tones });
  }

  transfer(targetUri: string): Promise<void> {
    return this.run({ type: 'transfer', callId: this.id, target: targetUri });
  }

  attendedTransfer(consultation: CallControl): Promise<void> {
    return this.run({
      type: 'attended-transfer',
      callId: this.id,
      consultationCallId: consultation.id,
    });
  }

  private run(command: PhoneCommand): Promise<void> {
    return this.send(command).then(() => undefined);
  }
}
