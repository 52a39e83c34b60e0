/**
 * One step in an interaction's history: what happened, when, and who was involved.
 */
export interface TimelineEntry {
  /** Clock time, epoch ms. */
  readonly at: number;
  /** The event type that produced this entry (e.g. `interaction-offered`). */
  readonly type: string;
  /** The state the interaction was in after this step. */
  readonly state: string;
  /** The agent involved, if any. */
  readonly agentId?: string;
  /** The queue involved, if any. */
  readonly queueId?: string;
  /** Free-form details (reason, disposition, DTMF digits, SIP codes, ...). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}
