import type { ContactCenterEvent } from '@switchboard/core/contact-center';
import type { AuditEntry } from '../audit/audit-log.js';
import { StoreError } from './store-error.js';
import { storedRecords, type RecordRow } from './record-rows.js';
import type { StoreWrite, TenantRecords } from './store-port.js';

/** The little of a SQL client the store needs (node-postgres and PGlite both fit). @internal */
export interface Sql {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
}

/** The writes of a batch in order, bundles opened. */
function* flatten(batch: readonly StoreWrite[]): Generator<StoreWrite> {
  for (const w of batch) {
    if (w.kind === 'bundle') yield* flatten(w.writes);
    else yield w;
  }
}

/**
 * Writes one tenant's batch in one statement (so in one transaction): `INSERT ... SELECT FROM
 * unnest(...)` over arrays, so the cost of a batch hardly depends on its size, with one
 * data-modifying CTE per kind of write present (events, audit entries, record rows saved or
 * deleted, rewritten events and audit entries). All CTEs of a statement see the rows as they were
 * before it, so a row must be touched once: the writes are first folded per row (a rewrite of an
 * event inserted by the same batch replaces what is inserted; the last write of a record row
 * wins). Bodies are stored as JSON text (not `jsonb`, which refuses the NUL character a caller may
 * put in a note). @internal
 */
export async function writeBatch(
  sql: Sql,
  tenant: string,
  batch: readonly StoreWrite[],
): Promise<void> {
  const events = new Map<number, ContactCenterEvent>();
  const eventRewrites = new Map<number, ContactCenterEvent>();
  const audit = new Map<number, AuditEntry>();
  const auditRewrites = new Map<number, AuditEntry>();
  const rows = new Map<string, RecordRow>();
  for (const w of flatten(batch)) {
    switch (w.kind) {
      case 'event':
        events.set(w.seq, w.event);
        break;
      case 'event-rewrite':
        (events.has(w.seq) ? events : eventRewrites).set(w.seq, w.event);
        break;
      case 'audit':
        audit.set(w.entry.seq, w.entry);
        break;
      case 'audit-rewrite':
        (audit.has(w.entry.seq) ? audit : auditRewrites).set(w.entry.seq, w.entry);
        break;
      case 'record':
        rows.set(JSON.stringify([w.row.kind, w.row.id, w.row.part]), w.row);
        break;
    }
  }
  const params: unknown[] = [tenant];
  const arg = (value: unknown[], type: string) => `$${params.push(value)}::${type}[]`;
  const ctes: string[] = [];
  const eventArrays = (m: Map<number, ContactCenterEvent>) => {
    const entries = [...m];
    return `unnest(${arg(
      entries.map(([seq]) => seq),
      'bigint',
    )}, ${arg(
      entries.map(([, e]) => e.type),
      'text',
    )}, ${arg(
      entries.map(([, e]) => JSON.stringify(e)),
      'text',
    )}) AS x(s, t, b)`;
  };
  const auditArrays = (m: Map<number, AuditEntry>) => {
    const entries = [...m.values()];
    return `unnest(${arg(
      entries.map((e) => e.seq),
      'bigint',
    )}, ${arg(
      entries.map((e) => e.hash),
      'text',
    )}, ${arg(
      entries.map((e) => JSON.stringify(e)),
      'text',
    )}) AS x(s, h, b)`;
  };
  if (events.size > 0) {
    ctes.push(`INSERT INTO sb_events (tenant, seq, type, body)
       SELECT $1, s, t, b FROM ${eventArrays(events)}`);
  }
  if (eventRewrites.size > 0) {
    ctes.push(`UPDATE sb_events e SET type = x.t, body = x.b FROM ${eventArrays(eventRewrites)}
       WHERE e.tenant = $1 AND e.seq = x.s`);
  }
  if (audit.size > 0) {
    ctes.push(`INSERT INTO sb_audit (tenant, seq, hash, body)
       SELECT $1, s, h, b FROM ${auditArrays(audit)}`);
  }
  if (auditRewrites.size > 0) {
    ctes.push(`UPDATE sb_audit a SET hash = x.h, body = x.b FROM ${auditArrays(auditRewrites)}
       WHERE a.tenant = $1 AND a.seq = x.s`);
  }
  const saved = [...rows.values()].filter((r) => r.body !== null);
  const deleted = [...rows.values()].filter((r) => r.body === null);
  if (saved.length > 0) {
    ctes.push(`INSERT INTO sb_records (tenant, kind, id, part, body)
       SELECT $1, k, i, p, b FROM unnest(${arg(
         saved.map((r) => r.kind),
         'text',
       )}, ${arg(
         saved.map((r) => r.id),
         'text',
       )}, ${arg(
         saved.map((r) => r.part),
         'bigint',
       )}, ${arg(
         saved.map((r) => JSON.stringify(r.body)),
         'text',
       )}) AS x(k, i, p, b)
       ON CONFLICT (tenant, kind, id, part) DO UPDATE SET body = EXCLUDED.body`);
  }
  if (deleted.length > 0) {
    ctes.push(`DELETE FROM sb_records r USING unnest(${arg(
      deleted.map((r) => r.kind),
      'text',
    )}, ${arg(
      deleted.map((r) => r.id),
      'text',
    )}, ${arg(
      deleted.map((r) => r.part),
      'bigint',
    )}) AS x(k, i, p)
       WHERE r.tenant = $1 AND r.kind = x.k AND r.id = x.i AND r.part = x.p`);
  }
  if (ctes.length === 0) return;
  // One statement (atomic by itself, one round trip): every write as a data-modifying CTE.
  await sql.query(`WITH ${ctes.map((c, i) => `w${i} AS (${c})`).join(', ')} SELECT 1`, params);
}

/**
 * Reads a tenant's stream, audit chain and records, checking that the stream and the chain run
 * from 1 without a gap. @internal
 */
export async function loadTenant(sql: Sql, tenant: string): Promise<TenantRecords> {
  const events = await sql.query<{ seq: string | number; body: string }>(
    'SELECT seq, body FROM sb_events WHERE tenant = $1 ORDER BY seq',
    [tenant],
  );
  const audit = await sql.query<{ seq: string | number; body: string }>(
    'SELECT seq, body FROM sb_audit WHERE tenant = $1 ORDER BY seq',
    [tenant],
  );
  const gapless = <T>(rows: { seq: string | number; body: string }[], what: string): T[] =>
    rows.map((row, i) => {
      if (Number(row.seq) !== i + 1) {
        throw new StoreError(
          'STORE_CORRUPT',
          `tenant '${tenant}': ${what} ${i + 1} is missing from the store (next stored is ${row.seq})`,
        );
      }
      return JSON.parse(row.body) as T;
    });
  const records = await sql.query<{ kind: string; id: string; body: string }>(
    'SELECT kind, id, body FROM sb_records WHERE tenant = $1 ORDER BY kind, id, part',
    [tenant],
  );
  return {
    events: gapless<ContactCenterEvent>(events.rows, 'event'),
    audit: gapless<AuditEntry>(audit.rows, 'audit entry'),
    records: storedRecords(
      records.rows.map((r) => ({ kind: r.kind, id: r.id, body: JSON.parse(r.body) as unknown })),
    ),
  };
}

/** Tenants with an event, an audit entry or a record in the store. @internal */
export async function listTenants(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ tenant: string }>(
    `SELECT tenant FROM sb_events UNION SELECT tenant FROM sb_audit
     UNION SELECT tenant FROM sb_records ORDER BY tenant`,
  );
  return rows.map((r) => r.tenant);
}
