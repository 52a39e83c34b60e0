/** Channels a ticket can originate from: the interaction channels plus web forms and the API. */
export const TicketChannel = {
  email: 'email',
  chat: 'chat',
  voice: 'voice',
  sms: 'sms',
  callback: 'callback',
  web: 'web',
  api: 'api',
} as const;

/** The channel a ticket came in on. */
export type TicketChannel = (typeof TicketChannel)[keyof typeof TicketChannel];

/** Every {@link TicketChannel}. */
export const TICKET_CHANNELS: readonly TicketChannel[] = Object.freeze(
  Object.values(TicketChannel),
);

/** Whether `value` is a {@link TicketChannel}. */
export function isTicketChannel(value: unknown): value is TicketChannel {
  return typeof value === 'string' && (TICKET_CHANNELS as readonly string[]).includes(value);
}
