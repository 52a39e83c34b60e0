import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { AdapterHttpError } from '../http/adapter-http-error.js';
import { AdapterRateLimitError } from '../http/adapter-rate-limit-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';

/** Codes that mean the access token is invalid or expired: fetch a new one and retry once. @internal */
export const WECOM_TOKEN_CODES: ReadonlySet<number> = new Set([40014, 42001, 41001]);

// Global error codes (全局错误码): credentials and permissions, rate limits, bad input.
const AUTH = new Set([
  40001,
  40013,
  40056,
  40082,
  48002,
  60011,
  60020,
  93000,
  ...WECOM_TOKEN_CODES,
]);
const RATE = new Set([45009, 45033, 45011]);
const VALIDATION = new Set([40003, 40008, 41009, 44004, 45002, 81013, 82001, 301002]);

/**
 * A WeCom `errcode` as a typed error: refused credentials, IP or permission → auth; frequency
 * limits → rate limit (retryable); `-1` (system busy) → retryable; bad recipients or content →
 * validation; anything else → `ADAPTER_HTTP`, not retryable. The vendor message is
 * `<errcode>: <errmsg>` (WeCom's `errmsg` carries no secret).
 *
 * @internal
 */
export function weComError(errcode: number, errmsg: string, url: string): AdapterHttpError {
  const vendorMessage = `${errcode}: ${errmsg.slice(0, 300)}`;
  const text = `POST ${url} failed: WeCom ${vendorMessage}`;
  const o = { method: 'POST', url, vendorMessage };
  if (AUTH.has(errcode)) return new AdapterAuthError(text, o);
  if (RATE.has(errcode)) return new AdapterRateLimitError(text, o);
  if (VALIDATION.has(errcode)) return new AdapterValidationError(text, o);
  return new AdapterHttpError('ADAPTER_HTTP', text, { ...o, retryable: errcode === -1 });
}
