import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ContactCenter } from '@switchboard/core/contact-center';
import type { ExpressionValue } from '@switchboard/core/expr';
import type { Channel } from '@switchboard/core/interactions';
import type { CompiledFlow, FlowDefinition, HookCommand, IvrOutcome } from '@switchboard/core/ivr';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { contactCenterContext } from '../../context/contact-center-context.js';
import { LocaleBinding, mergeCatalogs } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import { visualIvrMessages, type VisualIvrMessages } from './visual-ivr.messages.js';
import { emit } from '../../internal/events.js';
import type {
  IvrEndCommand,
  IvrMenuChoice,
  IvrRunner,
  IvrRunnerSnapshot,
  IvrTranscriptEntry,
} from './ivr-runner.js';
import { visualIvrStyles } from './visual-ivr.styles.js';

const messages = mergeCatalogs(commonMessages, visualIvrMessages);
type Messages = CommonMessages & VisualIvrMessages;

/** The interpreter (validator, compiler, session) loads on first use, in its own chunk. */
type IvrEngine = typeof import('./ivr-runner.js');
let engine: Promise<IvrEngine> | undefined;
const loadEngine = (): Promise<IvrEngine> => (engine ??= import('./ivr-runner.js'));

/** `detail` of `sb-ivr-choice`: the user picked a menu option or sent input. */
export interface IvrChoiceDetail {
  readonly nodeId: string;
  /** The key pressed (menus) or the text sent (input fields; masked when sensitive). */
  readonly input: string;
}

/** `detail` of the cancelable `sb-request-enqueue`: the flow hands the user to a queue. */
export interface IvrEnqueueRequestDetail {
  readonly queueId: string;
  readonly priority: number;
  readonly language: string;
  readonly attributes: Readonly<Record<string, ExpressionValue>>;
}

/** `detail` of `sb-ivr-end`: the flow ended; `interactionId` when the element queued one. */
export interface IvrEndDetail {
  readonly outcome: IvrOutcome;
  readonly command: IvrEndCommand | null;
  readonly interactionId?: string;
}

/** Answers a flow's hook requests (account lookups): resolve with data, reject for the error exit. */
export type IvrHookHandler = (command: HookCommand) => Promise<ExpressionValue | undefined>;

type FlowState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly flow: CompiledFlow }
  | { readonly status: 'error' };

/**
 * `<sb-visual-ivr>`: an IVR flow as a clickable menu (the "visual IVR"), driven by the same
 * interpreter as the phone line (core's `IvrSession`): prompts show as a transcript, each menu as
 * buttons (one per choice: its key and its words), collect steps as an input field, and hook
 * requests go to the `hooks` handler. When the flow enqueues, the element raises a cancelable
 * `sb-request-enqueue` and then creates the interaction on the center in that queue (channel
 * `channel`, with the flow's attributes); every ending raises `sb-ivr-end`. A visual menu waits for
 * the user (no time-outs). The flow is the `flow` property (a definition or a compiled flow) or the
 * center's published `flow-id`.
 *
 * **Keyboard**: when a menu appears, focus moves to its first option; Tab/Shift+Tab and
 * ArrowDown/ArrowUp move between options, Enter/Space choose one, and a key press of an option's
 * key (`0`-`9`, `*`, `#`) chooses it as on a phone keypad. Input steps take Enter to send. After
 * the end, "Start again" restarts the flow.
 *
 * **Events**: `sb-ivr-choice`, `sb-request-enqueue` (cancelable), `sb-ivr-end`, `sb-error`.
 *
 * @slot header - replaces the heading (default: the flow's name).
 *
 * @csspart base - the whole element.
 * @csspart title - the default heading.
 * @csspart transcript - the transcript list (a polite live region).
 * @csspart entry - one transcript line (`data-kind` `prompt`, `audio`, `you` or `callback`).
 * @csspart menu - the current menu's option group.
 * @csspart choice - one option button (`data-key`).
 * @csspart key - the key badge inside an option.
 * @csspart input-form - the input step's form.
 * @csspart input - its field.
 * @csspart send - its send button.
 * @csspart outcome - the ending's message.
 * @csspart restart - the "Start again" button.
 * @csspart message - loading and error messages.
 *
 * @cssprop --sb-color-accent - Option keys and focus (plus every token in the README).
 *
 * @example
 * ```html
 * <sb-visual-ivr flow-id="main-menu" channel="chat" language="en"></sb-visual-ivr>
 * ```
 */
export class SbVisualIvr extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = visualIvrStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    flow: { attribute: false },
    flowId: { attribute: 'flow-id', reflect: true },
    flowVersion: { attribute: 'flow-version', type: Number },
    language: { reflect: true },
    channel: { reflect: true },
    customerId: { attribute: 'customer-id' },
    contactAttributes: { attribute: false },
    hooks: { attribute: false },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
    loaded: { state: true },
    run: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The flow to run (wins over `flow-id`): a definition (validated here) or a compiled flow. */
  declare flow: FlowDefinition | CompiledFlow | undefined;
  /** A flow of the center's library (attribute `flow-id`): its published version by default. */
  declare flowId: string | undefined;
  /** A specific version of `flow-id` (attribute `flow-version`). */
  declare flowVersion: number | undefined;
  /** The flow language to run in (one of the flow's languages); default the flow's first. */
  declare language: string | undefined;
  /** The channel of the interaction created when the flow enqueues (default `chat`). */
  declare channel: Channel;
  /** The customer, passed to the interaction created on enqueue. */
  declare customerId: string | undefined;
  /** The contact's attributes, which the flow's expressions read as `attributes.<name>`. */
  declare contactAttributes: Readonly<Record<string, ExpressionValue>>;
  /** Answers hook requests; without one each hook takes its error exit. */
  declare hooks: IvrHookHandler | undefined;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The interpreter's clock (business hours, `now()`); default the system clock. */
  declare clock: Clock;
  declare private loaded: FlowState;
  declare private run: IvrRunnerSnapshot | undefined;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private contextCenter: ContactCenter | undefined;
  private runner: IvrRunner | undefined;
  private ivr: IvrEngine | undefined;
  private loadKey: string | undefined;
  private lastFlow: FlowDefinition | CompiledFlow | undefined;
  private lastCenter: ContactCenter | undefined;
  private generation = 0;
  private focusMenu = false;
  private outcomeText = '';

  constructor() {
    super();
    this.channel = 'chat';
    this.contactAttributes = {};
    this.clock = systemClock;
    this.loaded = { status: 'idle' };
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

  /** Starts the flow again from its beginning. */
  restart(): void {
    const state = this.loaded;
    if (state.status === 'ready') this.startRun(state.flow);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadKey = undefined; // a reconnected element runs its flow again
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
    this.runner = undefined;
  }

  protected override willUpdate(): void {
    const center = this.activeCenter;
    const key = JSON.stringify([
      this.flowId ?? null,
      this.flowVersion ?? null,
      this.language ?? null,
    ]);
    const same =
      key === this.loadKey &&
      this.flow === this.lastFlow &&
      (this.flow !== undefined || center === this.lastCenter);
    if (same) return;
    this.loadKey = key;
    this.lastFlow = this.flow;
    this.lastCenter = center;
    const generation = ++this.generation;
    this.runner = undefined;
    this.run = undefined;
    const flow = this.flow;
    if (flow) {
      this.loaded = { status: 'loading' };
      loadEngine().then(
        (ivr) =>
          this.settleFlow(generation, ivr, () =>
            flow instanceof ivr.CompiledFlow ? flow : ivr.compileFlow(flow),
          ),
        (error: unknown) => this.fail(generation, error),
      );
      return;
    }
    if (!this.flowId || !center) {
      this.loaded = { status: 'idle' };
      return;
    }
    this.loaded = { status: 'loading' };
    Promise.all([center.getFlow(this.flowId, this.flowVersion), loadEngine()])
      .then(([stored, ivr]) =>
        this.settleFlow(generation, ivr, () => ivr.compileFlow(stored.definition)),
      )
      .catch((error: unknown) => this.fail(generation, error));
  }

  protected override updated(): void {
    if (!this.focusMenu) return;
    this.focusMenu = false;
    this.renderRoot.querySelector<HTMLElement>('[part~="choice"], [part~="input"]')?.focus();
  }

  override render() {
    const m = this.i18n.pick(messages);
    const v = m.visualIvr;
    const state = this.loaded;
    if (!this.flow && !this.activeCenter) return this.message(m.noCenter);
    if (state.status === 'idle') return this.message(v.noFlow);
    if (state.status === 'loading') return this.message(m.loading);
    if (state.status === 'error') return this.message(v.flowFailed);
    const run = this.run;
    const name = state.flow.definition.name ?? v.title;
    return html`<section part="base" aria-labelledby="title">
      <slot name="header"><h2 part="title" id="title">${name}</h2></slot>
      <ol part="transcript" aria-live="polite">
        ${(run?.transcript ?? []).map((e) => this.renderEntry(v, e))}
      </ol>
      ${run ? this.renderPrompt(m, run) : this.message(m.loading)}
    </section>`;
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private renderEntry(v: Messages['visualIvr'], e: IvrTranscriptEntry) {
    const text =
      e.kind === 'audio'
        ? v.audioPrompt
        : e.kind === 'you'
          ? v.youChose(e.text)
          : e.kind === 'callback'
            ? v.callbackAt(e.text)
            : e.text;
    return html`<li part="entry" data-kind=${e.kind}>${text}</li>`;
  }

  private renderPrompt(m: Messages, run: IvrRunnerSnapshot) {
    const v = m.visualIvr;
    if (run.status === 'ended') {
      return html`<div part="outcome" role="status">${this.outcomeText}</div>
        <button part="restart" @click=${() => this.restart()}>${v.restart}</button>`;
    }
    const prompt = run.prompt;
    if (run.status !== 'waiting' || !prompt) return nothing;
    if (prompt.kind === 'menu') {
      return html`<div
        part="menu"
        role="group"
        aria-label=${v.menuLabel}
        @keydown=${(e: KeyboardEvent) => this.onMenuKey(e, prompt.choices)}
      >
        ${prompt.choices.map(
          (c) =>
            html`<button part="choice" data-key=${c.key ?? ''} @click=${() => this.choose(c)}>
              ${c.key !== null ? html`<span part="key" aria-hidden="true">${c.key}</span>` : nothing}
              <span>${c.label ?? v.option(c.key ?? '')}</span>
              ${
                c.key !== null && c.label !== null
                  ? html`<span class="visually-hidden">(${v.option(c.key)})</span>`
                  : nothing
              }
            </button>`,
        )}
      </div>`;
    }
    const numeric = prompt.input === 'dtmf';
    return html`<form part="input-form" @submit=${this.onInput}>
      <label for="ivr-input">${numeric ? v.enterDigits : v.enterAnswer}</label>
      <input
        part="input"
        id="ivr-input"
        name="value"
        autocomplete="off"
        type=${prompt.sensitive ? 'password' : 'text'}
        inputmode=${numeric ? 'numeric' : 'text'}
        pattern=${numeric ? '[0-9*#]*' : nothing}
        maxlength=${numeric ? prompt.maxDigits : 500}
        required
      />
      <button part="send" type="submit">${v.send}</button>
    </form>`;
  }

  private settleFlow(generation: number, ivr: IvrEngine, make: () => CompiledFlow): void {
    if (generation !== this.generation) return;
    let flow: CompiledFlow;
    try {
      flow = make();
    } catch (error) {
      this.fail(generation, error);
      return;
    }
    this.loaded = { status: 'ready', flow };
    this.ivr = ivr;
    this.startRun(flow);
  }

  private fail(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    this.loaded = { status: 'error' };
    emit(this, 'sb-error', { action: 'ivr-load', error });
  }

  private startRun(flow: CompiledFlow): void {
    const generation = ++this.generation;
    const ivr = this.ivr;
    if (!ivr) return;
    let runner: IvrRunner;
    try {
      // Hooks read the handler when they run, so it can be set after the flow started.
      const hook = (command: HookCommand) =>
        this.hooks ? this.hooks(command) : Promise.reject(new Error('no hook handler'));
      runner = new ivr.IvrRunner(
        flow,
        {
          clock: this.clock,
          attributes: this.contactAttributes,
          ...(this.language ? { language: this.language } : {}),
        },
        { hook },
      );
    } catch (error) {
      this.fail(generation, error);
      return;
    }
    this.runner = runner;
    this.run = runner.getSnapshot();
    void runner.start().then((s) => this.advance(generation, s));
  }

  private choose(choice: IvrMenuChoice): void {
    const said = choice.label ?? choice.key ?? '';
    this.send(choice.event, said, choice.key ?? said);
  }

  private send(event: Parameters<IvrRunner['send']>[0], said: string, input: string): void {
    const runner = this.runner;
    const nodeId = this.run?.prompt?.nodeId;
    if (!runner || nodeId === undefined || this.run?.status !== 'waiting') return;
    const detail: IvrChoiceDetail = { nodeId, input };
    emit(this, 'sb-ivr-choice', detail);
    const generation = this.generation;
    const pending = runner.send(event, said);
    this.run = runner.getSnapshot();
    void pending.then((s) => this.advance(generation, s));
  }

  private advance(generation: number, snapshot: IvrRunnerSnapshot): void {
    if (generation !== this.generation) return;
    this.run = snapshot;
    if (snapshot.status === 'waiting') {
      // Focus follows the menu when it was in the element or nowhere; never stolen from the page.
      const active = document.activeElement;
      this.focusMenu = !active || active === document.body || (active as unknown) === this;
    }
    this.requestUpdate(); // the snapshot may be the one already shown: focus still has to move
    if (snapshot.status === 'ended') void this.finish(generation, snapshot);
  }

  private async finish(generation: number, snapshot: IvrRunnerSnapshot): Promise<void> {
    const v = this.i18n.pick(messages).visualIvr;
    const command = snapshot.end;
    const outcome = snapshot.outcome ?? 'error';
    this.outcomeText = v.outcome[outcome];
    if (command?.type === 'transfer') this.outcomeText = v.transferredTo(command.target);
    if (command?.type !== 'enqueue') {
      emit(this, 'sb-ivr-end', { outcome, command } satisfies IvrEndDetail);
      this.requestUpdate();
      return;
    }
    const request: IvrEnqueueRequestDetail = {
      queueId: command.queueId,
      priority: command.priority,
      language: command.language,
      attributes: command.attributes,
    };
    const center = this.activeCenter;
    if (!emit(this, 'sb-request-enqueue', request) || !center) {
      emit(this, 'sb-ivr-end', { outcome, command } satisfies IvrEndDetail);
      this.requestUpdate();
      return;
    }
    try {
      const ix = await center.createInteraction({
        channel: this.channel,
        queueId: command.queueId,
        priority: command.priority,
        attributes: flatAttributes(command.attributes),
        ...(this.customerId ? { customerId: this.customerId } : {}),
      });
      if (generation !== this.generation) return;
      emit(this, 'sb-ivr-end', { outcome, command, interactionId: ix.id } satisfies IvrEndDetail);
    } catch (error) {
      if (generation !== this.generation) return;
      this.outcomeText = v.enqueueFailed;
      emit(this, 'sb-error', { action: 'ivr-enqueue', error });
    }
    this.requestUpdate();
  }

  private onMenuKey(event: KeyboardEvent, choices: readonly IvrMenuChoice[]): void {
    const match = choices.find((c) => c.key !== null && c.key === event.key);
    if (match) {
      event.preventDefault();
      this.choose(match);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="choice"]')];
    const at = buttons.indexOf(this.renderRoot.querySelector(':focus') as HTMLElement);
    const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  }

  private readonly onInput = (event: Event): void => {
    event.preventDefault();
    const prompt = this.run?.prompt;
    if (!prompt || prompt.kind !== 'input') return;
    const field = (event.target as HTMLFormElement).elements.namedItem('value') as HTMLInputElement;
    const value = field.value.trim();
    if (!value) return;
    const shown = prompt.sensitive ? '•'.repeat(Math.min(value.length, 12)) : value;
    const ivrEvent =
      prompt.input === 'speech'
        ? { type: 'speech' as const, text: value, confidence: 1 }
        : /^[0-9*#]+$/.test(value)
          ? { type: 'dtmf' as const, digits: value }
          : { type: 'speech' as const, text: value, confidence: 1 };
    field.value = '';
    this.send(ivrEvent, shown, shown);
  };
}

/** Flattens the flow's attributes for an interaction: nested values become JSON text. */
function flatAttributes(
  attributes: Readonly<Record<string, ExpressionValue>>,
): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [
      k,
      v === null || typeof v !== 'object' ? v : JSON.stringify(v),
    ]),
  );
}
