import { SmsError } from '../sms/sms-error.js';

/** Bounds of a webhook body: Twilio's callbacks are a few kilobytes with a few dozen fields. */
export const TWILIO_FORM_LIMITS = { maxBytes: 65_536, maxFields: 200 } as const;

/**
 * Parses a form-encoded webhook body into name/value pairs, refusing bodies over
 * {@link TWILIO_FORM_LIMITS}, repeated names and reserved names (`__proto__`, ...).
 *
 * @internal
 */
export function parseTwilioForm(body: string): Record<string, string> {
  if (body.length > TWILIO_FORM_LIMITS.maxBytes)
    throw rejected(
      `the body has ${body.length} characters; allowed ${TWILIO_FORM_LIMITS.maxBytes}`,
    );
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const [name, value] of new URLSearchParams(body)) {
    if (++count > TWILIO_FORM_LIMITS.maxFields)
      throw rejected(`the body has over ${TWILIO_FORM_LIMITS.maxFields} fields`);
    if (name in fields) throw rejected(`the field "${name.slice(0, 40)}" is repeated`);
    fields[name] = value;
  }
  return fields;
}

/** @internal */
export function rejected(reason: string): SmsError {
  return new SmsError('SMS_WEBHOOK_REJECTED', `twilio webhook refused: ${reason}`);
}
