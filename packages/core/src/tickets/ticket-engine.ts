import { evaluateExpression, isTruthy, parseExpression } from '../expr/index.js';
import type { ExpressionNode } from '../expr/index.js';
import {
  DuplicateIdError,
  InvalidTransitionError,
  MemoryStore,
  NotFoundError,
  ValidationError,
  systemClock,
} from '../shared/index.js';
import type {
  Clock,
  IdSource,
  Listener,
  Store,
  TimerHandle,
  Unsubscribe,
  ValidationIssue,
} from '../shared/index.js';
import type { RoutingEngine, RoutingEvent } from '../routing/index.js';
import { Subscriptions } from '../shared/subscribable.js';
import { isRecord } from '../shared/is-record.js';
import { isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';
import { isValidTag, validateRule } from './automation-rule.js';
import type { AutomationRule, RuleAction, RuleTrigger } from './automation-rule.js';
import type { CustomFieldSchema, CustomFieldValue } from './custom-fields.js';
import { validateFieldSchema } from './custom-fields.js';
import { policyApplies, targetsFor, validateSlaPolicy } from './sla-policy.js';
import type { SlaMetric, SlaPolicy, SlaTargets } from './sla-policy.js';
import type {
  FieldChange,
  SlaState,
  Ticket,
  TicketActor,
  TicketComment,
  TicketFieldValue,
} from './ticket.js';
import { SLA_STATES } from './ticket.js';
import type { TicketEvent } from './ticket-events.js';
import { TICKET_EVENT_TYPES } from './ticket-events.js';
import { TicketIds } from './ticket-ids.js';
import { journalEventIssues } from './ticket-journal-check.js';
import { TicketReplayError } from './ticket-replay-error.js';
import {
  checkActor,
  validateCommentInput,
  validateCreateInput,
  validateUpdateInput,
} from './ticket-input.js';
import type {
  AddCommentInput,
  CommandOptions,
  CreateTicketInput,
  InputContext,
  UpdateTicketInput,
} from './ticket-input.js';
import { runQuery, validateQuery } from './ticket-query.js';
import type { TicketPage, TicketQuery } from './ticket-query.js';
import type { Due, TeamRecord, TicketRecord } from './ticket-state.js';
import { TicketState } from './ticket-state.js';
import { TICKET_STATUSES, ticketStatusMachine } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';
import { TICKET_PRIORITIES } from './ticket-priority.js';
import type { AssignmentVia, TicketTeam } from './ticket-team.js';
import { validateTeam } from './ticket-team.js';
import { VersionConflictError } from './version-conflict-error.js';

/** Options of {@link TicketEngine}. */
export interface TicketEngineOptions {
  /** Time source and timers. Default: the system clock. Use a `VirtualClock` in tests. */
  clock?: Clock;
  /**
   * Id source for new tickets (prefix `ticket`). Default: `ticket-1`, `ticket-2`, ... (after a
   * replay, past the highest such id in the journal).
   */
  ids?: IdSource;
  /** Journal every event is written to. Default: a new `MemoryStore`. */
  store?: Store<TicketEvent>;
  /** SLA policies; the first that applies to a ticket (and has targets for its priority) is used. */
  slaPolicies?: readonly SlaPolicy[];
  /** Automation and escalation rules, evaluated in order. */
  rules?: readonly AutomationRule[];
  /** Ticket types. Default `['question', 'incident', 'problem', 'task']`. */
  ticketTypes?: readonly string[];
  /** Custom-field schema per tenant id (`__proto__`, `constructor`, `prototype` are refused). */
  customFields?: Readonly<Record<string, CustomFieldSchema>>;
  /** Region of tickets created without one. Default `'default'`. */
  defaultRegion?: string;
  /** How long a solved ticket may be reopened before it closes by itself. Default 7 days. */
  reopenWindowMs?: number;
  /** Customer tier lookup, used when a ticket is created without `tier`. */
  tierOf?: (requesterId: string) => string | undefined;
  /** Whether an agent may get tickets now (team assignment skips others). Default: everyone. */
  isAgentAvailable?: (agentId: string) => boolean;
  /**
   * The router (issue 2's `RoutingEngine`) for {@link TicketEngine.route}: tickets are enqueued as
   * `email` interactions and assigned to the agent who accepts the offer.
   */
  router?: Pick<RoutingEngine, 'enqueue' | 'onEvent'>;
}

/** What {@link TicketEngine.route} takes. */
export interface RouteOptions extends CommandOptions {
  /** The router queue to wait in (e.g. the team's email queue). */
  readonly queueId: string;
  /** The team recorded on the ticket when an agent accepts. Default: the ticket's team. */
  readonly teamId?: string;
  /** Queue priority of the interaction (higher first). Default: from the ticket priority (0-3). */
  readonly priority?: number;
}

/** The engine's summary state, for dashboards and reactive bindings. */
export interface TicketEngineSnapshot {
  /** `disposed` after {@link TicketEngine.dispose}. */
  readonly status: 'active' | 'disposed';
  /** Number of events applied; changes whenever anything changes. */
  readonly revision: number;
  /** Number of tickets. */
  readonly total: number;
  /** Tickets per status. */
  readonly byStatus: Readonly<Record<TicketStatus, number>>;
  /** Tickets per SLA state. */
  readonly bySlaState: Readonly<Record<SlaState, number>>;
  /** The next scheduled SLA warning, breach or auto-close instant, if any. */
  readonly nextDueAt: number | null;
}

/** Where {@link TicketEngine.assign} sends a ticket. */
export interface AssignTarget {
  /** An agent; `null` clears the agent. Omit with `teamId` to let the team's strategy choose. */
  readonly agentId?: string | null;
  /** A team; `null` clears the team. Omit to keep the current team. */
  readonly teamId?: string | null;
}

const SYSTEM: TicketActor = { kind: 'system' };
const DEFAULT_TYPES = ['question', 'incident', 'problem', 'task'] as const;
const DAY_MS = 86_400_000;

interface CompiledRule {
  readonly rule: AutomationRule;
  readonly when: ExpressionNode | undefined;
}

/**
 * Tickets with SLAs on business calendars: lifecycle, comments, assignment, automation rules,
 * cross-region transfer and indexed views, event-sourced on a {@link Store}.
 *
 * Every command validates its input, checks the optimistic-concurrency version and the status
 * machine, then writes events to the journal and applies them; a refused command throws a typed
 * error ({@link ValidationError}, {@link VersionConflictError}, {@link InvalidTransitionError},
 * {@link NotFoundError}) and changes nothing. SLA warnings, breaches and auto-closing are kept in a
 * min-heap and fired by one timer on the injected {@link Clock}, at the exact business-time instant.
 *
 * ```text
 *   new ──► open ◄──► pending ◄──► on-hold      (pending pauses SLA clocks)
 *    └───────┴──────────┴────────────┴──► solved ──► closed
 *                                          └─reopen─► open
 * ```
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.UTC(2026, 2, 6, 14));
 * const tickets = new TicketEngine({ clock, slaPolicies: [standard], rules: [escalate] });
 * tickets.defineTeam({ id: 'support', members: ['ann', 'bo'], strategy: 'load-aware' });
 * const t = tickets.create({ subject: 'Router offline', requesterId: 'c-42', priority: 'high', teamId: 'support' });
 * tickets.addComment(t.id, { author: { kind: 'agent', id: t.agentId! }, body: 'Looking into it' });
 * tickets.update(t.id, { version: tickets.get(t.id).version, status: 'pending' });
 * clock.advance(3_600_000); // SLA clocks are paused while pending
 * const page = tickets.query({ status: ['open', 'pending'], sort: 'dueAt', limit: 50 });
 * ```
 */
export class TicketEngine {
  private readonly clock: Clock;
  private readonly ids: TicketIds;
  private readonly store: Store<TicketEvent>;
  private readonly policies: readonly SlaPolicy[];
  private readonly rules: CompiledRule[] = [];
  private readonly types: readonly string[];
  private readonly schemas = new Map<string, CustomFieldSchema>();
  private readonly policyById: ReadonlyMap<string, SlaPolicy>;
  private readonly defaultRegion: string;
  private readonly tierOf: ((requesterId: string) => string | undefined) | undefined;
  private readonly isAgentAvailable: (agentId: string) => boolean;
  private readonly state: TicketState;
  private readonly eventListeners = new Set<Listener<TicketEvent>>();
  private readonly notifier = new Subscriptions<TicketEngineSnapshot>(() => this.getSnapshot());
  private snapshot: TicketEngineSnapshot | undefined;
  private timer: TimerHandle | undefined;
  private timerAt: number | undefined;
  private ruleDepth = 0;
  private readonly router: Pick<RoutingEngine, 'enqueue' | 'onEvent'> | undefined;
  private readonly routerOff: Unsubscribe | undefined;
  /** Connections reported while `route` is inside the router's `enqueue`. */
  private early: { interactionId: string; agentId: string }[] | undefined;
  private commands = 0;
  private disposed = false;

  constructor(options: TicketEngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = new TicketIds(options.ids);
    this.store = options.store ?? new MemoryStore<TicketEvent>();
    this.types = options.ticketTypes ?? DEFAULT_TYPES;
    this.defaultRegion = options.defaultRegion ?? 'default';
    this.tierOf = options.tierOf;
    this.isAgentAvailable = options.isAgentAvailable ?? (() => true);
    const issues: ValidationIssue[] = [];
    const policies = options.slaPolicies ?? [];
    const byId = new Map<string, SlaPolicy>();
    policies.forEach((p, i) => {
      issues.push(...validateSlaPolicy(p, `$.slaPolicies[${i}]`));
      if (byId.has(p.id)) issues.push({ path: `$.slaPolicies[${i}].id`, message: 'duplicate id' });
      byId.set(p.id, p);
    });
    if (options.customFields !== undefined && !isRecord(options.customFields)) {
      issues.push({ path: '$.customFields', message: 'must be an object of schemas by tenant id' });
    }
    for (const [tenant, schema] of Object.entries(options.customFields ?? {})) {
      if (isReservedKey(tenant)) {
        issues.push({
          path: `$.customFields.${tenant}`,
          message: reservedKeyMessage('tenant', tenant),
        });
        continue;
      }
      issues.push(...validateFieldSchema(schema, `$.customFields.${tenant}`));
      this.schemas.set(tenant, schema);
    }
    if (this.types.length === 0)
      issues.push({ path: '$.ticketTypes', message: 'must not be empty' });
    const reopenWindowMs = options.reopenWindowMs ?? 7 * DAY_MS;
    if (!(reopenWindowMs > 0)) {
      issues.push({ path: '$.reopenWindowMs', message: 'must be a positive number of ms' });
    }
    (options.rules ?? []).forEach((r, i) => issues.push(...validateRule(r, `$.rules[${i}]`)));
    if (issues.length > 0) throw new ValidationError('ticket engine options', issues);
    this.policies = policies;
    this.policyById = byId;
    this.state = new TicketState(byId, reopenWindowMs);
    for (const rule of options.rules ?? []) this.compileRule(rule);
    this.router = options.router;
    this.routerOff = options.router?.onEvent((e) => this.onRouterEvent(e));
  }

  /**
   * Rebuilds an engine from a journal: its tickets, teams, SLA clocks and indexes equal those of
   * the engine that wrote it (pass the same SLA policies). Rules are not re-run: their effects are
   * in the journal. Events of other modules in a shared journal are skipped.
   *
   * Each event is checked with the rules of the command that writes it (a second `ticket-created`
   * for one id, an unknown status or priority, a move the lifecycle forbids, an event for a ticket
   * that does not exist, an unknown team or policy, ... are refused), and ids created afterwards
   * continue past the highest one in the journal.
   *
   * @throws TicketReplayError naming the refused event's position and why; no engine is returned.
   *
   * @example
   * ```ts
   * const copy = TicketEngine.replay(engine.journal.read(), { clock, slaPolicies });
   * assert.deepEqual(copy.all(), engine.all());
   * ```
   */
  static replay(
    journal: Iterable<TicketEvent | { event: TicketEvent }>,
    options: TicketEngineOptions = {},
  ): TicketEngine {
    const engine = new TicketEngine(options);
    try {
      engine.replayAll(journal);
    } catch (err) {
      engine.dispose();
      throw err;
    }
    engine.snapshot = undefined;
    engine.arm();
    return engine;
  }

  private replayAll(journal: Iterable<unknown>): void {
    const ctx = { state: this.state, input: this.inputContext(), policies: this.policyById };
    let position = -1;
    for (const item of journal) {
      position++;
      const event: unknown = isRecord(item) && isRecord(item.event) ? item.event : item;
      if (!isRecord(event) || typeof event.type !== 'string') {
        throw new TicketReplayError(position, undefined, [
          { path: '$', message: 'must be an event object with a string type' },
        ]);
      }
      if (!TICKET_EVENT_TYPES.has(event.type as TicketEvent['type'])) continue;
      const issues = journalEventIssues(event, ctx);
      if (issues.length > 0) throw new TicketReplayError(position, event.type, issues);
      const checked = event as unknown as TicketEvent;
      this.store.append(checked);
      this.state.apply(checked);
      if (checked.type === 'ticket-created') this.ids.observe(checked.ticketId);
    }
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Defines (or redefines) a team tickets can be assigned to.
   * @throws ValidationError listing every problem.
   */
  defineTeam(team: TicketTeam): void {
    this.begin();
    const issues = validateTeam(team);
    if (issues.length > 0) throw new ValidationError('team', issues);
    this.emit({ type: 'ticket-team-defined', at: this.clock.now(), team: { ...team } });
    this.finish();
  }

  /**
   * Adds an automation rule (evaluated after those already added).
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addRule(rule: AutomationRule): void {
    const issues = validateRule(rule, '$', new Set(this.state.teams.keys()));
    if (issues.length > 0) throw new ValidationError('automation rule', issues);
    this.compileRule(rule);
  }

  /** Removes an automation rule. @throws NotFoundError when there is none with that id. */
  removeRule(ruleId: string): void {
    const i = this.rules.findIndex((r) => r.rule.id === ruleId);
    if (i < 0)
      throw new NotFoundError(
        'rule',
        ruleId,
        this.rules.map((r) => r.rule.id),
      );
    this.rules.splice(i, 1);
  }

  private compileRule(rule: AutomationRule): void {
    if (this.rules.some((r) => r.rule.id === rule.id)) throw new DuplicateIdError('rule', rule.id);
    this.rules.push({
      rule,
      when: rule.when === undefined ? undefined : parseExpression(rule.when),
    });
  }

  // ---------------------------------------------------------------- commands

  /**
   * Creates a ticket (status `new`), applies the SLA policy for its priority and tier, assigns it
   * when `teamId`/`agentId` is given, and runs `created` rules.
   *
   * @throws ValidationError listing every field problem; DuplicateIdError when `id` is taken.
   *
   * @example
   * ```ts
   * const t = engine.create({ subject: 'Refund', requesterId: 'c-1', priority: 'high', tags: ['billing'] });
   * t.status; // 'new'
   * ```
   */
  create(input: CreateTicketInput): Ticket {
    this.begin();
    const issues = validateCreateInput(input, this.inputContext());
    if (issues.length > 0) throw new ValidationError('ticket', issues);
    let id = input.id;
    if (id !== undefined) {
      if (this.state.records.has(id)) throw new DuplicateIdError('ticket', id);
    } else {
      const records = this.state.records;
      id = this.ids.next((candidate) => records.has(candidate), records.size);
    }
    const at = this.clock.now();
    const tier = input.tier ?? this.tierOf?.(input.requesterId) ?? null;
    this.emit({
      type: 'ticket-created',
      at,
      ticketId: id,
      actor: input.actor ?? { kind: 'customer', id: input.requesterId },
      tenant: input.tenant ?? 'default',
      subject: input.subject,
      description: input.description ?? '',
      requesterId: input.requesterId,
      channel: input.channel ?? 'web',
      priority: input.priority ?? 'normal',
      ticketType: input.type ?? (this.types[0] as string),
      tags: [...new Set(input.tags ?? [])],
      fields: { ...(input.fields ?? {}) },
      tier,
      region: input.region ?? this.defaultRegion,
      interactionIds: [...(input.interactionIds ?? [])],
    });
    const rec = this.state.get(id);
    this.reselectSla(rec, at);
    if (input.teamId !== undefined || input.agentId !== undefined) {
      const actor = input.actor ?? SYSTEM;
      if (input.agentId !== undefined) {
        this.assignTo(rec, input.teamId ?? null, input.agentId, 'direct', actor);
      } else this.assignToTeam(rec, input.teamId as string, actor);
    }
    this.runRules('created', rec);
    this.finish();
    return this.state.view(rec);
  }

  /**
   * Changes fields (and optionally the status) of a ticket. `version` must be the ticket's current
   * version: a stale update is refused, never merged.
   *
   * @throws ValidationError listing every field problem; VersionConflictError when stale;
   * InvalidTransitionError (with the allowed statuses) for an illegal status move; NotFoundError.
   *
   * @example
   * ```ts
   * const t = engine.get('ticket-1');
   * engine.update(t.id, { version: t.version, priority: 'urgent', tags: [...t.tags, 'vip'] });
   * ```
   */
  update(ticketId: string, input: UpdateTicketInput): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    const issues = validateUpdateInput(input, this.inputContext(), rec.tenant);
    if (issues.length > 0) throw new ValidationError('ticket update', issues);
    this.checkVersion(rec, input.version);
    if (input.status !== undefined && input.status !== rec.status) {
      ticketStatusMachine.transition(rec.status, input.status, rec.id);
    }
    const changes: FieldChange[] = [];
    const diff = (field: string, from: TicketFieldValue, to: TicketFieldValue | undefined) => {
      if (to !== undefined && !sameValue(from, to)) changes.push({ field, from, to });
    };
    diff('subject', rec.subject, input.subject);
    diff('description', rec.description, input.description);
    diff('priority', rec.priority, input.priority);
    diff('type', rec.type, input.type);
    diff('tier', rec.tier, input.tier);
    if (input.tags !== undefined) diff('tags', rec.tags, [...new Set(input.tags)].sort());
    for (const [name, value] of Object.entries(input.fields ?? {})) {
      diff(`fields.${name}`, rec.fields[name] ?? null, value);
    }
    const actor = input.actor ?? SYSTEM;
    const at = this.clock.now();
    if (changes.length > 0) this.emit({ type: 'ticket-updated', at, ticketId, actor, changes });
    if (input.status !== undefined && input.status !== rec.status) {
      this.emit({
        type: 'ticket-status-changed',
        at,
        ticketId,
        actor,
        from: rec.status,
        to: input.status,
      });
    }
    if (changes.some((c) => c.field === 'priority' || c.field === 'tier' || c.field === 'type')) {
      this.reselectSla(rec, at);
    }
    if (changes.length > 0 || input.status !== undefined) this.runRules('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /**
   * Moves a ticket to another status.
   *
   * @throws InvalidTransitionError listing the allowed statuses (nothing changes);
   * VersionConflictError when `expectedVersion` is stale; NotFoundError.
   *
   * @example
   * ```ts
   * engine.setStatus('ticket-1', 'pending', { actor: { kind: 'agent', id: 'ann' } });
   * ```
   */
  setStatus(ticketId: string, status: TicketStatus, options: CommandOptions = {}): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    this.checkCommandOptions(rec, options);
    ticketStatusMachine.transition(rec.status, status, rec.id);
    this.emit({
      type: 'ticket-status-changed',
      at: this.clock.now(),
      ticketId,
      actor: options.actor ?? SYSTEM,
      from: rec.status,
      to: status,
    });
    this.runRules('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /**
   * Reopens a solved ticket (within the reopen window; after it the ticket is closed). The
   * resolution clock resumes where it stopped.
   *
   * @throws InvalidTransitionError when the ticket is not solved.
   */
  reopen(ticketId: string, options: CommandOptions = {}): Ticket {
    const rec = this.state.get(ticketId);
    if (rec.status !== 'solved') {
      throw new InvalidTransitionError(
        'ticket',
        rec.status,
        'reopen',
        ticketStatusMachine.allowedEvents(rec.status),
        rec.id,
      );
    }
    return this.setStatus(ticketId, 'open', options);
  }

  /**
   * Adds a public reply or internal note. A public agent reply fulfils the first/next response
   * SLA and opens a `new` ticket; a public customer reply reopens a `pending` or `solved` ticket,
   * starts the next-response clock and runs `customer-replied` rules.
   *
   * @throws ValidationError; InvalidTransitionError on a closed ticket; VersionConflictError.
   *
   * @example
   * ```ts
   * engine.addComment(id, {
   *   author: { kind: 'agent', id: 'ann' },
   *   body: 'Please send the invoice',
   *   attachments: [{ url: 's3://kb/refund-form.pdf', name: 'refund-form.pdf' }],
   * });
   * ```
   */
  addComment(ticketId: string, input: AddCommentInput): TicketComment {
    this.begin();
    const rec = this.state.get(ticketId);
    const issues = validateCommentInput(input);
    if (issues.length > 0) throw new ValidationError('comment', issues);
    if (input.expectedVersion !== undefined) this.checkVersion(rec, input.expectedVersion);
    if (rec.status === 'closed') {
      throw new InvalidTransitionError('ticket', 'closed', 'comment', [], rec.id);
    }
    const at = this.clock.now();
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
    const isPublic = visibility === 'public';
    const kind = input.author.kind;
    if (isPublic && kind === 'agent' && rec.status === 'new') {
      this.emit({
        type: 'ticket-status-changed',
        at,
        ticketId,
        actor: input.author,
        from: 'new',
        to: 'open',
      });
      this.runRules('updated', rec);
    }
    if (isPublic && kind === 'customer') {
      if (rec.status === 'pending' || rec.status === 'solved') {
        const from = rec.status;
        this.emit({
          type: 'ticket-status-changed',
          at,
          ticketId,
          actor: input.author,
          from,
          to: 'open',
        });
      }
      this.runRules('customer-replied', rec);
    }
    this.finish();
    return comment;
  }

  /**
   * Assigns a ticket. With only `teamId`, the team's strategy (round-robin, load-aware or
   * team-only) picks the agent; otherwise the given agent and/or team are set directly.
   *
   * @throws ValidationError for an unknown team; VersionConflictError; NotFoundError.
   *
   * @example
   * ```ts
   * engine.assign(id, { teamId: 'billing' });          // the team picks the agent
   * engine.assign(id, { agentId: 'ann' });             // direct, keeps the team
   * engine.assign(id, { agentId: null, teamId: null }); // unassign
   * ```
   */
  assign(ticketId: string, target: AssignTarget, options: CommandOptions = {}): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    this.checkCommandOptions(rec, options);
    const issues: ValidationIssue[] = [];
    if (
      target.teamId !== undefined &&
      target.teamId !== null &&
      !this.state.teams.has(target.teamId)
    ) {
      issues.push({ path: '$.teamId', message: `unknown team '${target.teamId}'` });
    }
    if (
      target.agentId !== undefined &&
      target.agentId !== null &&
      (typeof target.agentId !== 'string' || !target.agentId)
    ) {
      issues.push({ path: '$.agentId', message: 'must be a non-empty string or null' });
    }
    if (target.agentId === undefined && target.teamId === undefined) {
      issues.push({ path: '$', message: 'give agentId and/or teamId' });
    }
    if (issues.length > 0) throw new ValidationError('assignment', issues);
    if (this.isFinal(rec)) {
      throw new InvalidTransitionError('ticket', rec.status, 'assign', [], rec.id);
    }
    const actor = options.actor ?? SYSTEM;
    const changed =
      target.agentId === undefined && typeof target.teamId === 'string'
        ? this.assignToTeam(rec, target.teamId, actor)
        : this.assignTo(
            rec,
            target.teamId === undefined ? rec.teamId : target.teamId,
            target.agentId === undefined ? rec.agentId : target.agentId,
            'direct',
            actor,
          );
    if (changed) this.runRules('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /** Adds tags. @throws ValidationError for malformed tags; VersionConflictError. */
  addTags(ticketId: string, tags: readonly string[], options: CommandOptions = {}): Ticket {
    return this.changeTags(ticketId, tags, 'add', options);
  }

  /** Removes tags. @throws ValidationError for malformed tags; VersionConflictError. */
  removeTags(ticketId: string, tags: readonly string[], options: CommandOptions = {}): Ticket {
    return this.changeTags(ticketId, tags, 'remove', options);
  }

  private changeTags(
    ticketId: string,
    tags: readonly string[],
    mode: 'add' | 'remove',
    options: CommandOptions,
  ): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    const issues: ValidationIssue[] = [];
    if (!Array.isArray(tags)) issues.push({ path: '$', message: 'must be an array of tags' });
    else {
      tags.forEach((t, i) => {
        if (!isValidTag(t)) {
          issues.push({ path: `$[${i}]`, message: 'must be lower case letters, digits, _ . : -' });
        }
      });
    }
    if (issues.length > 0) throw new ValidationError('tags', issues);
    this.checkCommandOptions(rec, options);
    if (this.tagChange(rec, tags, mode, options.actor ?? SYSTEM)) this.runRules('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /** Links an interaction (call, chat, email) to a ticket. */
  linkInteraction(ticketId: string, interactionId: string, options: CommandOptions = {}): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    if (typeof interactionId !== 'string' || interactionId.length === 0) {
      throw new ValidationError('interaction link', [
        { path: '$', message: 'must be an interaction id' },
      ]);
    }
    this.checkCommandOptions(rec, options);
    if (!rec.interactionIds.includes(interactionId)) {
      this.emit({
        type: 'ticket-interaction-linked',
        at: this.clock.now(),
        ticketId,
        actor: options.actor ?? SYSTEM,
        interactionId,
      });
    }
    this.finish();
    return this.state.view(rec);
  }

  /**
   * Moves a ticket to another region. History and SLA clocks are kept; from now on only the new
   * region's agents see it ({@link TicketEngine.canView}, `query({ region })`). The agent is
   * unassigned; the team is kept only when it serves the new region; with `teamId`, that team
   * (which must serve the region) gets it by its strategy.
   *
   * @example
   * ```ts
   * engine.transferRegion(id, 'apac', { teamId: 'support-sg', actor: { kind: 'agent', id: 'ann' } });
   * ```
   */
  transferRegion(
    ticketId: string,
    region: string,
    options: CommandOptions & { readonly teamId?: string } = {},
  ): Ticket {
    this.begin();
    const rec = this.state.get(ticketId);
    const issues: ValidationIssue[] = [];
    if (typeof region !== 'string' || region.length === 0) {
      issues.push({ path: '$.region', message: 'must be a non-empty string' });
    } else if (region === rec.region) {
      issues.push({ path: '$.region', message: `ticket is already in region '${region}'` });
    }
    if (options.teamId !== undefined) {
      const team = this.state.teams.get(options.teamId);
      if (!team) issues.push({ path: '$.teamId', message: `unknown team '${options.teamId}'` });
      else if (team.team.region !== undefined && team.team.region !== region) {
        issues.push({ path: '$.teamId', message: `team serves region '${team.team.region}'` });
      }
    }
    checkActor(options.actor, '$.actor', issues);
    if (issues.length > 0) throw new ValidationError('region transfer', issues);
    this.checkCommandOptions(rec, options);
    if (rec.status === 'closed') {
      throw new InvalidTransitionError('ticket', 'closed', 'transfer-region', [], rec.id);
    }
    const actor = options.actor ?? SYSTEM;
    this.emit({
      type: 'ticket-region-transferred',
      at: this.clock.now(),
      ticketId,
      actor,
      from: rec.region,
      to: region,
    });
    if (options.teamId !== undefined) this.assignToTeam(rec, options.teamId, actor);
    else {
      const team = rec.teamId === null ? undefined : this.state.teams.get(rec.teamId);
      const keepTeam =
        team !== undefined && (team.team.region === undefined || team.team.region === region);
      this.assignTo(rec, keepTeam ? rec.teamId : null, null, 'region-transfer', actor);
    }
    this.runRules('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /**
   * Assigns a ticket through the router: enqueues an `email` interaction for it (linked to the
   * ticket) in `queueId`; the agent who accepts the offer gets the ticket (`via: 'router'`).
   * Returns the interaction id. Needs the `router` option.
   *
   * @throws ValidationError without a router or for an unknown team; the router's errors (e.g.
   * NotFoundError for an unknown queue) pass through and nothing is recorded.
   *
   * @example
   * ```ts
   * const router = new RoutingEngine({ clock });
   * router.addQueue({ id: 'billing-email', requirements: [{ skill: 'billing', minProficiency: 1 }] });
   * const tickets = new TicketEngine({ clock, router });
   * const ix = tickets.route(t.id, { queueId: 'billing-email', teamId: 'billing' });
   * router.acceptOffer(ix); // the ticket is now assigned to the accepting agent
   * ```
   */
  route(ticketId: string, options: RouteOptions): string {
    this.begin();
    const rec = this.state.get(ticketId);
    const issues: ValidationIssue[] = [];
    if (!this.router) issues.push({ path: '$', message: 'the engine has no router option' });
    if (typeof options?.queueId !== 'string' || options.queueId.length === 0) {
      issues.push({ path: '$.queueId', message: 'must be a queue id' });
    }
    if (options?.teamId !== undefined && !this.state.teams.has(options.teamId)) {
      issues.push({ path: '$.teamId', message: `unknown team '${options.teamId}'` });
    }
    if (options?.priority !== undefined && !Number.isFinite(options.priority)) {
      issues.push({ path: '$.priority', message: 'must be a finite number' });
    }
    if (issues.length > 0) throw new ValidationError('route request', issues);
    this.checkCommandOptions(rec, options);
    if (this.isFinal(rec))
      throw new InvalidTransitionError('ticket', rec.status, 'route', [], rec.id);
    const router = this.router as Pick<RoutingEngine, 'enqueue' | 'onEvent'>;
    const early: { interactionId: string; agentId: string }[] = [];
    this.early = early;
    let interactionId: string;
    try {
      interactionId = router.enqueue({
        channel: 'email',
        queueId: options.queueId,
        customerId: rec.requesterId,
        attributes: { ticketId: rec.id, ticketPriority: rec.priority, ticketType: rec.type },
        priority: options.priority ?? TICKET_PRIORITIES.indexOf(rec.priority),
      });
    } finally {
      this.early = undefined;
    }
    const actor = options.actor ?? SYSTEM;
    const at = this.clock.now();
    this.emit({
      type: 'ticket-routed',
      at,
      ticketId,
      actor,
      interactionId,
      queueId: options.queueId,
      teamId: options.teamId ?? rec.teamId,
    });
    if (!rec.interactionIds.includes(interactionId)) {
      this.emit({ type: 'ticket-interaction-linked', at, ticketId, actor, interactionId });
    }
    const accepted = early.find((e) => e.interactionId === interactionId);
    if (accepted) this.acceptRouted(interactionId, accepted.agentId);
    this.finish();
    return interactionId;
  }

  private onRouterEvent(event: RoutingEvent): void {
    if (this.disposed) return;
    if (event.type !== 'interaction-connected') return;
    if (this.early) {
      // Accepted while still inside enqueue: handled once the route is recorded.
      this.early.push({ interactionId: event.interactionId, agentId: event.agentId });
      return;
    }
    if (!this.state.routed.has(event.interactionId)) return;
    this.begin();
    this.acceptRouted(event.interactionId, event.agentId);
    this.finish();
  }

  private acceptRouted(interactionId: string, agentId: string): void {
    const routed = this.state.routed.get(interactionId);
    if (!routed) return;
    const rec = this.state.records.get(routed.ticketId);
    if (!rec || this.isFinal(rec)) return;
    const actor: TicketActor = { kind: 'agent', id: agentId };
    this.assignTo(rec, routed.teamId, agentId, 'router', actor, true);
    this.runRules('updated', rec);
  }

  // ---------------------------------------------------------------- reads

  /** A ticket. @throws NotFoundError. */
  get(ticketId: string): Ticket {
    return this.state.view(this.state.get(ticketId));
  }

  /** Whether a ticket exists. */
  has(ticketId: string): boolean {
    return this.state.records.has(ticketId);
  }

  /** Every ticket, in creation order. */
  all(): Ticket[] {
    return this.state.ordered.map((r) => this.state.view(r));
  }

  /** Whether agents of `region` may see the ticket (it is owned by that region). */
  canView(ticketId: string, viewer: { readonly region: string }): boolean {
    return this.state.get(ticketId).region === viewer.region;
  }

  /** Unsolved tickets assigned to an agent (what load-aware assignment balances). */
  agentLoad(agentId: string): number {
    return this.state.load.get(agentId) ?? 0;
  }

  /** A team's definition. @throws NotFoundError. */
  getTeam(teamId: string): TicketTeam {
    const team = this.state.teams.get(teamId);
    if (!team) throw new NotFoundError('team', teamId, [...this.state.teams.keys()]);
    return team.team;
  }

  /**
   * A page of a ticket view: filtered by status, priority, assignee, team, tags, SLA state,
   * region and text; sorted; paginated by cursor (`after`) or `offset`.
   *
   * @throws ValidationError listing every problem of the query.
   *
   * @example
   * ```ts
   * const mine = engine.query({ agentId: 'ann', status: ['open', 'pending'], sort: 'dueAt' });
   * ```
   */
  query(query: TicketQuery = {}): TicketPage {
    const issues = validateQuery(query);
    if (issues.length > 0) throw new ValidationError('ticket query', issues);
    return runQuery(this.state, query);
  }

  /** Summary counts; a new object whenever anything changed. */
  getSnapshot(): TicketEngineSnapshot {
    if (!this.snapshot) {
      const byStatus = Object.fromEntries(
        TICKET_STATUSES.map((s) => [s, this.state.byStatus.size(s)]),
      ) as Record<TicketStatus, number>;
      const bySlaState = Object.fromEntries(
        SLA_STATES.map((s) => [s, this.state.bySla.size(s)]),
      ) as Record<SlaState, number>;
      this.snapshot = {
        status: this.disposed ? 'disposed' : 'active',
        revision: this.state.revision,
        total: this.state.records.size,
        byStatus,
        bySlaState,
        nextDueAt: this.peekLiveDue()?.at ?? null,
      };
    }
    return this.snapshot;
  }

  /** Called (once per microtask at most) after the state changed. */
  subscribe(listener: Listener<TicketEngineSnapshot>): Unsubscribe {
    return this.notifier.subscribe(listener);
  }

  /** Called synchronously for every event, in journal order. */
  onEvent(listener: Listener<TicketEvent>): Unsubscribe {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  /** The journal this engine writes to. */
  get journal(): Store<TicketEvent> {
    return this.store;
  }

  /** Stops the timer and drops listeners. Commands throw afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.routerOff?.();
    this.eventListeners.clear();
    this.snapshot = undefined;
  }

  // ---------------------------------------------------------------- internals

  private inputContext(): InputContext {
    return { types: this.types, schemas: this.schemas, teams: this.state.teams };
  }

  private begin(): void {
    if (this.disposed) throw new InvalidTransitionError('ticket-engine', 'disposed', 'command', []);
    // Anything due by now happens before the command (timers of a real clock may run late).
    this.processDue();
  }

  private finish(): void {
    this.processDue();
    if (++this.commands % 1024 === 0) this.state.compactDues();
    this.arm();
    this.snapshot = undefined;
    this.notifier.notify();
  }

  private emit(event: TicketEvent): void {
    this.store.append(event);
    this.state.apply(event);
    this.snapshot = undefined;
    for (const listener of this.eventListeners) listener(event);
  }

  private checkVersion(rec: TicketRecord, expected: number): void {
    if (expected !== rec.version) throw new VersionConflictError(rec.id, expected, rec.version);
  }

  private checkCommandOptions(rec: TicketRecord, options: CommandOptions): void {
    const issues: ValidationIssue[] = [];
    checkActor(options.actor, '$.actor', issues);
    if (options.expectedVersion !== undefined && !Number.isInteger(options.expectedVersion)) {
      issues.push({ path: '$.expectedVersion', message: 'must be an integer' });
    }
    if (issues.length > 0) throw new ValidationError('command options', issues);
    if (options.expectedVersion !== undefined) this.checkVersion(rec, options.expectedVersion);
  }

  private isFinal(rec: TicketRecord): boolean {
    return rec.status === 'closed';
  }

  /** Picks the SLA policy and targets for the ticket and records a change, if any. */
  private reselectSla(rec: TicketRecord, at: number): void {
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

  private assignTo(
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

  private assignToTeam(rec: TicketRecord, teamId: string, actor: TicketActor): boolean {
    const team = this.state.teams.get(teamId) as TeamRecord;
    const { agentId, via } = this.pickAgent(team, rec);
    return this.assignTo(rec, teamId, agentId, via, actor);
  }

  /** Chooses an agent of the team: in turn, or the least loaded (ties in turn). */
  private pickAgent(
    team: TeamRecord,
    rec: TicketRecord,
  ): { agentId: string | null; via: AssignmentVia } {
    const strategy = team.team.strategy ?? 'round-robin';
    const members = team.team.members;
    if (strategy === 'team-only' || members.length === 0)
      return { agentId: null, via: 'team-only' };
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

  private tagChange(
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

  // ---------------------------------------------------------------- rules

  private runRules(trigger: RuleTrigger, rec: TicketRecord, metric?: SlaMetric): void {
    // Changes made by rules do not trigger rules (no cascades, no loops).
    if (this.ruleDepth > 0 || this.rules.length === 0) return;
    this.ruleDepth++;
    try {
      for (const { rule, when } of this.rules) {
        if (!rule.on.includes(trigger)) continue;
        const at = this.clock.now();
        let holds = true;
        if (when) {
          try {
            holds = isTruthy(evaluateExpression(when, this.ruleScope(rec, trigger, metric, at)));
          } catch (err) {
            this.emit({
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
        this.emit({ type: 'ticket-rule-fired', at, ticketId: rec.id, ruleId: rule.id, trigger });
        for (const action of rule.actions) this.runAction(rec, rule.id, action, at);
      }
    } finally {
      this.ruleDepth--;
    }
  }

  private ruleScope(
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

  private runAction(rec: TicketRecord, ruleId: string, action: RuleAction, at: number): void {
    const actor: TicketActor = { kind: 'rule', id: ruleId };
    if (this.isFinal(rec)) return;
    switch (action.type) {
      case 'assign':
        if (action.agentId === undefined && action.teamId !== undefined) {
          if (this.state.teams.has(action.teamId)) this.assignToTeam(rec, action.teamId, actor);
          else this.ruleFailed(rec, ruleId, at, `unknown team '${action.teamId}'`);
        } else {
          const teamId = action.teamId ?? rec.teamId;
          if (teamId !== null && !this.state.teams.has(teamId)) {
            this.ruleFailed(rec, ruleId, at, `unknown team '${teamId}'`);
          } else this.assignTo(rec, teamId, action.agentId ?? null, 'direct', actor);
        }
        return;
      case 'set-priority':
        if (rec.priority !== action.priority) {
          this.emit({
            type: 'ticket-updated',
            at,
            ticketId: rec.id,
            actor,
            changes: [{ field: 'priority', from: rec.priority, to: action.priority }],
          });
          this.reselectSla(rec, at);
        }
        return;
      case 'add-tags':
        this.tagChange(rec, action.tags, 'add', actor);
        return;
      case 'remove-tags':
        this.tagChange(rec, action.tags, 'remove', actor);
        return;
      case 'notify':
        this.emit({
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

  private ruleFailed(rec: TicketRecord, ruleId: string, at: number, message: string): void {
    this.emit({
      type: 'ticket-rule-failed',
      at,
      ticketId: rec.id,
      ruleId,
      trigger: 'updated',
      message,
    });
  }

  // ---------------------------------------------------------------- timers

  private peekLiveDue(): Due | undefined {
    const dues = this.state.dues;
    for (;;) {
      const top = dues.peek();
      if (!top || this.state.isLive(top)) return top;
      dues.pop();
    }
  }

  /** Fires every warning, breach and auto-close due by now, in time order. */
  private processDue(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    for (;;) {
      const due = this.peekLiveDue();
      if (!due || due.at > now) return;
      this.state.dues.pop();
      this.fire(due, now);
    }
  }

  private fire(due: Due, now: number): void {
    const rec = this.state.get(due.ticketId);
    if (due.kind === 'close') {
      this.emit({
        type: 'ticket-status-changed',
        at: now,
        ticketId: rec.id,
        actor: SYSTEM,
        from: 'solved',
        to: 'closed',
      });
      this.runRules('updated', rec);
      return;
    }
    const metric = due.metric as SlaMetric;
    const clock = rec.sla?.clocks.get(metric);
    if (!clock) return;
    if (due.kind === 'warning') {
      this.emit({
        type: 'ticket-sla-warning',
        at: now,
        ticketId: rec.id,
        metric,
        cycle: clock.cycle,
        dueAt: clock.dueAt ?? due.at,
      });
      this.runRules('sla-warning', rec, metric);
    } else {
      this.emit({
        type: 'ticket-sla-breached',
        at: now,
        ticketId: rec.id,
        metric,
        cycle: clock.cycle,
        dueAt: due.at,
      });
      this.runRules('sla-breached', rec, metric);
    }
  }

  /** Keeps one clock timer armed for the earliest live due instant. */
  private arm(): void {
    if (this.disposed) return;
    const next = this.peekLiveDue();
    if (next && this.timer !== undefined && this.timerAt === next.at) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
    if (!next) return;
    this.timerAt = next.at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      if (this.disposed) return;
      this.processDue();
      this.arm();
      this.snapshot = undefined;
      this.notifier.notify();
    }, next.at - this.clock.now());
  }
}

function sameValue(a: TicketFieldValue, b: TicketFieldValue): boolean {
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
