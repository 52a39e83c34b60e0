import { randomBytes } from 'node:crypto';
import type { LocalContactCenter } from '@switchboard/core/contact-center';
import { NotFoundError } from '@switchboard/core/shared';
import { CustomerScopeError } from './customer-scope-error.js';

/**
 * The interaction attribute in which the server records the chat session (the customer token's
 * `sub`) that created an interaction. Set by the server from the token, never from the request: a
 * customer that sends it is refused. Kept with the interaction's other attributes, so it is
 * journalled and survives a restart with the durable store.
 */
export const CUSTOMER_SESSION_ATTRIBUTE = 'webchatSession';

/** The pattern of a chat-session id (`cs-` and 32 hex digits: random, no personal data). */
export const CUSTOMER_SESSION_PATTERN = /^cs-[0-9a-f]{32}$/;

/** Lifetime of a customer token unless the minting request asks for another (seconds). */
export const CUSTOMER_TOKEN_TTL_SECONDS = 1800;

/** The authors a customer may write as: itself, and the website's bot that runs in its page. */
const CUSTOMER_AUTHORS: ReadonlySet<unknown> = new Set(['customer', 'bot']);

/** What a customer may send with `createInteraction` (everything else is decided by the center). */
const CUSTOMER_INTERACTION_FIELDS: ReadonlySet<string> = new Set([
  'channel',
  'queueId',
  'attributes',
]);

/** A new random chat-session id. @internal */
export function newCustomerSession(): string {
  return `cs-${randomBytes(16).toString('hex')}`;
}

/**
 * The chat session that owns an interaction (its {@link CUSTOMER_SESSION_ATTRIBUTE}), or undefined
 * for an unknown interaction or one no customer owns. Synchronous: the event fan-out asks it for
 * each event it may pass to a customer's socket.
 *
 * @internal
 */
export function sessionOwning(
  center: LocalContactCenter,
  interactionId: string,
): string | undefined {
  let owner: unknown;
  try {
    owner = center.routing.getInteraction(interactionId).attributes[CUSTOMER_SESSION_ATTRIBUTE];
  } catch {
    return undefined;
  }
  return typeof owner === 'string' ? owner : undefined;
}

/**
 * Checks a request of a customer token before its handler runs: an interaction it does not own is
 * reported as unknown (`NOT_FOUND`, so that a visitor learns nothing of other chats); a new
 * interaction must be a `chat` with no field but the queue and attributes (no id, customer id or
 * priority; not the session attribute); a message must be the customer's or the bot's.
 *
 * @throws NotFoundError, CustomerScopeError
 * @internal
 */
export function checkCustomerRequest(
  operationId: string,
  request: {
    readonly params: Readonly<Record<string, string>>;
    readonly body: unknown;
    readonly session: string;
    readonly center: LocalContactCenter;
  },
): void {
  const interactionId = request.params['interactionId'];
  if (
    interactionId !== undefined &&
    sessionOwning(request.center, interactionId) !== request.session
  ) {
    throw new NotFoundError('interaction', interactionId);
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (operationId === 'createInteraction') {
    if (body['channel'] !== 'chat') {
      throw new CustomerScopeError('a customer may create chat interactions only');
    }
    const extra = Object.keys(body).filter((key) => !CUSTOMER_INTERACTION_FIELDS.has(key));
    if (extra.length > 0) {
      throw new CustomerScopeError(
        `a customer may not set ${extra.join(', ')} (the center decides them)`,
      );
    }
    const attributes = body['attributes'];
    if (
      typeof attributes === 'object' &&
      attributes !== null &&
      Object.hasOwn(attributes, CUSTOMER_SESSION_ATTRIBUTE)
    ) {
      throw new CustomerScopeError(
        `the attribute ${CUSTOMER_SESSION_ATTRIBUTE} is set by the server from the token`,
      );
    }
  }
  if (operationId === 'addTranscriptMessage' && !CUSTOMER_AUTHORS.has(body['from'])) {
    throw new CustomerScopeError("a customer writes as 'customer' (or its page's 'bot') only");
  }
}

/**
 * Runs a customer's command and strips the hint of a `NOT_FOUND` (core lists the known queues
 * when a queue is unknown: staff data a visitor must not read).
 *
 * @internal
 */
export async function withoutHints<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(error.kind, error.id);
    throw error;
  }
}
