import { LitElement, html, nothing } from 'lit';
import {
  LiveView,
  type ContactCenter,
  type LiveViewSnapshot,
  type TicketChange,
} from '@switchboard/core/contact-center';
import type {
  CommentVisibility,
  Ticket,
  TicketActor,
  TicketComment,
  TicketPriority,
  TicketStatus,
} from '@switchboard/core/tickets';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { SecondTicker } from '../../controllers/second-ticker.js';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding, lookup, mergeCatalogs, type Locale } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import { ticketDetailMessages, type TicketDetailMessages } from './ticket-detail.messages.js';
import { formatDuration } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import { ticketDetailStyles } from './ticket-detail.styles.js';

/** `detail` of the cancelable `sb-request-ticket-update`: the change about to be sent. */
export interface TicketUpdateRequestDetail {
  readonly ticketId: string;
  readonly change: TicketChange;
}

/** `detail` of the cancelable `sb-request-ticket-comment`: the comment about to be added. */
export interface TicketCommentRequestDetail {
  readonly ticketId: string;
  readonly body: string;
  readonly visibility: CommentVisibility;
}

const messages = mergeCatalogs(commonMessages, ticketDetailMessages);
type Messages = CommonMessages & TicketDetailMessages;

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'];
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
/** The longest comment the form sends (the center has its own limit). */
const MAX_COMMENT = 65_536;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDateTime(locale: Locale, at: number): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, f);
  }
  return f.format(at);
}

/**
 * `<sb-ticket-detail>`: one ticket, live: subject, status, priority and the SLA countdown
 * (ticking each second), its fields and custom fields, the description, the comments (public
 * replies and internal notes), and two forms: update (status, priority, tags) and comment. Each
 * form first raises a cancelable request event, then asks the center (`updateTicket` with the
 * version it shows, `addTicketComment`); a refusal (e.g. someone else changed the ticket) raises
 * `sb-error` and is shown in an alert. Every text from the ticket renders as text.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Keyboard**: Tab moves through the update form (status, priority, tags, "Update"), then the
 * comment form (text, reply/internal note, "Add comment"); Enter in the tags field or on a button
 * submits its form; Ctrl+Enter (or Cmd+Enter) in the comment text adds the comment.
 *
 * **Events**: `sb-request-ticket-update`, `sb-request-ticket-comment` (cancelable, before the
 * element asks the center), `sb-error` (the center refused).
 *
 * @slot actions - controls placed in the header (e.g. a close button).
 *
 * @csspart base - the whole element.
 * @csspart header - subject, SLA and actions.
 * @csspart subject - the subject heading.
 * @csspart sla - the SLA countdown (`data-state`, `data-overdue` when late).
 * @csspart fields - the field list.
 * @csspart field - one field (`data-field`).
 * @csspart description - the description text.
 * @csspart comments - the comment list.
 * @csspart comment - one comment (`data-visibility` `public` or `internal`).
 * @csspart comment-meta - a comment's author and time.
 * @csspart comment-body - a comment's text.
 * @csspart update-form - the update form.
 * @csspart comment-form - the comment form.
 * @csspart input - each form control.
 * @csspart button - each submit button.
 * @csspart error - the alert shown when the center refused.
 * @csspart message - loading, missing and error messages.
 *
 * @cssprop --sb-color-danger - Overdue countdowns and the error alert.
 * @cssprop --sb-color-warning - Countdowns in the warning state; internal notes' edge (plus every token in the README).
 *
 * @example
 * ```html
 * <sb-ticket-detail ticket-id="t-42" agent-id="alice"></sb-ticket-detail>
 * ```
 */
export class SbTicketDetail extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = ticketDetailStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    ticketId: { attribute: 'ticket-id', reflect: true },
    agentId: { attribute: 'agent-id' },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
    failure: { state: true },
    pending: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The ticket shown (attribute `ticket-id`). */
  declare ticketId: string | undefined;
  /** The agent who acts (attribute `agent-id`): updates and comments are recorded as theirs. */
  declare agentId: string | undefined;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source of the SLA countdown (default the system clock). */
  declare clock: Clock;
  declare private failure: string | undefined;
  declare private pending: boolean;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly ticket = new ContactCenterController(this, {
    center: () => this.center,
    key: () => this.ticketId || undefined,
    open: (center, ticketId) =>
      new LiveView<Ticket>(center, {
        relevant: (event) =>
          event.type.startsWith('ticket-') &&
          (event as { ticketId?: unknown }).ticketId === ticketId,
        load: (c) => c.getTicket(ticketId),
      }),
    select: (s: LiveViewSnapshot<Ticket>) => s,
  });
  private readonly ticker = new SecondTicker(this, () => this.clock);

  constructor() {
    super();
    this.clock = systemClock;
    this.pending = false;
  }

  override render() {
    const m = this.i18n.pick(messages);
    const s = this.ticket.value;
    if (!this.ticket.center) return this.message(m.noCenter);
    if (!this.ticketId) return this.message(m.ticketDetail.noTicket);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.ticketDetail.notFound);
    const t = s.data;
    const d = m.ticketDetail;
    return html`<article part="base" aria-labelledby="subject">
      <header part="header">
        <h2 part="subject" id="subject">${t.subject}</h2>
        ${this.renderSla(m, t)}
        <slot name="actions"></slot>
      </header>
      ${this.renderFields(m, t)}
      <section aria-label=${d.description}>
        <h3>${d.description}</h3>
        <p part="description">${t.description || m.notAvailable}</p>
      </section>
      <section aria-label=${d.comments}>
        <h3>${d.commentsCount(String(t.comments.length))}</h3>
        ${
          t.comments.length === 0
            ? html`<p part="message">${d.noComments}</p>`
            : html`<ol part="comments">
                ${t.comments.map((c) => this.renderComment(m, c))}
              </ol>`
        }
      </section>
      ${this.failure ? html`<div part="error" role="alert">${this.failure}</div>` : nothing}
      ${this.renderUpdateForm(m, t)} ${this.renderCommentForm(m, t)}
    </article>`;
  }

  override updated(): void {
    if (this.ticket.value?.data?.sla?.nextDueAt !== undefined && this.isConnected)
      this.ticker.run();
    else this.ticker.stop();
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private renderSla(m: Messages, t: Ticket) {
    const now = this.clock.now();
    const locale = this.i18n.locale;
    const due = t.sla?.nextDueAt;
    const state = t.sla?.state;
    if (!t.sla || state === 'none') return nothing;
    const text =
      due !== undefined
        ? due >= now
          ? m.ticketDetail.dueIn(formatDuration(locale, due - now))
          : m.ticketDetail.overdueBy(formatDuration(locale, now - due))
        : state === 'breached'
          ? m.ticketDetail.slaBreached
          : state === 'paused'
            ? m.ticketDetail.slaPaused
            : m.ticketDetail.slaMet;
    return html`<span
      part="sla"
      data-state=${state ?? 'none'}
      ?data-overdue=${due !== undefined && due < now}
      role=${due !== undefined ? 'timer' : nothing}
      aria-label=${`${m.ticketDetail.sla}: ${text}`}
      >${text}</span
    >`;
  }

  private renderFields(m: Messages, t: Ticket) {
    const d = m.ticketDetail;
    const locale = this.i18n.locale;
    const rows: [string, string, string][] = [
      ['status', m.ticketDetail.status, lookup(m.ticketStatus, t.status, t.status)],
      ['priority', m.ticketDetail.priority, lookup(m.priority, t.priority, t.priority)],
      ['type', d.type, t.type],
      ['requester', m.ticketDetail.requester, t.requesterId],
      ['agent', d.assignee, t.agentId ?? d.unassigned],
      [
        'channel',
        d.channel,
        lookup(m.channel, t.channel, lookup(d.channels, t.channel, t.channel)),
      ],
      ['tags', d.tags, t.tags.length > 0 ? t.tags.join(', ') : m.notAvailable],
      ['created', d.created, formatDateTime(locale, t.createdAt)],
      ['updated', d.updated, formatDateTime(locale, t.updatedAt)],
    ];
    for (const [key, value] of Object.entries(t.fields)) {
      rows.push([`fields.${key}`, key, value === null ? m.notAvailable : String(value)]);
    }
    return html`<dl part="fields">
      ${rows.map(
        ([field, label, value]) =>
          html`<div part="field" data-field=${field}>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>`;
  }

  private renderComment(m: Messages, c: TicketComment) {
    const d = m.ticketDetail;
    const who =
      c.author.kind === 'agent'
        ? d.byAgent(c.author.id ?? '')
        : c.author.kind === 'customer'
          ? d.byCustomer(c.author.id ?? '')
          : d.bySystem;
    return html`<li part="comment" data-visibility=${c.visibility}>
      <div part="comment-meta">
        ${who} · ${formatDateTime(this.i18n.locale, c.at)}
        ${c.visibility === 'internal' ? html`· <strong>${d.internalNote}</strong>` : nothing}
      </div>
      <p part="comment-body">${c.body}</p>
      ${
        c.attachments.length > 0
          ? html`<ul class="attachments">
              ${c.attachments.map((a) => html`<li>${a.name}</li>`)}
            </ul>`
          : nothing
      }
    </li>`;
  }

  private renderUpdateForm(m: Messages, t: Ticket) {
    const d = m.ticketDetail;
    return html`<form part="update-form" aria-label=${d.updateTitle} @submit=${this.onUpdate}>
      <label
        >${m.ticketDetail.status}
        <select part="input" name="status">
          ${STATUSES.map(
            (s) =>
              html`<option value=${s} ?selected=${s === t.status}>
                ${lookup(m.ticketStatus, s, s)}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${m.ticketDetail.priority}
        <select part="input" name="priority">
          ${PRIORITIES.map(
            (p) =>
              html`<option value=${p} ?selected=${p === t.priority}>
                ${lookup(m.priority, p, p)}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${d.tags}
        <input
          part="input"
          name="tags"
          .value=${t.tags.join(', ')}
          aria-describedby="tags-hint"
          autocomplete="off"
        />
      </label>
      <span id="tags-hint" class="hint">${d.tagsHint}</span>
      <button part="button" type="submit" ?disabled=${this.pending}>${d.update}</button>
    </form>`;
  }

  private renderCommentForm(m: Messages, _t: Ticket) {
    const d = m.ticketDetail;
    return html`<form part="comment-form" aria-label=${d.commentTitle} @submit=${this.onComment}>
      <label for="comment-body">${d.commentLabel}</label>
      <textarea
        part="input"
        id="comment-body"
        name="body"
        rows="3"
        maxlength=${MAX_COMMENT}
        required
        @keydown=${this.onCommentKey}
      ></textarea>
      <label
        >${d.visibility}
        <select part="input" name="visibility">
          <option value="public">${d.publicReply}</option>
          <option value="internal">${d.internalNote}</option>
        </select>
      </label>
      <button part="button" type="submit" ?disabled=${this.pending}>${d.addComment}</button>
    </form>`;
  }

  private actor(): TicketActor | undefined {
    return this.agentId ? { kind: 'agent', id: this.agentId } : undefined;
  }

  private readonly onCommentKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  private readonly onUpdate = (event: Event): void => {
    event.preventDefault();
    const t = this.ticket.value?.data;
    if (!t) return;
    const form = event.target as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as TicketStatus;
    const priority = (form.elements.namedItem('priority') as HTMLSelectElement)
      .value as TicketPriority;
    const tags = parseTags((form.elements.namedItem('tags') as HTMLInputElement).value);
    const actor = this.actor();
    const fields = {
      ...(status !== t.status ? { status } : {}),
      ...(priority !== t.priority ? { priority } : {}),
      ...(tags.join(',') !== t.tags.join(',') ? { tags } : {}),
    };
    if (Object.keys(fields).length === 0) return;
    const change: TicketChange = { version: t.version, ...fields, ...(actor ? { actor } : {}) };
    const detail: TicketUpdateRequestDetail = { ticketId: t.id, change };
    void this.run('update', 'sb-request-ticket-update', detail, (c) =>
      c.updateTicket(t.id, change),
    );
  };

  private readonly onComment = (event: Event): void => {
    event.preventDefault();
    const t = this.ticket.value?.data;
    if (!t) return;
    const form = event.target as HTMLFormElement;
    const field = form.elements.namedItem('body') as HTMLTextAreaElement;
    const body = field.value.trim();
    if (!body) return;
    const visibility = (form.elements.namedItem('visibility') as HTMLSelectElement)
      .value as CommentVisibility;
    const author = this.actor();
    const detail: TicketCommentRequestDetail = { ticketId: t.id, body, visibility };
    void this.run('comment', 'sb-request-ticket-comment', detail, async (c) => {
      await c.addTicketComment(t.id, { body, visibility, ...(author ? { author } : {}) });
      field.value = '';
    });
  };

  private async run(
    action: 'update' | 'comment',
    type: `sb-request-${string}`,
    detail: TicketUpdateRequestDetail | TicketCommentRequestDetail,
    command: (center: ContactCenter) => Promise<unknown>,
  ): Promise<void> {
    const center = this.ticket.center;
    if (!center || this.pending) return;
    if (!emit(this, type, detail)) return;
    this.pending = true;
    this.failure = undefined;
    try {
      await command(center);
    } catch (error) {
      const d = this.i18n.pick(messages).ticketDetail;
      this.failure = action === 'update' ? d.updateFailed : d.commentFailed;
      const failure: WidgetErrorDetail = { action: `ticket-${action}`, error };
      emit(this, 'sb-error', failure);
    } finally {
      this.pending = false;
    }
  }
}

/** Tags from "a, b c": split on commas and spaces, lower case, unique, sorted. @internal */
export function parseTags(text: string): string[] {
  const tags = new Set<string>();
  for (const raw of text.split(/[\s,]+/)) {
    const tag = raw.trim().toLowerCase();
    if (tag) tags.add(tag);
  }
  return [...tags].sort();
}
