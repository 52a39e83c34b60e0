/**
 * Twilio as the SMS channel's provider: sending through the Messages API and reading its signed
 * webhooks (inbound texts and delivery receipts).
 *
 * @example
 * ```ts
 * import { TwilioSmsProvider } from '@switchboard/adapters/twilio';
 * ```
 *
 * @packageDocumentation
 */
export { TwilioSmsProvider } from './client.js';
export type { TwilioSmsProviderOptions } from './client.js';
export { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';
export { TWILIO_FORM_LIMITS } from './twilio-form.js';
