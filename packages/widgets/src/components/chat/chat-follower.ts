import type {
  ContactCenter,
  ContactCenterInteraction,
  TranscriptMessage,
} from '@switchboard/core/contact-center';
import { SwitchboardError, type Clock, type TimerHandle } from '@switchboard/core/shared';

/** Whether a chat element reaches its center: `connecting` before the first read. */
export type ChatConnection = 'connecting' | 'live' | 'reconnecting';

/** What a chat element shows of one interaction. */
export interface ChatSnapshot {
  readonly connection: ChatConnection;
  /** The interaction as last read, or null before the first read. */
  readonly interaction: ContactCenterInteraction | null;
  /** The newest messages, oldest first (at most {@link MAX_SHOWN_MESSAGES}). */
  readonly messages: readonly TranscriptMessage[];
}

/** The most messages a chat element keeps on screen (older ones stay in the center). */
export const MAX_SHOWN_MESSAGES = 500;
/** First wait before reading again after a read failed because the center was unreachable. */
export const RETRY_MS = 2000;
/** Longest wait between two reads while the center is unreachable, as a multiple of the first. */
const MAX_BACKOFF = 8;

/** What a {@link ChatFollower} follows and whom it tells. */
export interface ChatFollowerOptions {
  readonly center: ContactCenter;
  readonly interactionId: string;
  readonly clock: Clock;
  /**
   * Milliseconds between two reads of the transcript while nothing else prompts one: an opt-in
   * fallback for a center whose event stream does not carry this chat's events. 0 (the default of
   * the elements): no timer; reads happen at start, on the interaction's events, and to retry.
   */
  readonly refreshMs: number;
  /** Called after a change of what is shown; `added` are the messages new to it. */
  readonly onChange: (snapshot: ChatSnapshot, added: readonly TranscriptMessage[]) => void;
  /** Called when the center refused a read for a reason other than being unreachable. */
  readonly onError: (error: unknown) => void;
}

/** The shortest polling interval taken (a smaller positive `refresh-ms` is raised to it). */
const MIN_REFRESH_MS = 100;

/** The polling interval of an element's `refresh-ms`: 0 (none) unless it is a positive number. */
export function refreshInterval(value: unknown): number {
  const ms = Number(value);
  return ms > 0 ? Math.max(MIN_REFRESH_MS, ms) : 0;
}

/** Whether `error` says the center could not be reached (so reading again later may work). */
export function isConnectionError(error: unknown): boolean {
  return !(error instanceof SwitchboardError) || error.retryable;
}

/**
 * Follows one chat interaction through the `ContactCenter` interface only. At start it asks the
 * center for the newest event `seq`, subscribes to the events after it, then reads the interaction
 * and its transcript: a message stored meanwhile is either in that read or among the events, so
 * none is lost between the two. From then on it is pushed: a `transcript-message-added` event of
 * the interaction appends its message (the next `seq` of the transcript; a gap, e.g. after a
 * transfer during which the messages went to another agent's stream, reads the transcript
 * again), any other event of the interaction (accepted, held, ended) reads it again. Without
 * `refreshMs` nothing runs on a timer; with it, the transcript is also read every `refreshMs`.
 *
 * A read that fails because the center is unreachable turns the connection to `reconnecting` and
 * is retried with a bounded back-off (from `refreshMs`, else {@link RETRY_MS}); the next read that
 * succeeds turns it `live` again and brings every message written meanwhile. A refusal (a
 * non-retryable `SwitchboardError`, e.g. `NOT_FOUND`) is reported once and stops the retries.
 * The `ContactCenter` interface does not say when its event stream drops and resumes (the remote
 * one resumes by itself, without gap), so a break the stream heals is not shown as `reconnecting`.
 *
 * @internal
 */
export class ChatFollower {
  private snapshot: ChatSnapshot = { connection: 'connecting', interaction: null, messages: [] };
  private timer: TimerHandle | undefined;
  private stopEvents: (() => void) | undefined;
  private reading = false;
  private readAgain = false;
  private failures = 0;
  private disposed = false;
  private refused = false;

  constructor(private readonly options: ChatFollowerOptions) {}

  /** The state as last read. */
  getSnapshot(): ChatSnapshot {
    return this.snapshot;
  }

  /** Subscribes to the center's events and reads the transcript. */
  start(): void {
    globalThis.addEventListener?.('online', this.onOnline);
    this.refresh();
  }

  /** Reads now (or right after the read in flight). */
  refresh(): void {
    if (this.disposed) return;
    this.refused = false;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    this.clearTimer();
    void this.read();
  }

  /** Shows a message this element just stored (its answer from `addTranscriptMessage`). */
  add(message: TranscriptMessage): void {
    const last = this.snapshot.messages.at(-1)?.seq ?? 0;
    if (this.disposed || message.seq <= last) return;
    this.snapshot = { ...this.snapshot, messages: bounded([...this.snapshot.messages, message]) };
    this.options.onChange(this.snapshot, [message]);
  }

  /** Stops reading and unsubscribes. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.stopEvents?.();
    this.stopEvents = undefined;
    globalThis.removeEventListener?.('online', this.onOnline);
  }

  private readonly onOnline = (): void => this.refresh();

  /** Subscribes to the events after the center's newest one (once; before the first read). */
  private async subscribe(): Promise<void> {
    const { center, interactionId } = this.options;
    const afterSeq = await center.getLastSeq();
    if (this.disposed || this.stopEvents) return;
    this.stopEvents = center.subscribeEvents(
      ({ event }) => {
        if (!('interactionId' in event) || event.interactionId !== interactionId) return;
        if (event.type === 'transcript-message-added') this.received(event.message);
        else this.refresh();
      },
      { afterSeq },
    );
  }

  /** A message from the event stream: shown at once when it is the next one, else read. */
  private received(message: TranscriptMessage): void {
    const last = this.snapshot.messages.at(-1)?.seq ?? 0;
    if (this.disposed || message.seq <= last) return;
    if (this.snapshot.connection === 'live' && message.seq === last + 1) this.add(message);
    else this.refresh();
  }

  private async read(): Promise<void> {
    const { center, interactionId } = this.options;
    try {
      if (!this.stopEvents) await this.subscribe();
      const [interaction, transcript] = await Promise.all([
        center.getInteraction(interactionId),
        center.getTranscript(interactionId),
      ]);
      if (this.disposed) return;
      this.failures = 0;
      const before = this.snapshot;
      const last = before.messages.at(-1)?.seq ?? 0;
      const added = transcript.messages.filter((m) => m.seq > last);
      const changed =
        added.length > 0 ||
        before.connection !== 'live' ||
        before.interaction?.status !== interaction.status;
      this.snapshot = {
        connection: 'live',
        interaction,
        messages: added.length > 0 ? bounded([...before.messages, ...added]) : before.messages,
      };
      if (changed) this.options.onChange(this.snapshot, added);
    } catch (error) {
      if (this.disposed) return;
      if (isConnectionError(error)) {
        this.failures++;
        if (this.snapshot.connection !== 'reconnecting') {
          this.snapshot = { ...this.snapshot, connection: 'reconnecting' };
          this.options.onChange(this.snapshot, []);
        }
      } else {
        this.refused = true; // e.g. NOT_FOUND: reading again would only be refused again
        this.options.onError(error);
      }
    } finally {
      this.reading = false;
      if (!this.disposed && !this.refused) this.next();
    }
  }

  private next(): void {
    if (this.readAgain) {
      this.readAgain = false;
      this.refresh();
      return;
    }
    this.clearTimer();
    const { refreshMs } = this.options;
    // Live and pushed: nothing to wait for.
    if (this.failures === 0 && !(refreshMs > 0)) return;
    const base = refreshMs > 0 ? refreshMs : RETRY_MS;
    const factor = Math.min(2 ** this.failures, MAX_BACKOFF);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, base * factor);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function bounded(messages: TranscriptMessage[]): TranscriptMessage[] {
  return messages.length > MAX_SHOWN_MESSAGES ? messages.slice(-MAX_SHOWN_MESSAGES) : messages;
}
