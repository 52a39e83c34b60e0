import { decodeJwt } from 'jose';
import type { Handler } from '../handlers.js';
import { CUSTOMER_TOKEN_TTL_SECONDS, newCustomerSession } from '../customers/customer-scope.js';

/**
 * `POST /v1/customer-tokens` (admin, integration): a website's backend mints a short-lived token
 * with the single role `customer` for one visitor's chat session (a new random one, or the
 * `session` of an earlier answer to renew it), in the caller's tenant. See
 * docs/decisions/2026-12-05-customer-tokens.md.
 */
export const customerTokenHandlers: Readonly<Record<string, Handler>> = {
  createCustomerToken: async ({ body, principal, issueToken }) => {
    const request = (body ?? {}) as { session?: string; ttlSeconds?: number };
    const session = request.session ?? newCustomerSession();
    const token = await issueToken({
      sub: session,
      tenant: principal.tenant,
      roles: ['customer'],
      ttlSeconds: request.ttlSeconds ?? CUSTOMER_TOKEN_TTL_SECONDS,
    });
    const expiresAt = (decodeJwt(token).exp as number) * 1000;
    return { status: 201, body: { token, expiresAt, session } };
  },
};
