/** What {@link EmailThreads.threadOf} reads of a message: its reply headers. */
export interface ThreadedMessage {
  /** `In-Reply-To`: the message this one answers. */
  readonly inReplyTo?: string;
  /** `References`: the thread's earlier messages, oldest first. */
  readonly references?: readonly string[];
}

/**
 * Threads email into conversations: remembers which interaction or ticket each Message-ID belongs
 * to (the ones received and the ones sent), and finds the conversation of a new message from its
 * `In-Reply-To`, else from its `References` (newest first), as mail clients thread. Bounded: the
 * oldest ids are forgotten first.
 *
 * @example
 * ```ts
 * const threads = new EmailThreads();
 * threads.remember('<order-42@customer.example>', 'ticket-7');
 * threads.threadOf({ inReplyTo: '<order-42@customer.example>' }); // 'ticket-7'
 * ```
 */
export class EmailThreads {
  private readonly threads = new Map<string, string>();

  /** @param limit - how many Message-IDs to remember (default 100,000). */
  constructor(private readonly limit = 100_000) {}

  /** Records that a Message-ID belongs to a conversation (an interaction or ticket id). */
  remember(messageId: string, thread: string): void {
    const id = normalise(messageId);
    this.threads.delete(id);
    this.threads.set(id, thread);
    if (this.threads.size > this.limit) {
      const oldest = this.threads.keys().next();
      if (!oldest.done) this.threads.delete(oldest.value);
    }
  }

  /** The conversation a message continues, or `undefined` for a new conversation. */
  threadOf(message: ThreadedMessage): string | undefined {
    const candidates = [
      ...(message.inReplyTo === undefined ? [] : [message.inReplyTo]),
      ...[...(message.references ?? [])].reverse(),
    ];
    for (const id of candidates) {
      const thread = this.threads.get(normalise(id));
      if (thread !== undefined) return thread;
    }
    return undefined;
  }
}

// Message-IDs compare without their angle brackets and surrounding space.
function normalise(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}
