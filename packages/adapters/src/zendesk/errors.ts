import type { ZendeskErrorBody } from './wire-types.js';

/**
 * Reads Zendesk's explanation out of an error body.
 *
 * @internal
 */
export function zendeskErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, description, details } = body as ZendeskErrorBody;
  if (typeof error === 'object' && error !== null) return error.message ?? error.title;
  const firstDetail = details
    ? Object.values(details)
        .flat()
        .find((d) => typeof d?.description === 'string')?.description
    : undefined;
  const parts = [description, firstDetail].filter((s): s is string => typeof s === 'string');
  return parts.length > 0 ? parts.join(': ') : typeof error === 'string' ? error : undefined;
}
