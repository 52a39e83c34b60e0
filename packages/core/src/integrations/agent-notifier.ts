/** How urgent a notification is. */
export type AgentNotificationSeverity = 'info' | 'warning' | 'urgent';

/** A message pushed to an agent outside the desktop (phone, chat app, webhook). */
export interface AgentNotification {
  /** A unique id; receivers use it to drop duplicates. */
  readonly id: string;
  /** The agent it is for. */
  readonly agentId: string;
  /** Short title. */
  readonly title: string;
  /** Text. */
  readonly body: string;
  /** How urgent it is. */
  readonly severity: AgentNotificationSeverity;
  /** A link to open, if any. */
  readonly url?: string;
}

/** The result of a send: delivered, with the system's message id when it returns one. */
export interface AgentNotificationResult {
  /** Always `'delivered'`; failures reject with the adapter's typed error. */
  readonly status: 'delivered';
  /** The receiving system's id of the message, when it returns one. */
  readonly messageId?: string;
}

/**
 * Port: pushes a message to an agent (named `AgentNotifier` so it does not clash with other
 * notifier types).
 *
 * @example
 * ```ts
 * await notifier.notify({ id: 'n1', agentId: 'a1', title: 'Callback due', body: '…', severity: 'info' });
 * ```
 */
export interface AgentNotifier {
  /** Sends one notification; rejects with the adapter's typed error when it cannot. */
  notify(notification: AgentNotification): Promise<AgentNotificationResult>;
}
