import { InvalidTargetError } from './invalid-target-error.js';

/** Longest call target accepted, in characters (a URI, its parameters and headers). */
export const MAX_TARGET_LENGTH = 2048;

// Every expression below is anchored and has no nested quantifiers: linear time on any input.
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const HOSTNAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const PARAM = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const HEADER_PART = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$]|%[0-9A-Fa-f]{2})*$/;
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const DISPLAY_TOKENS = /^[A-Za-z0-9\-.!%*_+`'~ \t]+$/;
const PHONE = /^\+?[0-9*#][0-9*#\-. ()]*$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4 =
  /^(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;

/**
 * Headers that define the dialog or the transaction: a `?headers` part of a target may not set them
 * (RFC 3261 §19.1.5 lets a user agent refuse headers it considers dangerous). Compact forms included.
 */
const FORBIDDEN_HEADERS = new Set([
  'via',
  'v',
  'from',
  'f',
  'to',
  't',
  'call-id',
  'i',
  'cseq',
  'contact',
  'm',
  'max-forwards',
  'route',
  'record-route',
  'content-length',
  'l',
  'content-type',
  'c',
  'content-encoding',
  'e',
  'authorization',
  'proxy-authorization',
  'proxy-require',
  'require',
  'supported',
  'k',
  'allow',
  'session-expires',
  'x',
  'min-se',
  'refer-to',
  'r',
  'replaces',
  'body',
  'expires',
]);

/** One `;name[=value]` parameter of a SIP URI, as written. */
export interface SipUriParameter {
  readonly name: string;
  /** `undefined` for a flag parameter such as `;lr`. */
  readonly value: string | undefined;
}

/** A parsed call target: a `sip:`/`sips:` URI, with its parameters, headers and display name. */
export interface SipAddress {
  readonly scheme: 'sip' | 'sips';
  readonly user: string;
  /** Host name, IPv4 address, or IPv6 reference in brackets (`[::1]`), as in the URI. */
  readonly host: string;
  readonly port: number | undefined;
  /** URI parameters in their order (`transport`, `user`, `lr`, ...). */
  readonly params: readonly SipUriParameter[];
  /** Headers asked for by the URI's `?` part, each `Name: value` (decoded), for the INVITE. */
  readonly headers: readonly string[];
  /** The display name of a name-addr (`"Bob" <sip:bob@host>`), unquoted. */
  readonly displayName: string | undefined;
  /** The request URI to dial: `scheme:user@host[:port][;params]` (headers are not part of it). */
  readonly uri: string;
}

/**
 * Parses a call target: a `sip:` or `sips:` URI with parameters and `?headers`
 * (`sip:bob@host:5070;transport=ws?X-Queue=vip`), a name-addr (`"Bob" <sip:bob@host>`),
 * `user@host`, a bare user name or a phone number (completed with `domain`). Hosts may be names,
 * IPv4 addresses or bracketed IPv6 references with a port (`sip:bob@[2001:db8::1]:5060`). Visual
 * separators in numbers (spaces, dashes, dots, parentheses) are removed.
 *
 * Headers from the `?` part are returned in {@link SipAddress.headers} for the INVITE; those that
 * define the dialog (`From`, `To`, `Call-ID`, `Via`, `Contact`, ...) are refused.
 *
 * @throws {@link InvalidTargetError} when it is not a valid target; nothing is sent.
 * @example
 * ```ts
 * parseSipAddress('bob', 'example.com').uri; // 'sip:bob@example.com'
 * parseSipAddress('+1 (555) 010-0000', 'pbx.local').uri; // 'sip:+15550100000@pbx.local'
 * parseSipAddress('sip:bob@[::1]:5060;transport=ws', 'x').uri; // 'sip:bob@[::1]:5060;transport=ws'
 * parseSipAddress('"Bob" <sips:bob@example.com?X-Queue=vip>', 'x').headers; // ['X-Queue: vip']
 * parseSipAddress('sip:@', 'x'); // throws InvalidTargetError
 * ```
 */
export function parseSipAddress(target: string, domain: string): SipAddress {
  if (typeof target !== 'string') throw new InvalidTargetError(String(target), 'must be a string');
  if (target.length > MAX_TARGET_LENGTH)
    throw new InvalidTargetError(
      target.slice(0, 64),
      `is longer than ${MAX_TARGET_LENGTH} characters`,
    );
  const fail = (reason: string): never => {
    throw new InvalidTargetError(target, reason);
  };
  let rest = target.trim();
  if (rest.length === 0) fail('is empty');
  let displayName: string | undefined;
  if (rest.includes('<') || rest.endsWith('>')) {
    const nameAddr = splitNameAddr(rest, fail);
    displayName = nameAddr.displayName;
    rest = nameAddr.uri;
    if (!/^sips?:/i.test(rest)) fail('a name-addr must hold a sip: or sips: URI');
  }
  if (/[\s<>"]/.test(rest) && !PHONE.test(rest)) {
    fail('contains spaces, quotes or angle brackets');
  }
  let scheme: 'sip' | 'sips' = 'sip';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    const name = (schemeMatch[1] ?? '').toLowerCase();
    if (name === 'sip' || name === 'sips') {
      scheme = name;
      rest = rest.slice(name.length + 1);
    } else if (!rest.includes('@')) {
      fail('only sip: and sips: addresses are supported');
    }
  }
  const at = rest.lastIndexOf('@');
  let user: string;
  let hostPart: string;
  if (at >= 0) {
    user = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
  } else {
    if (/[;?]/.test(rest))
      fail('parameters and headers need a host: write sip:user@host;name=value');
    user = rest;
    hostPart = domain;
  }
  if (PHONE.test(user) && /[0-9]/.test(user)) user = user.replace(/[-. ()]/g, '');
  if (user.length === 0) fail('has no user part');
  if (user.includes(':')) fail('passwords are not accepted in addresses');
  if (!USER.test(user)) fail(`user part ${JSON.stringify(user)} has characters not allowed in SIP`);
  const question = hostPart.indexOf('?');
  const headerPart = question >= 0 ? hostPart.slice(question + 1) : undefined;
  if (question >= 0) hostPart = hostPart.slice(0, question);
  const semicolon = hostPart.indexOf(';');
  const paramPart = semicolon >= 0 ? hostPart.slice(semicolon + 1) : undefined;
  if (semicolon >= 0) hostPart = hostPart.slice(0, semicolon);
  const { host, port } = parseHostPort(hostPart, fail);
  const params = paramPart === undefined ? [] : parseParams(paramPart, fail);
  const headers = headerPart === undefined ? [] : parseHeaders(headerPart, fail);
  const paramText = params
    .map((p) => `;${p.name}${p.value === undefined ? '' : `=${p.value}`}`)
    .join('');
  return {
    scheme,
    user,
    host,
    port,
    params,
    headers,
    displayName,
    uri: `${scheme}:${user}@${host}${port === undefined ? '' : `:${port}`}${paramText}`,
  };
}

function splitNameAddr(
  text: string,
  fail: (reason: string) => never,
): { displayName: string | undefined; uri: string } {
  const open = text.indexOf('<');
  const close = text.indexOf('>');
  if (open < 0 || close !== text.length - 1 || text.indexOf('<', open + 1) >= 0 || close < open) {
    fail('a name-addr is written [display name] <sip:user@host>, with nothing after the ">"');
  }
  const uri = text.slice(open + 1, close).trim();
  const display = text.slice(0, open).trim();
  if (display.length === 0) return { displayName: undefined, uri };
  if (display.startsWith('"')) {
    const quoted = /^"((?:[^"\\\r\n]|\\[^\r\n])*)"$/.exec(display);
    if (!quoted) fail('the quoted display name is not closed');
    return { displayName: (quoted?.[1] ?? '').replace(/\\(.)/g, '$1'), uri };
  }
  if (!DISPLAY_TOKENS.test(display)) fail('quote a display name that holds special characters');
  return { displayName: display.replace(/[ \t]+/g, ' '), uri };
}

function parseHostPort(
  text: string,
  fail: (reason: string) => never,
): { host: string; port: number | undefined } {
  let host = text;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) fail('the IPv6 reference is not closed with "]"');
    host = text.slice(0, close + 1);
    const after = text.slice(close + 1);
    if (after.length > 0) {
      if (!after.startsWith(':')) fail(`unexpected ${JSON.stringify(after)} after the IPv6 host`);
      portText = after.slice(1);
    }
    if (!isIpv6(host.slice(1, -1))) fail(`host ${JSON.stringify(host)} is not an IPv6 address`);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    }
    if (host.length === 0 || !HOSTNAME.test(host))
      fail(`host ${JSON.stringify(host)} is not a valid host name`);
  }
  if (portText === undefined) return { host, port: undefined };
  if (!/^[0-9]{1,5}$/.test(portText)) fail(`port ${JSON.stringify(portText)} is not a number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) fail(`port ${port} is out of range`);
  return { host, port };
}

/** RFC 4291 text form: eight groups, one `::` for a run of zeros, an optional IPv4 tail. */
function isIpv6(text: string): boolean {
  if (text.length === 0 || text.length > 45) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part.length === 0 ? [] : part.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i] ?? '';
    if (i === all.length - 1 && group.includes('.') && !text.endsWith(':')) {
      if (!IPV4.test(group)) return false;
      count += 2;
    } else if (HEX_GROUP.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

function parseParams(text: string, fail: (reason: string) => never): SipUriParameter[] {
  const params: SipUriParameter[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(';')) {
    const eq = piece.indexOf('=');
    const name = eq >= 0 ? piece.slice(0, eq) : piece;
    const value = eq >= 0 ? piece.slice(eq + 1) : undefined;
    if (!PARAM.test(name)) fail(`URI parameter ${JSON.stringify(piece)} is not valid`);
    if (value !== undefined && !PARAM.test(value))
      fail(`URI parameter ${JSON.stringify(piece)} has an invalid value`);
    const key = name.toLowerCase();
    if (seen.has(key)) fail(`URI parameter ${JSON.stringify(name)} is given twice`);
    seen.add(key);
    params.push({ name, value });
  }
  return params;
}

function parseHeaders(text: string, fail: (reason: string) => never): string[] {
  const headers: string[] = [];
  for (const piece of text.split('&')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) fail(`URI header ${JSON.stringify(piece)} is not name=value`);
    const rawName = piece.slice(0, eq);
    const rawValue = piece.slice(eq + 1);
    if (!HEADER_PART.test(rawName) || !HEADER_PART.test(rawValue))
      fail(`URI header ${JSON.stringify(piece)} has characters that must be escaped`);
    const name = decode(rawName, fail);
    const value = decode(rawValue, fail);
    if (!TOKEN.test(name)) fail(`URI header name ${JSON.stringify(name)} is not a token`);
    if (/[\r\n\0]/.test(value)) fail(`URI header ${JSON.stringify(name)} holds a line break`);
    if (FORBIDDEN_HEADERS.has(name.toLowerCase()))
      fail(`header ${JSON.stringify(name)} cannot be set from an address`);
    headers.push(`${name}: ${value}`);
  }
  return headers;
}

function decode(text: string, fail: (reason: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`${JSON.stringify(text)} has a malformed %-escape`);
  }
}
