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
/** Longest wait between two reads while the center is unreachable, as a multiple of the refresh. */
const MAX_BACKOFF = 8;

/** What a {@link ChatFollower} follows and whom it tells. */
export interface ChatFollowerOptions {
  readonly center: ContactCenter;
  readonly interactionId: string;
  readonly clock: Clock;
  /** Milliseconds between two reads of the transcript while nothing else prompts one. */
  readonly refreshMs: number;
  /** Called after a read that changed what is shown; `added` are the messages new to it. */
  readonly onChange: (snapshot: ChatSnapshot, added: readonly TranscriptMessage[]) => void;
  /** Called when the center refused a read for a reason other than being unreachable. */
  readonly onError: (error: unknown) => void;
}

/** Whether `error` says the center could not be reached (so reading again later may work). */
export function isConnectionError(error: unknown): boolean {
  return !(error instanceof SwitchboardError) || error.retryable;
}

/**
 * Follows one chat interaction through the `ContactCenter` interface only: reads the interaction
 * and its transcript, reads again whenever the event stream reports something about the
 * interaction, and every `refreshMs` on the element's clock (the event stream carries no message
 * events, see the chat decision record). A read that fails because the center is unreachable turns
 * the connection to `reconnecting` and is retried with a bounded back-off; the next read that
 * succeeds turns it `live` again and brings every message written meanwhile. A refusal (a
 * non-retryable `SwitchboardError`, e.g. `NOT_FOUND`) is reported once and stops the timer.
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
    const { center, interactionId } = this.options;
    this.stopEvents = center.subscribeEvents(({ event }) => {
      if ('interactionId' in event && event.interactionId === interactionId) this.refresh();
    });
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

  private async read(): Promise<void> {
    const { center, interactionId } = this.options;
    try {
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
    const factor = Math.min(2 ** this.failures, MAX_BACKOFF);
    this.clearTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, this.options.refreshMs * factor);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function bounded(messages: TranscriptMessage[]): TranscriptMessage[] {
  return messages.length > MAX_SHOWN_MESSAGES ? messages.slice(-MAX_SHOWN_MESSAGES) : messages;
}
