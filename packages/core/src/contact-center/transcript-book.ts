import { ValidationError, type Clock, type ValidationIssue } from '../shared/index.js';

/** Who wrote a transcript message. */
export const TRANSCRIPT_AUTHORS = ['customer', 'agent', 'bot', 'system'] as const;
/** One of {@link TRANSCRIPT_AUTHORS}. */
export type TranscriptAuthor = (typeof TRANSCRIPT_AUTHORS)[number];

/** What {@link ContactCenter.addTranscriptMessage} takes. */
export interface NewTranscriptMessage {
  readonly from: TranscriptAuthor;
  /** The text, 1 to {@link MAX_MESSAGE_LENGTH} characters. */
  readonly text: string;
  /** For `from: 'agent'`: which agent (the server sets it from the caller). */
  readonly agentId?: string;
}

/** One message of a transcript. */
export interface TranscriptMessage {
  /** Position in the transcript, from 1. */
  readonly seq: number;
  /** Clock time it was stored. */
  readonly at: number;
  readonly from: TranscriptAuthor;
  readonly text: string;
  readonly agentId?: string;
}

/** The messages of one interaction (chat, SMS, email, or a voice call's speech-to-text). */
export interface Transcript {
  readonly interactionId: string;
  readonly messages: readonly TranscriptMessage[];
}

/** Longest message accepted. */
export const MAX_MESSAGE_LENGTH = 10_000;
/** Most messages one transcript holds. */
export const MAX_TRANSCRIPT_MESSAGES = 10_000;

/**
 * Transcripts stored with their interactions (the caller checks that the interaction exists).
 *
 * @internal
 */
export class TranscriptBook {
  private readonly transcripts = new Map<string, TranscriptMessage[]>();

  constructor(private readonly clock: Clock) {}

  add(interactionId: string, message: NewTranscriptMessage): TranscriptMessage {
    const issues: ValidationIssue[] = [];
    const { from, text, agentId } = (message ?? {}) as Partial<NewTranscriptMessage>;
    if (!(TRANSCRIPT_AUTHORS as readonly unknown[]).includes(from)) {
      issues.push({
        path: '$.from',
        message: `from must be one of ${TRANSCRIPT_AUTHORS.join(', ')}`,
      });
    }
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
      issues.push({
        path: '$.text',
        message: `text must be a string of 1-${MAX_MESSAGE_LENGTH} characters`,
      });
    }
    if (agentId !== undefined && (typeof agentId !== 'string' || agentId.length > 128)) {
      issues.push({ path: '$.agentId', message: 'agentId must be an id' });
    }
    const list = this.transcripts.get(interactionId) ?? [];
    if (list.length >= MAX_TRANSCRIPT_MESSAGES) {
      issues.push({
        path: '$',
        message: `a transcript holds at most ${MAX_TRANSCRIPT_MESSAGES} messages`,
      });
    }
    if (issues.length > 0) throw new ValidationError('transcript message', issues);
    const stored: TranscriptMessage = {
      seq: list.length + 1,
      at: this.clock.now(),
      from: from as TranscriptAuthor,
      text: text as string,
      ...(agentId !== undefined ? { agentId } : {}),
    };
    list.push(stored);
    this.transcripts.set(interactionId, list);
    return stored;
  }

  get(interactionId: string): Transcript {
    return { interactionId, messages: [...(this.transcripts.get(interactionId) ?? [])] };
  }

  /** Puts back a transcript as an earlier run stored it. */
  restore(transcript: Transcript): void {
    const messages = [...transcript.messages].sort((a, b) => a.seq - b.seq);
    if (messages.length > 0) this.transcripts.set(transcript.interactionId, messages);
  }

  /**
   * Replaces every message's text (GDPR erasure keeps who spoke and when); returns the messages
   * as they now are.
   */
  redact(interactionId: string, replacement: string): readonly TranscriptMessage[] {
    const list = this.transcripts.get(interactionId);
    if (!list) return [];
    const redacted = list.map((m) => ({ ...m, text: replacement }));
    this.transcripts.set(interactionId, redacted);
    return redacted;
  }
}
