import { Subscriptions } from '../shared/subscribable.js';
import type { Clock, Listener, Unsubscribe } from '../shared/index.js';
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
 *
 * @example
 * ```ts
 * const call = new InteractionTracker({ id: 'call-1', channel: 'voice', clock: systemClock });
 * call.apply('offer', 'call-ringing');
 * call.apply('accept', 'call-answered', { agentId: 'alice' });
 * call.getSnapshot().status; // 'connected'
 * ```
 */
export class InteractionTracker {
  private state: InteractionState = 'created';
  private readonly timeline: TimelineEntry[] = [];
  private attributes: Record<string, AttributeValue>;
  private agentId: string | undefined;
  private queueId: string | undefined;
  private snapshot: InteractionSnapshot | undefined;
  private readonly notifier = new Subscriptions<InteractionSnapshot>(() => this.getSnapshot());
  private readonly createdAt: number;

  constructor(private readonly init: InteractionTrackerInit) {
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
    const next = interactionMachine.transition(this.state, transition, this.init.id);
    this.state = next;
    if (detail?.agentId !== undefined) this.agentId = detail.agentId;
    if (detail?.queueId !== undefined) this.queueId = detail.queueId;
    this.record(type, detail?.detail);
    return next;
  }

  /** Records a fact that does not change state (DTMF sent, quality warning, device switch...). */
  note(type: string, detail?: Record<string, string | number | boolean>): void {
    this.record(type, detail);
  }

  /** Merges attributes (e.g. from SIP headers). */
  setAttributes(attributes: Record<string, AttributeValue>): void {
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

  subscribe(listener: Listener<InteractionSnapshot>): Unsubscribe {
    return this.notifier.subscribe(listener);
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
