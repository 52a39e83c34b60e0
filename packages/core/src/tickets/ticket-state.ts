import { NotFoundError } from '../shared/index.js';
import { FieldBits, NumberColumn } from './bit-index.js';
import { MultiIndex } from './multi-index.js';
import { SlaClocks, UNSOLVED } from './sla-clocks.js';
import type { SlaPolicy } from './sla-policy.js';
import type { FieldChange, SlaState, Ticket, TicketActor, TicketFieldValue } from './ticket.js';
import type { TicketEvent } from './ticket-events.js';
import { priorityRank } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';
import type { TeamRecord, TicketRecord } from './ticket-record.js';
import { TICKET_STATUSES } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';
import { ticketView } from './ticket-view.js';

const VERSIONED: ReadonlySet<TicketEvent['type']> = new Set<TicketEvent['type']>([
  'ticket-created',
  'ticket-updated',
  'ticket-status-changed',
  'ticket-assigned',
  'ticket-comment-added',
  'ticket-interaction-linked',
  'ticket-region-transferred',
]);
const MAX_TOKENS = 256;
const TOKEN_SPLIT = /[^\p{L}\p{N}]+/u;

/** @internal */
export function tokenize(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(TOKEN_SPLIT)) {
    if (word.length === 0) continue;
    out.add(word);
    if (out.size >= MAX_TOKENS) break;
  }
  return [...out];
}

/**
 * The ticket model: records, secondary indexes, SLA clocks and their schedule, changed only by
 * applying journal events. Deterministic: the same events give the same state.
 *
 * @internal
 */
export class TicketState {
  readonly records = new Map<string, TicketRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly byStatus = new FieldBits<TicketStatus>();
  readonly byPriority = new FieldBits<TicketPriority>();
  readonly byTeam = new FieldBits<string | null>();
  readonly byRegion = new FieldBits<string>();
  readonly byTenant = new FieldBits<string>();
  readonly bySla = new FieldBits<SlaState>();
  readonly byAgent = new MultiIndex<string | null, TicketRecord>();
  readonly byRequester = new MultiIndex<string, TicketRecord>();
  readonly byTag = new FieldBits<string>();
  /** Sort keys by sequence number. */
  readonly updatedColumn = new NumberColumn();
  readonly dueColumn = new NumberColumn();
  readonly priorityColumn = new NumberColumn();
  readonly statusColumn = new NumberColumn();
  /**
   * Word -> tickets that had the word. Append-only (a superset after edits): queries check every
   * candidate's current words anyway, and appending is much cheaper than set upkeep.
   */
  readonly byToken = new Map<string, TicketRecord[]>();
  /** Tickets whose words changed: the only ones word lists may hold wrongly. */
  readonly textEdited = new Set<TicketRecord>();
  /** Unsolved tickets per agent. */
  readonly load = new Map<string, number>();
  /** SLA clocks and the heap of scheduled warnings, breaches and auto-closes. */
  readonly sla: SlaClocks;
  /** Tickets in creation order (for scans sorted by creation). */
  readonly ordered: TicketRecord[] = [];
  private vocabulary: string[] | undefined;
  private readonly words = new Map<string, string>();
  /** Interactions enqueued in the router for a ticket, until an agent accepts one. */
  readonly routed = new Map<
    string,
    { readonly ticketId: string; readonly teamId: string | null }
  >();
  /** Number of applied events. */
  revision = 0;

  constructor(policies: ReadonlyMap<string, SlaPolicy>, reopenWindowMs: number) {
    this.sla = new SlaClocks(this.records, policies, reopenWindowMs);
  }

  get(id: string): TicketRecord {
    const rec = this.records.get(id);
    if (!rec) throw new NotFoundError('ticket', id);
    return rec;
  }

  /** Sorted distinct words of all tickets (rebuilt lazily after new words appear). */
  sortedVocabulary(): readonly string[] {
    if (!this.vocabulary) this.vocabulary = [...this.byToken.keys()].sort();
    return this.vocabulary;
  }

  // ---------------------------------------------------------------- apply

  apply(event: TicketEvent): void {
    this.revision++;
    if (event.type === 'ticket-team-defined') {
      const previous = this.teams.get(event.team.id);
      this.teams.set(event.team.id, { team: event.team, cursor: previous?.cursor ?? -1 });
      return;
    }
    if (event.type === 'ticket-created') {
      this.create(event);
      return;
    }
    const rec = this.get(event.ticketId);
    const changes = this.applyToTicket(rec, event);
    const actor: TicketActor =
      'actor' in event
        ? event.actor
        : event.type === 'ticket-comment-added'
          ? event.comment.author
          : event.type === 'ticket-rule-fired' ||
              event.type === 'ticket-rule-failed' ||
              event.type === 'ticket-notification-requested'
            ? { kind: 'rule', id: event.ruleId }
            : { kind: 'system' };
    rec.history.push({ at: event.at, actor, action: event.type, changes });
    if (VERSIONED.has(event.type)) {
      rec.version++;
      rec.updatedAt = event.at;
      this.updatedColumn.set(rec.seq, event.at);
    }
    this.refreshSla(rec);
  }

  private create(e: Extract<TicketEvent, { type: 'ticket-created' }>): void {
    const rec: TicketRecord = {
      id: e.ticketId,
      seq: this.ordered.length + 1,
      tenant: e.tenant,
      subject: e.subject,
      description: e.description,
      requesterId: e.requesterId,
      channel: e.channel,
      interactionIds: [...e.interactionIds],
      priority: e.priority,
      type: e.ticketType,
      tags: [...e.tags].sort(),
      fields: { ...e.fields },
      tier: e.tier,
      teamId: null,
      agentId: null,
      region: e.region,
      status: 'new',
      version: 1,
      createdAt: e.at,
      updatedAt: e.at,
      solvedAt: null,
      closedAt: null,
      comments: [],
      history: [
        {
          at: e.at,
          actor: e.actor,
          action: e.type,
          changes: [{ field: 'status', from: null, to: 'new' }],
        },
      ],
      sla: null,
      slaState: 'none',
      nextDueAt: Infinity,
      agentReplied: false,
      closeGen: 0,
      tokens: tokenize(`${e.subject} ${e.description}`),
    };
    this.records.set(rec.id, rec);
    this.ordered.push(rec);
    this.byStatus.add(rec.status, rec.seq);
    this.byPriority.add(rec.priority, rec.seq);
    this.byAgent.add(null, rec);
    this.byTeam.add(null, rec.seq);
    this.byRegion.add(rec.region, rec.seq);
    this.byTenant.add(rec.tenant, rec.seq);
    this.byRequester.add(rec.requesterId, rec);
    this.bySla.add(rec.slaState, rec.seq);
    for (const tag of rec.tags) this.byTag.add(tag, rec.seq);
    this.indexTokens(rec, rec.tokens);
    this.updatedColumn.set(rec.seq, rec.updatedAt);
    this.dueColumn.set(rec.seq, rec.nextDueAt);
    this.priorityColumn.set(rec.seq, priorityRank(rec.priority));
    this.statusColumn.set(rec.seq, 0);
  }

  private indexTokens(rec: TicketRecord, tokens: string[], previous?: readonly string[]): void {
    for (let i = 0; i < tokens.length; i++) {
      let t = tokens[i] as string;
      // Keep one copy of each word: tickets share the strings of the vocabulary.
      const canonical = this.words.get(t);
      if (canonical !== undefined) tokens[i] = t = canonical;
      else this.words.set(t, t);
      if (previous?.includes(t)) continue;
      const list = this.byToken.get(t);
      if (list) list.push(rec);
      else {
        this.byToken.set(t, [rec]);
        this.vocabulary = undefined;
      }
    }
  }

  private applyToTicket(
    rec: TicketRecord,
    event: Exclude<TicketEvent, { type: 'ticket-created' | 'ticket-team-defined' }>,
  ): FieldChange[] {
    switch (event.type) {
      case 'ticket-updated':
        for (const change of event.changes) this.setField(rec, change.field, change.to);
        return [...event.changes];
      case 'ticket-status-changed':
        this.changeStatus(rec, event.from, event.to, event.at);
        return [{ field: 'status', from: event.from, to: event.to }];
      case 'ticket-assigned': {
        const changes: FieldChange[] = [];
        if (rec.teamId !== event.teamId) {
          changes.push({ field: 'teamId', from: rec.teamId, to: event.teamId });
          this.byTeam.move(rec.teamId, event.teamId, rec.seq);
          rec.teamId = event.teamId;
        }
        if (rec.agentId !== event.agentId) {
          changes.push({ field: 'agentId', from: rec.agentId, to: event.agentId });
          this.byAgent.move(rec.agentId, event.agentId, rec);
          if (UNSOLVED.has(rec.status)) {
            this.addLoad(rec.agentId, -1);
            this.addLoad(event.agentId, 1);
          }
          rec.agentId = event.agentId;
        }
        if (event.via === 'router' || rec.status === 'closed') {
          for (const [ix, r] of this.routed) if (r.ticketId === rec.id) this.routed.delete(ix);
        }
        if (
          event.teamId !== null &&
          event.agentId !== null &&
          (event.via === 'round-robin' || event.via === 'load-aware')
        ) {
          const team = this.teams.get(event.teamId);
          if (team) team.cursor = team.team.members.indexOf(event.agentId);
        }
        return changes;
      }
      case 'ticket-comment-added':
        rec.comments.push(event.comment);
        this.sla.commented(rec, event.comment, event.at);
        return [{ field: 'comments', from: null, to: event.comment.id }];
      case 'ticket-interaction-linked': {
        const before = rec.interactionIds;
        rec.interactionIds = [...before, event.interactionId];
        return [{ field: 'interactionIds', from: before, to: rec.interactionIds }];
      }
      case 'ticket-region-transferred':
        this.byRegion.move(rec.region, event.to, rec.seq);
        rec.region = event.to;
        return [{ field: 'region', from: event.from, to: event.to }];
      case 'ticket-sla-applied':
        return this.sla.apply(rec, event.policyId, event.targets, event.warnBeforeMs, event.at);
      case 'ticket-sla-warning':
        return this.sla.warned(rec, event.metric, event.at);
      case 'ticket-sla-breached':
        return this.sla.breached(rec, event.metric, event.at);
      case 'ticket-rule-fired':
        return [{ field: 'rule', from: null, to: `${event.ruleId} (${event.trigger})` }];
      case 'ticket-rule-failed':
        return [{ field: 'rule', from: null, to: `${event.ruleId} failed: ${event.message}` }];
      case 'ticket-notification-requested':
        return [{ field: 'notification', from: null, to: event.target }];
      case 'ticket-routed':
        this.routed.set(event.interactionId, { ticketId: rec.id, teamId: event.teamId });
        return [{ field: 'queue', from: null, to: event.queueId }];
      default:
        return [];
    }
  }

  private setField(rec: TicketRecord, field: string, value: TicketFieldValue): void {
    switch (field) {
      case 'subject':
      case 'description': {
        rec[field] = String(value ?? '');
        const previous = rec.tokens;
        this.textEdited.add(rec);
        rec.tokens = tokenize(`${rec.subject} ${rec.description}`);
        this.indexTokens(rec, rec.tokens, previous);
        return;
      }
      case 'priority':
        this.byPriority.move(rec.priority, value as TicketPriority, rec.seq);
        rec.priority = value as TicketPriority;
        this.priorityColumn.set(rec.seq, priorityRank(rec.priority));
        return;
      case 'type':
        rec.type = String(value);
        return;
      case 'tier':
        rec.tier = value === null ? null : String(value);
        return;
      case 'tags': {
        const next = [...(value as readonly string[])].sort();
        for (const t of rec.tags) this.byTag.delete(t, rec.seq);
        for (const t of next) this.byTag.add(t, rec.seq);
        rec.tags = next;
        return;
      }
      default:
        if (field.startsWith('fields.')) {
          const name = field.slice('fields.'.length);
          const fields = { ...rec.fields };
          if (value === null) delete fields[name];
          else fields[name] = value;
          rec.fields = fields;
        }
    }
  }

  private changeStatus(rec: TicketRecord, from: TicketStatus, to: TicketStatus, at: number): void {
    this.byStatus.move(from, to, rec.seq);
    const wasUnsolved = UNSOLVED.has(from);
    const isUnsolved = UNSOLVED.has(to);
    if (wasUnsolved && !isUnsolved) this.addLoad(rec.agentId, -1);
    if (!wasUnsolved && isUnsolved) this.addLoad(rec.agentId, 1);
    rec.status = to;
    this.statusColumn.set(rec.seq, TICKET_STATUSES.indexOf(to));
    this.sla.statusChanged(rec, from, to, at);
  }

  private addLoad(agentId: string | null, delta: number): void {
    if (agentId === null) return;
    const n = (this.load.get(agentId) ?? 0) + delta;
    if (n === 0) this.load.delete(agentId);
    else this.load.set(agentId, n);
  }

  /** Recomputes the SLA summary and next due instant, and re-indexes the ticket. */
  private refreshSla(rec: TicketRecord): void {
    const { state, nextDueAt } = this.sla.summarize(rec);
    if (state !== rec.slaState) {
      this.bySla.move(rec.slaState, state, rec.seq);
      rec.slaState = state;
    }
    rec.nextDueAt = nextDueAt;
    this.dueColumn.set(rec.seq, nextDueAt);
  }

  /** A fresh public view of a record. */
  view(rec: TicketRecord): Ticket {
    return ticketView(rec);
  }
}
