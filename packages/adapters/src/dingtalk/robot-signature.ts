import { constantTimeEqual } from '../webhook/webhook-signature.js';

const encoder = new TextEncoder();
const MAX_SIGN_LENGTH = 128;

/**
 * Signs a DingTalk custom robot request (加签): HMAC-SHA256 with the robot's secret over
 * `"<timestamp>\n<secret>"`, Base64. The timestamp (epoch ms) and the signature go in the webhook
 * URL's `timestamp` and `sign` query parameters (URL-encoded); DingTalk refuses a timestamp more
 * than an hour away from its clock.
 *
 * @example
 * ```ts
 * const sign = await signDingTalkRobot(secret, Date.now());
 * ```
 */
export async function signDingTalkRobot(secret: string, timestampMs: number): Promise<string> {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0)
    throw new RangeError('timestampMs must be a non-negative integer (epoch ms)');
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestampMs}\n${secret}`)),
  );
  return btoa(String.fromCharCode(...mac));
}

/** What {@link verifyDingTalkSignature} checks. */
export interface DingTalkSignatureInput {
  /** The `timestamp` header or parameter (epoch ms, as text). */
  readonly timestamp: string | undefined;
  /** The `sign` header or parameter (Base64, already URL-decoded). */
  readonly sign: string | undefined;
  /** The shared secret (the robot's or the application's AppSecret). */
  readonly secret: string;
  /** Current time in epoch ms (default `Date.now()`). */
  readonly now?: number;
  /** Largest distance between `timestamp` and now (default one hour, as DingTalk uses). */
  readonly toleranceMs?: number;
}

/**
 * Verifies a DingTalk signature as a receiver: the callback of an outgoing robot (企业内部机器人)
 * carries `timestamp` and `sign` headers computed as {@link signDingTalkRobot} does. False for a
 * missing, malformed, stale or wrong signature; compared in constant time.
 *
 * @example
 * ```ts
 * const ok = await verifyDingTalkSignature({
 *   timestamp: req.headers['timestamp'],
 *   sign: req.headers['sign'],
 *   secret,
 * });
 * if (!ok) reply(401, 'bad signature');
 * ```
 */
export async function verifyDingTalkSignature(input: DingTalkSignatureInput): Promise<boolean> {
  const { timestamp, sign } = input;
  if (timestamp === undefined || sign === undefined) return false;
  if (!/^\d{10,16}$/.test(timestamp) || sign.length > MAX_SIGN_LENGTH) return false;
  const at = Number(timestamp);
  const now = input.now ?? Date.now();
  if (Math.abs(now - at) > (input.toleranceMs ?? 3_600_000)) return false;
  return constantTimeEqual(await signDingTalkRobot(input.secret, at), sign);
}
