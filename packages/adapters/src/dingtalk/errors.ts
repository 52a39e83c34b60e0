import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { AdapterHttpError } from '../http/adapter-http-error.js';
import { AdapterRateLimitError } from '../http/adapter-rate-limit-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';

/** Codes that mean the access token is invalid or expired: fetch a new one and retry once. @internal */
export const DINGTALK_TOKEN_CODES: ReadonlySet<number> = new Set([40014, 42001]);

// 错误码: credentials, IP allow-list and robot security settings; frequency limits (per second,
// per minute, work notices per minute, robot 20 a minute, temporary ban); bad input.
const AUTH = new Set([
  40001,
  40089,
  40091,
  60020,
  60011,
  310000,
  300001,
  400101,
  400102,
  ...DINGTALK_TOKEN_CODES,
]);
const RATE = new Set([88, 90002, 90005, 90006, 90018, 41047, 41048, 130101]);
const VALIDATION = new Set([33012, 40035, 40003, 400013, 300005]);

/**
 * A DingTalk `errcode` as a typed error: credentials, IP allow-list or a robot's security
 * settings (310000: signature, keyword or IP) → auth; frequency limits → rate limit (retryable);
 * `-1` (system busy) → retryable; bad recipients or content → validation; anything else →
 * `ADAPTER_HTTP`, not retryable. The vendor message is `<errcode>: <errmsg>`.
 *
 * @internal
 */
export function dingTalkError(errcode: number, errmsg: string, url: string): AdapterHttpError {
  const vendorMessage = `${errcode}: ${errmsg.slice(0, 300)}`;
  const text = `POST ${url} failed: DingTalk ${vendorMessage}`;
  const o = { method: 'POST', url, vendorMessage };
  if (AUTH.has(errcode)) return new AdapterAuthError(text, o);
  if (RATE.has(errcode)) return new AdapterRateLimitError(text, o);
  if (VALIDATION.has(errcode)) return new AdapterValidationError(text, o);
  return new AdapterHttpError('ADAPTER_HTTP', text, { ...o, retryable: errcode === -1 });
}
