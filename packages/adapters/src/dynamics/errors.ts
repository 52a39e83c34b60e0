import type { DvErrorBody } from './wire-types.js';

/**
 * Reads Dataverse's explanation out of an error body (`{ error: { code, message } }`) as
 * `<code>: <message>`.
 *
 * @internal
 */
export function dynamicsErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error } = body as DvErrorBody;
  if (typeof error?.message !== 'string') return undefined;
  return typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message;
}
