/**
 * The channels an interaction can arrive on.
 *
 * @example
 * ```ts
 * engine.enqueue({ channel: Channel.chat, queueId: 'support' });
 * ```
 */
export const Channel = {
  voice: 'voice',
  chat: 'chat',
  email: 'email',
  sms: 'sms',
  callback: 'callback',
} as const;

/** One of {@link Channel}. */
export type Channel = (typeof Channel)[keyof typeof Channel];

/** Every channel, in a fixed order. */
export const CHANNELS: readonly Channel[] = Object.freeze(Object.values(Channel));

/** Whether `value` names a channel. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
