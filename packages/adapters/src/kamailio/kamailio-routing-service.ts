import { systemClock } from '@switchboard/core/shared';
import type { Clock, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import type { RoutingEngine, RoutingEvent } from '@switchboard/core/routing';
import type { EvapiChannel } from './evapi-connection.js';

/** What happens to a call that waited `maxWaitMs` without an agent answering. */
export type OverflowAction =
  | { readonly action: 'reject'; readonly code: number; readonly reason: string }
  | { readonly action: 'forward'; readonly uri: string };

/** Options of {@link KamailioRoutingService}. */
export interface KamailioRoutingServiceOptions {
  /** The core router that chooses agents. */
  readonly engine: RoutingEngine;
  /** Kamailio's evapi socket (an `EvapiConnection`, or a fake in tests). */
  readonly channel: EvapiChannel;
  /** The SIP user registered by an agent. Default: the agent id. */
  readonly agentContact?: (agentId: string) => string;
  /** Longest wait in queue before `overflow`. Default 120000 ms. */
  readonly maxWaitMs?: number;
  /** Default: reject with 480 Temporarily Unavailable. */
  readonly overflow?: OverflowAction;
  readonly clock?: Clock;
}

/** Facts the service reports (for logs, dashboards and tests). */
export type RoutingServiceEvent =
  | {
      readonly type: 'call-queued';
      readonly interactionId: string;
      readonly queueId: string;
      readonly callId: string;
    }
  | {
      readonly type: 'call-routed';
      readonly interactionId: string;
      readonly agentId: string;
      readonly target: string;
    }
  | {
      readonly type: 'ring-outcome';
      readonly interactionId: string;
      readonly agentId: string;
      readonly outcome: RingOutcome;
    }
  | { readonly type: 'call-overflowed'; readonly interactionId: string }
  | { readonly type: 'call-cancelled'; readonly interactionId: string }
  | { readonly type: 'call-ended'; readonly interactionId: string }
  | { readonly type: 'unknown-queue'; readonly queueId: string; readonly callId: string };

/** How a ring on an agent's phone ended. */
export type RingOutcome = 'answered' | 'rejected' | 'timeout' | 'unreachable';

interface PendingCall {
  readonly interactionId: string;
  readonly callId: string;
  /** The suspended transaction, while Kamailio waits for our answer. */
  suspended: { tindex: number; tlabel: number } | undefined;
  ringingAgent: string | undefined;
  waitTimer: TimerHandle | undefined;
  connected: boolean;
}

/**
 * The routing service behind Kamailio: for every call to a queue address Kamailio suspends the
 * INVITE and asks (evapi `route-request`); the service enqueues a voice interaction in the core
 * {@link RoutingEngine} and answers with the reserved agent's SIP user as soon as there is one.
 * Each failed ring (`rejected`, `timeout`, `unreachable`) comes back as a `route-outcome` with the
 * transaction suspended again; the service declines the offer in the router, which offers the next
 * agent, and so on until someone answers (`acceptOffer`) or the caller hangs up (`abandon`) or the
 * maximum wait passes (overflow).
 *
 * ```text
 *  Kamailio                        service                     RoutingEngine
 *  INVITE support -> suspend --route-request-->  enqueue -------> offered(agent)
 *      <---------------- {action: route, target: agent} ----------'
 *  ring agent ... 486/408 -> suspend --route-outcome(rejected)--> rejectOffer -> offered(next)
 *      <---------------- {action: route, target: next} -----------'
 *  200 OK ------------------------ route-outcome(answered) ----> acceptOffer
 *  BYE ----------------------------- call-ended ---------------> endInteraction
 * ```
 *
 * @example
 * ```ts
 * const evapi = new EvapiConnection({ port: 8448 });
 * await evapi.connect();
 * const service = new KamailioRoutingService({ engine, channel: evapi, maxWaitMs: 60_000 });
 * ```
 */
export class KamailioRoutingService {
  private readonly pending = new Map<string, PendingCall>();
  private readonly byCallId = new Map<string, string>();
  private readonly listeners = new Set<Listener<RoutingServiceEvent>>();
  private readonly clock: Clock;
  private readonly offUnsubscribers: Unsubscribe[] = [];
  private readonly overflowOnNextOutcome = new Set<string>();

  constructor(private readonly options: KamailioRoutingServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.offUnsubscribers.push(options.channel.onMessage((m) => this.onMessage(m)));
    this.offUnsubscribers.push(options.engine.onEvent((e) => this.onRoutingEvent(e)));
  }

  /** Listens to what the service does. */
  onEvent(listener: Listener<RoutingServiceEvent>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls waiting or ringing now (interaction ids). */
  activeCalls(): string[] {
    return [...this.pending.keys()];
  }

  dispose(): void {
    for (const off of this.offUnsubscribers.splice(0)) off();
    for (const call of this.pending.values())
      if (call.waitTimer !== undefined) this.clock.clearTimeout(call.waitTimer);
    this.pending.clear();
    this.byCallId.clear();
  }

  private onMessage(message: Record<string, unknown>): void {
    switch (message.event) {
      case 'route-request':
        this.onRouteRequest(message);
        break;
      case 'route-outcome':
        this.onOutcome(message);
        break;
      case 'call-cancelled':
        this.onCancelled(String(message.callId ?? ''));
        break;
      case 'call-ended':
        this.onEnded(String(message.callId ?? ''));
        break;
    }
  }

  private onRouteRequest(message: Record<string, unknown>): void {
    const tindex = Number(message.tindex);
    const tlabel = Number(message.tlabel);
    const callId = String(message.callId ?? '');
    const queueId = String(message.queue ?? '');
    const given =
      typeof message.interactionId === 'string' && message.interactionId.length > 0
        ? message.interactionId
        : undefined;
    const interactionId = given ?? `call-${callId}`;
    const engine = this.options.engine;
    if (!engine.getSnapshot().queues.some((q) => q.config.id === queueId)) {
      this.send({
        tindex,
        tlabel,
        action: 'reject',
        code: 404,
        reason: 'No such queue',
        interactionId,
      });
      this.emit({ type: 'unknown-queue', queueId, callId });
      return;
    }
    const call: PendingCall = {
      interactionId,
      callId,
      suspended: { tindex, tlabel },
      ringingAgent: undefined,
      waitTimer: undefined,
      connected: false,
    };
    this.pending.set(interactionId, call);
    this.byCallId.set(callId, interactionId);
    call.waitTimer = this.clock.setTimeout(
      () => this.onMaxWait(interactionId),
      this.options.maxWaitMs ?? 120_000,
    );
    const from = String(message.from ?? '');
    engine.enqueue({
      queueId,
      id: interactionId,
      channel: 'voice',
      ...(from ? { customerId: from } : {}),
      attributes: { callId, from, fromName: String(message.fromName ?? '') },
    });
    this.emit({ type: 'call-queued', interactionId, queueId, callId });
    this.routeIfOffered(call);
  }

  private onRoutingEvent(event: RoutingEvent): void {
    if (event.type !== 'interaction-offered') return;
    const call = this.pending.get(event.interactionId);
    if (call) this.routeIfOffered(call);
  }

  /** Sends the call to the agent the router offered it to, if Kamailio is waiting for us. */
  private routeIfOffered(call: PendingCall): void {
    if (!call.suspended) return;
    const ix = this.options.engine.getInteraction(call.interactionId);
    if (ix.status !== 'offered' || ix.agentId === undefined) return;
    const target = (this.options.agentContact ?? ((id: string) => id))(ix.agentId);
    const { tindex, tlabel } = call.suspended;
    call.suspended = undefined;
    call.ringingAgent = ix.agentId;
    this.send({ tindex, tlabel, action: 'route', target, interactionId: call.interactionId });
    this.emit({
      type: 'call-routed',
      interactionId: call.interactionId,
      agentId: ix.agentId,
      target,
    });
  }

  private onOutcome(message: Record<string, unknown>): void {
    const interactionId = String(message.interactionId ?? '');
    const call = this.pending.get(interactionId);
    const outcome = String(message.outcome ?? '') as RingOutcome;
    if (!call) {
      // a transaction we no longer know: let Kamailio end it rather than hang
      if (outcome !== 'answered' && message.tindex !== undefined) {
        this.send({
          tindex: Number(message.tindex),
          tlabel: Number(message.tlabel),
          action: 'reject',
          code: 480,
          reason: 'Temporarily Unavailable',
          interactionId,
        });
      }
      return;
    }
    const engine = this.options.engine;
    const agentId = call.ringingAgent ?? String(message.agent ?? '');
    this.emit({ type: 'ring-outcome', interactionId, agentId, outcome });
    if (outcome === 'answered') {
      call.connected = true;
      call.ringingAgent = undefined;
      if (call.waitTimer !== undefined) this.clock.clearTimeout(call.waitTimer);
      call.waitTimer = undefined;
      const ix = engine.getInteraction(interactionId);
      if (ix.status === 'offered') engine.acceptOffer(interactionId);
      return;
    }
    call.suspended = { tindex: Number(message.tindex), tlabel: Number(message.tlabel) };
    call.ringingAgent = undefined;
    if (this.overflowOnNextOutcome.has(interactionId)) {
      this.onMaxWait(interactionId);
      return;
    }
    const ix = engine.getInteraction(interactionId);
    if (ix.status === 'offered' && ix.agentId === agentId) {
      // the router re-offers synchronously; routeIfOffered then answers Kamailio
      engine.rejectOffer(interactionId);
    }
    this.routeIfOffered(call);
  }

  private onMaxWait(interactionId: string): void {
    const call = this.pending.get(interactionId);
    if (!call || call.connected) return;
    call.waitTimer = undefined;
    this.overflowOnNextOutcome.delete(interactionId);
    const overflow = this.options.overflow ?? {
      action: 'reject',
      code: 480,
      reason: 'Temporarily Unavailable',
    };
    this.emit({ type: 'call-overflowed', interactionId });
    if (call.suspended) {
      const { tindex, tlabel } = call.suspended;
      call.suspended = undefined;
      this.send(
        overflow.action === 'forward'
          ? { tindex, tlabel, action: 'forward', target: overflow.uri, interactionId }
          : {
              tindex,
              tlabel,
              action: 'reject',
              code: overflow.code,
              reason: overflow.reason,
              interactionId,
            },
      );
      this.finish(call);
      this.abandonIfWaiting(interactionId);
    }
    // while an agent's phone rings, the overflow applies when that ring fails
    else this.overflowOnNextOutcome.add(interactionId);
  }

  private onCancelled(callId: string): void {
    const interactionId = this.byCallId.get(callId);
    const call = interactionId === undefined ? undefined : this.pending.get(interactionId);
    if (!call || call.connected) return;
    this.emit({ type: 'call-cancelled', interactionId: call.interactionId });
    this.finish(call);
    this.abandonIfWaiting(call.interactionId);
  }

  private onEnded(callId: string): void {
    const interactionId = this.byCallId.get(callId);
    const call = interactionId === undefined ? undefined : this.pending.get(interactionId);
    if (!call) return;
    this.finish(call);
    const ix = this.options.engine.getInteraction(call.interactionId);
    if (ix.status === 'connected' || ix.status === 'held')
      this.options.engine.endInteraction(call.interactionId);
    this.emit({ type: 'call-ended', interactionId: call.interactionId });
  }

  private abandonIfWaiting(interactionId: string): void {
    const ix = this.options.engine.getInteraction(interactionId);
    if (ix.status === 'queued' || ix.status === 'offered')
      this.options.engine.abandon(interactionId);
  }

  private finish(call: PendingCall): void {
    if (call.waitTimer !== undefined) this.clock.clearTimeout(call.waitTimer);
    call.waitTimer = undefined;
    this.pending.delete(call.interactionId);
    this.byCallId.delete(call.callId);
    this.overflowOnNextOutcome.delete(call.interactionId);
  }

  private send(message: Record<string, unknown>): void {
    this.options.channel.send(message);
  }

  private emit(event: RoutingServiceEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
