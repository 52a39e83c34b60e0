import { ValidationError } from '@switchboard/core/shared';
import type { ValidationIssue } from '@switchboard/core/shared';

/**
 * What {@link renderKamailioConfig} needs to write a Kamailio 5.6 configuration for WebRTC agents.
 */
export interface KamailioConfigOptions {
  /** Address every socket binds to. Default `127.0.0.1`. */
  readonly host?: string;
  /** UDP port for classic SIP clients, carriers and PBXs. Default 5060. */
  readonly udpPort?: number;
  /** TCP port for SIP over WebSocket (`ws://host:wsPort`), also serving JSON-RPC at `/RPC`. Default 8080. */
  readonly wsPort?: number;
  /** TCP port of the evapi event socket that the routing service connects to. Default 8448. */
  readonly evapiPort?: number;
  /** SIP domain of the agents' addresses of record. Default: `host`. */
  readonly domain?: string;
  /** Authentication realm for REGISTER. Default: `domain`. */
  readonly realm?: string;
  /** Users allowed to register, with their passwords. Registration is challenged (digest) for every user. */
  readonly users: Readonly<Record<string, string>>;
  /** Queue addresses (user parts, e.g. `support`) whose calls ask the routing service for an agent. */
  readonly queues?: readonly string[];
  /** How long an offered agent's phone may ring before the router hears `timeout`. Default 20000 ms. */
  readonly ringTimeoutMs?: number;
  /** Kamailio log level (`debug` core parameter): -3..3. Default 1. */
  readonly logLevel?: number;
  /** Folder holding Kamailio's modules. Default: Debian's multi-arch path for x86-64. */
  readonly modulesPath?: string;
  /** Worker processes per socket. Default 2. */
  readonly children?: number;
}

/** Header that carries the Switchboard interaction id on INVITEs routed through a queue. */
export const INTERACTION_HEADER = 'X-Switchboard-Interaction';

const NAME = /^[A-Za-z0-9_.!~*'()-]+$/;
const HOST = /^[A-Za-z0-9.-]+$/;

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
  const port = (key: 'udpPort' | 'wsPort' | 'evapiPort') => {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
      issues.push({ path: `$.${key}`, message: 'must be an integer port between 1 and 65535' });
    }
  };
  port('udpPort');
  port('wsPort');
  port('evapiPort');
  for (const key of ['host', 'domain', 'realm'] as const) {
    const value = options[key];
    if (value !== undefined && !HOST.test(value)) {
      issues.push({ path: `$.${key}`, message: 'must be a host name or IPv4 address' });
    }
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
      if (typeof password !== 'string' || password.length === 0 || /["\\\r\n]/.test(password)) {
        issues.push({
          path: `$.users[${JSON.stringify(user)}]`,
          message: 'password must be a non-empty string without quotes, backslashes or newlines',
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
  const ring = options.ringTimeoutMs;
  if (ring !== undefined && (!Number.isInteger(ring) || ring < 1000)) {
    issues.push({ path: '$.ringTimeoutMs', message: 'must be an integer of at least 1000 ms' });
  }
  const level = options.logLevel;
  if (level !== undefined && (!Number.isInteger(level) || level < -3 || level > 3)) {
    issues.push({ path: '$.logLevel', message: 'must be an integer from -3 to 3' });
  }
  const children = options.children;
  if (children !== undefined && (!Number.isInteger(children) || children < 1 || children > 64)) {
    issues.push({ path: '$.children', message: 'must be an integer from 1 to 64' });
  }
  return issues;
}

/**
 * Writes a Kamailio 5.6 configuration (`kamailio.cfg` text) for WebRTC agents:
 * SIP over WebSocket and UDP on one host, registrar with digest authentication, a proxy between
 * WebSocket and UDP clients (NAT and `.invalid` contact handling for JsSIP), JSON-RPC over HTTP at
 * `/RPC`, and, for calls to a queue address, an asynchronous query to the routing service over evapi:
 * the INVITE's transaction is suspended until the router names an agent, and each failed ring
 * (`rejected`, `timeout`, `unreachable`) is reported so the router can choose the next one.
 *
 * Only Debian's stock modules are used (no http_async_client).
 *
 * @throws {@link ValidationError} when the options are invalid (every problem listed).
 * @example
 * ```ts
 * const cfg = renderKamailioConfig({ wsPort: 8080, users: { alice: 'secret' }, queues: ['support'] });
 * writeFileSync('kamailio.cfg', cfg);
 * // kamailio -f kamailio.cfg -Y ./run -P ./run/kamailio.pid -DD -E
 * ```
 */
export function renderKamailioConfig(options: KamailioConfigOptions): string {
  const issues = validateKamailioConfig(options);
  if (issues.length > 0) throw new ValidationError('Kamailio configuration options', issues);
  const host = options.host ?? '127.0.0.1';
  const udpPort = options.udpPort ?? 5060;
  const wsPort = options.wsPort ?? 8080;
  const evapiPort = options.evapiPort ?? 8448;
  const domain = options.domain ?? host;
  const realm = options.realm ?? domain;
  const queues = options.queues ?? [];
  const ringTimeoutMs = options.ringTimeoutMs ?? 20000;
  const modulesPath = options.modulesPath ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules/';
  const users = Object.entries(options.users)
    .map(([user, password]) => `    if ($fU == "${user}") { $var(password) = "${password}"; }`)
    .join('\n');
  const queueTest = queues.length > 0 ? `$rU =~ "^(${queues.map(escapeRegex).join('|')})$"` : '0';
  const ix = INTERACTION_HEADER;

  return `#!KAMAILIO
#
# Switchboard: Kamailio for WebRTC agents (generated by renderKamailioConfig; Kamailio 5.6).
# SIP over WebSocket on ws://${host}:${wsPort}, UDP on ${host}:${udpPort},
# JSON-RPC on http://${host}:${wsPort}/RPC, routing-service event socket (evapi) on ${host}:${evapiPort}.

####### Global parameters #########
debug=${options.logLevel ?? 1}
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
fork=yes
children=${options.children ?? 2}
auto_aliases=no
# Aliases carry ports: a port-less alias would make every loopback address "myself".
alias="${host}:${udpPort}"
alias="${host}:${wsPort}"
listen=udp:${host}:${udpPort}
listen=tcp:${host}:${wsPort}
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
tcp_max_connections=2048
dns=no
rev_dns=no
use_dns_cache=no
server_header="Server: Switchboard Kamailio"
user_agent_header="User-Agent: Switchboard Kamailio"

####### Modules #########
mpath="${modulesPath}"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "auth.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "jsonrpcs.so"
loadmodule "evapi.so"
loadmodule "jansson.so"

modparam("tm", "fr_timer", 8000)
modparam("tm", "fr_inv_timer", ${ringTimeoutMs})
modparam("tm", "failure_reply_mode", 3)
modparam("rr", "append_fromtag", 1)
modparam("usrloc", "db_mode", 0)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "max_expires", 3600)
modparam("registrar", "min_expires", 30)
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("nathelper", "natping_interval", 0)
modparam("jsonrpcs", "transport", 1)
modparam("jsonrpcs", "pretty_format", 0)
modparam("evapi", "bind_addr", "${host}:${evapiPort}")
modparam("evapi", "netstring_format", 1)
modparam("websocket", "keepalive_mechanism", 0)

####### Routing logic #########
request_route {
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    if (!sanity_check("17895", "7")) {
        exit;
    }
    route(NATDETECT);

    if (is_method("CANCEL")) {
        if (t_check_trans()) {
            evapi_relay("{\\"event\\":\\"call-cancelled\\",\\"callId\\":\\"$(ci{s.escape.common})\\"}");
            route(RELAY);
        }
        exit;
    }
    if (!is_method("ACK")) {
        if (t_precheck_trans()) {
            t_check_trans();
            exit;
        }
        t_check_trans();
    }

    route(WITHINDLG);

    remove_hf("Route");
    if (is_method("INVITE|SUBSCRIBE|REFER")) {
        record_route();
    }
    if (is_method("REGISTER")) {
        route(REGISTRAR);
        exit;
    }
    if (is_method("OPTIONS") && $rU == $null) {
        sl_send_reply("200", "OK");
        exit;
    }
    if ($rU == $null) {
        sl_send_reply("484", "Address Incomplete");
        exit;
    }
    if (${queueTest}) {
        route(QUEUE);
        exit;
    }
    route(LOCATION);
}

route[RELAY] {
    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
        # never open a new connection toward a WebSocket client: it cannot accept one
        set_forward_no_connect();
    }
    if (is_method("INVITE|BYE|UPDATE|REFER|INFO|NOTIFY") && !t_is_set("onreply_route")) {
        t_on_reply("REPLY");
    }
    if (!t_relay()) {
        sl_reply_error();
    }
    exit;
}

route[NATDETECT] {
    force_rport();
    if (proto == WS || proto == WSS || nat_uac_test("19")) {
        if (is_method("REGISTER")) {
            fix_nated_register();
        } else if (is_first_hop()) {
            set_contact_alias();
        }
        setflag(5);
    }
}

route[WITHINDLG] {
    if (!has_totag()) return;
    if (loose_route()) {
        handle_ruri_alias();
        if (is_method("BYE")) {
            evapi_relay("{\\"event\\":\\"call-ended\\",\\"callId\\":\\"$(ci{s.escape.common})\\",\\"by\\":\\"$(fU{s.escape.common})\\"}");
        }
        if (is_method("INVITE|UPDATE|REFER|NOTIFY|INFO|BYE")) {
            t_on_failure("DIALOG_FAILURE");
        }
        route(DIALOG_RELAY);
        exit;
    }
    if (is_method("ACK")) {
        if (t_check_trans()) {
            route(RELAY);
        }
        exit;
    }
    sl_send_reply("404", "Not here");
    exit;
}

# In-dialog requests toward a WebSocket client whose connection is gone (it reconnected from
# another port, or this proxy restarted): look up its current registration by the contact's user
# part (Switchboard phones put their address-of-record user there) and try again.
route[DIALOG_RELAY] {
    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
        set_forward_no_connect();
    }
    if (!t_relay()) {
        if ($rU != $null && lookup("location")) {
            set_forward_no_connect();
            if (t_relay()) exit;
        }
        sl_reply_error();
    }
    exit;
}

failure_route[DIALOG_FAILURE] {
    if (t_is_canceled()) exit;
    if (t_check_status("408|477|503") && $rU != $null && lookup("location")) {
        set_forward_no_connect();
        t_relay();
    }
}

route[REGISTRAR] {
    $var(password) = $null;
${users}
    if ($var(password) == $null) {
        sl_send_reply("403", "Unknown user");
        exit;
    }
    if (!pv_www_authenticate("${realm}", "$var(password)", "0")) {
        www_challenge("${realm}", "0");
        exit;
    }
    consume_credentials();
    if (!save("location")) {
        sl_reply_error();
    }
    exit;
}

route[LOCATION] {
    if (!lookup("location")) {
        t_newtran();
        t_reply("404", "Not Found");
        exit;
    }
    route(RELAY);
}

# A call to a queue: suspend the transaction and ask the routing service (evapi) for an agent.
route[QUEUE] {
    if (!is_method("INVITE")) {
        sl_send_reply("405", "Method Not Allowed");
        exit;
    }
    if (!t_newtran()) {
        sl_reply_error();
        exit;
    }
    t_reply("100", "Queued");
    record_route();
    evapi_async_relay("{\\"event\\":\\"route-request\\",\\"tindex\\":$T(id_index),\\"tlabel\\":$T(id_label),\\"callId\\":\\"$(ci{s.escape.common})\\",\\"queue\\":\\"$(rU{s.escape.common})\\",\\"from\\":\\"$(fu{s.escape.common})\\",\\"fromName\\":\\"$(fn{s.escape.common})\\",\\"interactionId\\":\\"$(hdr(${ix}){s.escape.common})\\"}");
    exit;
}

# The routing service answered: {tindex, tlabel, action: route|reject|forward, target, interactionId, code, reason}
event_route[evapi:message-received] {
    $var(sb_action) = $null;
    jansson_get("tindex", "$evapi(msg)", "$var(tindex)");
    jansson_get("tlabel", "$evapi(msg)", "$var(tlabel)");
    jansson_get("action", "$evapi(msg)", "$var(sb_action)");
    jansson_get("target", "$evapi(msg)", "$var(sb_target)");
    jansson_get("interactionId", "$evapi(msg)", "$var(sb_ix)");
    jansson_get("code", "$evapi(msg)", "$var(sb_code)");
    jansson_get("reason", "$evapi(msg)", "$var(sb_reason)");
    if ($var(sb_action) == $null) {
        xlog("L_WARN", "evapi: message without action: $evapi(msg)\\n");
        return;
    }
    t_continue("$var(tindex)", "$var(tlabel)", "QUEUE_CONTINUE");
}

# Runs in the suspended INVITE transaction (as a failure route).
route[QUEUE_CONTINUE] {
    if (t_is_canceled()) exit;
    $avp(sb_ix) = $var(sb_ix);
    if ($var(sb_action) == "reject") {
        t_reply("$(var(sb_code){s.int})", "$var(sb_reason)");
        exit;
    }
    if ($var(sb_action) == "forward") {
        $ru = $var(sb_target);
        $du = $null;
        t_on_failure("QUEUE_FAILURE");
        route(RELAY);
    }
    remove_hf("${ix}");
    append_hf("${ix}: $var(sb_ix)\\r\\n");
    $rU = $var(sb_target);
    $avp(sb_agent) = $var(sb_target);
    if (!lookup("location")) {
        route(QUEUE_OUTCOME_UNREACHABLE);
        exit;
    }
    t_on_failure("QUEUE_FAILURE");
    t_on_reply("QUEUE_REPLY");
    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
        set_forward_no_connect();
    }
    if (!t_relay()) {
        route(QUEUE_OUTCOME_UNREACHABLE);
    }
    exit;
}

route[QUEUE_OUTCOME_UNREACHABLE] {
    $var(sb_outcome) = "unreachable";
    route(QUEUE_SUSPEND_OUTCOME);
}

route[QUEUE_SUSPEND_OUTCOME] {
    if (!t_suspend()) {
        t_reply("500", "Cannot suspend");
        exit;
    }
    evapi_relay("{\\"event\\":\\"route-outcome\\",\\"outcome\\":\\"$var(sb_outcome)\\",\\"tindex\\":$T(id_index),\\"tlabel\\":$T(id_label),\\"callId\\":\\"$(ci{s.escape.common})\\",\\"interactionId\\":\\"$(avp(sb_ix){s.escape.common})\\",\\"agent\\":\\"$(avp(sb_agent){s.escape.common})\\"}");
    exit;
}

failure_route[QUEUE_FAILURE] {
    if (t_is_canceled()) exit;
    if (t_check_status("408")) {
        $var(sb_outcome) = "timeout";
    } else if (t_check_status("477|503")) {
        $var(sb_outcome) = "unreachable";
    } else {
        $var(sb_outcome) = "rejected";
    }
    route(QUEUE_SUSPEND_OUTCOME);
}

onreply_route[QUEUE_REPLY] {
    if (status =~ "^2[0-9][0-9]$" && is_method("INVITE")) {
        evapi_relay("{\\"event\\":\\"route-outcome\\",\\"outcome\\":\\"answered\\",\\"callId\\":\\"$(ci{s.escape.common})\\",\\"interactionId\\":\\"$(avp(sb_ix){s.escape.common})\\",\\"agent\\":\\"$(avp(sb_agent){s.escape.common})\\"}");
    }
}

onreply_route[REPLY] {
    return 1;
}

# Runs for every reply, before any named onreply_route: the one place that aliases WebSocket contacts.
onreply_route {
    if (proto == WS || proto == WSS) {
        set_contact_alias();
    }
    return 1;
}

####### WebSocket handshake and JSON-RPC over HTTP #########
event_route[xhttp:request] {
    set_reply_close();
    set_reply_no_connect();
    if ($hu =~ "^/RPC") {
        jsonrpc_dispatch();
        exit;
    }
    if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
        if (ws_handle_handshake()) {
            exit;
        }
    }
    xhttp_reply("404", "Not Found", "", "");
}
`;
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
