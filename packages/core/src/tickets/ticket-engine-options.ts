import type { RoutingEngine } from '../routing/index.js';
import { ValidationError } from '../shared/index.js';
import type { Clock, IdSource, Store, ValidationIssue } from '../shared/index.js';
import { isRecord } from '../shared/is-record.js';
import { isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';
import { validateRule } from './automation-rule.js';
import type { AutomationRule } from './automation-rule.js';
import { validateFieldSchema } from './custom-fields.js';
import type { CustomFieldSchema } from './custom-fields.js';
import { validateSlaPolicy } from './sla-policy.js';
import type { SlaPolicy } from './sla-policy.js';
import type { SlaState } from './ticket.js';
import type { TicketEvent } from './ticket-events.js';
import type { CommandOptions } from './ticket-input.js';
import type { TicketStatus } from './ticket-status.js';

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
  readonly nextDueAt?: number;
}

/** Where {@link TicketEngine.assign} sends a ticket. */
export interface AssignTarget {
  /** An agent; `null` clears the agent. Omit with `teamId` to let the team's strategy choose. */
  readonly agentId?: string | null;
  /** A team; `null` clears the team. Omit to keep the current team. */
  readonly teamId?: string | null;
}

const DEFAULT_TYPES = ['question', 'incident', 'problem', 'task'] as const;
const DAY_MS = 86_400_000;

/** The options after validation, in the shapes the engine uses. @internal */
export interface ResolvedOptions {
  readonly types: readonly string[];
  /** Custom-field schema per tenant id: a `Map`, since tenant ids are data. */
  readonly schemas: ReadonlyMap<string, CustomFieldSchema>;
  readonly policies: readonly SlaPolicy[];
  readonly policyById: ReadonlyMap<string, SlaPolicy>;
  readonly reopenWindowMs: number;
}

/**
 * Checks the engine options and returns them resolved.
 *
 * @throws ValidationError listing every problem.
 * @internal
 */
export function resolveOptions(options: TicketEngineOptions): ResolvedOptions {
  const issues: ValidationIssue[] = [];
  const types = options.ticketTypes ?? DEFAULT_TYPES;
  const policies = options.slaPolicies ?? [];
  const policyById = new Map<string, SlaPolicy>();
  policies.forEach((p, i) => {
    issues.push(...validateSlaPolicy(p, `$.slaPolicies[${i}]`));
    if (policyById.has(p.id)) {
      issues.push({ path: `$.slaPolicies[${i}].id`, message: 'duplicate id' });
    }
    policyById.set(p.id, p);
  });
  if (options.customFields !== undefined && !isRecord(options.customFields)) {
    issues.push({ path: '$.customFields', message: 'must be an object of schemas by tenant id' });
  }
  const schemas = new Map<string, CustomFieldSchema>();
  for (const [tenant, schema] of Object.entries(options.customFields ?? {})) {
    if (isReservedKey(tenant)) {
      issues.push({
        path: `$.customFields.${tenant}`,
        message: reservedKeyMessage('tenant', tenant),
      });
      continue;
    }
    issues.push(...validateFieldSchema(schema, `$.customFields.${tenant}`));
    schemas.set(tenant, schema);
  }
  if (types.length === 0) issues.push({ path: '$.ticketTypes', message: 'must not be empty' });
  const reopenWindowMs = options.reopenWindowMs ?? 7 * DAY_MS;
  if (!(reopenWindowMs > 0)) {
    issues.push({ path: '$.reopenWindowMs', message: 'must be a positive number of ms' });
  }
  (options.rules ?? []).forEach((r, i) => issues.push(...validateRule(r, `$.rules[${i}]`)));
  if (issues.length > 0) throw new ValidationError('ticket engine options', issues);
  return { types, schemas, policies, policyById, reopenWindowMs };
}
