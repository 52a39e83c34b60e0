import type { Channel } from '../interactions/channel.js';
import type { Unsubscribe } from '../shared/events.js';

/** A message that arrived on a channel. */
export interface InboundMessage {
  /** The transport's id of the message (used to drop duplicates). */
  readonly id: string;
  /** Sender address (phone number, email address). */
  readonly from: string;
  /** Receiving address. */
  readonly to: string;
  /** Text body. */
  readonly text: string;
  /** Subject, for channels that have one. */
  readonly subject?: string;
  /** The id of the message this one answers, for threading. */
  readonly inReplyTo?: string;
  /** The ids of the thread's earlier messages, oldest first (email's `References`). */
  readonly references?: readonly string[];
  /** When it was received (epoch ms). */
  readonly receivedAt: number;
}

/** A message to send on a channel. */
export interface OutboundMessage {
  /** Recipient address. */
  readonly to: string;
  /** Text body. */
  readonly text: string;
  /** Subject, for channels that have one. */
  readonly subject?: string;
  /** The id of the message this one answers, for threading. */
  readonly inReplyTo?: string;
  /** The same key twice sends one message. */
  readonly idempotencyKey: string;
}

/** The result of a send: accepted by the transport, with its message id. */
export interface OutboundResult {
  /** Always `'accepted'`; failures reject with the adapter's typed error. */
  readonly status: 'accepted';
  /** The transport's id of the message. */
  readonly messageId: string;
}

/** What a transport reports, as `{ type }` events. */
export type ChannelTransportEvent =
  | { readonly type: 'message-received'; readonly message: InboundMessage }
  | {
      readonly type: 'delivery-updated';
      readonly messageId: string;
      readonly delivery: 'delivered' | 'failed';
    }
  | { readonly type: 'opted-out'; readonly address: string }
  | { readonly type: 'opted-in'; readonly address: string };

/**
 * Port: the inbound and outbound messages of one channel (email, SMS, ...).
 *
 * @example
 * ```ts
 * const stop = sms.subscribe((e) => {
 *   if (e.type === 'message-received') intake(e.message);
 * });
 * await sms.send({ to: '+14155550100', text: 'Hi', idempotencyKey: 'm-1' });
 * ```
 */
export interface ChannelTransport {
  /** The channel it carries. */
  readonly channel: Channel;
  /** Sends one message. */
  send(message: OutboundMessage): Promise<OutboundResult>;
  /** Listens to the transport's events; returns the function that stops listening. */
  subscribe(listener: (event: ChannelTransportEvent) => void): Unsubscribe;
}
