import { LitElement, html, nothing } from 'lit';
import {
  LiveView,
  type ContactCenter,
  type LiveViewSnapshot,
  type TicketListQuery,
} from '@switchboard/core/contact-center';
import type { Ticket, TicketPage, TicketStatus } from '@switchboard/core/tickets';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { SecondTicker } from '../../controllers/second-ticker.js';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding, mergeCatalogs, lookup } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import { ticketListMessages, type TicketListMessages } from './ticket-list.messages.js';
import { formatCount, formatDuration } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import { ticketListStyles } from './ticket-list.styles.js';

const messages = mergeCatalogs(commonMessages, ticketListMessages);
type Messages = CommonMessages & TicketListMessages;

/** Which tickets `<sb-ticket-list>` shows: unsolved ones, all, or one status. */
export type TicketFilter = 'unsolved' | 'all' | TicketStatus;

/** The columns `<sb-ticket-list>` sorts by. */
export const TicketSort = { created: 'created', priority: 'priority', due: 'due' } as const;
/** One of {@link TicketSort}. */
export type TicketSort = (typeof TicketSort)[keyof typeof TicketSort];

/** `detail` of `sb-ticket-select`: the user opened a ticket (Enter or click on its subject). */
export interface TicketSelectDetail {
  readonly ticketId: string;
}

/** `detail` of `sb-ticket-filter`: the user changed the filter. */
export interface TicketFilterDetail {
  readonly filter: TicketFilter;
}

const UNSOLVED: readonly TicketStatus[] = ['new', 'open', 'pending', 'on-hold'];
const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'];
const PRIORITY_RANK: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * `<sb-ticket-list>`: a live list of tickets (one page, newest first by default) with a status
 * filter, sorting by priority or SLA due time, and each ticket's SLA countdown ticking live. It
 * follows the center's ticket events and reads the page again when one arrives.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Keyboard**: Tab reaches the filter (a native picker), the sortable column headers (buttons:
 * Enter/Space sort, again to go back to newest first; the header's `aria-sort` says the order) and
 * each ticket's subject (a button: Enter/Space open it with `sb-ticket-select`).
 *
 * **Events**: `sb-ticket-select`, `sb-ticket-filter`.
 *
 * @csspart base - the whole list.
 * @csspart toolbar - the filter and the count.
 * @csspart filter - the status filter.
 * @csspart count - "N of M".
 * @csspart table - the ticket table.
 * @csspart ticket - a ticket's row (`data-ticket` holds its id).
 * @csspart subject - the subject button.
 * @csspart status - the status cell.
 * @csspart priority - the priority cell (`data-priority`).
 * @csspart requester - the requester cell.
 * @csspart sla - the SLA countdown (`data-state` holds the SLA state, `data-overdue` when late).
 * @csspart message - loading, empty and error messages.
 *
 * @cssprop --sb-color-danger - Overdue and breached countdowns.
 * @cssprop --sb-color-warning - Countdowns in the warning state (plus every token in the README).
 *
 * @example
 * ```html
 * <sb-ticket-list agent-id="alice" filter="unsolved"></sb-ticket-list>
 * ```
 */
export class SbTicketList extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = ticketListStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    agentId: { attribute: 'agent-id' },
    requesterId: { attribute: 'requester-id' },
    filter: { reflect: true },
    sort: { reflect: true },
    limit: { type: Number },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** Only tickets assigned to this agent (attribute `agent-id`). */
  declare agentId: string | undefined;
  /** Only tickets of this requester (attribute `requester-id`). */
  declare requesterId: string | undefined;
  /** Which tickets (default `unsolved`). */
  declare filter: TicketFilter;
  /** The order (default `created`, newest first). */
  declare sort: TicketSort;
  /** Page size, 1-500 (default 50). */
  declare limit: number;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source of the SLA countdowns (default the system clock). */
  declare clock: Clock;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly page = new ContactCenterController(this, {
    center: () => this.center,
    key: () => JSON.stringify(this.query()),
    open: (center, key) => {
      const query = JSON.parse(key) as TicketListQuery;
      return new LiveView<TicketPage>(center, {
        relevant: (event) => event.type.startsWith('ticket-'),
        load: (c) => c.listTickets(query),
      });
    },
    select: (s: LiveViewSnapshot<TicketPage>) => s,
  });
  private readonly ticker = new SecondTicker(this, () => this.clock);

  constructor() {
    super();
    this.filter = 'unsolved';
    this.sort = 'created';
    this.limit = 50;
    this.clock = systemClock;
  }

  override render() {
    const m = this.i18n.pick(messages);
    const s = this.page.value;
    if (!this.page.center) return this.message(m.noCenter);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.loadFailed);
    const locale = this.i18n.locale;
    const items = this.sorted(s.data.items);
    const now = this.clock.now();
    return html`<section part="base" aria-label=${m.ticketListLabel}>
      <div part="toolbar">
        <label>
          ${m.filterStatus}
          <select part="filter" @change=${this.onFilter}>
            ${(['unsolved', 'all', ...STATUSES] as TicketFilter[]).map(
              (f) =>
                html`<option value=${f} ?selected=${f === this.filter}>
                  ${
                    f === 'unsolved'
                      ? m.allOpen
                      : f === 'all'
                        ? m.allTickets
                        : lookup(m.ticketStatus, f, f)
                  }
                </option>`,
            )}
          </select>
        </label>
        <span part="count"
          >${m.ticketCount(formatCount(locale, items.length), formatCount(locale, s.data.total))}</span
        >
      </div>
      ${
        items.length === 0
          ? html`<div part="message" role="status">${m.noTickets}</div>`
          : html`<table part="table">
              <caption class="visually-hidden">
                ${m.ticketListLabel}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${m.colSubject}</th>
                  <th scope="col">${m.colStatus}</th>
                  ${this.sortHeader(m.colPriority, 'priority')}
                  <th scope="col">${m.colRequester}</th>
                  ${this.sortHeader(m.colDue, 'due')}
                </tr>
              </thead>
              <tbody>
                ${items.map((t) => this.renderTicket(m, t, now))}
              </tbody>
            </table>`
      }
    </section>`;
  }

  override updated(): void {
    const ticking = this.page.value?.data?.items.some((t) => t.sla?.nextDueAt !== undefined);
    if (ticking && this.isConnected) this.ticker.run();
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private query(): TicketListQuery {
    const status =
      this.filter === 'all' ? undefined : this.filter === 'unsolved' ? UNSOLVED : [this.filter];
    return {
      ...(status ? { status } : {}),
      ...(this.agentId ? { agentId: this.agentId } : {}),
      ...(this.requesterId ? { requesterId: this.requesterId } : {}),
      limit: this.limit,
    };
  }

  private sorted(items: readonly Ticket[]): readonly Ticket[] {
    if (this.sort === 'priority') {
      return [...items].sort(
        (a, b) => (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9),
      );
    }
    if (this.sort === 'due') {
      const due = (t: Ticket) => t.sla?.nextDueAt ?? Number.POSITIVE_INFINITY;
      return [...items].sort((a, b) => due(a) - due(b));
    }
    return items;
  }

  private sortHeader(label: string, sort: TicketSort) {
    const active = this.sort === sort;
    return html`<th scope="col" aria-sort=${active ? 'ascending' : 'none'}>
      <button @click=${() => (this.sort = active ? 'created' : sort)}>${label}</button>
    </th>`;
  }

  private renderTicket(m: Messages, t: Ticket, now: number) {
    const locale = this.i18n.locale;
    const due = t.sla?.nextDueAt;
    const state = t.sla?.state;
    const sla =
      due !== undefined
        ? due >= now
          ? m.dueIn(formatDuration(locale, due - now))
          : m.overdueBy(formatDuration(locale, now - due))
        : state === 'breached'
          ? m.slaBreached
          : state === 'paused'
            ? m.slaPaused
            : m.notAvailable;
    return html`<tr part="ticket" data-ticket=${t.id}>
      <td>
        <button part="subject" @click=${() => this.select(t.id)}>${t.subject}</button>
      </td>
      <td part="status">${lookup(m.ticketStatus, t.status, t.status)}</td>
      <td part="priority" data-priority=${t.priority}>
        ${lookup(m.priority, t.priority, t.priority)}
      </td>
      <td part="requester">${t.requesterId}</td>
      <td
        part="sla"
        data-state=${state ?? 'none'}
        ?data-overdue=${due !== undefined && due < now}
        role=${due !== undefined ? 'timer' : nothing}
      >
        ${sla}
      </td>
    </tr>`;
  }

  private select(ticketId: string): void {
    const detail: TicketSelectDetail = { ticketId };
    emit(this, 'sb-ticket-select', detail);
  }

  private readonly onFilter = (event: Event): void => {
    this.filter = (event.target as HTMLSelectElement).value as TicketFilter;
    const detail: TicketFilterDetail = { filter: this.filter };
    emit(this, 'sb-ticket-filter', detail);
  };
}
