import type { Clock, Store } from '../shared/index.js';
import { policyApplies, targetsFor } from './sla-policy.js';
import type { SlaPolicy, SlaTargets } from './sla-policy.js';
import type { RuleTrigger } from './automation-rule.js';
import type { TicketActor, TicketComment, TicketFieldValue } from './ticket.js';
import type { AddCommentInput, CreateTicketInput } from './ticket-input.js';
import type { TicketEvent } from './ticket-events.js';
import type { TeamRecord, TicketRecord } from './ticket-record.js';
import type { TicketState } from './ticket-state.js';
import type { AssignmentVia } from './ticket-team.js';

/** Where the writer reports each event after it is journaled and applied. @internal */
export interface TicketWriterHooks {
  /** Called after every event (the engine drops its snapshot and tells `onEvent` listeners). */
  readonly written: (event: TicketEvent) => void;
}

/**
 * The one way events enter the ticket model: journaled, applied to {@link TicketState}, then
 * reported. Also the event builders that commands, rules, SLA timers and the router bridge share:
 * SLA policy selection, assignment (with the team strategies) and tag changes. Each builder only
 * records a change when there is one.
 *
 * @internal
 */
export class TicketWriter {
  constructor(
    private readonly store: Store<TicketEvent>,
    private readonly state: TicketState,
    private readonly clock: Clock,
    private readonly policies: readonly SlaPolicy[],
    private readonly isAgentAvailable: (agentId: string) => boolean,
    private readonly hooks: TicketWriterHooks,
  ) {}

  /** Journals and applies an event. */
  emit(event: TicketEvent): void {
    this.store.append(event);
    this.state.apply(event);
    this.hooks.written(event);
  }

  /** Records a new ticket, with the engine's defaults for what the input leaves out. */
  create(
    id: string,
    input: CreateTicketInput,
    defaults: { readonly tier: string | null; readonly type: string; readonly region: string },
  ): void {
    this.emit({
      type: 'ticket-created',
      at: this.clock.now(),
      ticketId: id,
      actor: input.actor ?? { kind: 'customer', id: input.requesterId },
      tenant: input.tenant ?? 'default',
      subject: input.subject,
      description: input.description ?? '',
      requesterId: input.requesterId,
      channel: input.channel ?? 'web',
      priority: input.priority ?? 'normal',
      ticketType: input.type ?? defaults.type,
      tags: [...new Set(input.tags ?? [])],
      fields: { ...(input.fields ?? {}) },
      tier: defaults.tier,
      region: input.region ?? defaults.region,
      interactionIds: [...(input.interactionIds ?? [])],
    });
  }

  /**
   * Records a comment. A public agent reply opens a `new` ticket; a public customer reply reopens
   * a `pending` or `solved` one. Returns the comment and the rule trigger it calls for.
   */
  comment(
    rec: TicketRecord,
    input: AddCommentInput,
  ): { readonly comment: TicketComment; readonly trigger: RuleTrigger | undefined } {
    const at = this.clock.now();
    const ticketId = rec.id;
    const visibility = input.visibility ?? 'public';
    const comment: TicketComment = {
      id: `${rec.id}#${rec.comments.length + 1}`,
      at,
      author: { ...input.author },
      visibility,
      body: input.body,
      attachments: (input.attachments ?? []).map((a) => ({ ...a })),
    };
    this.emit({ type: 'ticket-comment-added', at, ticketId, comment });
    if (visibility !== 'public') return { comment, trigger: undefined };
    const actor = input.author;
    if (actor.kind === 'agent' && rec.status === 'new') {
      this.emit({ type: 'ticket-status-changed', at, ticketId, actor, from: 'new', to: 'open' });
      return { comment, trigger: 'updated' };
    }
    if (actor.kind !== 'customer') return { comment, trigger: undefined };
    if (rec.status === 'pending' || rec.status === 'solved') {
      const from = rec.status;
      this.emit({ type: 'ticket-status-changed', at, ticketId, actor, from, to: 'open' });
    }
    return { comment, trigger: 'customer-replied' };
  }

  /** Picks the SLA policy and targets for the ticket and records a change, if any. */
  reselectSla(rec: TicketRecord, at: number): void {
    let policyId: string | null = null;
    let targets: SlaTargets = {};
    let warnBeforeMs = 0;
    for (const policy of this.policies) {
      if (!policyApplies(policy, rec)) continue;
      const t = targetsFor(policy, rec.priority, rec.tier);
      if (!t) continue;
      policyId = policy.id;
      targets = t;
      warnBeforeMs = policy.warnBeforeMs ?? 0;
      break;
    }
    const current = rec.sla;
    if (current === null && policyId === null) return;
    if (
      current !== null &&
      current.policy.id === policyId &&
      current.warnBeforeMs === warnBeforeMs &&
      sameTargets(current.targets, targets)
    ) {
      return;
    }
    this.emit({
      type: 'ticket-sla-applied',
      at,
      ticketId: rec.id,
      policyId,
      targets,
      warnBeforeMs,
    });
  }

  /** Assigns team and agent; records nothing when both are unchanged (unless `force`). */
  assignTo(
    rec: TicketRecord,
    teamId: string | null,
    agentId: string | null,
    via: AssignmentVia,
    actor: TicketActor,
    force = false,
  ): boolean {
    if (!force && rec.teamId === teamId && rec.agentId === agentId) return false;
    this.emit({
      type: 'ticket-assigned',
      at: this.clock.now(),
      ticketId: rec.id,
      actor,
      teamId,
      agentId,
      previousTeamId: rec.teamId,
      previousAgentId: rec.agentId,
      via,
    });
    return true;
  }

  /** Assigns to a team, whose strategy picks the agent. */
  assignToTeam(rec: TicketRecord, teamId: string, actor: TicketActor): boolean {
    const team = this.state.teams.get(teamId) as TeamRecord;
    const { agentId, via } = this.pickAgent(team, rec);
    return this.assignTo(rec, teamId, agentId, via, actor);
  }

  /** Adds or removes tags; records nothing when the tags do not change. */
  tagChange(
    rec: TicketRecord,
    tags: readonly string[],
    mode: 'add' | 'remove',
    actor: TicketActor,
  ): boolean {
    const next =
      mode === 'add'
        ? [...new Set([...rec.tags, ...tags])].sort()
        : rec.tags.filter((t) => !tags.includes(t));
    if (sameValue(rec.tags, next)) return false;
    this.emit({
      type: 'ticket-updated',
      at: this.clock.now(),
      ticketId: rec.id,
      actor,
      changes: [{ field: 'tags', from: rec.tags, to: next }],
    });
    return true;
  }

  /** Unsolved tickets assigned to an agent. */
  agentLoad(agentId: string): number {
    return this.state.load.get(agentId) ?? 0;
  }

  /** Chooses an agent of the team: in turn, or the least loaded (ties in turn). */
  private pickAgent(
    team: TeamRecord,
    rec: TicketRecord,
  ): { agentId: string | null; via: AssignmentVia } {
    const strategy = team.team.strategy ?? 'round-robin';
    const members = team.team.members;
    if (strategy === 'team-only' || members.length === 0) {
      return { agentId: null, via: 'team-only' };
    }
    const max = team.team.maxOpenPerAgent;
    let best: string | undefined;
    let bestLoad = Infinity;
    for (let i = 1; i <= members.length; i++) {
      const agent = members[(team.cursor + i) % members.length] as string;
      if (!this.isAgentAvailable(agent)) continue;
      // The ticket's current agent already counts it in its load.
      const load = this.agentLoad(agent) - (rec.agentId === agent ? 1 : 0);
      if (max !== undefined && load >= max) continue;
      if (strategy === 'round-robin') return { agentId: agent, via: strategy };
      if (load < bestLoad) {
        best = agent;
        bestLoad = load;
      }
    }
    return { agentId: best ?? null, via: strategy };
  }
}

/** Whether two field values are equal (arrays element by element). @internal */
export function sameValue(a: TicketFieldValue, b: TicketFieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

function sameTargets(a: SlaTargets, b: SlaTargets): boolean {
  return (
    a.firstResponseMs === b.firstResponseMs &&
    a.nextResponseMs === b.nextResponseMs &&
    a.resolutionMs === b.resolutionMs
  );
}
