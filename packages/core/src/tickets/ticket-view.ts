import { METRIC_ORDER } from './sla-clocks.js';
import type { MetricClock } from './sla-clocks.js';
import type { SlaMetricState, Ticket } from './ticket.js';
import type { TicketRecord } from './ticket-record.js';

/**
 * A fresh public view of a record. Not cached: views are short-lived garbage, while cached ones
 * would pile up in the old generation of a 100k-ticket heap and cost major collections.
 *
 * @internal
 */
export function ticketView(rec: TicketRecord): Ticket {
  const sla = rec.sla;
  const view: Ticket = {
    id: rec.id,
    tenant: rec.tenant,
    subject: rec.subject,
    description: rec.description,
    requesterId: rec.requesterId,
    channel: rec.channel,
    interactionIds: rec.interactionIds,
    priority: rec.priority,
    type: rec.type,
    tags: rec.tags,
    fields: rec.fields,
    tier: rec.tier ?? undefined,
    teamId: rec.teamId ?? undefined,
    agentId: rec.agentId ?? undefined,
    region: rec.region,
    status: rec.status,
    version: rec.version,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    solvedAt: rec.solvedAt ?? undefined,
    closedAt: rec.closedAt ?? undefined,
    comments: rec.comments.slice(),
    history: rec.history.slice(),
    sla: sla
      ? {
          policyId: sla.policy.id,
          state: rec.slaState,
          nextDueAt: Number.isFinite(rec.nextDueAt) ? rec.nextDueAt : undefined,
          breaches: sla.breaches,
          metrics: METRIC_ORDER.flatMap((m) => {
            const c = sla.clocks.get(m);
            return c ? [metricView(c)] : [];
          }),
        }
      : undefined,
  };
  return view;
}

function metricView(c: MetricClock): SlaMetricState {
  return {
    metric: c.metric,
    cycle: c.cycle,
    targetMs: c.targetMs,
    status: c.status,
    elapsedMs: c.elapsedMs,
    runningSince: c.runningSince ?? undefined,
    dueAt: c.dueAt ?? undefined,
    warnedAt: c.warnedAt ?? undefined,
    breachedAt: c.breachedAt ?? undefined,
    achievedAt: c.achievedAt ?? undefined,
  };
}
