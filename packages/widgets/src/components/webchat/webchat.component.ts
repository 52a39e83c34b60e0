import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ContactCenter } from '@switchboard/core/contact-center';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { contactCenterContext } from '../../context/contact-center-context.js';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { emit } from '../../internal/events.js';
import { DEFAULT_MAX_LENGTH } from '../chat/composer-default.js';
import type { PrechatProblems, PrechatValues } from './prechat.js';
import type { WebchatSession } from './webchat-session.js';
import { webchatLauncherMessages } from './webchat-launcher.messages.js';
import { webchatStyles } from './webchat.styles.js';

/** `detail` of the cancelable `sb-request-start`: the pre-chat answers, valid. */
export type WebchatStartRequestDetail = PrechatValues;

/** `detail` of `sb-form-invalid`: the refused fields and why. */
export interface WebchatInvalidDetail {
  readonly problems: PrechatProblems;
}

/** `detail` of `sb-chat-queued`: the chat interaction was created and waits for an agent. */
export interface WebchatQueuedDetail {
  readonly interactionId: string;
  readonly queueId: string;
}

/** `detail` of `sb-toggle`: the chat window opened or closed. */
export interface WebchatToggleDetail {
  readonly open: boolean;
}

/** `detail` of the cancelable `sb-request-end-chat`: the customer ends the chat. */
export interface WebchatEndRequestDetail {
  readonly interactionId: string;
}

/**
 * `<sb-webchat>`: the customer's chat for a website. A launcher button opens the chat window: a
 * pre-chat form (name, email address, question; each refused field says why), then the bot's
 * steps from an IVR flow of the center (`flow-id`, run by core's IVR interpreter; a menu's options
 * become buttons), then the chat itself once the flow queues the customer (or straight to
 * `queue-id` without a flow): a `chat` interaction is created, the question and the bot's
 * conversation are stored with it, and the customer writes to the agent. The transcript is live,
 * the agent's typing shows (`agent-typing`, set by the host), and a notice tells the customer when
 * the center cannot be reached and when it is back. Every message renders as text.
 *
 * It works through the `ContactCenter` interface only: a local center or `@switchboard/client`'s
 * remote one, from the `center` property or the enclosing `<sb-contact-center>`. Against a server,
 * give it a remote center with a **customer token**: the website's backend mints one per visitor
 * (`POST /v1/customer-tokens`, see the server's README) and the page's `getToken` returns it. That
 * token reaches only the visitor's own chats (never a staff token in a public page: it sees the
 * whole tenant); with it, leave `customer-id` unset and use flows whose enqueue sets no priority
 * (the server decides those, not the visitor's page). The agent's messages are pushed: once the
 * chat is queued the element reads its transcript, then appends each `transcript-message-added`
 * event of the center's stream as it arrives; nothing polls. A customer token's event stream
 * carries its chat's messages and lifecycle, so no `refresh-ms` is needed; so does a local center.
 * For a center whose stream does not (e.g. a token scoped to one agent), `refresh-ms` is the opt-in
 * fallback: the transcript is then also read every `refresh-ms` on the element's `clock`.
 *
 * The window's content (form, bot, chat) loads the first time the window opens, or when the
 * pointer or focus reaches the launcher: a page pays only for the launcher up front.
 *
 * **Keyboard**: Tab reaches the launcher (Enter/Space opens or closes the window; opening moves
 * focus into it), the form fields and Start, the bot's option buttons (Up/Down move between them,
 * the option's key, e.g. `1`, picks it), the transcript (a scrollable log), the message field
 * (Enter sends, Shift+Enter starts a new line, an input method's Enter is left to it), Send and End
 * chat. Escape anywhere in the window closes it and gives focus back to the launcher. A refused
 * form moves focus to the first refused field.
 *
 * **Events**: `sb-toggle` (window opened or closed), `sb-form-invalid`, `sb-request-start`
 * (cancelable), `sb-ivr-choice` (an option picked), `sb-chat-queued`, `sb-request-send`
 * (cancelable), `sb-message` (a new message), `sb-typing` (the customer started or stopped
 * typing), `sb-connection` (center unreachable or back), `sb-request-end-chat` (cancelable), `sb-error`.
 *
 * @slot launcher - the launcher button's content (default "Chat with us").
 * @slot header - replaces the window's heading.
 * @slot intro - replaces the line above the pre-chat form.
 *
 * @csspart launcher - the launcher button.
 * @csspart panel - the chat window.
 * @csspart header - the window's heading row; `title` the heading, `close` its close button.
 * @csspart title - the window's heading.
 * @csspart close - the close button.
 * @csspart form - the pre-chat form; `field` each label, `field-input` each input.
 * @csspart field - a form field with its label.
 * @csspart field-input - a form field's input.
 * @csspart field-error - a field's problem.
 * @csspart form-error - the form's summary of problems (an alert).
 * @csspart start - the Start chat button.
 * @csspart choices - the bot's options; `choice` each option button.
 * @csspart choice - one option of the bot.
 * @csspart bot-form - the bot's question form; `bot-input` its field.
 * @csspart bot-input - the field of a bot's question.
 * @csspart restart - Start again / Start a new chat.
 * @csspart status - the chat's state (waiting, connected, ended).
 * @csspart connection - the reconnecting notice.
 * @csspart transcript - the log of messages; `messages` its list, `message` each message (also `message-own` or `message-other`), `meta`, `author`, `time`, `text` its pieces.
 * @csspart messages - the list of messages.
 * @csspart message - one message.
 * @csspart meta - a message's author and time.
 * @csspart author - who wrote a message.
 * @csspart time - when it was written.
 * @csspart text - a message's text.
 * @csspart empty - the transcript's empty line.
 * @csspart typing - the agent's typing indicator (a polite live region).
 * @csspart composer - the message form; `input`, `counter`, `send`, `error` its pieces.
 * @csspart input - the message field.
 * @csspart counter - characters used of the limit.
 * @csspart send - the Send button.
 * @csspart error - a failed send or start, or the window's content failing to load.
 * @csspart end - the End chat button.
 *
 * @cssprop --sb-webchat-width - the window's width (default min(24rem, 100vw - 2rem)).
 * @cssprop --sb-chat-max-height - the transcript's tallest size before it scrolls (default 24em).
 * @cssprop --sb-color-accent - the launcher's colour (plus every token in the package README).
 *
 * @example
 * ```html
 * <sb-webchat flow-id="web-bot" queue-id="support"></sb-webchat>
 * ```
 */
export class SbWebchat extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = webchatStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    open: { type: Boolean, reflect: true },
    flowId: { attribute: 'flow-id' },
    queueId: { attribute: 'queue-id' },
    language: {},
    customerId: { attribute: 'customer-id' },
    maxLength: { attribute: 'max-length', type: Number },
    agentTyping: { attribute: 'agent-typing', type: Boolean, reflect: true },
    refreshMs: { attribute: 'refresh-ms', type: Number },
    clock: { attribute: false },
    locale: { reflect: true },
    theme: { reflect: true },
    loadFailed: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** Whether the chat window is open (attribute `open`). */
  declare open: boolean;
  /** The IVR flow of the center that greets the customer (attribute `flow-id`); none: straight to the queue. */
  declare flowId: string | undefined;
  /** The queue of the chat when there is no flow (attribute `queue-id`). */
  declare queueId: string | undefined;
  /** The flow's language (one of the flow's); default its first. */
  declare language: string | undefined;
  /** The customer's id in the center, if the site knows it (attribute `customer-id`). */
  declare customerId: string | undefined;
  /** Most characters of one message (attribute `max-length`; default 2000, at most 10,000). */
  declare maxLength: number;
  /** Whether the agent is typing now (attribute `agent-typing`), set by the host. */
  declare agentTyping: boolean;
  /**
   * Opt-in fallback: also read the transcript every this many milliseconds (attribute
   * `refresh-ms`; at least 100). Default 0: no polling, messages arrive as events.
   */
  declare refreshMs: number;
  /** The clock of the refresh and retry timers and of the flow; default the system clock. */
  declare clock: Clock;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  declare private loadFailed: boolean;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private contextCenter: ContactCenter | undefined;
  private session: WebchatSession | undefined;
  private loading: Promise<void> | undefined;
  private focusLauncher = false;
  private focusOnLoad = false;

  constructor() {
    super();
    this.open = false;
    this.maxLength = DEFAULT_MAX_LENGTH;
    this.agentTyping = false;
    this.refreshMs = 0;
    this.clock = systemClock;
    this.loadFailed = false;
    new ContextConsumer(this, {
      context: contactCenterContext,
      subscribe: true,
      callback: (center) => {
        this.contextCenter = center ?? undefined;
        this.requestUpdate();
      },
    });
  }

  /** The chat interaction, once the customer was queued. */
  get interactionId(): string | undefined {
    return this.session?.interactionId;
  }

  /** Opens or closes the chat window (as the launcher does). */
  toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    emit(this, 'sb-toggle', { open } satisfies WebchatToggleDetail);
    this.focusLauncher = !open;
    if (!open) return;
    if (this.session) this.session.focusFirst();
    else this.focusOnLoad = true;
  }

  protected override willUpdate(): void {
    if (this.open) void this.load();
  }

  protected override updated(): void {
    if (!this.focusLauncher) return;
    this.focusLauncher = false;
    this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
  }

  /**
   * Loads the window's content, once. A failed load (offline, or a new deployment removed the
   * chunk) is not tried again: browsers keep a failed module import failed for the page's life.
   */
  private readonly load = (): Promise<void> => {
    this.loading ??= import('./webchat-session.js').then(
      ({ WebchatSession }) => {
        this.session ??= new WebchatSession(this, () => this.center ?? this.contextCenter);
        if (this.focusOnLoad) this.session.focusFirst();
        this.focusOnLoad = false;
        this.requestUpdate();
      },
      () => {
        this.loadFailed = true;
      },
    );
    return this.loading;
  };

  override render() {
    const m = this.i18n.pick(webchatLauncherMessages);
    return html`<button
        part="launcher"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => this.toggle()}
        @pointerenter=${this.load}
        @focus=${this.load}
      >
        <slot name="launcher">${m.launcher}</slot>
      </button>
      <section
        part="panel"
        id="panel"
        aria-labelledby="title"
        ?hidden=${!this.open}
        @keydown=${this.onPanelKey}
      >
        <div part="header">
          <slot name="header"><h2 part="title" id="title">${m.title}</h2></slot>
          <button
            part="close"
            type="button"
            aria-label=${m.close}
            @click=${() => this.toggle(false)}
          >
            ×
          </button>
        </div>
        ${
          !this.open
            ? nothing
            : this.session
              ? this.session.render()
              : this.loadFailed
                ? html`<p part="error" role="alert">${m.openFailed}</p>`
                : html`<p part="status" role="status">${m.opening}</p>`
        }
      </section>`;
  }

  private readonly onPanelKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.toggle(false);
  };
}
