/**
 * Reads HubSpot's explanation out of an error body (`{ status, message, correlationId, category }`).
 *
 * @internal
 */
export function hubSpotErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, category } = body as { message?: unknown; category?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof category === 'string' ? `${category}: ${message}` : message;
}
