import type { RoutingEvent } from '../routing/index.js';
import type { TicketEvent } from '../tickets/index.js';
import type { CoreEvent } from '../shared/index.js';
import type { TranscriptMessage } from './transcript-book.js';

/** An agent finished after-call work with a disposition and notes (in addition to the router's `interaction-completed`). */
export interface WrapUpRecordedEvent extends CoreEvent<'interaction-wrap-up-recorded'> {
  readonly interactionId: string;
  readonly agentId: string | null;
  readonly disposition: string | null;
  readonly notes: string | null;
}

/**
 * A message was stored with an interaction's transcript (`ContactCenter.addTranscriptMessage`):
 * a chat element appends it as it arrives instead of reading the transcript again. It carries the
 * agent the interaction is offered to or connected with at that moment, so that agent's desktop
 * (an agent-scoped subscription, see {@link eventConcernsAgent}) receives it and no other agent's
 * does. After a GDPR erasure of the interaction's customer the message reads `[erased]`, as the
 * transcript does.
 *
 * @example
 * ```ts
 * center.subscribeEvents(({ event }) => {
 *   if (event.type === 'transcript-message-added' && event.interactionId === 'ix-42') {
 *     show(event.message.text);
 *   }
 * });
 * ```
 */
export interface TranscriptMessageAddedEvent extends CoreEvent<'transcript-message-added'> {
  readonly interactionId: string;
  /** The agent the interaction was offered to or connected with when the message was stored. */
  readonly agentId: string | null;
  /** The message as stored (its `seq` is its place in the transcript, from 1, gap-free). */
  readonly message: TranscriptMessage;
}

/** Every event a {@link ContactCenter} publishes: the router's, the tickets' and its own. */
export type ContactCenterEvent =
  RoutingEvent | TicketEvent | WrapUpRecordedEvent | TranscriptMessageAddedEvent;

/**
 * One published event with its place in the tenant's stream. `seq` counts from 1 without gaps per
 * tenant, so a consumer that remembers the last `seq` it applied can resume exactly after it and
 * can recognise (and skip) an event it has already applied.
 */
export interface EventEnvelope {
  /** Position in the tenant's stream, from 1, gap-free. */
  readonly seq: number;
  /** The tenant whose stream it belongs to. */
  readonly tenant: string;
  /** The event itself. */
  readonly event: ContactCenterEvent;
}

/**
 * Whether `event` concerns agent `agentId`: its own presence and lease, the offers made to it, the
 * interactions it handles and the tickets assigned to it. What an agent desktop is allowed to see.
 *
 * @example
 * ```ts
 * center.subscribeEvents((e) => render(e), { agentId: 'alice' }); // uses this filter
 * center.subscribeEvents(({ event }) => render(eventConcernsAgent(event, 'alice'))); // false for an offer made to 'bob'
 * ```
 */
export function eventConcernsAgent(event: ContactCenterEvent, agentId: string): boolean {
  if (event.type === 'agent-added') return event.agent.id === agentId;
  return 'agentId' in event && event.agentId === agentId;
}
