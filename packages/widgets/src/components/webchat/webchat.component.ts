import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import type {
  ContactCenter,
  TranscriptAuthor,
  TranscriptMessage,
} from '@switchboard/core/contact-center';
import type { ExpressionValue } from '@switchboard/core/expr';
import type { IvrEvent } from '@switchboard/core/ivr';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { contactCenterContext } from '../../context/contact-center-context.js';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { formatCount } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import type { IvrMenuChoice, IvrRunner, IvrRunnerSnapshot } from '../visual-ivr/ivr-runner.js';
import { ChatFollower, type ChatSnapshot } from '../chat/chat-follower.js';
import type {
  ChatConnectionDetail,
  ChatMessageDetail,
  ChatSendRequestDetail,
  ChatTypingDetail,
} from '../chat/chat.component.js';
import {
  DEFAULT_MAX_LENGTH,
  clearComposer,
  composerLimit,
  composerText,
  renderComposer,
} from '../chat/chat-parts.js';
import { webchatMessages, type WebchatMessages } from './webchat.messages.js';
import { validatePrechat, type PrechatProblems, type PrechatValues } from './prechat.js';
import { webchatStyles } from './webchat.styles.js';
import { flat, menuKey, renderPrechatForm, renderWebchatTranscript } from './webchat-views.js';

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

type Phase =
  | { readonly kind: 'form'; readonly problems: PrechatProblems; readonly failed: boolean }
  | { readonly kind: 'bot'; readonly values: PrechatValues; readonly run: IvrRunnerSnapshot }
  | { readonly kind: 'bot-ended'; readonly values: PrechatValues; readonly run: IvrRunnerSnapshot }
  | { readonly kind: 'starting'; readonly values: PrechatValues }
  | { readonly kind: 'chat'; readonly interactionId: string; readonly snap: ChatSnapshot };

const WAITING = new Set(['created', 'ivr', 'queued', 'offered']);
const LIVE = new Set(['connected', 'held']);
const DEFAULT_REFRESH_MS = 2000;

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
 * remote one, from the `center` property or the enclosing `<sb-contact-center>`.
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
 * @csspart error - a failed send or start.
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
    phase: { state: true },
    pending: { state: true },
    failed: { state: true },
    length: { state: true },
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
  /** Milliseconds between two reads of the transcript (attribute `refresh-ms`; default 2000). */
  declare refreshMs: number;
  /** The clock of the refresh timer and the flow; default the system clock. */
  declare clock: Clock;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  declare private phase: Phase;
  declare private pending: boolean;
  declare private failed: string | undefined;
  declare private length: number;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private contextCenter: ContactCenter | undefined;
  private follower: ChatFollower | undefined;
  private runner: IvrRunner | undefined;
  private botLines: TranscriptMessage[] = [];
  private generation = 0;
  private typing = false;
  private focusTarget: string | undefined;

  constructor() {
    super();
    this.open = false;
    this.maxLength = DEFAULT_MAX_LENGTH;
    this.agentTyping = false;
    this.refreshMs = DEFAULT_REFRESH_MS;
    this.clock = systemClock;
    this.pending = false;
    this.length = 0;
    this.phase = { kind: 'form', problems: {}, failed: false };
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
    return this.phase.kind === 'chat' ? this.phase.interactionId : undefined;
  }

  private get activeCenter(): ContactCenter | undefined {
    return this.center ?? this.contextCenter;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.phase.kind === 'chat') this.follow(this.phase.interactionId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.follower?.dispose();
    this.follower = undefined;
  }

  /** Opens or closes the chat window (as the launcher does). */
  toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    emit(this, 'sb-toggle', { open } satisfies WebchatToggleDetail);
    this.focusTarget = open ? this.firstFocus() : 'launcher';
  }

  protected override updated(): void {
    const target = this.focusTarget;
    if (!target) return;
    this.focusTarget = undefined;
    this.renderRoot.querySelector<HTMLElement>(`[part~="${target}"]`)?.focus();
  }

  private firstFocus(): string {
    const phase = this.phase;
    if (phase.kind === 'form') return 'field-input';
    if (phase.kind === 'bot') return phase.run.prompt?.kind === 'menu' ? 'choice' : 'bot-input';
    return 'input';
  }

  override render() {
    const m = this.i18n.pick(webchatMessages);
    return html`<button
        part="launcher"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => this.toggle()}
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
        ${this.open ? this.renderPhase(m) : nothing}
      </section>`;
  }

  private renderPhase(m: WebchatMessages): TemplateResult {
    const phase = this.phase;
    switch (phase.kind) {
      case 'form':
        return this.renderForm(m, phase.problems, phase.failed);
      case 'bot':
      case 'bot-ended':
        return this.renderBot(m, phase.run, phase.kind === 'bot-ended');
      case 'starting':
        return html`${this.transcript(m, this.botLines)}
          <p part="status" role="status">${m.connecting}</p>`;
      case 'chat':
        return this.renderChat(m, phase.interactionId, phase.snap);
    }
  }

  private renderForm(m: WebchatMessages, problems: PrechatProblems, failed: boolean) {
    return renderPrechatForm({
      m,
      problems,
      failed,
      pending: this.pending,
      maxQuestion: composerLimit(this.maxLength),
      n: (value) => this.n(value),
      onStart: this.onStart,
    });
  }

  private renderBot(m: WebchatMessages, run: IvrRunnerSnapshot, ended: boolean) {
    const prompt = run.prompt;
    return html`${this.transcript(m, this.botLines)}
    ${
      ended
        ? html`<p part="status" role="status">${m.botEnded}</p>
            <button part="restart" type="button" @click=${this.restart}>${m.startAgain}</button>`
        : prompt?.kind === 'menu'
          ? html`<div
              part="choices"
              role="group"
              aria-label=${m.choose}
              @keydown=${(e: KeyboardEvent) => this.onChoiceKey(e, prompt.choices)}
            >
              ${prompt.choices.map(
                (c) =>
                  html`<button part="choice" type="button" @click=${() => this.choose(c)}>
                    ${c.label ?? c.key ?? ''}
                  </button>`,
              )}
            </div>`
          : prompt?.kind === 'input'
            ? html`<form part="bot-form" @submit=${this.onBotInput}>
                <input
                  part="bot-input"
                  name="value"
                  aria-label=${m.answer}
                  type=${prompt.sensitive ? 'password' : 'text'}
                  autocomplete="off"
                  maxlength=${Math.max(1, prompt.maxDigits)}
                />
                <button part="send" type="submit">${m.submitAnswer}</button>
              </form>`
            : nothing
    }`;
  }

  private renderChat(m: WebchatMessages, interactionId: string, snap: ChatSnapshot) {
    const status = snap.interaction?.status;
    const ended = status !== undefined && !WAITING.has(status) && !LIVE.has(status);
    const text = ended ? m.ended : status && LIVE.has(status) ? m.connected : m.waiting;
    const max = composerLimit(this.maxLength);
    return html`<p part="status" role="status">${text}</p>
      ${
        snap.connection === 'reconnecting'
          ? html`<p part="connection" role="status">${m.reconnecting}</p>`
          : nothing
      }
      ${this.transcript(m, snap.messages)}
      <p part="typing" aria-live="polite">
        ${this.agentTyping && status && LIVE.has(status) ? m.agentTyping : nothing}
      </p>
      ${
        ended
          ? html`<button part="restart" type="button" @click=${this.restart}>${m.newChat}</button>`
          : html`${renderComposer({
                label: m.composerLabel,
                placeholder: m.placeholder,
                send: m.send,
                counter: m.counter(this.n(this.length), this.n(max)),
                hint: m.composerHint,
                maxLength: max,
                disabled: false,
                pending: this.pending,
                error: this.failed,
                onSubmit: this.onSend,
                onInput: this.onInput,
              })}
              <button part="end" type="button" @click=${() => void this.end(interactionId)}>
                ${m.endChat}
              </button>`
      }`;
  }

  private transcript(m: WebchatMessages, messages: readonly TranscriptMessage[]) {
    return renderWebchatTranscript(m, this.i18n.locale, messages);
  }

  private n(value: number): string {
    return formatCount(this.i18n.locale, value);
  }

  private readonly onPanelKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.toggle(false);
  };

  private readonly onStart = (event: Event): void => {
    event.preventDefault();
    if (this.pending) return;
    const form = event.target as HTMLFormElement;
    const read = (name: string) =>
      ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const values: PrechatValues = {
      name: read('name'),
      email: read('email'),
      question: read('question'),
    };
    const problems = validatePrechat(values, composerLimit(this.maxLength));
    const first = (['name', 'email', 'question'] as const).find((f) => problems[f]);
    if (first) {
      this.phase = { kind: 'form', problems, failed: false };
      emit(this, 'sb-form-invalid', { problems } satisfies WebchatInvalidDetail);
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus(),
      );
      return;
    }
    this.phase = { kind: 'form', problems: {}, failed: false };
    if (!emit(this, 'sb-request-start', values satisfies WebchatStartRequestDetail)) return;
    void this.begin(values);
  };

  private async begin(values: PrechatValues): Promise<void> {
    const center = this.activeCenter;
    const generation = ++this.generation;
    this.botLines = [];
    if (!center || (!this.flowId && !this.queueId)) {
      this.failed = undefined;
      this.phase = { kind: 'form', problems: {}, failed: true };
      emit(this, 'sb-error', { action: 'start', error: new Error('no center, flow or queue') });
      return;
    }
    if (!this.flowId) {
      await this.enqueue(generation, values, this.queueId as string, {});
      return;
    }
    this.pending = true;
    try {
      const stored = await center.getFlow(this.flowId);
      if (generation !== this.generation) return;
      // The interpreter loads only when a flow is used: the element without one stays small.
      const [{ compileFlow }, { IvrRunner }] = await Promise.all([
        import('@switchboard/core/ivr'),
        import('../visual-ivr/ivr-runner.js'),
      ]);
      if (generation !== this.generation) return;
      const runner = new IvrRunner(compileFlow(stored.definition), {
        clock: this.clock,
        attributes: { name: values.name, email: values.email },
        ...(this.language ? { language: this.language } : {}),
      });
      this.runner = runner;
      this.advance(generation, values, await runner.start());
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = { kind: 'form', problems: {}, failed: true };
      emit(this, 'sb-error', { action: 'start', error } satisfies WidgetErrorDetail);
    } finally {
      this.pending = false;
    }
  }

  private advance(generation: number, values: PrechatValues, run: IvrRunnerSnapshot): void {
    if (generation !== this.generation) return;
    const now = this.clock.now();
    for (const entry of run.transcript.slice(this.botLines.length)) {
      const from: TranscriptAuthor = entry.kind === 'you' ? 'customer' : 'bot';
      this.botLines = [
        ...this.botLines,
        { seq: this.botLines.length + 1, at: now, from, text: entry.text },
      ];
    }
    if (run.status !== 'ended') {
      this.phase = { kind: 'bot', values, run };
      if (run.status === 'waiting') this.focusTarget = this.firstFocus();
      return;
    }
    const end = run.end;
    if (end?.type === 'enqueue') {
      void this.enqueue(generation, values, end.queueId, end.attributes, end.priority);
    } else {
      this.phase = { kind: 'bot-ended', values, run };
    }
  }

  private choose(choice: IvrMenuChoice): void {
    const said = choice.label ?? choice.key ?? '';
    this.sendToBot(choice.event, said, choice.key ?? said);
  }

  private sendToBot(event: IvrEvent, said: string, input: string): void {
    const phase = this.phase;
    const runner = this.runner;
    if (phase.kind !== 'bot' || !runner || phase.run.status !== 'waiting' || !phase.run.prompt) {
      return;
    }
    emit(this, 'sb-ivr-choice', { nodeId: phase.run.prompt.nodeId, input });
    const generation = this.generation;
    void runner.send(event, said).then((run) => this.advance(generation, phase.values, run));
  }

  private onChoiceKey(event: KeyboardEvent, choices: readonly IvrMenuChoice[]): void {
    const match = menuKey(event, choices, this.renderRoot);
    if (match) this.choose(match);
  }

  private readonly onBotInput = (event: Event): void => {
    event.preventDefault();
    const phase = this.phase;
    const prompt = phase.kind === 'bot' ? phase.run.prompt : null;
    if (!prompt || prompt.kind !== 'input') return;
    const form = event.target as HTMLFormElement;
    const field = form.elements.namedItem('value') as HTMLInputElement;
    const value = field.value.trim();
    if (!value) return;
    const shown = prompt.sensitive ? '•'.repeat(Math.min(value.length, 12)) : value;
    const ivrEvent: IvrEvent = /^[0-9*#]+$/.test(value)
      ? { type: 'dtmf', digits: value }
      : { type: 'speech', text: value, confidence: 1 };
    field.value = '';
    this.sendToBot(ivrEvent, shown, shown);
  };

  private async enqueue(
    generation: number,
    values: PrechatValues,
    queueId: string,
    attributes: Readonly<Record<string, ExpressionValue>>,
    priority?: number,
  ): Promise<void> {
    const center = this.activeCenter;
    if (!center) return;
    this.phase = { kind: 'starting', values };
    try {
      const ix = await center.createInteraction({
        channel: 'chat',
        queueId,
        attributes: { ...flat(attributes), name: values.name, email: values.email },
        ...(priority === undefined ? {} : { priority }),
        ...(this.customerId ? { customerId: this.customerId } : {}),
      });
      await center.addTranscriptMessage(ix.id, { from: 'customer', text: values.question });
      for (const line of this.botLines) {
        await center.addTranscriptMessage(ix.id, { from: line.from, text: line.text });
      }
      if (generation !== this.generation) return;
      emit(this, 'sb-chat-queued', { interactionId: ix.id, queueId } satisfies WebchatQueuedDetail);
      this.phase = {
        kind: 'chat',
        interactionId: ix.id,
        snap: { connection: 'connecting', interaction: ix, messages: [] },
      };
      this.follow(ix.id);
      this.focusTarget = 'input';
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = { kind: 'form', problems: {}, failed: true };
      emit(this, 'sb-error', { action: 'start', error } satisfies WidgetErrorDetail);
    }
  }

  private follow(interactionId: string): void {
    const center = this.activeCenter;
    this.follower?.dispose();
    this.follower = undefined;
    if (!center) return;
    let first = true;
    const follower: ChatFollower = new ChatFollower({
      center,
      interactionId,
      clock: this.clock,
      refreshMs: Math.max(100, Number(this.refreshMs) || DEFAULT_REFRESH_MS),
      onChange: (snap, added) => {
        const phase = this.phase;
        if (follower !== this.follower || phase.kind !== 'chat') return;
        const was = phase.snap.connection;
        this.phase = { kind: 'chat', interactionId, snap };
        if (was !== snap.connection && was !== 'connecting') {
          emit(this, 'sb-connection', { state: snap.connection } satisfies ChatConnectionDetail);
        }
        if (!first) {
          for (const message of added) {
            emit(this, 'sb-message', { interactionId, message } satisfies ChatMessageDetail);
          }
        }
        first = false;
        this.scrollToEnd();
      },
      onError: (error) =>
        emit(this, 'sb-error', { action: 'load', error } satisfies WidgetErrorDetail),
    });
    this.follower = follower;
    follower.start();
  }

  private scrollToEnd(): void {
    void this.updateComplete.then(() => {
      const log = this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
      if (log) log.scrollTop = log.scrollHeight;
    });
  }

  private readonly onInput = (event: Event): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    this.length = value.length;
    this.setTyping(value.trim().length > 0);
  };

  private setTyping(typing: boolean): void {
    const interactionId = this.interactionId;
    if (typing === this.typing || !interactionId) return;
    this.typing = typing;
    emit(this, 'sb-typing', { interactionId, typing } satisfies ChatTypingDetail);
  }

  private readonly onSend = (event: Event): void => {
    event.preventDefault();
    void this.send(composerText(event, composerLimit(this.maxLength)));
  };

  private async send(text: string): Promise<void> {
    const center = this.activeCenter;
    const interactionId = this.interactionId;
    const follower = this.follower;
    if (!center || !interactionId || !follower || this.pending || !text) return;
    if (!emit(this, 'sb-request-send', { interactionId, text } satisfies ChatSendRequestDetail)) {
      return;
    }
    this.pending = true;
    this.failed = undefined;
    try {
      follower.add(await center.addTranscriptMessage(interactionId, { from: 'customer', text }));
      clearComposer(this.renderRoot);
      this.length = 0;
      this.setTyping(false);
    } catch (error) {
      this.failed = this.i18n.pick(webchatMessages).sendFailed;
      emit(this, 'sb-error', { action: 'send', error } satisfies WidgetErrorDetail);
    } finally {
      this.pending = false;
    }
  }

  private async end(interactionId: string): Promise<void> {
    const center = this.activeCenter;
    const status = this.phase.kind === 'chat' ? this.phase.snap.interaction?.status : undefined;
    if (!center || !status) return;
    if (!emit(this, 'sb-request-end-chat', { interactionId } satisfies WebchatEndRequestDetail))
      return;
    try {
      if (WAITING.has(status)) await center.abandon(interactionId);
      else await center.end(interactionId);
      this.follower?.refresh();
    } catch (error) {
      emit(this, 'sb-error', { action: 'end', error } satisfies WidgetErrorDetail);
    }
  }

  private readonly restart = (): void => {
    this.generation++;
    this.follower?.dispose();
    this.follower = undefined;
    this.runner = undefined;
    this.botLines = [];
    this.failed = undefined;
    this.typing = false;
    this.phase = { kind: 'form', problems: {}, failed: false };
    this.focusTarget = 'field-input';
  };
}
