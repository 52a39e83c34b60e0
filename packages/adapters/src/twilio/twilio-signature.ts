import { constantTimeEqual } from '../webhook/webhook-signature.js';

const encoder = new TextEncoder();

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1, keyed by the account's
 * auth token, over the full URL followed by every form parameter as name then value, sorted by
 * name.
 *
 * @example
 * ```ts
 * const expected = await twilioSignature(secret, 'https://cc.example.com/sms', { Body: 'Hi', From: '+14155550123' });
 * ```
 */
export async function twilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): Promise<string> {
  const names = Object.keys(params).sort();
  let data = url;
  for (const name of names) data += name + params[name];
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(authToken),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Whether a Twilio webhook's signature header matches its URL and parameters under any of the
 * auth tokens (several while a token is rotated). Compares in constant time.
 *
 * @example
 * ```ts
 * const params = Object.fromEntries(new URLSearchParams(rawBody));
 * const ok = await verifyTwilioSignature([secret], 'https://cc.example.com/sms', params, req.headers['x-twilio-signature']);
 * if (!ok) reply(403, 'bad signature');
 * ```
 */
export async function verifyTwilioSignature(
  authTokens: readonly string[],
  url: string,
  params: Readonly<Record<string, string>>,
  header: string | undefined,
): Promise<boolean> {
  if (header === undefined || header.length === 0 || header.length > 128) return false;
  let match = false;
  for (const token of authTokens)
    match = constantTimeEqual(await twilioSignature(token, url, params), header) || match;
  return match;
}
