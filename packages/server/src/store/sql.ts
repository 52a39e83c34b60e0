import type { ContactCenterEvent } from '@switchboard/core/contact-center';
import type { AuditEntry } from '../audit/audit-log.js';
import { StoreError } from './store-error.js';
import type { StoreWrite, TenantRecords } from './store-port.js';

/** The little of a SQL client the store needs (node-postgres and PGlite both fit). @internal */
export interface Sql {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
}

/**
 * Writes one tenant's batch in one statement (so in one transaction): `INSERT ... SELECT FROM
 * unnest(...)` over arrays for the events and for the audit entries, so the cost of a batch hardly
 * depends on its size. Bodies are stored as JSON text (not `jsonb`, which refuses the NUL
 * character a caller may put in a note). @internal
 */
export async function writeBatch(
  sql: Sql,
  tenant: string,
  batch: readonly StoreWrite[],
): Promise<void> {
  const seqs: number[] = [];
  const types: string[] = [];
  const bodies: string[] = [];
  const auditSeqs: number[] = [];
  const hashes: string[] = [];
  const auditBodies: string[] = [];
  for (const w of batch) {
    if (w.kind === 'event') {
      seqs.push(w.seq);
      types.push(w.event.type);
      bodies.push(JSON.stringify(w.event));
    } else {
      auditSeqs.push(w.entry.seq);
      hashes.push(w.entry.hash);
      auditBodies.push(JSON.stringify(w.entry));
    }
  }
  // One statement (atomic by itself, one round trip): both inserts as data-modifying CTEs.
  await sql.query(
    `WITH events AS (
       INSERT INTO sb_events (tenant, seq, type, body)
       SELECT $1, s, t, b FROM unnest($2::bigint[], $3::text[], $4::text[]) AS x(s, t, b)
     ), audit AS (
       INSERT INTO sb_audit (tenant, seq, hash, body)
       SELECT $1, s, h, b FROM unnest($5::bigint[], $6::text[], $7::text[]) AS y(s, h, b)
     )
     SELECT 1`,
    [tenant, seqs, types, bodies, auditSeqs, hashes, auditBodies],
  );
}

/** Reads a tenant's stream and audit chain, checking that both run from 1 without a gap. @internal */
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
  return {
    events: gapless<ContactCenterEvent>(events.rows, 'event'),
    audit: gapless<AuditEntry>(audit.rows, 'audit entry'),
  };
}

/** Tenants with an event or an audit entry in the store. @internal */
export async function listTenants(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ tenant: string }>(
    'SELECT tenant FROM sb_events UNION SELECT tenant FROM sb_audit ORDER BY tenant',
  );
  return rows.map((r) => r.tenant);
}
