/**
 * Agent notifications over a generic webhook signed with HMAC-SHA256, and the verification helper
 * for receivers.
 *
 * @example
 * ```ts
 * import { WebhookNotifier, verifyWebhook } from '@switchboard/adapters/webhook';
 * ```
 *
 * @packageDocumentation
 */
export { WebhookNotifier, WEBHOOK_DELIVERY_HEADER } from './webhook-notifier.js';
export type { WebhookNotifierOptions, WebhookNotificationBody } from './webhook-notifier.js';
export {
  signWebhook,
  verifyWebhook,
  constantTimeEqual,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook-signature.js';
export type {
  VerifyWebhookOptions,
  WebhookVerification,
  WebhookRejection,
} from './webhook-signature.js';
