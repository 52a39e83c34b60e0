import {
  DisposedError,
  Subscriptions,
  ValidationError,
  type Clock,
  type Disposable,
  type Equality,
  type Listener,
  type Subscribable,
  type Unsubscribe,
} from '../shared/index.js';
import { checkAttributes } from './attributes.js';
import type { Channel } from './channel.js';
import type { AttributeValue, InteractionSnapshot } from './interaction.js';
import {
  interactionMachine,
  type InteractionState,
  type InteractionTransition,
} from './interaction-machine.js';
import type { TimelineEntry } from './timeline.js';

/** What {@link InteractionTracker} needs to start. */
export interface InteractionTrackerInit {
  id: string;
  channel: Channel;
  clock: Clock;
  customerId?: string;
  attributes?: Record<string, AttributeValue>;
  priority?: number;
  queueId?: string;
  agentId?: string;
}

/**
 * One interaction driven through {@link interactionMachine} by something other than the router,
 * such as a softphone call. It keeps the timeline and notifies subscribers once per microtask.
 * After {@link InteractionTracker.dispose} its commands throw `DisposedError`.
 *
 * @example
 * ```ts
 * const call = new InteractionTracker({ id: 'call-1', channel: 'voice', clock: systemClock });
 * call.apply('offer', 'call-ringing');
 * call.apply('accept', 'call-answered', { agentId: 'alice' });
 * call.getSnapshot().status; // 'connected'
 * call.subscribe((s) => s.status, (status) => console.log(status));
 * call.dispose();
 * ```
 */
export class InteractionTracker implements Subscribable<InteractionSnapshot>, Disposable {
  private state: InteractionState = 'created';
  private readonly timeline: TimelineEntry[] = [];
  private attributes: Record<string, AttributeValue>;
  private agentId: string | undefined;
  private queueId: string | undefined;
  private snapshot: InteractionSnapshot | undefined;
  private readonly notifier = new Subscriptions<InteractionSnapshot>(() => this.getSnapshot());
  private readonly createdAt: number;
  private disposed = false;

  /** @throws ValidationError when `init.attributes` are not flat values under unreserved keys. */
  constructor(private readonly init: InteractionTrackerInit) {
    if (init.attributes !== undefined) checked(init.attributes);
    this.attributes = { ...(init.attributes ?? {}) };
    this.agentId = init.agentId;
    this.queueId = init.queueId;
    this.createdAt = init.clock.now();
    this.timeline.push({ at: this.createdAt, type: 'interaction-created', state: 'created' });
  }

  /**
   * Moves the interaction along `transition` and records `type` on the timeline.
   * @throws InvalidTransitionError when the current state does not allow it (nothing changes).
   */
  apply(
    transition: InteractionTransition,
    type: string,
    detail?: {
      agentId?: string;
      queueId?: string;
      detail?: Record<string, string | number | boolean>;
    },
  ): InteractionState {
    this.checkLive('apply');
    const next = interactionMachine.transition(this.state, transition, this.init.id);
    this.state = next;
    if (detail?.agentId !== undefined) this.agentId = detail.agentId;
    if (detail?.queueId !== undefined) this.queueId = detail.queueId;
    this.record(type, detail?.detail);
    return next;
  }

  /** Records a fact that does not change state (DTMF sent, quality warning, device switch...). */
  note(type: string, detail?: Record<string, string | number | boolean>): void {
    this.checkLive('note');
    this.record(type, detail);
  }

  /**
   * Merges attributes (e.g. from SIP headers).
   * @throws ValidationError when they are not flat values under unreserved keys (`__proto__`...).
   */
  setAttributes(attributes: Record<string, AttributeValue>): void {
    this.checkLive('setAttributes');
    checked(attributes);
    this.attributes = { ...this.attributes, ...attributes };
    this.changed();
  }

  /** Whether `transition` is allowed now. */
  can(transition: InteractionTransition): boolean {
    return interactionMachine.can(this.state, transition);
  }

  getSnapshot(): InteractionSnapshot {
    this.snapshot ??= {
      id: this.init.id,
      channel: this.init.channel,
      status: this.state,
      customerId: this.init.customerId,
      attributes: { ...this.attributes },
      priority: this.init.priority ?? 0,
      queueId: this.queueId,
      agentId: this.agentId,
      createdAt: this.createdAt,
      timeline: this.timeline.slice(),
    };
    return this.snapshot;
  }

  /** Calls `listener` with the snapshot after each batch of changes (once per microtask). */
  subscribe(listener: Listener<InteractionSnapshot>): Unsubscribe;
  /** Calls `listener` with `selector(snapshot)` when that slice changed (by `isEqual`). */
  subscribe<S>(
    selector: (snapshot: InteractionSnapshot) => S,
    listener: Listener<S>,
    isEqual?: Equality<S>,
  ): Unsubscribe;
  subscribe<S>(
    selectorOrListener: ((snapshot: InteractionSnapshot) => S) | Listener<InteractionSnapshot>,
    listener?: Listener<S>,
    isEqual?: Equality<S>,
  ): Unsubscribe {
    if (listener === undefined) {
      return this.notifier.subscribe(selectorOrListener as Listener<InteractionSnapshot>);
    }
    const selector = selectorOrListener as (snapshot: InteractionSnapshot) => S;
    return this.notifier.subscribe(selector, listener, isEqual);
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Drops every subscriber. Idempotent; afterwards commands throw `DisposedError`. */
  dispose(): void {
    this.disposed = true;
    this.notifier.dispose();
  }

  private checkLive(command: string): void {
    if (this.disposed) throw new DisposedError('InteractionTracker', command);
  }

  private record(type: string, detail?: Record<string, string | number | boolean>): void {
    const entry: TimelineEntry = {
      at: this.init.clock.now(),
      type,
      state: this.state,
      ...(this.agentId !== undefined ? { agentId: this.agentId } : {}),
      ...(this.queueId !== undefined ? { queueId: this.queueId } : {}),
      ...(detail ? { detail } : {}),
    };
    this.timeline.push(entry);
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    this.notifier.notify();
  }
}

function checked(attributes: Record<string, AttributeValue>): void {
  const issues = checkAttributes(attributes);
  if (issues.length > 0) throw new ValidationError('interaction attributes', issues);
}
