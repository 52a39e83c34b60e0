import type {
  ContactCenter,
  ContactCenterEvent,
  CustomerIdentity,
} from '@switchboard/core/contact-center';
import type { AttributeValue, Channel, InteractionState } from '@switchboard/core/interactions';
import type { Unsubscribe } from '@switchboard/core/shared';
import type { TicketPriority, TicketStatus } from '@switchboard/core/tickets';

/** A link to the customer's record in another system (a CRM), shown on the card. */
export interface CrmLink {
  /** The text of the link, e.g. `HubSpot`. */
  readonly label: string;
  /** Where it leads; only `http:` and `https:` URLs become links (others show as text). */
  readonly url: string;
  /** The system, e.g. `hubspot` (for the `sb-request-crm-open` event). */
  readonly system?: string;
}

/** One contact of the customer, on any channel. */
export interface CustomerCardInteraction {
  readonly id: string;
  readonly channel: Channel;
  readonly status: InteractionState;
  readonly createdAt: number;
  readonly queueId?: string;
  readonly agentId?: string;
  /** The disposition recorded at wrap-up, if any. */
  readonly disposition?: string | null;
}

/** One ticket of the customer. */
export interface CustomerCardTicket {
  readonly id: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly priority: TicketPriority;
  readonly updatedAt: number;
}

/** Everything `<sb-customer-card>` shows about one customer. */
export interface CustomerCardData {
  readonly id: string;
  readonly name: string | null;
  readonly identities: readonly CustomerIdentity[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Contacts on every channel, in any order (the card shows the newest first). */
  readonly interactions: readonly CustomerCardInteraction[];
  /** Tickets, in any order (the card shows open ones first, then the newest). */
  readonly tickets: readonly CustomerCardTicket[];
  readonly links: readonly CrmLink[];
}

/**
 * Where `<sb-customer-card>` gets its data: the default reads a {@link ContactCenter}
 * ({@link contactCenterCustomerProvider}); a CRM integration can supply its own (e.g. reading
 * Salesforce or HubSpot and merging the center's interactions).
 *
 * @example
 * ```ts
 * const fromCrm: CustomerCardProvider = {
 *   load: async (id) => {
 *     const contact = (await (await fetch(`/crm/contacts/${id}`)).json()) as { name: string };
 *     return {
 *       id,
 *       name: contact.name,
 *       identities: [],
 *       attributes: {},
 *       interactions: [],
 *       tickets: [],
 *       links: [{ label: 'Open in CRM', url: `https://crm.example/contacts/${id}` }],
 *     };
 *   },
 * };
 * document.querySelector<SbCustomerCard>('sb-customer-card')!.provider = fromCrm;
 * ```
 */
export interface CustomerCardProvider {
  /** The card of one customer; rejects when there is none. */
  load(customerId: string): Promise<CustomerCardData>;
  /** The customer id an identity (the caller's number, an email address) leads to. */
  find?(identity: CustomerIdentity): Promise<string>;
  /** Calls `onChange` when the customer's card may have changed; returns the unsubscribe. */
  watch?(customerId: string, onChange: () => void): Unsubscribe;
}

/** Options of {@link contactCenterCustomerProvider}. */
export interface ContactCenterCustomerProviderOptions {
  /**
   * Record URLs per external system: for each `external` identity whose `system` is a key, a link
   * to `url(recordId)` labelled with `label` (default the system name).
   */
  readonly crm?: Readonly<
    Record<string, { readonly label?: string; readonly url: (recordId: string) => string }>
  >;
  /** At most this many interactions (newest) and tickets per card; default 20. */
  readonly limit?: number;
}

/**
 * The default {@link CustomerCardProvider}: the center's unified customer view
 * (`getCustomerView`: profile, interactions and tickets), `findCustomer` for identities, and the
 * center's events for changes (only events about the customer's own interactions and tickets, or
 * new ones for it, trigger a reload; profile edits publish no event, so a card shows them on its
 * next reload).
 *
 * @example
 * ```ts
 * const card = document.querySelector<SbCustomerCard>('sb-customer-card')!;
 * card.provider = contactCenterCustomerProvider(center, {
 *   crm: { hubspot: { label: 'HubSpot', url: (id) => `https://app.hubspot.com/contacts/1/record/0-1/${id}` } },
 * });
 * ```
 */
export function contactCenterCustomerProvider(
  center: ContactCenter,
  options: ContactCenterCustomerProviderOptions = {},
): CustomerCardProvider {
  const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 20)));
  const known = new Map<string, Set<string>>();
  return {
    async load(customerId) {
      const view = await center.getCustomerView(customerId);
      const c = view.customer;
      const interactions = [...view.interactions]
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit)
        .map((i): CustomerCardInteraction => ({
          id: i.id,
          channel: i.channel,
          status: i.status,
          createdAt: i.createdAt,
          ...(i.queueId === undefined ? {} : { queueId: i.queueId }),
          ...(i.agentId === undefined ? {} : { agentId: i.agentId }),
          disposition: i.disposition,
        }));
      const tickets = view.tickets.slice(0, limit).map((t): CustomerCardTicket => ({
        id: t.id,
        subject: t.subject,
        status: t.status,
        priority: t.priority,
        updatedAt: t.updatedAt,
      }));
      known.set(
        customerId,
        new Set([...view.interactions.map((i) => i.id), ...view.tickets.map((t) => t.id)]),
      );
      const links: CrmLink[] = [];
      for (const identity of c.identities) {
        const system = identity.system;
        if (identity.kind !== 'external' || system === undefined) continue;
        if (!options.crm || !Object.prototype.hasOwnProperty.call(options.crm, system)) continue;
        const crm = options.crm[system];
        if (crm) links.push({ label: crm.label ?? system, url: crm.url(identity.value), system });
      }
      return {
        id: c.id,
        name: c.name,
        identities: c.identities,
        attributes: c.attributes,
        interactions,
        tickets,
        links,
      };
    },
    async find(identity) {
      return (await center.findCustomer(identity)).id;
    },
    watch(customerId, onChange) {
      return center.subscribeEvents(({ event }) => {
        // The card shows no transcript: a chat message changes nothing on it.
        if (event.type === 'transcript-message-added') return;
        if (concernsCustomer(event, customerId, known.get(customerId))) onChange();
      });
    },
  };
}

function concernsCustomer(
  event: ContactCenterEvent,
  customerId: string,
  ids: ReadonlySet<string> | undefined,
): boolean {
  const e = event as {
    interactionId?: unknown;
    ticketId?: unknown;
    requesterId?: unknown;
    customerId?: unknown;
  };
  if (e.requesterId === customerId || e.customerId === customerId) return true;
  if (typeof e.interactionId === 'string' && ids?.has(e.interactionId)) return true;
  return typeof e.ticketId === 'string' && (ids?.has(e.ticketId) ?? false);
}
