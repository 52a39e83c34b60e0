import { html, nothing, type TemplateResult } from 'lit';
import type { TranscriptMessage } from '@switchboard/core/contact-center';
import type { TranscriptAuthor } from '@switchboard/core/contact-center';
import { formatTime } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale-state.js';

/** What the transcript list needs to label its messages. */
export interface TranscriptLabels {
  readonly transcriptLabel: string;
  readonly author: (message: TranscriptMessage) => string;
  /** Which side a message sits on: `own` (this element's user) or `other`. */
  readonly side: (from: TranscriptAuthor) => 'own' | 'other';
}

/**
 * The transcript as a log (a polite live region that keyboard users can scroll): each message's
 * author, time and text, the text always bound as text (never HTML).
 *
 * @internal
 */
export function renderTranscript(
  locale: Locale,
  messages: readonly TranscriptMessage[],
  labels: TranscriptLabels,
  empty: TemplateResult | typeof nothing,
): TemplateResult {
  return html`<div
    part="transcript"
    role="log"
    aria-live="polite"
    aria-label=${labels.transcriptLabel}
    tabindex="0"
  >
    ${messages.length === 0 ? html`<p part="empty">${empty}</p>` : nothing}
    <ol part="messages">
      ${messages.map(
        (m) =>
          html`<li
            part=${`message message-${labels.side(m.from)}`}
            data-from=${m.from}
            data-seq=${m.seq}
          >
            <span part="meta"
              ><span part="author">${labels.author(m)}</span>
              <time part="time" datetime=${new Date(m.at).toISOString()}
                >${formatTime(locale, m.at)}</time
              ></span
            >
            <p part="text">${m.text}</p>
          </li>`,
      )}
    </ol>
  </div>`;
}

/** What a composer shows. */
export interface ComposerView {
  readonly label: string;
  readonly placeholder: string;
  readonly send: string;
  readonly counter: string;
  readonly maxLength: number;
  readonly disabled: boolean;
  readonly pending: boolean;
  readonly hint: string;
  readonly error: string | undefined;
  readonly onSubmit: (event: Event) => void;
  readonly onInput: (event: Event) => void;
}

/**
 * The composer: a bounded text area (Enter sends, Shift+Enter starts a new line, an IME
 * composition is never cut short), a length counter, the `actions` slot and the send button.
 *
 * @internal
 */
export function renderComposer(v: ComposerView): TemplateResult {
  return html`<form part="composer" @submit=${v.onSubmit}>
    ${v.error ? html`<p part="error" role="alert">${v.error}</p>` : nothing}
    <textarea
      part="input"
      name="text"
      rows="2"
      aria-label=${v.label}
      aria-describedby="composer-hint"
      placeholder=${v.placeholder}
      maxlength=${v.maxLength}
      ?disabled=${v.disabled}
      @keydown=${onComposerKey}
      @input=${v.onInput}
    ></textarea>
    <span part="counter" id="composer-hint"
      >${v.counter}<span class="visually-hidden">. ${v.hint}</span></span
    >
    <slot name="actions"></slot>
    <button part="send" type="submit" ?disabled=${v.disabled || v.pending}>${v.send}</button>
  </form>`;
}

function onComposerKey(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) {
    return;
  }
  event.preventDefault();
  (event.target as HTMLTextAreaElement).form?.requestSubmit();
}

/** The text of a composer's submit, trimmed and bounded; empty when there is nothing to send. */
export function composerText(event: Event, maxLength: number): string {
  const form = event.target as HTMLFormElement;
  const field = form.elements.namedItem('text') as HTMLTextAreaElement | null;
  return (field?.value ?? '').trim().slice(0, maxLength);
}

/** Empties a composer's text area. */
export function clearComposer(root: ParentNode): void {
  const field = root.querySelector<HTMLTextAreaElement>('[part~="input"]');
  if (field) field.value = '';
}
