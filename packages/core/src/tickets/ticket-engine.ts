import {
  DisposedError,
  DuplicateIdError,
  MemoryStore,
  NotFoundError,
  Subscriptions,
  ValidationError,
  systemClock,
} from '../shared/index.js';
import type {
  Clock,
  Disposable,
  Listener,
  Store,
  Subscribable,
  Unsubscribe,
} from '../shared/index.js';
import { validateRule } from './automation-rule.js';
import type { AutomationRule } from './automation-rule.js';
import type { CustomFieldSchema } from './custom-fields.js';
import { RuleRunner } from './rule-runner.js';
import { SlaScheduler } from './sla-scheduler.js';
import type { SlaPolicy } from './sla-policy.js';
import type { Ticket, TicketActor, TicketComment } from './ticket.js';
import { resolveOptions } from './ticket-engine-options.js';
import type {
  AssignTarget,
  RouteOptions,
  TicketEngineOptions,
  TicketEngineSnapshot,
} from './ticket-engine-options.js';
import type { TicketEvent } from './ticket-events.js';
import { TicketIds } from './ticket-ids.js';
import { validateCommentInput, validateCreateInput, validateUpdateInput } from './ticket-input.js';
import type {
  AddCommentInput,
  CommandOptions,
  CreateTicketInput,
  InputContext,
  UpdateTicketInput,
} from './ticket-input.js';
import { replayJournal } from './ticket-journal-check.js';
import { runQuery, validateQuery } from './ticket-query.js';
import type { TicketPage, TicketQuery } from './ticket-query.js';
import { TicketRouterBridge } from './ticket-router-bridge.js';
import { buildSnapshot } from './ticket-snapshot.js';
import {
  assignTargetIssues,
  checkCommandOptions,
  checkVersion,
  regionTransferIssues,
  routeIssues,
  tagListIssues,
  updateChanges,
} from './command-input.js';
import { TicketState } from './ticket-state.js';
import { ticketCommandMachine, ticketStatusMachine } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';
import type { TicketTeam } from './ticket-team.js';
import { validateTeam } from './ticket-team.js';
import { TicketWriter } from './ticket-writer.js';

export type { AssignTarget, RouteOptions, TicketEngineOptions, TicketEngineSnapshot };

const SYSTEM: TicketActor = { kind: 'system' };

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
export class TicketEngine implements Subscribable<TicketEngineSnapshot>, Disposable {
  private readonly clock: Clock;
  private readonly ids: TicketIds;
  private readonly store: Store<TicketEvent>;
  private readonly types: readonly string[];
  private readonly schemas: ReadonlyMap<string, CustomFieldSchema>;
  private readonly policyById: ReadonlyMap<string, SlaPolicy>;
  private readonly defaultRegion: string;
  private readonly tierOf: ((requesterId: string) => string | undefined) | undefined;
  private readonly state: TicketState;
  private readonly writer: TicketWriter;
  private readonly rules: RuleRunner;
  private readonly scheduler: SlaScheduler;
  private readonly bridge: TicketRouterBridge | undefined;
  private readonly eventListeners = new Set<Listener<TicketEvent>>();
  private readonly subscriptions = new Subscriptions<TicketEngineSnapshot>(() =>
    this.getSnapshot(),
  );
  private snapshot: TicketEngineSnapshot | undefined;
  private commands = 0;
  private disposed = false;

  constructor(options: TicketEngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = new TicketIds(options.ids);
    this.store = options.store ?? new MemoryStore<TicketEvent>();
    const resolved = resolveOptions(options);
    this.types = resolved.types;
    this.schemas = resolved.schemas;
    this.defaultRegion = options.defaultRegion ?? 'default';
    this.tierOf = options.tierOf;
    const byId = resolved.policyById;
    this.policyById = byId;
    this.state = new TicketState(byId, resolved.reopenWindowMs);
    this.writer = new TicketWriter(
      this.store,
      this.state,
      this.clock,
      resolved.policies,
      options.isAgentAvailable ?? (() => true),
      { written: (event) => this.written(event) },
    );
    this.rules = new RuleRunner(this.state, this.writer, this.clock);
    for (const rule of options.rules ?? []) this.rules.add(rule);
    this.scheduler = new SlaScheduler(this.state, this.writer, this.rules, this.clock, () =>
      this.changed(),
    );
    this.bridge =
      options.router &&
      new TicketRouterBridge(options.router, this.state, this.writer, this.rules, this.clock, {
        begin: () => this.begin('route'),
        finish: () => this.finish(),
      });
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
    engine.scheduler.arm();
    return engine;
  }

  private replayAll(journal: Iterable<unknown>): void {
    const ctx = { state: this.state, input: this.inputContext(), policies: this.policyById };
    replayJournal(journal, ctx, (event) => {
      this.store.append(event);
      this.state.apply(event);
      if (event.type === 'ticket-created') this.ids.observe(event.ticketId);
    });
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Defines (or redefines) a team tickets can be assigned to.
   * @throws ValidationError listing every problem.
   */
  defineTeam(team: TicketTeam): void {
    this.begin('defineTeam');
    const issues = validateTeam(team);
    if (issues.length > 0) throw new ValidationError('team', issues);
    this.writer.emit({ type: 'ticket-team-defined', at: this.clock.now(), team: { ...team } });
    this.finish();
  }

  /**
   * Adds an automation rule (evaluated after those already added).
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addRule(rule: AutomationRule): void {
    this.alive('addRule');
    const issues = validateRule(rule, '$', new Set(this.state.teams.keys()));
    if (issues.length > 0) throw new ValidationError('automation rule', issues);
    this.rules.add(rule);
  }

  /** Removes an automation rule. @throws NotFoundError when there is none with that id. */
  removeRule(ruleId: string): void {
    this.alive('removeRule');
    this.rules.remove(ruleId);
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
    this.begin('create');
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
    this.writer.create(id, input, {
      tier: input.tier ?? this.tierOf?.(input.requesterId) ?? null,
      type: this.types[0] as string,
      region: this.defaultRegion,
    });
    const rec = this.state.get(id);
    this.writer.reselectSla(rec, at);
    if (input.teamId !== undefined || input.agentId !== undefined) {
      const actor = input.actor ?? SYSTEM;
      if (input.agentId !== undefined) {
        this.writer.assignTo(rec, input.teamId ?? null, input.agentId, 'direct', actor);
      } else this.writer.assignToTeam(rec, input.teamId as string, actor);
    }
    this.rules.run('created', rec);
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
    this.begin('update');
    const rec = this.state.get(ticketId);
    const issues = validateUpdateInput(input, this.inputContext(), rec.tenant);
    if (issues.length > 0) throw new ValidationError('ticket update', issues);
    checkVersion(rec, input.version);
    if (input.status !== undefined && input.status !== rec.status) {
      ticketStatusMachine.transition(rec.status, input.status, rec.id);
    }
    const changes = updateChanges(rec, input);
    const actor = input.actor ?? SYSTEM;
    const at = this.clock.now();
    if (changes.length > 0)
      this.writer.emit({ type: 'ticket-updated', at, ticketId, actor, changes });
    if (input.status !== undefined && input.status !== rec.status) {
      this.writer.emit({
        type: 'ticket-status-changed',
        at,
        ticketId,
        actor,
        from: rec.status,
        to: input.status,
      });
    }
    if (changes.some((c) => c.field === 'priority' || c.field === 'tier' || c.field === 'type')) {
      this.writer.reselectSla(rec, at);
    }
    if (changes.length > 0 || input.status !== undefined) this.rules.run('updated', rec);
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
    this.begin('setStatus');
    const rec = this.state.get(ticketId);
    checkCommandOptions(rec, options);
    ticketStatusMachine.transition(rec.status, status, rec.id);
    this.writer.emit({
      type: 'ticket-status-changed',
      at: this.clock.now(),
      ticketId,
      actor: options.actor ?? SYSTEM,
      from: rec.status,
      to: status,
    });
    this.rules.run('updated', rec);
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
    this.alive('reopen');
    const rec = this.state.get(ticketId);
    ticketCommandMachine.transition(rec.status, 'reopen', rec.id);
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
    this.begin('addComment');
    const rec = this.state.get(ticketId);
    const issues = validateCommentInput(input);
    if (issues.length > 0) throw new ValidationError('comment', issues);
    if (input.expectedVersion !== undefined) checkVersion(rec, input.expectedVersion);
    ticketCommandMachine.transition(rec.status, 'comment', rec.id);
    const { comment, trigger } = this.writer.comment(rec, input);
    if (trigger !== undefined) this.rules.run(trigger, rec);
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
    this.begin('assign');
    const rec = this.state.get(ticketId);
    checkCommandOptions(rec, options);
    const issues = assignTargetIssues(target, this.state.teams);
    if (issues.length > 0) throw new ValidationError('assignment', issues);
    ticketCommandMachine.transition(rec.status, 'assign', rec.id);
    const actor = options.actor ?? SYSTEM;
    const changed =
      target.agentId === undefined && typeof target.teamId === 'string'
        ? this.writer.assignToTeam(rec, target.teamId, actor)
        : this.writer.assignTo(
            rec,
            target.teamId === undefined ? rec.teamId : target.teamId,
            target.agentId === undefined ? rec.agentId : target.agentId,
            'direct',
            actor,
          );
    if (changed) this.rules.run('updated', rec);
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
    this.begin('changeTags');
    const rec = this.state.get(ticketId);
    const issues = tagListIssues(tags);
    if (issues.length > 0) throw new ValidationError('tags', issues);
    checkCommandOptions(rec, options);
    if (this.writer.tagChange(rec, tags, mode, options.actor ?? SYSTEM))
      this.rules.run('updated', rec);
    this.finish();
    return this.state.view(rec);
  }

  /** Links an interaction (call, chat, email) to a ticket. */
  linkInteraction(ticketId: string, interactionId: string, options: CommandOptions = {}): Ticket {
    this.begin('linkInteraction');
    const rec = this.state.get(ticketId);
    if (typeof interactionId !== 'string' || interactionId.length === 0) {
      throw new ValidationError('interaction link', [
        { path: '$', message: 'must be an interaction id' },
      ]);
    }
    checkCommandOptions(rec, options);
    if (!rec.interactionIds.includes(interactionId)) {
      this.writer.emit({
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
    this.begin('transferRegion');
    const rec = this.state.get(ticketId);
    const teams = this.state.teams;
    const issues = regionTransferIssues(rec, region, options.teamId, options.actor, teams);
    if (issues.length > 0) throw new ValidationError('region transfer', issues);
    checkCommandOptions(rec, options);
    ticketCommandMachine.transition(rec.status, 'transfer-region', rec.id);
    const actor = options.actor ?? SYSTEM;
    this.writer.emit({
      type: 'ticket-region-transferred',
      at: this.clock.now(),
      ticketId,
      actor,
      from: rec.region,
      to: region,
    });
    if (options.teamId !== undefined) this.writer.assignToTeam(rec, options.teamId, actor);
    else {
      const team = rec.teamId === null ? undefined : this.state.teams.get(rec.teamId);
      const keepTeam =
        team !== undefined && (team.team.region === undefined || team.team.region === region);
      this.writer.assignTo(rec, keepTeam ? rec.teamId : null, null, 'region-transfer', actor);
    }
    this.rules.run('updated', rec);
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
   * const ix = tickets.route(ticket.id, { queueId: 'billing-email', teamId: 'billing' });
   * router.acceptOffer(ix); // the ticket is now assigned to the accepting agent
   * ```
   */
  route(ticketId: string, options: RouteOptions): string {
    this.begin('route');
    const rec = this.state.get(ticketId);
    const issues = routeIssues(options, this.bridge !== undefined, this.state.teams);
    if (issues.length > 0) throw new ValidationError('route request', issues);
    checkCommandOptions(rec, options);
    ticketCommandMachine.transition(rec.status, 'route', rec.id);
    const bridge = this.bridge as TicketRouterBridge;
    const teamId = options.teamId ?? rec.teamId;
    const interactionId = bridge.route(
      rec,
      options.queueId,
      teamId,
      options.priority,
      options.actor ?? SYSTEM,
    );
    this.finish();
    return interactionId;
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
    return this.writer.agentLoad(agentId);
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
    this.snapshot ??= buildSnapshot(this.state, this.disposed, this.scheduler.peekLiveDue()?.at);
    return this.snapshot;
  }

  /**
   * Calls `listener` with the snapshot after each batch of changes (at most once per microtask),
   * or, with a selector, with the selected value only when it changed (`isEqual`, default
   * `Object.is`).
   *
   * @example
   * ```ts
   * const stop = tickets.subscribe((s) => s.bySlaState.breached, (n) => showBadge(n));
   * ```
   */
  readonly subscribe: Subscribable<TicketEngineSnapshot>['subscribe'] =
    this.subscriptions.subscribe;

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

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops the SLA timer, stops listening to the router and drops every listener. Idempotent;
   * afterwards reads still answer (the snapshot's `status` is `disposed`) and every command throws
   * {@link DisposedError}. `using tickets = new TicketEngine()` calls it too.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.scheduler.stop();
    this.bridge?.stop();
    this.eventListeners.clear();
    this.subscriptions.dispose();
    this.snapshot = undefined;
  }

  // ---------------------------------------------------------------- internals

  private inputContext(): InputContext {
    return { types: this.types, schemas: this.schemas, teams: this.state.teams };
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('TicketEngine', command);
  }

  private begin(command: string): void {
    this.alive(command);
    // Anything due by now happens before the command (timers of a real clock may run late).
    this.scheduler.processDue();
  }

  private finish(): void {
    this.scheduler.processDue();
    if (++this.commands % 1024 === 0) this.state.sla.compactDues();
    this.scheduler.arm();
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }

  private written(event: TicketEvent): void {
    this.snapshot = undefined;
    for (const listener of this.eventListeners) listener(event);
  }
}
