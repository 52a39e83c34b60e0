import type {
  ContactCenterEvent,
  ContactCenterInteraction,
  EventEnvelope,
  LocalContactCenter,
  Transcript,
  TranscriptMessage,
} from '@switchboard/core/contact-center';
import { sessionOwning } from './customer-scope.js';

/** What a customer reads where an event must name an agent or a transfer target. */
export const WITHHELD = 'withheld';

/**
 * An interaction as its customer may read it: its id, channel, status, queue, priority, creation
 * time and timeline steps (time, type, state, queue). Agent ids, the customer id, attributes,
 * timeline details (reasons, dispositions, digits), disposition and notes are staff data.
 *
 * @internal
 */
export function customerInteraction(ix: ContactCenterInteraction): ContactCenterInteraction {
  return {
    id: ix.id,
    channel: ix.channel,
    status: ix.status,
    customerId: undefined,
    attributes: {},
    priority: ix.priority,
    queueId: ix.queueId,
    agentId: undefined,
    createdAt: ix.createdAt,
    timeline: ix.timeline.map((step) => ({
      at: step.at,
      type: step.type,
      state: step.state,
      ...(step.queueId === undefined ? {} : { queueId: step.queueId }),
    })),
    disposition: null,
    notes: null,
  };
}

/** A transcript message without the id of the agent who wrote it. @internal */
export function customerMessage(message: TranscriptMessage): TranscriptMessage {
  return { seq: message.seq, at: message.at, from: message.from, text: message.text };
}

/** A transcript as its customer may read it (no agent ids). @internal */
export function customerTranscript(transcript: Transcript): Transcript {
  return {
    interactionId: transcript.interactionId,
    messages: transcript.messages.map(customerMessage),
  };
}

/**
 * An event as a customer's stream carries it, or undefined when it carries none of it: only its
 * chat's messages and lifecycle (created, IVR, queued, connected, held, resumed, wrap-up, completed,
 * abandoned, transferred), each reduced to what the customer may know. Offers, rejections and
 * overflows (routing internals), wrap-up records (disposition, notes), agents, queues and tickets
 * are never passed. Whose chat it is is not decided here (see {@link customerEnvelope}).
 *
 * @internal
 */
export function customerEvent(event: ContactCenterEvent): ContactCenterEvent | undefined {
  const { at } = event;
  switch (event.type) {
    case 'transcript-message-added':
      return {
        type: event.type,
        at,
        interactionId: event.interactionId,
        agentId: null,
        message: customerMessage(event.message),
      };
    case 'interaction-created':
      return {
        type: event.type,
        at,
        interactionId: event.interactionId,
        channel: event.channel,
        attributes: {},
      };
    case 'interaction-ivr-started':
    case 'interaction-completed':
      return { type: event.type, at, interactionId: event.interactionId };
    case 'interaction-queued':
      return {
        type: event.type,
        at,
        interactionId: event.interactionId,
        queueId: event.queueId,
        priority: event.priority,
      };
    case 'interaction-connected':
    case 'interaction-held':
    case 'interaction-resumed':
      return { type: event.type, at, interactionId: event.interactionId, agentId: WITHHELD };
    case 'interaction-wrap-up-started':
      return {
        type: event.type,
        at,
        interactionId: event.interactionId,
        agentId: WITHHELD,
        until: event.until,
      };
    case 'interaction-abandoned':
      return {
        type: event.type,
        at,
        interactionId: event.interactionId,
        ...(event.queueId === undefined ? {} : { queueId: event.queueId }),
      };
    case 'interaction-transferred':
      return { type: event.type, at, interactionId: event.interactionId, target: WITHHELD };
    default:
      return undefined;
  }
}

/**
 * The envelope a customer session's stream carries for `envelope`: the redacted event of one of
 * the session's own interactions, else undefined.
 *
 * @internal
 */
export function customerEnvelope(
  center: LocalContactCenter,
  session: string,
  envelope: EventEnvelope,
): EventEnvelope | undefined {
  const view = customerEvent(envelope.event);
  if (!view || !('interactionId' in view)) return undefined;
  if (sessionOwning(center, view.interactionId) !== session) return undefined;
  return { seq: envelope.seq, tenant: envelope.tenant, event: view };
}

/** Raw events read per page while a customer's page is filtered. */
const PAGE = 1000;

/**
 * Up to `limit` events of `session`'s stream after `afterSeq` (the event page of a customer):
 * reads the tenant's stream page by page and keeps the session's own, redacted.
 *
 * @internal
 */
export function readCustomerEvents(
  center: LocalContactCenter,
  session: string,
  afterSeq: number,
  limit: number,
): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let after = afterSeq; out.length < limit;) {
    const page = center.readEvents(after, PAGE);
    for (const envelope of page) {
      const own = customerEnvelope(center, session, envelope);
      if (own) out.push(own);
      if (out.length >= limit) break;
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = last.seq;
  }
  return out;
}
