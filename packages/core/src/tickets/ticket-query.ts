import type { ValidationIssue } from '../shared/index.js';
import type { SlaState, Ticket } from './ticket.js';
import { SLA_STATES } from './ticket.js';
import { TICKET_PRIORITIES, isTicketPriority } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';
import { TICKET_STATUSES, isTicketStatus } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';
import type { FieldBits } from './bit-index.js';
import { popcount } from './bit-index.js';
import type { TicketRecord } from './ticket-record.js';
import type { TicketState } from './ticket-state.js';
import { tokenize } from './ticket-state.js';

/** What a ticket view can be sorted by. `dueAt` is the next SLA breach (none last when ascending). */
export const TicketSortKey = {
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  priority: 'priority',
  dueAt: 'dueAt',
  status: 'status',
} as const;

/** A sort key of {@link TicketQuery}. */
export type TicketSortKey = (typeof TicketSortKey)[keyof typeof TicketSortKey];

/** Every {@link TicketSortKey}. */
export const TICKET_SORT_KEYS: readonly TicketSortKey[] = Object.freeze(
  Object.values(TicketSortKey),
);

/**
 * A ticket view: filters (all must hold; a list means any of its values), a sort and a page.
 * Ties are broken by creation order (oldest first), so pages are stable.
 *
 * @example
 * ```ts
 * const page = engine.query({
 *   status: ['new', 'open'],
 *   priority: ['high', 'urgent'],
 *   slaState: 'warning',
 *   text: 'refund',
 *   sort: 'dueAt',
 *   limit: 50,
 * });
 * const next = engine.query({ status: ['new', 'open'], sort: 'dueAt', after: page.nextCursor });
 * ```
 */
export interface TicketQuery {
  readonly tenant?: string;
  readonly status?: TicketStatus | readonly TicketStatus[];
  readonly priority?: TicketPriority | readonly TicketPriority[];
  /** An agent id, or `null` for tickets without an agent. */
  readonly agentId?: string | null;
  /** A team id, or `null` for tickets without a team. */
  readonly teamId?: string | null;
  /** Tickets carrying every one of these tags. */
  readonly tags?: readonly string[];
  readonly slaState?: SlaState | readonly SlaState[];
  /** Owning region: the tickets this region's agents may see. */
  readonly region?: string;
  readonly requesterId?: string;
  /** Words that must each start a word of the subject or description (case-insensitive). */
  readonly text?: string;
  /** Default `createdAt`. */
  readonly sort?: TicketSortKey;
  /** Default `desc` (newest, most urgent first) for `createdAt`, `updatedAt` and `priority`; `asc` (soonest first) for `dueAt` and `status`. */
  readonly direction?: 'asc' | 'desc';
  /** Page size, 1-500. Default 50. */
  readonly limit?: number;
  /** Items to skip (after `after`, when given). Default 0. */
  readonly offset?: number;
  /** Continue after this cursor (from a previous page's `nextCursor`). */
  readonly after?: string;
}

/** One page of a {@link TicketQuery}. */
export interface TicketPage {
  /** The tickets of this page, in order. */
  readonly items: readonly Ticket[];
  /** How many tickets match the filters (all pages). */
  readonly total: number;
  /** Pass as `after` to get the next page; `undefined` on the last page. */
  readonly nextCursor?: string;
}

const MAX_LIMIT = 500;

function list<T>(v: T | readonly T[] | undefined): readonly T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

/**
 * Every problem of a query.
 *
 * @internal
 */
export function validateQuery(q: TicketQuery): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = <T>(
    values: readonly unknown[] | undefined,
    ok: (v: unknown) => v is T,
    path: string,
    allowed: readonly string[],
  ) => {
    values?.forEach((v, i) => {
      if (!ok(v)) {
        issues.push({
          path: Array.isArray(values) && values.length > 1 ? `${path}[${i}]` : path,
          message: `must be one of ${allowed.join(', ')}`,
        });
      }
    });
  };
  check(list(q.status), isTicketStatus, '$.status', TICKET_STATUSES);
  check(list(q.priority), isTicketPriority, '$.priority', TICKET_PRIORITIES);
  check(
    list(q.slaState),
    (v): v is SlaState => (SLA_STATES as readonly unknown[]).includes(v),
    '$.slaState',
    SLA_STATES,
  );
  if (q.sort !== undefined && !(TICKET_SORT_KEYS as readonly string[]).includes(q.sort)) {
    issues.push({ path: '$.sort', message: `must be one of ${TICKET_SORT_KEYS.join(', ')}` });
  }
  if (q.direction !== undefined && q.direction !== 'asc' && q.direction !== 'desc') {
    issues.push({ path: '$.direction', message: "must be 'asc' or 'desc'" });
  }
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIMIT)) {
    issues.push({ path: '$.limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
  }
  if (q.offset !== undefined && (!Number.isInteger(q.offset) || q.offset < 0)) {
    issues.push({ path: '$.offset', message: 'must be a non-negative integer' });
  }
  if (q.after !== undefined && parseCursor(q.after) === undefined) {
    issues.push({ path: '$.after', message: 'is not a cursor returned by a previous page' });
  }
  if (q.tags !== undefined && !Array.isArray(q.tags)) {
    issues.push({ path: '$.tags', message: 'must be an array of tags' });
  }
  if (q.text !== undefined && typeof q.text !== 'string') {
    issues.push({ path: '$.text', message: 'must be a string' });
  }
  return issues;
}

function parseCursor(cursor: string): { key: number; seq: number } | undefined {
  const m = /^(-?(?:\d+(?:\.\d+)?|Infinity))~(\d+)$/.exec(cursor);
  if (!m) return undefined;
  return { key: Number(m[1]), seq: Number(m[2]) };
}

/** Bounded heap of the first `k` sequence numbers in (value, seq) order; the top is the last kept. */
class TopK {
  readonly items: number[] = [];
  constructor(
    private readonly k: number,
    private readonly values: Float64Array,
    private readonly desc: boolean,
  ) {}

  /** Whether index `a` comes before index `b`. */
  before(a: number, b: number): boolean {
    const va = this.values[a] as number;
    const vb = this.values[b] as number;
    if (va !== vb) return this.desc ? va > vb : va < vb;
    return a < b;
  }

  offer(i: number): void {
    const items = this.items;
    if (items.length < this.k) {
      items.push(i);
      let c = items.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.before(items[p] as number, i)) break;
        items[c] = items[p] as number;
        c = p;
      }
      items[c] = i;
      return;
    }
    if (!this.before(i, items[0] as number)) return;
    let c = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.before(items[l] as number, items[r] as number) ? r : l;
      if (!this.before(i, items[m] as number)) break;
      items[c] = items[m] as number;
      c = m;
    }
    items[c] = i;
  }

  sorted(): number[] {
    return this.items.slice().sort((a, b) => (this.before(a, b) ? -1 : 1));
  }
}

function setBits(out: Uint32Array, records: Iterable<TicketRecord>): void {
  for (const r of records) {
    const i = r.seq - 1;
    out[i >>> 5] = (out[i >>> 5] as number) | (1 << (i & 31));
  }
}

/**
 * Runs a query: each filter becomes a bitset over ticket sequence numbers (stored bitsets for
 * status, priority, SLA state, region, tenant and team; built from the index sets for agent,
 * requester, tags and words) and the bitsets are intersected. The total is a popcount. Pages in
 * creation order walk the bits and stop when the page is full; other sorts keep a bounded heap of
 * the page over a column of sort keys, so the result set is never sorted as a whole.
 *
 * @internal
 */
export function runQuery(state: TicketState, q: TicketQuery): TicketPage {
  const sort = q.sort ?? 'createdAt';
  const desc =
    (q.direction ??
      (sort === 'createdAt' || sort === 'updatedAt' || sort === 'priority' ? 'desc' : 'asc')) ===
    'desc';
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const cursor = q.after === undefined ? undefined : parseCursor(q.after);
  const n = state.ordered.length;
  const nWords = (n + 31) >>> 5;
  // Two scratch bitsets reused across queries: no allocation per filter.
  if (scratch.length < nWords * 2) scratch = new Uint32Array(Math.max(1024, nWords * 4));
  const result = scratch.subarray(0, nWords);
  const temp = scratch.subarray(nWords, nWords * 2);
  let cand: Uint32Array | undefined;
  const intersect = (mask: Uint32Array) => {
    if (!cand) {
      result.set(mask);
      cand = result;
    } else for (let i = 0; i < nWords; i++) cand[i] = (cand[i] as number) & (mask[i] as number);
  };
  const fromBits = <K>(field: FieldBits<K>, keys: readonly K[]) => {
    const out = temp.fill(0);
    for (const key of keys) {
      const b = field.get(key);
      if (!b) continue;
      const m = Math.min(nWords, b.length);
      for (let i = 0; i < m; i++) out[i] = (out[i] as number) | (b[i] as number);
    }
    intersect(out);
  };
  const fromRecords = (lists: Iterable<Iterable<TicketRecord> | undefined>) => {
    const out = temp.fill(0);
    for (const list of lists) if (list) setBits(out, list);
    intersect(out);
  };

  const statuses = list(q.status);
  const priorities = list(q.priority);
  const slaStates = list(q.slaState);
  if (statuses) fromBits(state.byStatus, statuses);
  if (priorities) fromBits(state.byPriority, priorities);
  if (slaStates) fromBits(state.bySla, slaStates);
  if (q.region !== undefined) fromBits(state.byRegion, [q.region]);
  if (q.tenant !== undefined) fromBits(state.byTenant, [q.tenant]);
  if (q.teamId !== undefined) fromBits(state.byTeam, [q.teamId]);
  if (q.agentId !== undefined) fromRecords([state.byAgent.get(q.agentId)]);
  if (q.requesterId !== undefined) fromRecords([state.byRequester.get(q.requesterId)]);
  for (const t of q.tags ?? []) fromBits(state.byTag, [t]);
  const words = q.text === undefined ? [] : tokenize(q.text);
  let unindexedWord = false;
  for (const w of words) {
    // Word lists are append-only: after an edit they may still hold a ticket (checked below).
    const vocab = state.sortedVocabulary();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < w) lo = mid + 1;
      else hi = mid;
    }
    const lists: (readonly TicketRecord[] | undefined)[] = [];
    for (let i = lo; i < vocab.length && (vocab[i] as string).startsWith(w); i++) {
      lists.push(state.byToken.get(vocab[i] as string));
      if (lists.length > 64) break;
    }
    if (lists.length <= 64) fromRecords(lists);
    else unindexedWord = true;
  }
  const hasWords = (r: TicketRecord) => words.every((w) => r.tokens.some((t) => t.startsWith(w)));
  if (words.length > 0 && !unindexedWord) {
    // The word lists are exact except for tickets whose text was edited: check those alone.
    const c = cand as Uint32Array;
    for (const r of state.textEdited) {
      const i = r.seq - 1;
      if ((((c[i >>> 5] as number) >>> (i & 31)) & 1) !== 0 && !hasWords(r)) {
        c[i >>> 5] = (c[i >>> 5] as number) & ~(1 << (i & 31));
      }
    }
  } else if (words.length > 0) {
    // A very short prefix (more than 64 words start with it): check every remaining candidate.
    const c = cand ?? fillMask(result, n);
    cand = c;
    for (let wi = 0; wi < nWords; wi++) {
      let bits = c[wi] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const i = (wi << 5) + 31 - Math.clz32(low);
        bits ^= low;
        const r = state.ordered[i] as TicketRecord;
        if (!hasWords(r)) c[wi] = (c[wi] as number) & ~low;
      }
    }
  }
  const mask = cand ?? fillMask(result, n);
  let total = 0;
  for (let i = 0; i < nWords; i++) total += popcount(mask[i] as number);

  const pageEnd = offset + limit;
  let page: number[];
  let hasMore = false;
  let value: (i: number) => number;
  if (sort === 'createdAt') {
    value = (i) => i + 1;
    page = [];
    let skipped = 0;
    let from = desc ? n - 1 : 0;
    if (cursor) from = desc ? cursor.seq - 2 : cursor.seq;
    const step = desc ? -1 : 1;
    for (let i = from; i >= 0 && i < n;) {
      const wi = i >>> 5;
      const word = mask[wi] as number;
      if (word === 0) {
        // Skip an empty word in one go.
        i = desc ? (wi << 5) - 1 : (wi + 1) << 5;
        continue;
      }
      if ((word >>> (i & 31)) & 1) {
        if (skipped < offset) skipped++;
        else if (page.length < limit) page.push(i);
        else {
          hasMore = true;
          break;
        }
      }
      i += step;
    }
  } else {
    const column =
      sort === 'updatedAt'
        ? state.updatedColumn
        : sort === 'dueAt'
          ? state.dueColumn
          : sort === 'priority'
            ? state.priorityColumn
            : state.statusColumn;
    const values = column.values;
    value = (i) => values[i] as number;
    const k = pageEnd + 1;
    const top = new TopK(k, values, desc);
    const ck = cursor?.key ?? 0;
    const cs = cursor ? cursor.seq - 1 : 0;
    // Candidates come in ascending seq order, so one that ties with the last kept item never
    // goes before it: once the heap is full, a plain comparison with its top rejects most.
    let full = false;
    let worst = 0;
    for (let wi = 0; wi < nWords; wi++) {
      let bits = mask[wi] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const i = (wi << 5) + 31 - Math.clz32(low);
        bits ^= low;
        const v = values[i] as number;
        if (cursor && (v === ck ? i <= cs : desc ? v > ck : v < ck)) continue;
        if (full && !(desc ? v > worst : v < worst)) continue;
        top.offer(i);
        if (!full && top.items.length === k) full = true;
        if (full) worst = values[top.items[0] as number] as number;
      }
    }
    const sorted = top.sorted();
    hasMore = sorted.length > pageEnd;
    page = sorted.slice(offset, pageEnd);
  }
  const last = page[page.length - 1];
  return {
    items: page.map((i) => state.view(state.ordered[i] as TicketRecord)),
    total,
    nextCursor: last !== undefined && hasMore ? `${value(last)}~${last + 1}` : undefined,
  };
}

let scratch = new Uint32Array(1024);

function fillMask(out: Uint32Array, n: number): Uint32Array {
  out.fill(0xffffffff);
  if (n & 31) out[out.length - 1] = (1 << (n & 31)) - 1;
  return out;
}
