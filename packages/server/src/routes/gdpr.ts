import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../audit/audit-log.js';
import type { Handler } from '../handlers.js';

const names = (entry: AuditEntry, subjectId: string) => entry.path.split('/').includes(subjectId);

/**
 * GDPR (admin only, and audited as every command is): `POST /v1/customers/{id}/export` returns
 * everything held about a customer as JSON; `POST /v1/customers/{id}/erase` deletes the profile,
 * removes its transcripts' text, hides its id and attributes from interactions, its tickets' texts
 * and the events, and pseudonymises the audit chain so that it still verifies. With a durable
 * store, the erasure and the audit rewrite (made here one after the other, synchronously) go to
 * the store as one transaction that rewrites the stored rows. See
 * docs/decisions/2026-12-04-server-gdpr-erase.md and 2026-12-05-server-records-and-erasure.md.
 */
export const gdprHandlers: Readonly<Record<string, Handler>> = {
  exportCustomerData: async ({ center, params, audit }) => {
    const customerId = params['customerId'] as string;
    const data = center.exportCustomer(customerId);
    const entries = audit.read(0, audit.length).filter((e) => names(e, customerId));
    return {
      status: 200,
      body: { exportedAt: Date.now(), tenant: center.tenant, ...data, audit: entries },
    };
  },
  eraseCustomer: async ({ center, params, audit }) => {
    const customerId = params['customerId'] as string;
    const pseudonym = `erased-${randomBytes(8).toString('hex')}`;
    const erasure = center.eraseCustomer(customerId, pseudonym);
    const chain = audit.pseudonymise(customerId, pseudonym);
    return { status: 200, body: { ...erasure, audit: chain } };
  },
};
