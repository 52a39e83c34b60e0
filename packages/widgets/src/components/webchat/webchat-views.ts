import { html, nothing, type TemplateResult } from 'lit';
import type { TranscriptMessage } from '@switchboard/core/contact-center';
import type { ExpressionValue } from '@switchboard/core/expr';
import type { Locale } from '../../i18n/locale-state.js';
import { renderTranscript } from '../chat/chat-parts.js';
import type { IvrMenuChoice } from '../visual-ivr/ivr-runner.js';
import type { WebchatMessages } from './webchat.messages.js';
import {
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  type PrechatProblems,
  type PrechatValues,
} from './prechat.js';

/** What the pre-chat form shows. @internal */
export interface PrechatFormView {
  readonly m: WebchatMessages;
  readonly problems: PrechatProblems;
  readonly failed: boolean;
  readonly pending: boolean;
  readonly maxQuestion: number;
  readonly n: (value: number) => string;
  readonly onStart: (event: Event) => void;
}

/**
 * The pre-chat form: name, email address and question, each refused field marked invalid and
 * described by its problem, with a summary alert above.
 *
 * @internal
 */
export function renderPrechatForm(v: PrechatFormView): TemplateResult {
  const { m, problems, failed } = v;
  const max = v.maxQuestion;
  const count = Object.keys(problems).length;
  const problem = (field: keyof PrechatValues): string | undefined => {
    const p = problems[field];
    if (!p) return undefined;
    if (field === 'name')
      return p === 'required' ? m.nameRequired : m.nameTooLong(v.n(MAX_NAME_LENGTH));
    if (field === 'email') {
      return p === 'required' ? m.emailRequired : p === 'invalid' ? m.emailInvalid : m.emailInvalid;
    }
    return p === 'required' ? m.questionRequired : m.questionTooLong(v.n(max));
  };
  const field = (
    name: keyof PrechatValues,
    label: string,
    control: (invalid: boolean) => TemplateResult,
  ) => {
    const error = problem(name);
    return html`<label part="field">
      <span>${label} <span aria-hidden="true">*</span></span>
      ${control(error !== undefined)}
      ${error ? html`<span part="field-error" id=${`${name}-error`}>${error}</span>` : nothing}
    </label>`;
  };
  const describedBy = (name: string) =>
    problems[name as keyof PrechatValues] ? `${name}-error` : nothing;
  return html`<form part="form" novalidate @submit=${v.onStart}>
    <p><slot name="intro">${m.intro}</slot></p>
    ${
      count > 0 ? html`<p part="form-error" role="alert">${m.formInvalid(v.n(count))}</p>` : nothing
    }
    ${failed ? html`<p part="error" role="alert">${m.startFailed}</p>` : nothing}
    ${field(
      'name',
      m.name,
      (invalid) =>
        html`<input
          part="field-input"
          name="name"
          autocomplete="name"
          required
          maxlength=${MAX_NAME_LENGTH}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy('name')}
        />`,
    )}
    ${field(
      'email',
      m.email,
      (invalid) =>
        html`<input
          part="field-input"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxlength=${MAX_EMAIL_LENGTH}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy('email')}
        />`,
    )}
    ${field(
      'question',
      m.question,
      (invalid) =>
        html`<textarea
          part="field-input"
          name="question"
          rows="3"
          required
          maxlength=${max}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy('question')}
        ></textarea>`,
    )}
    <button part="start" type="submit" ?disabled=${v.pending}>${m.start}</button>
  </form>`;
}

/** The flow's attributes as an interaction's flat attributes: nested values become JSON text. @internal */
export function flat(
  attributes: Readonly<Record<string, ExpressionValue>>,
): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [
      k,
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : JSON.stringify(v),
    ]),
  );
}

/**
 * The bot's option buttons' keys: an option's own key picks it (returned), Up/Down move focus
 * between the buttons (wrapping).
 *
 * @internal
 */
export function menuKey(
  event: KeyboardEvent,
  choices: readonly IvrMenuChoice[],
  root: ParentNode,
): IvrMenuChoice | undefined {
  const match = choices.find((c) => c.key !== null && c.key === event.key);
  if (match) {
    event.preventDefault();
    return match;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return undefined;
  event.preventDefault();
  const buttons = [...root.querySelectorAll<HTMLElement>('[part~="choice"]')];
  const focused = (root as Document | ShadowRoot).activeElement as HTMLElement | null;
  const at = focused ? buttons.indexOf(focused) : -1;
  const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
  return undefined;
}

/** The transcript as the customer sees it: their own messages on their side, "You". @internal */
export function renderWebchatTranscript(
  m: WebchatMessages,
  locale: Locale,
  messages: readonly TranscriptMessage[],
): TemplateResult {
  const authors = { customer: m.you, agent: m.agent, bot: m.bot, system: m.system };
  return renderTranscript(
    locale,
    messages,
    {
      transcriptLabel: m.transcript,
      author: (msg) => authors[msg.from],
      side: (from) => (from === 'customer' ? 'own' : 'other'),
    },
    html`${m.noMessages}`,
  );
}
