import { DisposedError, Subscriptions } from '@switchboard/core/shared';
import type { Disposable, Subscribable, Unsubscribe } from '@switchboard/core/shared';
import { EventListeners } from '../shared/event-listeners.js';

/** Role of a tab: the leader owns the SIP user agent and the microphone; followers are remote controls. */
export type TabRole = 'pending' | 'leader' | 'follower';

/** A read-only view of a coordinator. */
export interface TabSnapshot<S> {
  readonly role: TabRole;
  /** The leader's latest published state (mirrored in followers; own state in the leader). */
  readonly state: S | undefined;
}

/** The part of `navigator.locks` used. */
export interface LockManagerLike {
  request(
    name: string,
    options: { mode: 'exclusive'; steal?: boolean },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

/** The part of `BroadcastChannel` used. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Options of {@link TabCoordinator}. */
export interface TabCoordinatorOptions {
  /** Lock and channel name; one per user/phone. */
  readonly name: string;
  /** Default `navigator.locks` (read on start, never at import). */
  readonly locks?: LockManagerLike;
  /** Default `new BroadcastChannel(name)`. */
  readonly createChannel?: (name: string) => ChannelLike;
  /** How long a follower waits for the leader to answer a command. Default 10000 ms. */
  readonly commandTimeoutMs?: number;
}

type Message<S, C> =
  | { kind: 'state'; state: S }
  | { kind: 'hello' }
  | { kind: 'command'; id: string; command: C }
  | { kind: 'result'; id: string; ok: boolean; value?: unknown; error?: string; code?: string };

/**
 * One registration per browser: tabs elect a leader with Web Locks (the lock is held as long as the
 * leader tab lives, and passes to a waiting tab when it closes) and talk over BroadcastChannel. The
 * leader publishes its state (mirrored by followers) and executes followers' typed commands.
 *
 * @example
 * ```ts
 * const tabs = new TabCoordinator<MirroredPhoneState, PhoneCommand>({ name: 'switchboard-phone-alice' });
 * tabs.onLeadership(() => sharePhone(createPhone(), tabs));
 * tabs.start();
 * if (tabs.getSnapshot().role === 'follower') await tabs.send({ type: 'call', target: 'bob' });
 * ```
 */
export class TabCoordinator<S, C> implements Subscribable<TabSnapshot<S>>, Disposable {
  private role: TabRole = 'pending';
  private state: S | undefined;
  private channel: ChannelLike | undefined;
  private release: (() => void) | undefined;
  private readonly subscriptions = new Subscriptions<TabSnapshot<S>>(() => this.getSnapshot());
  private snapshot: TabSnapshot<S> | undefined;
  private readonly leadership = new EventListeners<undefined>();
  private readonly lost = new EventListeners<undefined>();
  private locks: LockManagerLike | undefined;
  private disposed = false;
  private handler: ((command: C) => unknown) | undefined;
  private readonly waiting = new Map<
    string,
    {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  private counter = 0;
  private readonly tabId = Math.random().toString(36).slice(2);

  constructor(private readonly options: TabCoordinatorOptions) {}

  getSnapshot(): TabSnapshot<S> {
    this.snapshot ??= { role: this.role, state: this.state };
    return this.snapshot;
  }

  /** Snapshot subscriptions, batched per microtask, optionally through a selector. */
  readonly subscribe: Subscribable<TabSnapshot<S>>['subscribe'] = this.subscriptions.subscribe;

  /** Called once when this tab becomes the leader (at start or when the previous leader closes). */
  onLeadership(listener: () => void): Unsubscribe {
    return this.leadership.add(() => listener());
  }

  /**
   * Called when this tab stops leading while it stays open: another tab took the leadership over
   * ({@link TabCoordinator.takeLeadership}). The tab is a follower again and waits in line.
   */
  onLeadershipLost(listener: () => void): Unsubscribe {
    return this.lost.add(() => listener());
  }

  /**
   * The leader's handler of followers' commands; its return value (or promise) is the result. A
   * thrown error's `message` and `code` (when it has one) reach the follower.
   */
  handleCommands(handler: (command: C) => unknown): void {
    this.alive('handleCommands');
    this.handler = handler;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * {@link TabCoordinator.stop} and drops every listener and the command handler. Idempotent;
   * afterwards commands throw `DisposedError`.
   */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.disposed = true;
    this.handler = undefined;
    this.leadership.clear();
    this.lost.clear();
    this.subscriptions.dispose();
  }

  /** Joins the election: follower at once, leader when it holds the lock. */
  start(): void {
    this.alive('start');
    const g = globalThis as {
      navigator?: { locks?: LockManagerLike };
      BroadcastChannel?: new (name: string) => ChannelLike;
    };
    const locks = this.options.locks ?? g.navigator?.locks;
    const create =
      this.options.createChannel ??
      ((name: string) => new (g.BroadcastChannel as new (n: string) => ChannelLike)(name));
    if (!locks) throw new Error('Web Locks are not available');
    this.locks = locks;
    const channel = create(this.options.name);
    this.channel = channel;
    channel.addEventListener('message', (event) => this.onMessage(event.data as Message<S, C>));
    this.setRole('follower');
    channel.postMessage({ kind: 'hello' } satisfies Message<S, C>);
    this.requestLock(false);
  }

  /**
   * Follower: becomes the leader at once, taking the lock from the tab that holds it (which is
   * told through {@link TabCoordinator.onLeadershipLost}). Use it for a "use this tab" hand-over
   * that the leader agreed to; a no-op on the leader.
   */
  takeLeadership(): void {
    this.alive('takeLeadership');
    if (this.role !== 'follower') return;
    this.requestLock(true);
  }

  /**
   * Asks for the leader lock; the grant makes this tab the leader until {@link TabCoordinator.stop}
   * or until another tab steals the lock.
   */
  private requestLock(steal: boolean): void {
    const locks = this.locks;
    if (!locks) return;
    const granted = () => {
      if (!this.channel || this.role === 'leader') return Promise.resolve();
      this.setRole('leader');
      this.leadership.emit(undefined);
      return new Promise<void>((resolve) => {
        this.release = resolve;
      });
    };
    const name = `${this.options.name}:leader`;
    const request = steal
      ? locks.request(name, { mode: 'exclusive', steal: true }, granted)
      : locks.request(name, { mode: 'exclusive' }, granted);
    // A lock taken over by another tab rejects the holder's request (AbortError): this tab
    // follows again and waits in line for the next turn.
    request.catch(() => {
      if (this.role !== 'leader' || !this.channel) return;
      this.release = undefined;
      this.setRole('follower');
      this.lost.emit(undefined);
      if (this.channel) this.requestLock(false);
    });
  }

  /** Leader: publishes state to every follower. */
  publish(state: S): void {
    this.alive('publish');
    this.state = state;
    this.channel?.postMessage({ kind: 'state', state } satisfies Message<S, C>);
    this.changed();
  }

  /** Follower: asks the leader to run `command`; resolves with the leader's result. */
  send(command: C): Promise<unknown> {
    if (this.disposed) return Promise.reject(new DisposedError('TabCoordinator', 'send'));
    if (this.role === 'leader') return new Promise((resolve) => resolve(this.handler?.(command)));
    const id = `${this.tabId}-${++this.counter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('the leader tab did not answer'));
      }, this.options.commandTimeoutMs ?? 10_000);
      this.waiting.set(id, { resolve, reject, timer });
      this.channel?.postMessage({ kind: 'command', id, command } satisfies Message<S, C>);
    });
  }

  /**
   * Leaves: releases leadership (another tab takes over) and closes the channel; `start()` joins
   * again. No-op after {@link TabCoordinator.dispose}.
   */
  stop(): void {
    if (this.disposed) return;
    this.release?.();
    this.release = undefined;
    this.channel?.close();
    this.channel = undefined;
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error('stopped'));
    }
    this.waiting.clear();
    this.setRole('pending');
  }

  private onMessage(message: Message<S, C>): void {
    switch (message.kind) {
      case 'state':
        if (this.role !== 'leader') {
          this.state = message.state;
          this.changed();
        }
        break;
      case 'hello':
        if (this.role === 'leader' && this.state !== undefined)
          this.channel?.postMessage({ kind: 'state', state: this.state });
        break;
      case 'command':
        if (this.role === 'leader') void this.execute(message.id, message.command);
        break;
      case 'result': {
        const w = this.waiting.get(message.id);
        if (!w) return;
        this.waiting.delete(message.id);
        clearTimeout(w.timer);
        if (message.ok) w.resolve(message.value);
        else
          w.reject(
            Object.assign(
              new Error(message.error ?? 'command failed'),
              message.code !== undefined ? { code: message.code } : {},
            ),
          );
        break;
      }
    }
  }

  private async execute(id: string, command: C): Promise<void> {
    try {
      const value: unknown = await this.handler?.(command);
      this.channel?.postMessage({ kind: 'result', id, ok: true, value } satisfies Message<S, C>);
    } catch (error) {
      const code = (error as { code?: unknown } | undefined)?.code;
      this.channel?.postMessage({
        kind: 'result',
        id,
        ok: false,
        error: (error as Error).message,
        ...(typeof code === 'string' ? { code } : {}),
      } satisfies Message<S, C>);
    }
  }

  private setRole(role: TabRole): void {
    this.role = role;
    this.changed();
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('TabCoordinator', command);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }
}
