import { InvalidTargetError } from './invalid-target-error.js';

const USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/;
const PHONE = /^\+?[0-9*#][0-9*#\-. ()]*$/;

/** A parsed SIP address: `sip:user@host[:port]`. */
export interface SipAddress {
  readonly user: string;
  readonly host: string;
  readonly port: number | undefined;
  /** The normalised URI, `sip:user@host[:port]`. */
  readonly uri: string;
}

/**
 * Parses a call target: a full `sip:` URI, `user@host`, a bare user name or a phone number
 * (completed with `domain`). Visual separators in numbers (spaces, dashes, dots, parentheses) are
 * removed.
 *
 * @throws {@link InvalidTargetError} when it is not a valid target; nothing is sent.
 * @example
 * ```ts
 * parseSipAddress('bob', 'example.com').uri; // 'sip:bob@example.com'
 * parseSipAddress('+1 (555) 010-0000', 'pbx.local').uri; // 'sip:+15550100000@pbx.local'
 * parseSipAddress('sip:@', 'x'); // throws InvalidTargetError
 * ```
 */
export function parseSipAddress(target: string, domain: string): SipAddress {
  if (typeof target !== 'string') throw new InvalidTargetError(String(target), 'must be a string');
  let rest = target.trim();
  if (rest.length === 0) throw new InvalidTargetError(target, 'is empty');
  if (/[\s<>"]/.test(rest) && !PHONE.test(rest)) {
    throw new InvalidTargetError(target, 'contains spaces, quotes or angle brackets');
  }
  if (/^sips?:/i.test(rest)) {
    if (/^sips:/i.test(rest)) throw new InvalidTargetError(target, 'sips: is not supported');
    rest = rest.slice(4);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(rest) && !rest.includes('@')) {
    throw new InvalidTargetError(target, 'only sip: addresses are supported');
  }
  let user: string;
  let hostPart: string;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
  } else {
    user = rest;
    hostPart = domain;
  }
  if (PHONE.test(user) && /[0-9]/.test(user)) user = user.replace(/[-. ()]/g, '');
  if (user.length === 0) throw new InvalidTargetError(target, 'has no user part');
  if (!USER.test(user))
    throw new InvalidTargetError(
      target,
      `user part ${JSON.stringify(user)} has characters not allowed in SIP`,
    );
  hostPart = hostPart.replace(/;.*$/, '');
  let host = hostPart;
  let port: number | undefined;
  const portMatch = /^(.*):(\d+)$/.exec(hostPart);
  if (portMatch && !hostPart.startsWith('[')) {
    host = portMatch[1] ?? '';
    port = Number(portMatch[2]);
    if (port < 1 || port > 65535)
      throw new InvalidTargetError(target, `port ${port} is out of range`);
  }
  if (host.length === 0 || !HOST.test(host))
    throw new InvalidTargetError(target, `host ${JSON.stringify(host)} is not a valid host name`);
  return { user, host, port, uri: `sip:${user}@${host}${port === undefined ? '' : `:${port}`}` };
}
