import type { AttributeValue } from '../interactions/index.js';
import { checkAttributes } from '../interactions/index.js';
import {
  DuplicateIdError,
  NotFoundError,
  SwitchboardError,
  ValidationError,
  type Clock,
  type IdSource,
  type ValidationIssue,
} from '../shared/index.js';

/** The kinds of identity that lead to one customer. */
export const IDENTITY_KINDS = ['phone', 'email', 'chat', 'external'] as const;
/** One of {@link IDENTITY_KINDS}. */
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/**
 * One way to recognise a customer: a phone number, an email address, a chat handle, or the id of
 * the customer's record in an external system (a CRM), named by `system`.
 */
export interface CustomerIdentity {
  readonly kind: IdentityKind;
  /** The number, address, handle or record id (normalised: digits and `+` for phones, lower case for emails). */
  readonly value: string;
  /** For `external`: the system holding the record, e.g. `hubspot`. */
  readonly system?: string;
}

/** What {@link ContactCenter.addCustomer} takes. */
export interface NewCustomer {
  /** Its id (default: from the center's id source). */
  readonly id?: string;
  /** Display name. */
  readonly name?: string;
  /** Phones, emails, chat handles and CRM ids; each may belong to one customer only. */
  readonly identities?: readonly CustomerIdentity[];
  /** Flat customer data. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/** One customer: one profile across phone, email, chat and external CRM ids. */
export interface Customer {
  readonly id: string;
  readonly name: string | null;
  readonly identities: readonly CustomerIdentity[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Starts at 1; each change adds 1 (optimistic concurrency). */
  readonly version: number;
}

/** What {@link ContactCenter.updateCustomer} takes: the version read and the fields to replace. */
export interface CustomerChange {
  /** The version the change is based on; another current version refuses it (`CONFLICT`). */
  readonly version: number;
  readonly name?: string | null;
  /** Replaces every identity. */
  readonly identities?: readonly CustomerIdentity[];
  /** Replaces the attributes. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/** Most identities one customer holds. */
export const MAX_IDENTITIES = 50;

/** A customer changed since the caller read it. Nothing was changed. */
export class CustomerVersionConflictError extends SwitchboardError<'CONFLICT'> {
  override name = 'CustomerVersionConflictError';
  constructor(customerId: string, expected: number, actual: number) {
    super(
      'CONFLICT',
      `customer '${customerId}' is at version ${actual}, not ${expected}: it changed since it was read`,
      { hint: 'Reload the customer and apply your change again.' },
    );
  }
}

/** An identity already leads to another customer. Nothing was changed. */
export class IdentityTakenError extends SwitchboardError<'CONFLICT'> {
  override name = 'IdentityTakenError';
  constructor(identity: CustomerIdentity, owner: string) {
    super(
      'CONFLICT',
      `the ${identity.kind} identity '${identity.value}' already belongs to customer '${owner}'`,
    );
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/;

/** The identity in its canonical form (phones: `+` and digits; emails: lower case). */
export function normalizeIdentity(identity: CustomerIdentity): CustomerIdentity {
  const raw = identity.value.trim();
  const value =
    identity.kind === 'phone'
      ? (raw.startsWith('+') ? '+' : '') + raw.replace(/[^0-9]/g, '')
      : identity.kind === 'email'
        ? raw.toLowerCase()
        : raw;
  return identity.kind === 'external'
    ? { kind: identity.kind, value, system: (identity.system ?? '').trim().toLowerCase() }
    : { kind: identity.kind, value };
}

const identityKey = (i: CustomerIdentity) =>
  `${i.kind}\u0000${i.kind === 'external' ? (i.system ?? '') : ''}\u0000${i.value}`;

/** Every problem of one identity at `path`. */
export function checkIdentity(identity: unknown, path: string): ValidationIssue[] {
  if (typeof identity !== 'object' || identity === null) {
    return [{ path, message: 'an identity must be an object { kind, value }' }];
  }
  const { kind, value, system } = identity as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (!(IDENTITY_KINDS as readonly unknown[]).includes(kind)) {
    issues.push({
      path: `${path}.kind`,
      message: `kind must be one of ${IDENTITY_KINDS.join(', ')}`,
    });
  }
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 320) {
    issues.push({ path: `${path}.value`, message: 'value must be a string of 1-320 characters' });
  } else if (kind === 'phone' && !/^\+?[0-9][0-9 ()./-]{2,39}$/.test(value.trim())) {
    issues.push({
      path: `${path}.value`,
      message: 'a phone number holds 3-40 digits and separators',
    });
  } else if (kind === 'email' && !/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(value.trim())) {
    issues.push({ path: `${path}.value`, message: 'an email address has the form name@domain' });
  }
  if (kind === 'external') {
    if (typeof system !== 'string' || !ID.test(system.trim())) {
      issues.push({
        path: `${path}.system`,
        message: 'an external identity names its system (an id)',
      });
    }
  } else if (system !== undefined) {
    issues.push({ path: `${path}.system`, message: 'only an external identity has a system' });
  }
  return issues;
}

function checkCustomerFields(input: {
  readonly name?: unknown;
  readonly identities?: unknown;
  readonly attributes?: unknown;
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { name, identities, attributes } = input;
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > 200)) {
    issues.push({ path: '$.name', message: 'name must be a string of at most 200 characters' });
  }
  if (identities !== undefined) {
    if (!Array.isArray(identities) || identities.length > MAX_IDENTITIES) {
      issues.push({
        path: '$.identities',
        message: `identities must be a list of at most ${MAX_IDENTITIES}`,
      });
    } else {
      identities.forEach((i, n) => issues.push(...checkIdentity(i, `$.identities[${n}]`)));
    }
  }
  if (attributes !== undefined) issues.push(...checkAttributes(attributes));
  return issues;
}

/**
 * The customers of one center, indexed by every identity, so that a phone number, an email
 * address, a chat handle or a CRM id finds the one profile behind it. Checks every input and
 * changes nothing on a refusal.
 *
 * @internal
 */
export class CustomerBook {
  private readonly customers = new Map<string, Customer>();
  private readonly byIdentity = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  add(input: NewCustomer): Customer {
    const issues = checkCustomerFields(input);
    if (input.id !== undefined && (typeof input.id !== 'string' || !ID.test(input.id))) {
      issues.push({ path: '$.id', message: 'id must match ^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$' });
    }
    if (issues.length > 0) throw new ValidationError('customer', issues);
    const id = input.id ?? this.ids('customer');
    if (this.customers.has(id)) throw new DuplicateIdError('customer', id);
    const identities = this.claim(id, input.identities ?? [], []);
    const at = this.clock.now();
    const customer: Customer = {
      id,
      name: input.name ?? null,
      identities,
      attributes: { ...input.attributes },
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    this.customers.set(id, customer);
    return customer;
  }

  get(id: string): Customer {
    const customer = this.customers.get(id);
    if (!customer) throw new NotFoundError('customer', id);
    return customer;
  }

  has(id: string): boolean {
    return this.customers.has(id);
  }

  update(id: string, change: CustomerChange): Customer {
    const current = this.get(id);
    const issues = checkCustomerFields(change);
    if (!Number.isSafeInteger(change.version) || change.version < 0) {
      issues.push({ path: '$.version', message: 'version must be a non-negative integer' });
    }
    if (issues.length > 0) throw new ValidationError('customer change', issues);
    if (change.version !== current.version) {
      throw new CustomerVersionConflictError(id, change.version, current.version);
    }
    const identities =
      change.identities === undefined
        ? current.identities
        : this.claim(id, change.identities, current.identities);
    const next: Customer = {
      ...current,
      name: change.name === undefined ? current.name : change.name,
      identities,
      attributes: change.attributes === undefined ? current.attributes : { ...change.attributes },
      updatedAt: this.clock.now(),
      version: current.version + 1,
    };
    this.customers.set(id, next);
    return next;
  }

  /** The customer an identity leads to. */
  find(identity: CustomerIdentity): Customer {
    const issues = checkIdentity(identity, '$');
    if (issues.length > 0) throw new ValidationError('customer lookup', issues);
    const normal = normalizeIdentity(identity);
    const owner = this.byIdentity.get(identityKey(normal));
    if (owner === undefined) throw new NotFoundError(`customer with ${normal.kind}`, normal.value);
    return this.get(owner);
  }

  /** Puts back a customer as an earlier run stored it (identities already normalised). */
  restore(customer: Customer): void {
    this.customers.set(customer.id, customer);
    for (const i of customer.identities) this.byIdentity.set(identityKey(i), customer.id);
  }

  /** Removes a customer and its identities (GDPR erasure). */
  remove(id: string): Customer {
    const customer = this.get(id);
    for (const i of customer.identities) this.byIdentity.delete(identityKey(i));
    this.customers.delete(id);
    return customer;
  }

  /**
   * Normalises `wanted`, checks none belongs to another customer, then moves the index from
   * `held` to it. Throws before changing anything.
   */
  private claim(
    id: string,
    wanted: readonly CustomerIdentity[],
    held: readonly CustomerIdentity[],
  ): CustomerIdentity[] {
    const out: CustomerIdentity[] = [];
    const keys = new Set<string>();
    for (const raw of wanted) {
      const normal = normalizeIdentity(raw);
      const key = identityKey(normal);
      if (keys.has(key)) continue;
      const owner = this.byIdentity.get(key);
      if (owner !== undefined && owner !== id) throw new IdentityTakenError(normal, owner);
      keys.add(key);
      out.push(normal);
    }
    for (const i of held) this.byIdentity.delete(identityKey(i));
    for (const key of keys) this.byIdentity.set(key, id);
    return out;
  }
}
