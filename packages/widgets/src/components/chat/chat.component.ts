import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import {
  watchAgent,
  type AgentDesk,
  type ContactCenter,
  type LiveViewSnapshot,
  type TranscriptAuthor,
  type TranscriptMessage,
} from '@switchboard/core/contact-center';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { contactCenterContext } from '../../context/contact-center-context.js';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { formatCount } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import { chatMessages, type ChatMessages } from './chat.messages.js';
import {
  ChatFollower,
  refreshInterval,
  type ChatConnection,
  type ChatSnapshot,
} from './chat-follower.js';
import { clearComposer, composerText, renderComposer, renderTranscript } from './chat-parts.js';
import { DEFAULT_MAX_LENGTH, composerLimit } from './composer-limit.js';
import { chatStyles } from './chat.styles.js';

/** `detail` of the cancelable `sb-request-send`: the text about to be stored with the chat. */
export interface ChatSendRequestDetail {
  readonly interactionId: string;
  readonly text: string;
}

/** `detail` of `sb-message`: a message new to the element (live, after the first read). */
export interface ChatMessageDetail {
  readonly interactionId: string;
  readonly message: TranscriptMessage;
}

/** `detail` of `sb-typing`: this element's user started or stopped typing. */
export interface ChatTypingDetail {
  readonly interactionId: string;
  readonly typing: boolean;
}

/** `detail` of `sb-connection`: the element lost or regained its center. */
export interface ChatConnectionDetail {
  readonly state: ChatConnection;
}

const REPLYABLE = new Set(['connected', 'held']);
const ENDED = new Set(['wrap-up', 'completed', 'abandoned', 'transferred']);

/**
 * `<sb-chat>`: the agent's side of a chat interaction: the transcript (live: new messages appear as
 * the customer writes them), the customer's typing indicator, and a composer that stores the
 * agent's messages with the interaction through the center (`addTranscriptMessage`). Every message
 * is rendered as text. The composer is open while the chat is connected or on hold.
 *
 * Without `interaction-id` it shows the chat agent `agent-id` has in hand (connected or on hold,
 * else offered, else in wrap-up) and follows the agent to the next one.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`. New
 * messages are pushed: the element reads the transcript once when it binds to a chat, then
 * appends each `transcript-message-added` event of the center's stream as it arrives, and reads
 * the interaction again on its other events (accepted, held, ended). Nothing polls: the stream
 * resumes without gaps after a reconnection (the remote center's does by itself). `refresh-ms` is
 * an opt-in fallback for a center whose stream does not carry the chat's events (a custom
 * `ContactCenter`, or a token that sees another agent's scope): the transcript is then also read
 * every `refresh-ms` on the element's `clock`. The customer's typing is set by the host
 * (`customer-typing`, e.g. from `<sb-webchat>`'s `sb-typing`); the stream has no typing events.
 *
 * **Keyboard**: Tab reaches the transcript (a scrollable log: arrow keys and Page Up/Down scroll
 * it), the message field, the `actions` slot and Send. In the message field Enter sends,
 * Shift+Enter starts a new line, and Enter while an input method composes (Chinese, Japanese) is
 * left to the input method. New messages are announced (the transcript is a polite live region);
 * a failed send is announced as an alert and the text is kept.
 *
 * **Events**: `sb-request-send` (cancelable, before the message goes to the center),
 * `sb-message` (a new message arrived), `sb-typing` (the agent started or stopped typing),
 * `sb-connection` (center unreachable or back), `sb-error` (`send` or `load` refused).
 *
 * @slot header - replaces the heading (the customer's name).
 * @slot empty - shown in the transcript while it has no message.
 * @slot actions - beside the Send button (canned replies, attachments).
 *
 * @csspart base - the element's frame.
 * @csspart header - the heading row.
 * @csspart title - the heading.
 * @csspart status - the chat's state (not yet accepted, ended).
 * @csspart connection - the reconnecting notice.
 * @csspart transcript - the log of messages (scrolls).
 * @csspart messages - the ordered list inside it.
 * @csspart empty - the transcript's empty line.
 * @csspart message - each message; also `message-own` (the agent's) or `message-other`.
 * @csspart meta - a message's author and time.
 * @csspart author - who wrote a message.
 * @csspart time - when it was written.
 * @csspart text - the message text.
 * @csspart typing - the customer's typing indicator (a polite live region).
 * @csspart composer - the composer form.
 * @csspart input - the message field.
 * @csspart counter - characters used of the limit.
 * @csspart send - the Send button.
 * @csspart error - a failed send.
 *
 * @cssprop --sb-chat-max-height - the transcript's tallest size before it scrolls (default 24em).
 * @cssprop --sb-color-surface - Background (plus every token in the package README).
 *
 * @example
 * ```html
 * <sb-chat agent-id="alice" interaction-id="ix-42"></sb-chat>
 * ```
 */
export class SbChat extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = chatStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    interactionId: { attribute: 'interaction-id' },
    agentId: { attribute: 'agent-id' },
    maxLength: { attribute: 'max-length', type: Number },
    customerTyping: { attribute: 'customer-typing', type: Boolean, reflect: true },
    refreshMs: { attribute: 'refresh-ms', type: Number },
    clock: { attribute: false },
    locale: { reflect: true },
    theme: { reflect: true },
    snap: { state: true },
    pending: { state: true },
    failed: { state: true },
    length: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The chat interaction shown (attribute `interaction-id`); default the agent's chat in hand. */
  declare interactionId: string | undefined;
  /** The agent writing (attribute `agent-id`): stored with each message it sends. */
  declare agentId: string | undefined;
  /** Most characters of one message (attribute `max-length`; default 2000, at most 10,000). */
  declare maxLength: number;
  /** Whether the customer is typing now (attribute `customer-typing`), set by the host. */
  declare customerTyping: boolean;
  /**
   * Opt-in fallback: also read the transcript every this many milliseconds (attribute
   * `refresh-ms`; at least 100). Default 0: no polling, messages arrive as events.
   */
  declare refreshMs: number;
  /** The clock of the refresh and retry timers; default the system clock (tests pass a virtual one). */
  declare clock: Clock;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  declare private snap: ChatSnapshot | undefined;
  declare private pending: boolean;
  declare private failed: string | undefined;
  declare private length: number;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  // Without an interaction-id: the agent's chat in hand (connected or held, else offered).
  private readonly desk = new ContactCenterController(this, {
    center: () => this.center,
    key: () => (this.interactionId ? undefined : this.agentId || undefined),
    open: (center, agentId) => watchAgent(center, agentId),
    select: (s: LiveViewSnapshot<AgentDesk>) => currentChat(s.data),
  });
  private contextCenter: ContactCenter | undefined;
  private follower: ChatFollower | undefined;
  private bound: string | undefined;
  private boundCenter: ContactCenter | undefined;
  private typing = false;

  constructor() {
    super();
    this.maxLength = DEFAULT_MAX_LENGTH;
    this.customerTyping = false;
    this.refreshMs = 0;
    this.clock = systemClock;
    this.pending = false;
    this.length = 0;
    new ContextConsumer(this, {
      context: contactCenterContext,
      subscribe: true,
      callback: (center) => {
        this.contextCenter = center ?? undefined;
        this.requestUpdate();
      },
    });
  }

  private get activeCenter(): ContactCenter | undefined {
    return this.center ?? this.contextCenter;
  }

  /** The chat shown: `interaction-id`, else the agent's chat in hand. */
  private get chatId(): string | undefined {
    return this.interactionId || this.desk.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unbind();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const center = this.activeCenter;
    const key =
      center && this.chatId && this.isConnected
        ? JSON.stringify([this.chatId, this.refreshMs])
        : undefined;
    if (key === this.bound && center === this.boundCenter && !changed.has('clock')) return;
    this.unbind();
    if (!center || !key || !this.chatId) return;
    this.bound = key;
    this.boundCenter = center;
    const interactionId = this.chatId;
    let first = true;
    const follower = new ChatFollower({
      center,
      interactionId,
      clock: this.clock,
      refreshMs: refreshInterval(this.refreshMs),
      onChange: (snapshot, added) => {
        if (follower !== this.follower) return;
        const was = this.snap?.connection;
        this.snap = snapshot;
        if (
          was !== undefined &&
          was !== snapshot.connection &&
          snapshot.connection !== 'connecting'
        ) {
          emit(this, 'sb-connection', {
            state: snapshot.connection,
          } satisfies ChatConnectionDetail);
        }
        if (!first) {
          for (const message of added) {
            emit(this, 'sb-message', { interactionId, message } satisfies ChatMessageDetail);
          }
        }
        if (snapshot.interaction) first = false;
        this.scrollOnUpdate = added.length > 0;
      },
      onError: (error) => {
        if (follower !== this.follower) return;
        this.failed = this.i18n.pick(chatMessages).chatMissing;
        emit(this, 'sb-error', { action: 'load', error } satisfies WidgetErrorDetail);
      },
    });
    this.follower = follower;
    follower.start();
  }

  private scrollOnUpdate = false;

  protected override updated(): void {
    if (!this.scrollOnUpdate) return;
    this.scrollOnUpdate = false;
    const log = this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
    if (log) log.scrollTop = log.scrollHeight;
  }

  private unbind(): void {
    this.follower?.dispose();
    this.follower = undefined;
    this.bound = undefined;
    this.boundCenter = undefined;
    this.snap = undefined;
    this.failed = undefined;
  }

  override render() {
    const m = this.i18n.pick(chatMessages);
    if (!this.activeCenter) return this.message(m.noCenter);
    if (!this.chatId) return this.message(m.noChat);
    const snap = this.snap;
    if (!snap?.interaction) return this.message(this.failed ?? m.loading);
    const ix = snap.interaction;
    const name = ix.attributes['name'];
    const customer = typeof name === 'string' && name ? name : m.customer;
    const replyable = REPLYABLE.has(ix.status);
    const status = ENDED.has(ix.status) ? m.ended : replyable ? '' : m.notYetConnected;
    const max = composerLimit(this.maxLength);
    return html`<section part="base" aria-label=${m.chatWith(customer)}>
      <div part="header">
        <slot name="header"><h2 part="title">${m.chatWith(customer)}</h2></slot>
        ${status ? html`<span part="status" role="status">${status}</span>` : nothing}
      </div>
      ${
        snap.connection === 'reconnecting'
          ? html`<p part="connection" role="status">${m.reconnecting}</p>`
          : nothing
      }
      ${renderTranscript(
        this.i18n.locale,
        snap.messages,
        {
          transcriptLabel: m.transcript,
          author: (msg) => this.author(m, msg, customer),
          side: (from: TranscriptAuthor) => (from === 'agent' ? 'own' : 'other'),
        },
        html`<slot name="empty">${m.noMessages}</slot>`,
      )}
      <p part="typing" aria-live="polite">
        ${this.customerTyping && replyable ? m.customerTyping(customer) : nothing}
      </p>
      ${renderComposer({
        label: m.composerLabel,
        placeholder: m.placeholder,
        send: m.send,
        counter: m.counter(
          formatCount(this.i18n.locale, this.length),
          formatCount(this.i18n.locale, max),
        ),
        hint: m.composerHint,
        maxLength: max,
        disabled: !replyable,
        pending: this.pending,
        error: this.failed,
        onSubmit: this.onSubmit,
        onInput: this.onInput,
      })}
    </section>`;
  }

  private author(m: ChatMessages, message: TranscriptMessage, customer: string): string {
    switch (message.from) {
      case 'customer':
        return customer;
      case 'agent':
        return message.agentId !== undefined && message.agentId !== this.agentId ? m.agent : m.you;
      case 'bot':
        return m.bot;
      default:
        return m.system;
    }
  }

  private message(text: string) {
    return html`<div part="base status" role="status">${text}</div>`;
  }

  private readonly onInput = (event: Event): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    this.length = value.length;
    this.setTyping(value.trim().length > 0);
  };

  private setTyping(typing: boolean): void {
    if (typing === this.typing || !this.chatId) return;
    this.typing = typing;
    emit(this, 'sb-typing', {
      interactionId: this.chatId,
      typing,
    } satisfies ChatTypingDetail);
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.send(composerText(event, composerLimit(this.maxLength)));
  };

  private async send(text: string): Promise<void> {
    const center = this.activeCenter;
    const interactionId = this.chatId;
    const follower = this.follower;
    if (!center || !interactionId || !follower || this.pending || !text) return;
    if (!emit(this, 'sb-request-send', { interactionId, text } satisfies ChatSendRequestDetail)) {
      return;
    }
    this.pending = true;
    this.failed = undefined;
    try {
      const stored = await center.addTranscriptMessage(interactionId, {
        from: 'agent',
        text,
        ...(this.agentId ? { agentId: this.agentId } : {}),
      });
      clearComposer(this.renderRoot);
      this.length = 0;
      this.setTyping(false);
      follower.add(stored);
    } catch (error) {
      this.failed = this.i18n.pick(chatMessages).sendFailed;
      emit(this, 'sb-error', { action: 'send', error } satisfies WidgetErrorDetail);
    } finally {
      this.pending = false;
    }
  }
}

function currentChat(desk: AgentDesk | undefined): string | undefined {
  const chats = (desk?.interactions ?? []).filter((i) => i.channel === 'chat');
  const first = (...statuses: string[]) => chats.find((i) => statuses.includes(i.status));
  return (first('connected', 'held') ?? first('offered') ?? first('wrap-up'))?.id;
}
