import type { ContactCenterEvent, StoredRecords } from '@switchboard/core/contact-center';
import type { AuditEntry } from '../audit/audit-log.js';
import type { RecordRow } from './record-rows.js';

/**
 * One durable write of a tenant: an event of its stream, an entry of its audit chain, a record row
 * (customer, transcript message, flow version, ticket view, erasure), the rewrite of an event or
 * an audit entry already written (GDPR erasure), or a bundle of writes that must be durable
 * together (one erasure). Writes are applied in order.
 */
export type StoreWrite =
  | {
      readonly kind: 'event';
      /** Position in the tenant's stream (the socket's resume `seq`). */
      readonly seq: number;
      readonly event: ContactCenterEvent;
    }
  | { readonly kind: 'audit'; readonly entry: AuditEntry }
  | { readonly kind: 'record'; readonly row: RecordRow }
  | { readonly kind: 'event-rewrite'; readonly seq: number; readonly event: ContactCenterEvent }
  | { readonly kind: 'audit-rewrite'; readonly entry: AuditEntry }
  | { readonly kind: 'bundle'; readonly writes: StoreWrite[] };

/** What a tenant left in the store: its event stream, its audit chain and its records. */
export interface TenantRecords {
  /** The stream; the event at index `i` has `seq` `i + 1`. */
  readonly events: readonly ContactCenterEvent[];
  /** The audit chain, as written. */
  readonly audit: readonly AuditEntry[];
  /** Customers, transcripts, flows, ticket views and erasures, as last written. */
  readonly records: StoredRecords;
}

/**
 * The right to write one tenant's records, held by one node at a time. On PostgreSQL it is a
 * session advisory lock held by the connection that also does the writes, so a node that lost it
 * (its connection died) can no longer write.
 */
export interface TenantLease {
  /** The tenant led. */
  readonly tenant: string;
  /** Reads everything the tenant has in the store. */
  load(): Promise<TenantRecords>;
  /** Writes one batch in one transaction: all of it is durable when this resolves, or none of it. */
  write(batch: readonly StoreWrite[]): Promise<void>;
  /** Called once if the lease is lost (the connection holding it died). Returns an unsubscribe. */
  onLost(listener: (error: Error) => void): () => void;
  /** Gives the lease up (another node may take it). Idempotent. */
  release(): Promise<void>;
}

/**
 * The SQL store behind the server (the port of issue 14's "async `Store`"): what must survive a
 * restart goes through it, per tenant, under a {@link TenantLease}. Implementations:
 * {@link PgliteStore} (embedded, in a data folder or in memory) and {@link PostgresStore} (one
 * leader per tenant).
 */
export interface StoreBackend {
  /** `pglite` or `postgres`. */
  readonly kind: string;
  /** Connects and applies the schema migrations this version knows. */
  open(): Promise<void>;
  /** Tenants that have records in the store. */
  tenants(): Promise<string[]>;
  /** Takes the tenant's lease if nobody holds it; `undefined` when another node does. */
  tryLead(tenant: string): Promise<TenantLease | undefined>;
  /**
   * Waits until the tenant's lease is free and takes it (a follower's take-over). Rejects when
   * `signal` aborts or the store closes.
   */
  lead(tenant: string, signal: AbortSignal): Promise<TenantLease>;
  /** Releases every lease and disconnects. Idempotent. */
  close(): Promise<void>;
}
