import type { ValidationIssue } from '@switchboard/core/shared';
import { validateMediaOptions } from './kamailio-config-media.js';
import type {
  KamailioOutboundTrunkOptions,
  KamailioRtpengineOptions,
} from './kamailio-config-media.js';

/** Secure WebSocket (and optionally SIP over TLS) listeners of {@link KamailioConfigOptions}. */
export interface KamailioTlsOptions {
  /** TCP port of the secure WebSocket listener for agents (`wss://host:wssPort`). */
  readonly wssPort: number;
  /** Absolute path of the PEM certificate (with its chain) Kamailio presents. */
  readonly certificate: string;
  /** Absolute path of the PEM private key of that certificate. */
  readonly privateKey: string;
  /** Absolute path of a PEM list of CAs, to verify client certificates of trunks (optional). */
  readonly caList?: string;
  /** TCP port for SIP over TLS from trusted trunks (optional; none by default). */
  readonly sipTlsPort?: number;
  /**
   * With `true`, the plain `ws://` listener is left out and agents connect only over `wss://`.
   * Default `false`.
   */
  readonly wssOnly?: boolean;
}

/** Flood protection of {@link KamailioConfigOptions} (Kamailio's `pike` + an `htable` ban list). */
export interface KamailioFloodOptions {
  /** Length of pike's sampling window, in seconds (1..60). Default 2. */
  readonly samplingSeconds?: number;
  /**
   * Requests one source address may send per window before it is banned (8..100000). Default 64.
   * Agents behind one NAT address share it: size it for the agents of the largest office.
   */
  readonly maxRequests?: number;
  /** How long a banned address stays banned after its last request, in seconds (10..86400). Default 300. */
  readonly banSeconds?: number;
}

/**
 * What {@link renderKamailioConfig} needs to write a Kamailio 5.6 configuration for WebRTC agents.
 *
 * Agents (browsers) connect over WebSocket (`ws`/`wss`) and authenticate as one of `users`; every
 * other SIP source (UDP, TCP, TLS) is a trunk and must come from `trustedAddresses`. The control
 * interfaces (JSON-RPC over HTTP, evapi) listen only on `controlHost`, a loopback address.
 */
export interface KamailioConfigOptions {
  /** Address the agent- and trunk-facing sockets bind to. Default `127.0.0.1`. */
  readonly host?: string;
  /** UDP port for trunks (carriers, PBXs) from `trustedAddresses`. Default 5060. */
  readonly udpPort?: number;
  /** TCP port for SIP over WebSocket (`ws://host:wsPort`). Default 8080. */
  readonly wsPort?: number;
  /**
   * Loopback address (`127.x.y.z`) of the control listeners: JSON-RPC at
   * `http://controlHost:controlPort/RPC` and the evapi socket. Default `127.0.0.1`.
   */
  readonly controlHost?: string;
  /** TCP port of the JSON-RPC (xhttp) control listener. Default 8081. */
  readonly controlPort?: number;
  /** TCP port of the evapi event socket (on `controlHost`) that the routing service connects to. Default 8448. */
  readonly evapiPort?: number;
  /** SIP domain of the agents' addresses of record. Default: `host`. */
  readonly domain?: string;
  /** Authentication realm for REGISTER and calls. Default: `domain`. */
  readonly realm?: string;
  /** Users allowed to register, with their passwords. Every request of an agent is authenticated as one. */
  readonly users: Readonly<Record<string, string>>;
  /** Queue addresses (user parts, e.g. `support`) whose calls ask the routing service for an agent. */
  readonly queues?: readonly string[];
  /**
   * IPv4 addresses or CIDR subnets (`203.0.113.7`, `198.51.100.0/24`) of trunks allowed to send
   * SIP over UDP/TCP/TLS. Their calls may reach only queue addresses. Default: none (every
   * non-WebSocket request is refused with 403).
   */
  readonly trustedAddresses?: readonly string[];
  /** Secure WebSocket listener and its certificate (optional). */
  readonly tls?: KamailioTlsOptions;
  /** Flood protection settings (always on). */
  readonly flood?: KamailioFloodOptions;
  /** How long an offered agent's phone may ring before the router hears `timeout`. Default 20000 ms. */
  readonly ringTimeoutMs?: number;
  /**
   * Longest time a call may wait in Kamailio for the routing service to name an agent (each time
   * it waits), after which Kamailio answers 408 by itself: the backstop for a routing service that
   * is down. Keep it above the service's `maxWaitMs`, whose overflow should apply first.
   * 10000..3600000 ms, default 600000 (10 minutes).
   */
  readonly queueWaitLimitMs?: number;
  /** Kamailio log level (`debug` core parameter): -3..3. Default 1. */
  readonly logLevel?: number;
  /** Folder holding Kamailio's modules. Default: Debian's multi-arch path for x86-64. */
  readonly modulesPath?: string;
  /** Worker processes per socket. Default 2. */
  readonly children?: number;
  /**
   * The media relay bridging WebRTC agents and plain-RTP trunks (optional; without it agents and
   * trunks cannot hear each other). Needs `kamailio-extra-modules` (rtpengine.so).
   */
  readonly rtpengine?: KamailioRtpengineOptions;
  /** Where agents' calls to telephone numbers go (optional; without it they get 404). */
  readonly outboundTrunk?: KamailioOutboundTrunkOptions;
  /**
   * Addresses (user parts) whose calls go to the IVR service over evapi (`ivr-request`): it plays
   * prompts and reads digits through rtpengine, as early media, then hands the call to a queue.
   * Trunks may call them like queues. Needs `rtpengine`.
   */
  readonly ivrAddresses?: readonly string[];
}

const NAME = /^[A-Za-z0-9_.!~*'()-]+$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LOOPBACK = /^127\./;
const PATH = /^\/[A-Za-z0-9_./@+-]{1,1000}$/;

/** Whether `value` is an IPv4 address or an IPv4 CIDR subnet (`a.b.c.d/n`). */
function isAddressOrSubnet(value: string): boolean {
  const [address = '', bits, ...rest] = value.split('/');
  if (rest.length > 0 || !IPV4.test(address)) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
}

function checkInteger(
  issues: ValidationIssue[],
  path: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    issues.push({ path, message: `must be an integer from ${min} to ${max}` });
  }
}

/**
 * Validates {@link KamailioConfigOptions}, reporting every problem with its path.
 *
 * @example
 * ```ts
 * const issues = validateKamailioConfig({ users: { 'bad user': 'x' } });
 * // [{ path: '$.users["bad user"]', message: '...' }]
 * ```
 */
export function validateKamailioConfig(options: KamailioConfigOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ports: [string, number][] = [];
  const port = (path: string, value: number | undefined, fallback: number | undefined) => {
    checkInteger(issues, path, value, 1, 65535);
    const used = value ?? fallback;
    if (used !== undefined && Number.isInteger(used)) ports.push([path, used]);
  };
  port('$.udpPort', options.udpPort, 5060);
  port('$.wsPort', options.wsPort, 8080);
  port('$.controlPort', options.controlPort, 8081);
  port('$.evapiPort', options.evapiPort, 8448);
  for (const key of ['host', 'domain', 'realm'] as const) {
    const value = options[key];
    if (value !== undefined && !HOST.test(value)) {
      issues.push({ path: `$.${key}`, message: 'must be a host name or IPv4 address' });
    }
  }
  const control = options.controlHost;
  if (control !== undefined && !(IPV4.test(control) && LOOPBACK.test(control))) {
    issues.push({
      path: '$.controlHost',
      message:
        'must be a loopback IPv4 address (127.x.y.z): JSON-RPC and evapi have no authentication',
    });
  }
  if (typeof options.users !== 'object' || options.users === null) {
    issues.push({ path: '$.users', message: 'must be an object of user name -> password' });
  } else {
    for (const [user, password] of Object.entries(options.users)) {
      if (!NAME.test(user)) {
        issues.push({
          path: `$.users[${JSON.stringify(user)}]`,
          message: "user names may hold letters, digits and - _ . ! ~ * ' ( ) only",
        });
      }
      if (typeof password !== 'string' || password.length === 0 || /["\\\r\n$]/.test(password)) {
        issues.push({
          path: `$.users[${JSON.stringify(user)}]`,
          message:
            'password must be a non-empty string without quotes, backslashes, dollar signs or newlines',
        });
      }
    }
  }
  (options.queues ?? []).forEach((queue, index) => {
    if (!NAME.test(queue)) {
      issues.push({
        path: `$.queues[${index}]`,
        message: 'queue names follow the user-name rules',
      });
    }
    if (options.users && Object.hasOwn(options.users, queue)) {
      issues.push({ path: `$.queues[${index}]`, message: `'${queue}' is also a user name` });
    }
  });
  (options.trustedAddresses ?? []).forEach((address, index) => {
    if (typeof address !== 'string' || !isAddressOrSubnet(address)) {
      issues.push({
        path: `$.trustedAddresses[${index}]`,
        message: 'must be an IPv4 address or CIDR subnet such as 198.51.100.0/24',
      });
    }
  });
  const tls = options.tls;
  if (tls !== undefined) {
    port('$.tls.wssPort', tls.wssPort, undefined);
    if (tls.wssPort === undefined) issues.push({ path: '$.tls.wssPort', message: 'is required' });
    if (tls.sipTlsPort !== undefined) port('$.tls.sipTlsPort', tls.sipTlsPort, undefined);
    for (const key of ['certificate', 'privateKey', 'caList'] as const) {
      const value = tls[key];
      if (
        (value !== undefined || key !== 'caList') &&
        !(typeof value === 'string' && PATH.test(value))
      ) {
        issues.push({
          path: `$.tls.${key}`,
          message: 'must be an absolute file path of letters, digits and _ . / @ + -',
        });
      }
    }
  }
  // UDP and TCP could share a number, but Kamailio's config tells listeners apart by port alone
  const seen = new Map<number, string>();
  for (const [path, value] of ports) {
    const other = seen.get(value);
    if (other !== undefined) issues.push({ path, message: `port ${value} is also ${other}` });
    else seen.set(value, path);
  }
  const flood = options.flood ?? {};
  checkInteger(issues, '$.flood.samplingSeconds', flood.samplingSeconds, 1, 60);
  checkInteger(issues, '$.flood.maxRequests', flood.maxRequests, 8, 100_000);
  checkInteger(issues, '$.flood.banSeconds', flood.banSeconds, 10, 86_400);
  const ring = options.ringTimeoutMs;
  if (ring !== undefined && (!Number.isInteger(ring) || ring < 1000)) {
    issues.push({ path: '$.ringTimeoutMs', message: 'must be an integer of at least 1000 ms' });
  }
  checkInteger(issues, '$.queueWaitLimitMs', options.queueWaitLimitMs, 10_000, 3_600_000);
  checkInteger(issues, '$.logLevel', options.logLevel, -3, 3);
  checkInteger(issues, '$.children', options.children, 1, 64);
  if (options.modulesPath !== undefined && !PATH.test(options.modulesPath)) {
    issues.push({ path: '$.modulesPath', message: 'must be an absolute folder path' });
  }
  issues.push(...validateMediaOptions(options.rtpengine, options.outboundTrunk));
  (options.ivrAddresses ?? []).forEach((address, index) => {
    const path = `$.ivrAddresses[${index}]`;
    if (typeof address !== 'string' || !NAME.test(address)) {
      issues.push({ path, message: 'IVR addresses follow the user-name rules' });
    } else if (
      (options.users && Object.hasOwn(options.users, address)) ||
      (options.queues ?? []).includes(address)
    ) {
      issues.push({ path, message: `'${address}' is also a user or queue name` });
    }
  });
  if ((options.ivrAddresses ?? []).length > 0 && options.rtpengine === undefined) {
    issues.push({ path: '$.ivrAddresses', message: 'needs rtpengine (prompts are played by it)' });
  }
  return issues;
}
