import { evaluateExpression, isTruthy, parseExpression } from '../expr/index.js';
import type { ExpressionNode } from '../expr/index.js';
import { DuplicateIdError, NotFoundError } from '../shared/index.js';
import type { Clock } from '../shared/index.js';
import type { AutomationRule, RuleAction, RuleTrigger } from './automation-rule.js';
import type { CustomFieldValue } from './custom-fields.js';
import type { SlaMetric } from './sla-policy.js';
import type { TicketActor } from './ticket.js';
import type { TicketRecord } from './ticket-record.js';
import type { TicketState } from './ticket-state.js';
import type { TicketWriter } from './ticket-writer.js';

interface CompiledRule {
  readonly rule: AutomationRule;
  readonly when: ExpressionNode | undefined;
}

/**
 * Runs automation and escalation rules: on a trigger, each rule whose condition holds is recorded
 * as fired and its actions run as events through the {@link TicketWriter}. A condition that fails
 * to evaluate, or an action naming an unknown team, is recorded as `ticket-rule-failed`. Changes
 * made by rules never trigger rules again (no cascades, no loops), and closed tickets are left alone.
 *
 * @internal
 */
export class RuleRunner {
  private readonly rules: CompiledRule[] = [];
  private depth = 0;

  constructor(
    private readonly state: TicketState,
    private readonly writer: TicketWriter,
    private readonly clock: Clock,
  ) {}

  /** Adds a rule (evaluated after those already added). @throws DuplicateIdError. */
  add(rule: AutomationRule): void {
    if (this.rules.some((r) => r.rule.id === rule.id)) throw new DuplicateIdError('rule', rule.id);
    this.rules.push({
      rule,
      when: rule.when === undefined ? undefined : parseExpression(rule.when),
    });
  }

  /** Removes a rule. @throws NotFoundError. */
  remove(ruleId: string): void {
    const i = this.rules.findIndex((r) => r.rule.id === ruleId);
    if (i < 0) {
      throw new NotFoundError(
        'rule',
        ruleId,
        this.rules.map((r) => r.rule.id),
      );
    }
    this.rules.splice(i, 1);
  }

  /** Runs the rules that react to `trigger` on a ticket. */
  run(trigger: RuleTrigger, rec: TicketRecord, metric?: SlaMetric): void {
    if (this.depth > 0 || this.rules.length === 0) return;
    this.depth++;
    try {
      for (const { rule, when } of this.rules) {
        if (!rule.on.includes(trigger)) continue;
        const at = this.clock.now();
        let holds = true;
        if (when) {
          try {
            holds = isTruthy(evaluateExpression(when, scope(rec, trigger, metric, at)));
          } catch (err) {
            this.writer.emit({
              type: 'ticket-rule-failed',
              at,
              ticketId: rec.id,
              ruleId: rule.id,
              trigger,
              message: err instanceof Error ? err.message : String(err),
            });
            continue;
          }
        }
        if (!holds) continue;
        this.writer.emit({
          type: 'ticket-rule-fired',
          at,
          ticketId: rec.id,
          ruleId: rule.id,
          trigger,
        });
        for (const action of rule.actions) this.runAction(rec, rule.id, action, at);
      }
    } finally {
      this.depth--;
    }
  }

  private runAction(rec: TicketRecord, ruleId: string, action: RuleAction, at: number): void {
    const actor: TicketActor = { kind: 'rule', id: ruleId };
    if (rec.status === 'closed') return;
    const writer = this.writer;
    switch (action.type) {
      case 'assign':
        if (action.agentId === undefined && action.teamId !== undefined) {
          if (this.state.teams.has(action.teamId)) writer.assignToTeam(rec, action.teamId, actor);
          else this.failed(rec, ruleId, at, `unknown team '${action.teamId}'`);
        } else {
          const teamId = action.teamId ?? rec.teamId;
          if (teamId !== null && !this.state.teams.has(teamId)) {
            this.failed(rec, ruleId, at, `unknown team '${teamId}'`);
          } else writer.assignTo(rec, teamId, action.agentId ?? null, 'direct', actor);
        }
        return;
      case 'set-priority':
        if (rec.priority !== action.priority) {
          writer.emit({
            type: 'ticket-updated',
            at,
            ticketId: rec.id,
            actor,
            changes: [{ field: 'priority', from: rec.priority, to: action.priority }],
          });
          writer.reselectSla(rec, at);
        }
        return;
      case 'add-tags':
        writer.tagChange(rec, action.tags, 'add', actor);
        return;
      case 'remove-tags':
        writer.tagChange(rec, action.tags, 'remove', actor);
        return;
      case 'notify':
        writer.emit({
          type: 'ticket-notification-requested',
          at,
          ticketId: rec.id,
          ruleId,
          target: action.target,
          message: action.message ?? '',
        });
        return;
    }
  }

  private failed(rec: TicketRecord, ruleId: string, at: number, message: string): void {
    this.writer.emit({
      type: 'ticket-rule-failed',
      at,
      ticketId: rec.id,
      ruleId,
      trigger: 'updated',
      message,
    });
  }
}

/** What a rule condition reads: `ticket`, `event`, the time and the SLA calendar's timezone. */
function scope(
  rec: TicketRecord,
  trigger: RuleTrigger,
  metric: SlaMetric | undefined,
  now: number,
) {
  const ticket = {
    id: rec.id,
    tenant: rec.tenant,
    subject: rec.subject,
    status: rec.status,
    priority: rec.priority,
    type: rec.type,
    tags: rec.tags,
    channel: rec.channel,
    tier: rec.tier,
    region: rec.region,
    teamId: rec.teamId,
    agentId: rec.agentId,
    requesterId: rec.requesterId,
    fields: rec.fields as Record<string, CustomFieldValue>,
    slaState: rec.slaState,
    createdAt: rec.createdAt,
    version: rec.version,
  };
  return {
    variables: { ticket, event: { type: trigger, metric: metric ?? null } },
    now,
    timezone: rec.sla?.policy.calendar.timezone,
  };
}
