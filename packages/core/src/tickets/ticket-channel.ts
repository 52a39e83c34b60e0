/** Channels a ticket can originate from: the interaction channels plus web forms and the API. */
export const TICKET_CHANNELS = ['email', 'chat', 'voice', 'sms', 'callback', 'web', 'api'] as const;

/** The channel a ticket came in on. */
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** Whether `value` is a {@link TicketChannel}. */
export function isTicketChannel(value: unknown): value is TicketChannel {
  return typeof value === 'string' && (TICKET_CHANNELS as readonly string[]).includes(value);
}
