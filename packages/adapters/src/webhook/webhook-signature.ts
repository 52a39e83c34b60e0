/** Name of the header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-switchboard-signature';

const MAX_HEADER_LENGTH = 2048;
const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Compares two strings in time that depends only on their lengths, not on where they differ.
 *
 * @example
 * ```ts
 * constantTimeEqual('abc', 'abd'); // false
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * Signs a webhook body: HMAC-SHA256 over `"<timestamp>.<body>"` with the shared secret, as the
 * header value `t=<unix seconds>,v1=<hex>`.
 *
 * @example
 * ```ts
 * const header = await signWebhook('whsec_…', body, Math.floor(Date.now() / 1000));
 * ```
 */
export async function signWebhook(
  secret: string,
  body: string,
  timestampSeconds: number,
): Promise<string> {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The shared secret, or several while a secret is being rotated (any one may match). */
  readonly secret: string | readonly string[];
  /** The raw request body, exactly as received (before any JSON parsing). */
  readonly body: string;
  /** The signature header's value (`null` when it was missing). */
  readonly header: string | null | undefined;
  /** Current time in epoch ms (default `Date.now()`). */
  readonly now?: number;
  /** Accepted age (and clock skew) of the timestamp, in seconds (default 300). */
  readonly toleranceSeconds?: number;
}

/** Why a webhook was refused. */
export type WebhookRejection =
  'missing-header' | 'malformed-header' | 'bad-signature' | 'expired' | 'from-the-future';

/** The result of {@link verifyWebhook}. */
export type WebhookVerification =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: WebhookRejection };

/**
 * Verifies a signed webhook for a receiver: parses the header, recomputes the HMAC over the raw
 * body, compares in constant time, and refuses timestamps outside the replay window. Pair it with
 * a store of seen delivery ids (`x-switchboard-delivery`) to drop replays inside the window.
 *
 * @example
 * ```ts
 * const check = await verifyWebhook({ secret, body: rawBody, header: req.headers['x-switchboard-signature'] });
 * if (!check.ok) reply(401, check.reason);
 * ```
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookVerification> {
  const { header } = options;
  if (header === null || header === undefined || header === '')
    return { ok: false, reason: 'missing-header' };
  if (header.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'malformed-header' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0) return { ok: false, reason: 'malformed-header' };
    if (name === 't' && /^[0-9]{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0)
    return { ok: false, reason: 'malformed-header' };
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (timestamp < nowSeconds - tolerance) return { ok: false, reason: 'expired' };
  if (timestamp > nowSeconds + tolerance) return { ok: false, reason: 'from-the-future' };
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let match = false;
  for (const secret of secrets) {
    const expected = await hmacHex(secret, `${timestamp}.${options.body}`);
    for (const signature of signatures) match = constantTimeEqual(expected, signature) || match;
  }
  return match ? { ok: true, timestamp } : { ok: false, reason: 'bad-signature' };
}
