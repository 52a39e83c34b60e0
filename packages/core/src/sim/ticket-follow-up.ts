import type { Channel } from '../interactions/index.js';
import type { RandomSource, VirtualClock } from '../shared/index.js';
import { SLA_METRICS, TicketEngine, type SlaMetric, type TicketEvent } from '../tickets/index.js';
import { CountingStore } from './counting-store.js';
import { sampler } from './distributions.js';
import type { TicketModel } from './scenario.js';
import type { SimulationTicketReport } from './simulation-report.js';

/**
 * Opens follow-up tickets on the real {@link TicketEngine} (same clock) for a share of completed
 * interactions, links the interaction, solves each after a sampled time, and counts what the
 * engine reports.
 *
 * @internal
 */
export class TicketFollowUp {
  /** The engine the run drives. */
  readonly engine: TicketEngine;
  private readonly model: TicketModel;
  private readonly clock: VirtualClock;
  private readonly random: RandomSource;
  private readonly solveAfter: () => number;
  private readonly channels: ReadonlySet<Channel> | undefined;
  private readonly reportFrom: number;
  /** Tickets counted in the report. */
  private readonly counted = new Set<string>();
  private created = 0;
  private solved = 0;
  private breaches = 0;
  private readonly byMetric: Record<SlaMetric, number>;
  /** Tickets waiting for their solve timer. */
  pending = 0;

  constructor(model: TicketModel, clock: VirtualClock, random: RandomSource, reportFrom: number) {
    this.model = model;
    this.clock = clock;
    this.random = random;
    this.reportFrom = reportFrom;
    this.solveAfter = sampler(model.solveAfter, random);
    this.channels = model.fromChannels ? new Set(model.fromChannels) : undefined;
    this.byMetric = Object.fromEntries(SLA_METRICS.map((m) => [m, 0])) as Record<SlaMetric, number>;
    this.engine = new TicketEngine({
      clock,
      store: new CountingStore<TicketEvent>(),
      ...(model.slaPolicies ? { slaPolicies: model.slaPolicies } : {}),
    });
    this.engine.onEvent((e) => this.onEvent(e));
  }

  /** An interaction completed: maybe open a ticket for it. */
  completed(interactionId: string, channel: Channel, customerId: string | undefined): void {
    if (this.channels && !this.channels.has(channel)) return;
    if (this.random() >= this.model.probability) return;
    const solveMs = this.solveAfter();
    const ticket = this.engine.create({
      subject: `Follow-up of ${interactionId}`,
      requesterId: customerId ?? interactionId,
      channel,
      priority: this.model.priority ?? 'normal',
      interactionIds: [interactionId],
    });
    this.pending++;
    this.clock.setTimeout(() => {
      this.pending--;
      this.engine.setStatus(ticket.id, 'solved');
    }, solveMs);
  }

  private onEvent(e: TicketEvent): void {
    switch (e.type) {
      case 'ticket-created':
        if (e.at < this.reportFrom) return;
        this.counted.add(e.ticketId);
        this.created++;
        return;
      case 'ticket-status-changed':
        if (e.to === 'solved' && this.counted.has(e.ticketId)) this.solved++;
        return;
      case 'ticket-sla-breached':
        if (!this.counted.has(e.ticketId)) return;
        this.breaches++;
        this.byMetric[e.metric]++;
        return;
      default:
        return;
    }
  }

  /** The report section. */
  report(): SimulationTicketReport {
    return {
      created: this.created,
      solved: this.solved,
      open: this.created - this.solved,
      slaBreaches: this.breaches,
      slaBreachesByMetric: { ...this.byMetric },
    };
  }
}
