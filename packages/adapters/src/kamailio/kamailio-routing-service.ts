import { NotFoundError, randomIds, systemClock } from '@switchboard/core/shared';
import type { Clock, IdSource, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import type { RoutingEngine, RoutingEvent } from '@switchboard/core/routing';
import type { EvapiChannel } from './evapi-connection.js';
import { KamailioError } from './kamailio-error.js';
import {
  INTERACTION_ID_PATTERN,
  QUEUE_ID_PATTERN,
  parseEvapiMessage,
  transactionOf,
} from './evapi-messages.js';
import type { RouteOutcomeMessage, RouteRequestMessage, TransactionRef } from './evapi-messages.js';

/** What happens to a call that waited `maxWaitMs` without an agent answering. */
export type OverflowAction =
  | { readonly action: 'reject'; readonly code: number; readonly reason: string }
  | { readonly action: 'forward'; readonly uri: string };

/** Options of {@link KamailioRoutingService}. */
export interface KamailioRoutingServiceOptions {
  /** The core router that chooses agents. Its queues are the only queues a call can reach. */
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
  /** Where new interaction ids come from (prefix `call`). Default: random UUIDs. */
  readonly ids?: IdSource;
  /**
   * Whether an interaction id that arrives with the call (the `X-Switchboard-Interaction` header,
   * for a call an agent transfers into a queue) is used. Default `false`: every call gets a new
   * id. When `true`, an id is used only if it matches {@link INTERACTION_ID_PATTERN} and names no
   * interaction the router knows; otherwise a new id is made and `interaction-id-refused` is
   * reported.
   */
  readonly acceptInteractionIds?: boolean;
  /**
   * Most calls waiting or ringing at once; a call beyond it is answered 503 and reported as
   * `call-refused`. Default 10000.
   */
  readonly maxActiveCalls?: number;
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
  | { readonly type: 'unknown-queue'; readonly queueId: string; readonly callId: string }
  | {
      /** More than `maxActiveCalls` calls at once: this one was answered 503. */
      readonly type: 'call-refused';
      readonly reason: 'capacity';
      readonly callId: string;
    }
  | {
      /** The id sent with the call was not used (`malformed` or `in-use`); `interactionId` is the new one. */
      readonly type: 'interaction-id-refused';
      readonly reason: 'malformed' | 'in-use';
      readonly interactionId: string;
      readonly callId: string;
    }
  | {
      /**
       * A message (or a router event for a call) could not be handled. When Kamailio was waiting
       * for an answer, the call was answered with `sipCode` (`undefined`: nothing to answer).
       */
      readonly type: 'message-failed';
      readonly event: string;
      readonly error: KamailioError;
      readonly sipCode: number | undefined;
    };

/** How a ring on an agent's phone ended. */
export type RingOutcome = 'answered' | 'rejected' | 'timeout' | 'unreachable';

interface PendingCall {
  readonly interactionId: string;
  readonly callId: string;
  /** The suspended transaction, while Kamailio waits for our answer. */
  suspended: TransactionRef | undefined;
  ringingAgent: string | undefined;
  waitTimer: TimerHandle | undefined;
  connected: boolean;
}

/** SIP answer when a message fails: Kamailio ends the call rather than holding it forever. */
const FAILURE_ANSWER = { code: 500, reason: 'Server Internal Error' } as const;

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
 * Hostile input: every field of a message is checked ({@link parseEvapiMessage}); a queue must be
 * one of the router's queues (else 404); interaction ids are made here unless
 * `acceptInteractionIds` allows a checked one; a second request with a Call-ID that is waiting
 * already is answered 482; beyond `maxActiveCalls` calls a new one is answered 503. Each message is handled on its own: whatever fails is reported as a
 * `message-failed` event, the waiting call is answered 500, and the service goes on.
 *
 * @example
 * ```ts
 * const evapi = new EvapiConnection({ port: 8448 });
 * await evapi.connect();
 * const service = new KamailioRoutingService({ engine, channel: evapi, maxWaitMs: 60_000 });
 * service.onEvent((e) => e.type === 'message-failed' && console.warn(e.error));
 * ```
 */
export class KamailioRoutingService {
  private readonly pending = new Map<string, PendingCall>();
  private readonly byCallId = new Map<string, string>();
  private readonly listeners = new Set<Listener<RoutingServiceEvent>>();
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly offUnsubscribers: Unsubscribe[] = [];
  private readonly overflowOnNextOutcome = new Set<string>();

  constructor(private readonly options: KamailioRoutingServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
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

  /** Stops listening to Kamailio and the router, and forgets every call. Idempotent. */
  dispose(): void {
    for (const off of this.offUnsubscribers.splice(0)) off();
    for (const call of this.pending.values())
      if (call.waitTimer !== undefined) this.clock.clearTimeout(call.waitTimer);
    this.pending.clear();
    this.byCallId.clear();
  }

  /** One evapi message, handled on its own: nothing it does can escape into the socket handler. */
  private onMessage(raw: Readonly<Record<string, unknown>>): void {
    const event = typeof raw.event === 'string' ? raw.event.slice(0, 64) : '(none)';
    try {
      const message = parseEvapiMessage(raw);
      if (!message) return;
      switch (message.event) {
        case 'route-request':
          this.onRouteRequest(message);
          break;
        case 'route-outcome':
          this.onOutcome(message);
          break;
        case 'call-cancelled':
          this.onCancelled(message.callId);
          break;
        case 'call-ended':
          this.onEnded(message.callId);
          break;
      }
    } catch (error) {
      this.failMessage(event, raw, error);
    }
  }

  private onRouteRequest(message: RouteRequestMessage): void {
    const { tindex, tlabel, callId } = message;
    const queueId = message.queue;
    if (this.byCallId.has(callId)) {
      // a second INVITE with the Call-ID of a waiting call (a fork, a loop, or a forgery)
      this.answer({ tindex, tlabel }, 482, 'Merged Request');
      return;
    }
    if (this.pending.size >= (this.options.maxActiveCalls ?? 10_000)) {
      this.answer({ tindex, tlabel }, 503, 'Service Unavailable');
      this.emit({ type: 'call-refused', reason: 'capacity', callId });
      return;
    }
    const engine = this.options.engine;
    if (!QUEUE_ID_PATTERN.test(queueId) || !this.hasQueue(queueId)) {
      this.answer({ tindex, tlabel }, 404, 'No such queue');
      this.emit({ type: 'unknown-queue', queueId: queueId.slice(0, 64), callId });
      return;
    }
    const interactionId = this.interactionIdFor(message);
    const call: PendingCall = {
      interactionId,
      callId,
      suspended: { tindex, tlabel },
      ringingAgent: undefined,
      waitTimer: undefined,
      connected: false,
    };
    engine.enqueue({
      queueId,
      id: interactionId,
      channel: 'voice',
      ...(message.from ? { customerId: message.from } : {}),
      attributes: { callId, from: message.from, fromName: message.fromName },
    });
    this.pending.set(interactionId, call);
    this.byCallId.set(callId, interactionId);
    call.waitTimer = this.clock.setTimeout(
      () => this.guarded('max-wait', call, () => this.onMaxWait(interactionId)),
      this.options.maxWaitMs ?? 120_000,
    );
    this.emit({ type: 'call-queued', interactionId, queueId, callId });
    this.routeIfOffered(call);
  }

  private interactionIdFor(message: RouteRequestMessage): string {
    const given = message.interactionId;
    if (this.options.acceptInteractionIds !== true || given === '') return this.newId();
    const reason = !INTERACTION_ID_PATTERN.test(given)
      ? 'malformed'
      : this.pending.has(given) || this.isKnownInteraction(given)
        ? 'in-use'
        : undefined;
    if (reason === undefined) return given;
    const interactionId = this.newId();
    this.emit({ type: 'interaction-id-refused', reason, interactionId, callId: message.callId });
    return interactionId;
  }

  private newId(): string {
    for (;;) {
      const id = this.ids('call');
      if (!this.pending.has(id) && !this.isKnownInteraction(id)) return id;
    }
  }

  private isKnownInteraction(id: string): boolean {
    try {
      this.options.engine.getInteraction(id);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private hasQueue(queueId: string): boolean {
    try {
      this.options.engine.getQueue(queueId);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private onRoutingEvent(event: RoutingEvent): void {
    if (event.type !== 'interaction-offered') return;
    const call = this.pending.get(event.interactionId);
    if (call) this.guarded(event.type, call, () => this.routeIfOffered(call));
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

  private onOutcome(message: RouteOutcomeMessage): void {
    const { interactionId, outcome } = message;
    const call = this.pending.get(interactionId);
    if (!call) {
      // a transaction we no longer know: let Kamailio end it rather than hang
      if (message.transaction) this.answer(message.transaction, 480, 'Temporarily Unavailable');
      return;
    }
    const engine = this.options.engine;
    const agentId = call.ringingAgent ?? message.agent;
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
    // parseEvapiMessage guarantees a transaction for a failed ring
    call.suspended = message.transaction;
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
      this.finish(call);
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
      this.abandonIfWaiting(interactionId);
    }
    // while an agent's phone rings, the overflow applies when that ring fails
    else this.overflowOnNextOutcome.add(interactionId);
  }

  private onCancelled(callId: string): void {
    const call = this.callFor(callId);
    if (!call || call.connected) return;
    this.finish(call);
    this.emit({ type: 'call-cancelled', interactionId: call.interactionId });
    this.abandonIfWaiting(call.interactionId);
  }

  private onEnded(callId: string): void {
    const call = this.callFor(callId);
    if (!call) return;
    this.finish(call);
    const ix = this.options.engine.getInteraction(call.interactionId);
    if (ix.status === 'connected' || ix.status === 'held')
      this.options.engine.endInteraction(call.interactionId);
    this.emit({ type: 'call-ended', interactionId: call.interactionId });
  }

  private callFor(callId: string): PendingCall | undefined {
    const interactionId = this.byCallId.get(callId);
    return interactionId === undefined ? undefined : this.pending.get(interactionId);
  }

  private abandonIfWaiting(interactionId: string): void {
    const ix = this.options.engine.getInteraction(interactionId);
    if (ix.status === 'queued' || ix.status === 'offered')
      this.options.engine.abandon(interactionId);
  }

  private finish(call: PendingCall): void {
    if (call.waitTimer !== undefined) this.clock.clearTimeout(call.waitTimer);
    call.waitTimer = undefined;
    if (this.pending.get(call.interactionId) === call) this.pending.delete(call.interactionId);
    if (this.byCallId.get(call.callId) === call.interactionId) this.byCallId.delete(call.callId);
    this.overflowOnNextOutcome.delete(call.interactionId);
  }

  /** Runs work for one call (a timer, a router event); a failure ends that call, not the service. */
  private guarded(event: string, call: PendingCall, work: () => void): void {
    try {
      work();
    } catch (error) {
      const transaction = call.suspended;
      call.suspended = undefined;
      this.forget(call);
      this.reportFailure(event, error, transaction);
    }
  }

  /** A message failed: forget the call it was about, answer Kamailio if it waits, report. */
  private failMessage(event: string, raw: Readonly<Record<string, unknown>>, error: unknown): void {
    let transaction: TransactionRef | undefined;
    if (event === 'route-request' || (event === 'route-outcome' && raw.outcome !== 'answered')) {
      transaction = transactionOf(raw);
    }
    const callId = typeof raw.callId === 'string' ? raw.callId : undefined;
    const interactionId = typeof raw.interactionId === 'string' ? raw.interactionId : undefined;
    const call =
      (callId === undefined ? undefined : this.callFor(callId)) ??
      (interactionId === undefined ? undefined : this.pending.get(interactionId));
    if (call) {
      if (call.suspended && transaction === undefined) transaction = call.suspended;
      call.suspended = undefined;
      this.forget(call);
    }
    this.reportFailure(event, error, transaction);
  }

  private forget(call: PendingCall): void {
    this.finish(call);
    try {
      this.abandonIfWaiting(call.interactionId);
    } catch {
      // the router does not know this call (it failed before it was enqueued)
    }
  }

  private reportFailure(event: string, error: unknown, transaction: TransactionRef | undefined) {
    let sipCode: number | undefined;
    if (transaction) {
      try {
        this.send({
          ...transaction,
          action: 'reject',
          code: FAILURE_ANSWER.code,
          reason: FAILURE_ANSWER.reason,
        });
        sipCode = FAILURE_ANSWER.code;
      } catch {
        // evapi is down: Kamailio's own timers end the suspended transaction
      }
    }
    const typed =
      error instanceof KamailioError
        ? error
        : new KamailioError(
            'KAMAILIO_EVAPI_MESSAGE',
            `evapi '${event}' failed: ${describe(error)}`,
            {
              cause: error,
            },
          );
    this.emit({ type: 'message-failed', event, error: typed, sipCode });
  }

  private answer(transaction: TransactionRef, code: number, reason: string): void {
    this.send({ ...transaction, action: 'reject', code, reason });
  }

  private send(message: Record<string, unknown>): void {
    this.options.channel.send(message);
  }

  /** Tells every listener; a listener that throws is skipped, never the service's problem. */
  private emit(event: RoutingServiceEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // listeners are observers: their failure must not change how calls are routed
      }
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 200);
}
