import { KamailioError } from './kamailio-error.js';

/**
 * Interaction ids the routing service accepts from Kamailio (when it accepts any): a letter or
 * digit, then up to 63 letters, digits and `. _ : -`.
 */
export const INTERACTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Queue ids the routing service accepts from Kamailio: the SIP user-part rules, 1..64 characters. */
export const QUEUE_ID_PATTERN = /^[A-Za-z0-9_.!~*'()-]{1,64}$/;

/** Longest Call-ID the routing service accepts (characters). */
export const MAX_CALL_ID_LENGTH = 256;

/** Longest caller address or display name kept in the interaction's attributes (characters). */
export const MAX_CALLER_TEXT_LENGTH = 256;

/** A suspended transaction in Kamailio (`$T(id_index)`, `$T(id_label)`). */
export interface TransactionRef {
  readonly tindex: number;
  readonly tlabel: number;
}

/** `route-request`: a call to a queue address waits in a suspended transaction. */
export interface RouteRequestMessage extends TransactionRef {
  readonly event: 'route-request';
  readonly callId: string;
  readonly queue: string;
  readonly from: string;
  readonly fromName: string;
  /** The caller's `X-Switchboard-Interaction` header, as sent (empty when none); not yet checked. */
  readonly interactionId: string;
}

/** `route-outcome`: how a ring on an agent's phone ended. */
export interface RouteOutcomeMessage {
  readonly event: 'route-outcome';
  readonly outcome: 'answered' | 'rejected' | 'timeout' | 'unreachable';
  readonly interactionId: string;
  readonly agent: string;
  /** Present for failed rings (Kamailio suspended the transaction again). */
  readonly transaction: TransactionRef | undefined;
}

/** `call-cancelled` (the caller hung up while waiting) or `call-ended` (BYE). */
export interface CallIdMessage {
  readonly event: 'call-cancelled' | 'call-ended';
  readonly callId: string;
}

/** Every evapi message the routing service understands. */
export type EvapiMessage = RouteRequestMessage | RouteOutcomeMessage | CallIdMessage;

const OUTCOMES = new Set(['answered', 'rejected', 'timeout', 'unreachable']);

/**
 * The transaction a message names, when it names a valid one (non-negative 32-bit integers);
 * used to answer a message that otherwise failed.
 */
export function transactionOf(
  message: Readonly<Record<string, unknown>>,
): TransactionRef | undefined {
  const { tindex, tlabel } = message;
  return isTransactionNumber(tindex) && isTransactionNumber(tlabel)
    ? { tindex, tlabel }
    : undefined;
}

/**
 * Reads one evapi message from Kamailio into a typed message, checking every field the routing
 * service uses (types, lengths, patterns).
 *
 * @returns `undefined` for an event the service does not handle.
 * @throws {@link KamailioError} `KAMAILIO_EVAPI_MESSAGE` naming the first bad field.
 */
export function parseEvapiMessage(
  message: Readonly<Record<string, unknown>>,
): EvapiMessage | undefined {
  switch (message.event) {
    case 'route-request': {
      const transaction = transactionOf(message);
      if (!transaction) throw bad('route-request', 'tindex/tlabel');
      return {
        event: 'route-request',
        ...transaction,
        callId: callIdOf(message, 'route-request'),
        queue: text(message, 'queue', 'route-request', 64),
        from: optionalText(message.from, MAX_CALLER_TEXT_LENGTH),
        fromName: optionalText(message.fromName, MAX_CALLER_TEXT_LENGTH),
        interactionId: optionalText(message.interactionId, 1024),
      };
    }
    case 'route-outcome': {
      const outcome = message.outcome;
      if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) {
        throw bad('route-outcome', 'outcome');
      }
      const transaction = transactionOf(message);
      if (outcome !== 'answered' && !transaction) throw bad('route-outcome', 'tindex/tlabel');
      return {
        event: 'route-outcome',
        outcome: outcome as RouteOutcomeMessage['outcome'],
        interactionId: optionalText(message.interactionId, 1024),
        agent: optionalText(message.agent, MAX_CALLER_TEXT_LENGTH),
        transaction,
      };
    }
    case 'call-cancelled':
    case 'call-ended':
      return { event: message.event, callId: callIdOf(message, message.event) };
    default:
      return undefined;
  }
}

function isTransactionNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

function callIdOf(message: Readonly<Record<string, unknown>>, event: string): string {
  return text(message, 'callId', event, MAX_CALL_ID_LENGTH);
}

function text(
  message: Readonly<Record<string, unknown>>,
  key: string,
  event: string,
  maxLength: number,
): string {
  const value = message[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw bad(event, key);
  }
  return value;
}

function optionalText(value: unknown, maxLength: number): string {
  if (typeof value !== 'string') return '';
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

function bad(event: string, field: string): KamailioError {
  return new KamailioError(
    'KAMAILIO_EVAPI_MESSAGE',
    `evapi '${event}' message has a missing or invalid '${field}'`,
  );
}
