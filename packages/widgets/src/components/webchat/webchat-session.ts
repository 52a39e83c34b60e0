import {
  adoptStyles,
  html,
  nothing,
  type CSSResultOrNative,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type {
  ContactCenter,
  TranscriptAuthor,
  TranscriptMessage,
} from '@switchboard/core/contact-center';
import type { ExpressionValue } from '@switchboard/core/expr';
import type { IvrEvent } from '@switchboard/core/ivr';
import type { Clock } from '@switchboard/core/shared';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { formatCount } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import type { WidgetErrorDetail } from '../agent-status/agent-status.component.js';
import type { IvrMenuChoice, IvrRunner, IvrRunnerSnapshot } from '../visual-ivr/ivr-runner.js';
import { ChatFollower, refreshInterval, type ChatSnapshot } from '../chat/chat-follower.js';
import type {
  ChatConnectionDetail,
  ChatMessageDetail,
  ChatSendRequestDetail,
  ChatTypingDetail,
} from '../chat/chat.component.js';
import { clearComposer, composerText, renderComposer } from '../chat/chat-parts.js';
import { composerLimit } from '../chat/composer-limit.js';
import { webchatMessages, type WebchatMessages } from './webchat.messages.js';
import { validatePrechat, type PrechatProblems, type PrechatValues } from './prechat.js';
import { flat, menuKey, renderPrechatForm, renderWebchatTranscript } from './webchat-views.js';
import { webchatSessionStyles } from './webchat-session.styles.js';
import type {
  WebchatEndRequestDetail,
  WebchatInvalidDetail,
  WebchatQueuedDetail,
  WebchatStartRequestDetail,
} from './webchat.component.js';

/** What a {@link WebchatSession} reads of its element: the element's configuration. @internal */
export interface WebchatSessionHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly flowId: string | undefined;
  readonly queueId: string | undefined;
  readonly language: string | undefined;
  readonly customerId: string | undefined;
  readonly maxLength: number;
  readonly agentTyping: boolean;
  readonly refreshMs: number;
  readonly clock: Clock;
  readonly locale: string | undefined;
}

type Phase =
  | { readonly kind: 'form'; readonly problems: PrechatProblems; readonly failed: boolean }
  | { readonly kind: 'bot'; readonly values: PrechatValues; readonly run: IvrRunnerSnapshot }
  | { readonly kind: 'bot-ended'; readonly values: PrechatValues; readonly run: IvrRunnerSnapshot }
  | { readonly kind: 'starting'; readonly values: PrechatValues }
  | { readonly kind: 'chat'; readonly interactionId: string; readonly snap: ChatSnapshot };

const WAITING = new Set(['created', 'ivr', 'queued', 'offered']);
const LIVE = new Set(['connected', 'held']);

/**
 * The inside of `<sb-webchat>`'s window: the pre-chat form, the bot (an IVR flow of the center,
 * run by core's interpreter, loaded only when a flow is used), then the chat itself. A reactive
 * controller of the element, loaded the first time the window opens (a site's visitors mostly
 * never open it, so the launcher alone is what every page pays for). It holds the window's view
 * state (phase, follower, bot run) and emits the element's events from the element.
 *
 * @internal
 */
export class WebchatSession implements ReactiveController {
  private phase: Phase = { kind: 'form', problems: {}, failed: false };
  private pending = false;
  private failed: string | undefined;
  private length = 0;
  private readonly i18n: LocaleBinding;
  private follower: ChatFollower | undefined;
  private runner: IvrRunner | undefined;
  private botLines: TranscriptMessage[] = [];
  private generation = 0;
  private typing = false;
  private focusTarget: string | undefined;

  /**
   * @param host - the element.
   * @param center - the element's center (its `center` property, else the context's).
   */
  constructor(
    private readonly host: WebchatSessionHost,
    private readonly center: () => ContactCenter | undefined,
  ) {
    this.i18n = new LocaleBinding(host, () => host.locale);
    host.addController(this);
    // The window's look arrives with it (the launcher alone does not carry these rules), after
    // the element's own styles (Lit's `elementStyles`, which adopting replaces).
    const own = (host.constructor as { elementStyles?: CSSResultOrNative[] }).elementStyles ?? [];
    if (host.renderRoot instanceof ShadowRoot) {
      adoptStyles(host.renderRoot, [...own, ...webchatSessionStyles]);
    }
  }

  /** The chat interaction, once the customer was queued. */
  get interactionId(): string | undefined {
    return this.phase.kind === 'chat' ? this.phase.interactionId : undefined;
  }

  hostConnected(): void {
    if (this.phase.kind === 'chat') this.follow(this.phase.interactionId);
  }

  hostDisconnected(): void {
    this.follower?.dispose();
    this.follower = undefined;
  }

  hostUpdated(): void {
    const target = this.focusTarget;
    if (!target) return;
    this.focusTarget = undefined;
    this.host.renderRoot.querySelector<HTMLElement>(`[part~="${target}"]`)?.focus();
  }

  /** Moves focus into the window (where the customer goes on from), after the next render. */
  focusFirst(): void {
    const phase = this.phase;
    this.focusTarget =
      phase.kind === 'form'
        ? 'field-input'
        : phase.kind === 'bot'
          ? phase.run.prompt?.kind === 'menu'
            ? 'choice'
            : 'bot-input'
          : 'input';
    this.update();
  }

  private update(): void {
    this.host.requestUpdate();
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.update();
  }

  /** The window's content in the phase it is in. */
  render(): TemplateResult {
    const m = this.i18n.pick(webchatMessages);
    const phase = this.phase;
    switch (phase.kind) {
      case 'form':
        return renderPrechatForm({
          m,
          problems: phase.problems,
          failed: phase.failed,
          pending: this.pending,
          maxQuestion: composerLimit(this.host.maxLength),
          n: (value) => this.n(value),
          onStart: this.onStart,
        });
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
    const max = composerLimit(this.host.maxLength);
    return html`<p part="status" role="status">${text}</p>
      ${
        snap.connection === 'reconnecting'
          ? html`<p part="connection" role="status">${m.reconnecting}</p>`
          : nothing
      }
      ${this.transcript(m, snap.messages)}
      <p part="typing" aria-live="polite">
        ${this.host.agentTyping && status && LIVE.has(status) ? m.agentTyping : nothing}
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
    const problems = validatePrechat(values, composerLimit(this.host.maxLength));
    const first = (['name', 'email', 'question'] as const).find((f) => problems[f]);
    if (first) {
      this.setPhase({ kind: 'form', problems, failed: false });
      emit(this.host, 'sb-form-invalid', { problems } satisfies WebchatInvalidDetail);
      void this.host.updateComplete.then(() =>
        this.host.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus(),
      );
      return;
    }
    this.setPhase({ kind: 'form', problems: {}, failed: false });
    if (!emit(this.host, 'sb-request-start', values satisfies WebchatStartRequestDetail)) return;
    void this.begin(values);
  };

  private async begin(values: PrechatValues): Promise<void> {
    const center = this.center();
    const { flowId, queueId } = this.host;
    const generation = ++this.generation;
    this.botLines = [];
    if (!center || (!flowId && !queueId)) {
      this.failed = undefined;
      this.setPhase({ kind: 'form', problems: {}, failed: true });
      emit(this.host, 'sb-error', {
        action: 'start',
        error: new Error('no center, flow or queue'),
      });
      return;
    }
    if (!flowId) {
      await this.enqueue(generation, values, queueId as string, {});
      return;
    }
    this.pending = true;
    this.update();
    try {
      const stored = await center.getFlow(flowId);
      if (generation !== this.generation) return;
      // The interpreter loads only when a flow is used: the window without one stays small.
      const [{ compileFlow }, { IvrRunner }] = await Promise.all([
        import('@switchboard/core/ivr'),
        import('../visual-ivr/ivr-runner.js'),
      ]);
      if (generation !== this.generation) return;
      const language = this.host.language;
      const runner = new IvrRunner(compileFlow(stored.definition), {
        clock: this.host.clock,
        attributes: { name: values.name, email: values.email },
        ...(language ? { language } : {}),
      });
      this.runner = runner;
      this.advance(generation, values, await runner.start());
    } catch (error) {
      if (generation !== this.generation) return;
      this.setPhase({ kind: 'form', problems: {}, failed: true });
      emit(this.host, 'sb-error', { action: 'start', error } satisfies WidgetErrorDetail);
    } finally {
      this.pending = false;
      this.update();
    }
  }

  private advance(generation: number, values: PrechatValues, run: IvrRunnerSnapshot): void {
    if (generation !== this.generation) return;
    const now = this.host.clock.now();
    for (const entry of run.transcript.slice(this.botLines.length)) {
      const from: TranscriptAuthor = entry.kind === 'you' ? 'customer' : 'bot';
      this.botLines = [
        ...this.botLines,
        { seq: this.botLines.length + 1, at: now, from, text: entry.text },
      ];
    }
    if (run.status !== 'ended') {
      this.setPhase({ kind: 'bot', values, run });
      if (run.status === 'waiting') this.focusFirst();
      return;
    }
    const end = run.end;
    if (end?.type === 'enqueue') {
      void this.enqueue(generation, values, end.queueId, end.attributes, end.priority);
    } else {
      this.setPhase({ kind: 'bot-ended', values, run });
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
    emit(this.host, 'sb-ivr-choice', { nodeId: phase.run.prompt.nodeId, input });
    const generation = this.generation;
    void runner.send(event, said).then((run) => this.advance(generation, phase.values, run));
  }

  private onChoiceKey(event: KeyboardEvent, choices: readonly IvrMenuChoice[]): void {
    const match = menuKey(event, choices, this.host.renderRoot);
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
    const center = this.center();
    if (!center) return;
    this.setPhase({ kind: 'starting', values });
    const customerId = this.host.customerId;
    try {
      const ix = await center.createInteraction({
        channel: 'chat',
        queueId,
        attributes: { ...flat(attributes), name: values.name, email: values.email },
        ...(priority === undefined ? {} : { priority }),
        ...(customerId ? { customerId } : {}),
      });
      await center.addTranscriptMessage(ix.id, { from: 'customer', text: values.question });
      for (const line of this.botLines) {
        await center.addTranscriptMessage(ix.id, { from: line.from, text: line.text });
      }
      if (generation !== this.generation) return;
      emit(this.host, 'sb-chat-queued', {
        interactionId: ix.id,
        queueId,
      } satisfies WebchatQueuedDetail);
      this.setPhase({
        kind: 'chat',
        interactionId: ix.id,
        snap: { connection: 'connecting', interaction: ix, messages: [] },
      });
      this.follow(ix.id);
      this.focusTarget = 'input';
    } catch (error) {
      if (generation !== this.generation) return;
      this.setPhase({ kind: 'form', problems: {}, failed: true });
      emit(this.host, 'sb-error', { action: 'start', error } satisfies WidgetErrorDetail);
    }
  }

  private follow(interactionId: string): void {
    const center = this.center();
    this.follower?.dispose();
    this.follower = undefined;
    if (!center) return;
    let first = true;
    const follower: ChatFollower = new ChatFollower({
      center,
      interactionId,
      clock: this.host.clock,
      refreshMs: refreshInterval(this.host.refreshMs),
      onChange: (snap, added) => {
        const phase = this.phase;
        if (follower !== this.follower || phase.kind !== 'chat') return;
        const was = phase.snap.connection;
        this.setPhase({ kind: 'chat', interactionId, snap });
        if (was !== snap.connection && was !== 'connecting') {
          emit(this.host, 'sb-connection', {
            state: snap.connection,
          } satisfies ChatConnectionDetail);
        }
        if (!first) {
          for (const message of added) {
            emit(this.host, 'sb-message', { interactionId, message } satisfies ChatMessageDetail);
          }
        }
        first = false;
        this.scrollToEnd();
      },
      onError: (error) =>
        emit(this.host, 'sb-error', { action: 'load', error } satisfies WidgetErrorDetail),
    });
    this.follower = follower;
    follower.start();
  }

  private scrollToEnd(): void {
    void this.host.updateComplete.then(() => {
      const log = this.host.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
      if (log) log.scrollTop = log.scrollHeight;
    });
  }

  private readonly onInput = (event: Event): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    this.length = value.length;
    this.update();
    this.setTyping(value.trim().length > 0);
  };

  private setTyping(typing: boolean): void {
    const interactionId = this.interactionId;
    if (typing === this.typing || !interactionId) return;
    this.typing = typing;
    emit(this.host, 'sb-typing', { interactionId, typing } satisfies ChatTypingDetail);
  }

  private readonly onSend = (event: Event): void => {
    event.preventDefault();
    void this.send(composerText(event, composerLimit(this.host.maxLength)));
  };

  private async send(text: string): Promise<void> {
    const center = this.center();
    const interactionId = this.interactionId;
    const follower = this.follower;
    if (!center || !interactionId || !follower || this.pending || !text) return;
    if (
      !emit(this.host, 'sb-request-send', { interactionId, text } satisfies ChatSendRequestDetail)
    ) {
      return;
    }
    this.pending = true;
    this.failed = undefined;
    this.update();
    try {
      follower.add(await center.addTranscriptMessage(interactionId, { from: 'customer', text }));
      clearComposer(this.host.renderRoot);
      this.length = 0;
      this.setTyping(false);
    } catch (error) {
      this.failed = this.i18n.pick(webchatMessages).sendFailed;
      emit(this.host, 'sb-error', { action: 'send', error } satisfies WidgetErrorDetail);
    } finally {
      this.pending = false;
      this.update();
    }
  }

  private async end(interactionId: string): Promise<void> {
    const center = this.center();
    const status = this.phase.kind === 'chat' ? this.phase.snap.interaction?.status : undefined;
    if (!center || !status) return;
    if (
      !emit(this.host, 'sb-request-end-chat', { interactionId } satisfies WebchatEndRequestDetail)
    ) {
      return;
    }
    try {
      if (WAITING.has(status)) await center.abandon(interactionId);
      else await center.end(interactionId);
      this.follower?.refresh();
    } catch (error) {
      emit(this.host, 'sb-error', { action: 'end', error } satisfies WidgetErrorDetail);
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
    this.focusTarget = 'field-input';
    this.setPhase({ kind: 'form', problems: {}, failed: false });
  };
}
