import type { ExternalRef } from './external-ref.js';

/**
 * How to look a customer up: by phone number (E.164 preferred, other forms are normalized by the
 * adapter), by email address, or by the id of a record the directory already knows.
 */
export type CustomerQuery =
  | { readonly by: 'phone'; readonly phone: string }
  | { readonly by: 'email'; readonly email: string }
  | { readonly by: 'ref'; readonly ref: ExternalRef };

/** One customer as an external system knows them, in core terms. */
export interface CustomerProfile {
  /** The record this profile was read from. */
  readonly ref: ExternalRef;
  /** Display name (may be empty when the system holds none). */
  readonly name: string;
  /** Email addresses, lower case. */
  readonly emails: readonly string[];
  /** Phone numbers as the system holds them. */
  readonly phones: readonly string[];
  /** Company or organization name, when known. */
  readonly company?: string;
  /** Other records of the same person in other systems (one profile across systems). */
  readonly linked: readonly ExternalRef[];
}

/**
 * The result of a lookup, discriminated on `status`: exactly one match, several (the agent picks),
 * or none.
 */
export type CustomerLookupResult =
  | { readonly status: 'found'; readonly customer: CustomerProfile }
  | { readonly status: 'ambiguous'; readonly candidates: readonly CustomerProfile[] }
  | { readonly status: 'not-found' };

/**
 * Port: finds customers in an external system. Implemented by CRM adapters
 * (`@switchboard/adapters/hubspot`, `/zendesk`); combined across systems by the host.
 *
 * @example
 * ```ts
 * const result = await directory.findCustomer({ by: 'phone', phone: '+14155550100' });
 * if (result.status === 'found') console.log(result.customer.name);
 * ```
 */
export interface CustomerDirectory {
  /** Looks a customer up; rejects with the adapter's typed error when the system fails. */
  findCustomer(query: CustomerQuery): Promise<CustomerLookupResult>;
}

/**
 * Builds a lookup result from a list of profiles: none, one, or several.
 *
 * @example
 * ```ts
 * lookupResult([]); // { status: 'not-found' }
 * ```
 */
export function lookupResult(profiles: readonly CustomerProfile[]): CustomerLookupResult {
  const [first] = profiles;
  if (first === undefined) return { status: 'not-found' };
  if (profiles.length === 1) return { status: 'found', customer: first };
  return { status: 'ambiguous', candidates: profiles };
}
