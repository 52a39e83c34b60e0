import type { RoutingEngine, RoutingEvent } from '../routing/index.js';
import type { Clock, Unsubscribe } from '../shared/index.js';
import type { RuleRunner } from './rule-runner.js';
import type { TicketActor } from './ticket.js';
import { TICKET_PRIORITIES } from './ticket-priority.js';
import type { TicketRecord } from './ticket-record.js';
import type { TicketState } from './ticket-state.js';
import type { TicketWriter } from './ticket-writer.js';

/** The part of the router tickets use. @internal */
export type TicketRouter = Pick<RoutingEngine, 'enqueue' | 'onEvent'>;

/** How the bridge runs a router event as a command of the engine. @internal */
export interface CommandBracket {
  readonly begin: () => void;
  readonly finish: () => void;
}

/**
 * Assignment through the router (issue 2's `RoutingEngine`): a ticket is enqueued as an `email`
 * interaction, the route is recorded (`ticket-routed`, and the interaction linked), and when the
 * router reports `interaction-connected` for it, the accepting agent gets the ticket
 * (`via: 'router'`). An acceptance reported while still inside `enqueue` is kept and applied once
 * the route is recorded.
 *
 * @internal
 */
export class TicketRouterBridge {
  private readonly off: Unsubscribe;
  /** Connections reported while `route` is inside the router's `enqueue`. */
  private early: { interactionId: string; agentId: string }[] | undefined;
  private stopped = false;

  constructor(
    private readonly router: TicketRouter,
    private readonly state: TicketState,
    private readonly writer: TicketWriter,
    private readonly rules: RuleRunner,
    private readonly clock: Clock,
    private readonly bracket: CommandBracket,
  ) {
    this.off = router.onEvent((e) => this.onRouterEvent(e));
  }

  /**
   * Enqueues the ticket and records the route; returns the interaction id. The router's errors
   * pass through and nothing is recorded.
   */
  route(
    rec: TicketRecord,
    queueId: string,
    teamId: string | null,
    priority: number | undefined,
    actor: TicketActor,
  ): string {
    const early: { interactionId: string; agentId: string }[] = [];
    this.early = early;
    let interactionId: string;
    try {
      interactionId = this.router.enqueue({
        channel: 'email',
        queueId,
        customerId: rec.requesterId,
        attributes: { ticketId: rec.id, ticketPriority: rec.priority, ticketType: rec.type },
        priority: priority ?? TICKET_PRIORITIES.indexOf(rec.priority),
      });
    } finally {
      this.early = undefined;
    }
    const at = this.clock.now();
    const ticketId = rec.id;
    this.writer.emit({
      type: 'ticket-routed',
      at,
      ticketId,
      actor,
      interactionId,
      queueId,
      teamId,
    });
    if (!rec.interactionIds.includes(interactionId)) {
      this.writer.emit({ type: 'ticket-interaction-linked', at, ticketId, actor, interactionId });
    }
    const accepted = early.find((e) => e.interactionId === interactionId);
    if (accepted) this.accept(interactionId, accepted.agentId);
    return interactionId;
  }

  /** Stops listening to the router. Idempotent. */
  stop(): void {
    this.stopped = true;
    this.off();
  }

  private onRouterEvent(event: RoutingEvent): void {
    if (this.stopped || event.type !== 'interaction-connected') return;
    if (this.early) {
      // Accepted while still inside enqueue: handled once the route is recorded.
      this.early.push({ interactionId: event.interactionId, agentId: event.agentId });
      return;
    }
    if (!this.state.routed.has(event.interactionId)) return;
    this.bracket.begin();
    this.accept(event.interactionId, event.agentId);
    this.bracket.finish();
  }

  private accept(interactionId: string, agentId: string): void {
    const routed = this.state.routed.get(interactionId);
    if (!routed) return;
    const rec = this.state.records.get(routed.ticketId);
    if (!rec || rec.status === 'closed') return;
    const actor: TicketActor = { kind: 'agent', id: agentId };
    this.writer.assignTo(rec, routed.teamId, agentId, 'router', actor, true);
    this.rules.run('updated', rec);
  }
}
