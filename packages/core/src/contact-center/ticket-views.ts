import { NotFoundError, ValidationError, type ValidationIssue } from '../shared/index.js';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  SLA_STATES,
  type SlaState,
  type TicketPriority,
  type TicketStatus,
} from '../tickets/index.js';

/** The sort keys a ticket view may use. */
export const TICKET_VIEW_SORTS = ['createdAt', 'updatedAt', 'priority', 'dueAt'] as const;

/** What a saved ticket view selects and how it orders. */
export interface TicketViewFilter {
  readonly status?: readonly TicketStatus[];
  readonly priority?: readonly TicketPriority[];
  readonly agentId?: string;
  readonly requesterId?: string;
  readonly tags?: readonly string[];
  readonly slaState?: readonly SlaState[];
  /** Words in the subject or description. */
  readonly text?: string;
  readonly sort?: (typeof TICKET_VIEW_SORTS)[number];
  readonly direction?: 'asc' | 'desc';
}

/** A saved, named ticket filter (a queue of work: "my open tickets", "breached today"). */
export interface TicketView {
  readonly id: string;
  readonly name: string;
  readonly filter: TicketViewFilter;
}

/** Most saved views per center. */
export const MAX_TICKET_VIEWS = 500;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/;

function checkList(
  issues: ValidationIssue[],
  path: string,
  value: unknown,
  allowed: readonly string[],
): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > 20 || !value.every((v) => allowed.includes(v))) {
    issues.push({ path, message: `must be a list of ${allowed.join(', ')}` });
  }
}

/** Every problem of a ticket view. */
export function checkTicketView(view: unknown): ValidationIssue[] {
  if (typeof view !== 'object' || view === null) {
    return [{ path: '$', message: 'a ticket view is an object { id, name, filter }' }];
  }
  const { id, name, filter } = view as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (typeof id !== 'string' || !ID.test(id))
    issues.push({ path: '$.id', message: 'id must be an id' });
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200) {
    issues.push({ path: '$.name', message: 'name must be a string of 1-200 characters' });
  }
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    issues.push({ path: '$.filter', message: 'filter must be an object' });
    return issues;
  }
  const f = filter as Record<string, unknown>;
  checkList(issues, '$.filter.status', f['status'], TICKET_STATUSES);
  checkList(issues, '$.filter.priority', f['priority'], TICKET_PRIORITIES);
  checkList(issues, '$.filter.slaState', f['slaState'], SLA_STATES);
  for (const key of ['agentId', 'requesterId'] as const) {
    const v = f[key];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > 200)) {
      issues.push({ path: `$.filter.${key}`, message: 'must be a string of 1-200 characters' });
    }
  }
  const tags = f['tags'];
  if (
    tags !== undefined &&
    (!Array.isArray(tags) ||
      tags.length > 50 ||
      !tags.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 100))
  ) {
    issues.push({ path: '$.filter.tags', message: 'must be a list of tags' });
  }
  const text = f['text'];
  if (text !== undefined && (typeof text !== 'string' || text.length > 200)) {
    issues.push({ path: '$.filter.text', message: 'must be a string of at most 200 characters' });
  }
  checkList(
    issues,
    '$.filter.sort',
    f['sort'] === undefined ? undefined : [f['sort']],
    TICKET_VIEW_SORTS,
  );
  checkList(
    issues,
    '$.filter.direction',
    f['direction'] === undefined ? undefined : [f['direction']],
    ['asc', 'desc'],
  );
  const known = new Set([
    'status',
    'priority',
    'agentId',
    'requesterId',
    'tags',
    'slaState',
    'text',
    'sort',
    'direction',
  ]);
  for (const key of Object.keys(f)) {
    if (!known.has(key)) issues.push({ path: `$.filter.${key}`, message: 'unknown filter field' });
  }
  return issues;
}

/**
 * Saved ticket views of one center, by id.
 *
 * @internal
 */
export class TicketViews {
  private readonly views = new Map<string, TicketView>();

  /** Creates or replaces a view. */
  save(view: TicketView): TicketView {
    const issues = checkTicketView(view);
    if (!this.views.has(view?.id) && this.views.size >= MAX_TICKET_VIEWS) {
      issues.push({ path: '$', message: `at most ${MAX_TICKET_VIEWS} views` });
    }
    if (issues.length > 0) throw new ValidationError('ticket view', issues);
    const stored: TicketView = {
      id: view.id,
      name: view.name,
      filter: JSON.parse(JSON.stringify(view.filter)) as TicketViewFilter,
    };
    this.views.set(view.id, stored);
    return stored;
  }

  /** Puts back a view as an earlier run stored it. */
  restore(view: TicketView): void {
    this.views.set(view.id, view);
  }

  get(id: string): TicketView {
    const view = this.views.get(id);
    if (!view) throw new NotFoundError('ticket view', id);
    return view;
  }

  list(): TicketView[] {
    return [...this.views.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  delete(id: string): void {
    this.get(id);
    this.views.delete(id);
  }
}
