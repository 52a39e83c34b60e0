import { ValidationError } from '@switchboard/core/shared';
import { validateKamailioConfig } from './kamailio-config-options.js';
import type { KamailioConfigOptions } from './kamailio-config-options.js';
import {
  authRoute,
  dialogChecksRoute,
  httpRoute,
  registrarRoute,
  requestChecksRoute,
  securityModuleParams,
} from './kamailio-config-security.js';
import type { SecurityContext } from './kamailio-config-security.js';
import { mediaModules, mediaRoutes } from './kamailio-config-media.js';
import { ivrRoutes } from './kamailio-config-ivr.js';

export { validateKamailioConfig } from './kamailio-config-options.js';
export type {
  KamailioConfigOptions,
  KamailioTlsOptions,
  KamailioFloodOptions,
} from './kamailio-config-options.js';
export type {
  KamailioRtpengineOptions,
  KamailioOutboundTrunkOptions,
  MediaCodec,
} from './kamailio-config-media.js';

/** Header that carries the Switchboard interaction id on INVITEs routed through a queue. */
export const INTERACTION_HEADER = 'X-Switchboard-Interaction';

/**
 * Writes a Kamailio 5.6 configuration (`kamailio.cfg` text) for WebRTC agents:
 * SIP over WebSocket (and, with `tls`, secure WebSocket) for agents, UDP for trusted trunks, a
 * registrar with digest authentication, a proxy between them (NAT and `.invalid` contact handling
 * for JsSIP), JSON-RPC over HTTP at `/RPC` on a loopback control listener, and, for calls to a
 * queue address, an asynchronous query to the routing service over evapi (also on the control
 * listener): the INVITE's transaction is suspended until the router names an agent, and each
 * failed ring (`rejected`, `timeout`, `unreachable`) is reported so the router can choose the next
 * one.
 *
 * Secure by default: every agent request is authenticated and must use the agent's own identity
 * (REGISTER only for oneself; From = authenticated user); non-WebSocket SIP is accepted only from
 * `trustedAddresses` and only toward queues; in-dialog requests are relayed only along routes
 * this proxy recorded, toward live WebSocket connections or trusted trunks; `pike` bans flooding
 * addresses (`htable`); `sanity` and Max-Forwards checks run first. See SECURITY.md.
 *
 * Only Debian's stock modules are used (no http_async_client); `tls` needs
 * `kamailio-tls-modules`.
 *
 * @throws `ValidationError` (from `@switchboard/core/shared`) when the options are invalid
 *   (every problem listed).
 * @example
 * ```ts
 * const cfg = renderKamailioConfig({
 *   wsPort: 8080,
 *   users: { alice: 'secret' },
 *   queues: ['support'],
 *   trustedAddresses: ['198.51.100.0/24'],
 *   tls: { wssPort: 8443, certificate: '/etc/kamailio/cert.pem', privateKey: '/etc/kamailio/key.pem' },
 * });
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
  const controlHost = options.controlHost ?? '127.0.0.1';
  const controlPort = options.controlPort ?? 8081;
  const evapiPort = options.evapiPort ?? 8448;
  const domain = options.domain ?? host;
  const realm = options.realm ?? domain;
  const queues = options.queues ?? [];
  const ringTimeoutMs = options.ringTimeoutMs ?? 20000;
  const queueWaitLimitMs = options.queueWaitLimitMs ?? 600_000;
  // while Kamailio waits for the routing service the transaction holds a blind branch whose
  // final-response timer would otherwise end the call after fr_timer (8 s)
  const waitForService = `t_set_fr(${queueWaitLimitMs}, ${queueWaitLimitMs});`;
  const ringAgent = `t_set_fr(${ringTimeoutMs}, 8000);`;
  const modulesPath = options.modulesPath ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules/';
  const tls = options.tls;
  const plainWs = !tls?.wssOnly;
  const webSocketPorts = [...(plainWs ? [wsPort] : []), ...(tls ? [tls.wssPort] : [])];
  const sipTlsPort = tls?.sipTlsPort;
  const queueTest =
    queues.length > 0 ? `$rU =~ "^(${queues.map(escapeRegex).join('|')})$"` : undefined;
  const ivrAddresses = options.rtpengine ? (options.ivrAddresses ?? []) : [];
  const ivrTest =
    ivrAddresses.length > 0 ? `$rU =~ "^(${ivrAddresses.map(escapeRegex).join('|')})$"` : undefined;
  const trunkTargets = [...queues, ...ivrAddresses];
  const ix = INTERACTION_HEADER;
  const media = options.rtpengine !== undefined;
  /** `statement` when rtpengine is configured, else nothing. */
  const withMedia = (statement: string) => (media ? statement : '');
  const outbound = options.outboundTrunk;
  const context: SecurityContext = {
    realm,
    users: Object.entries(options.users),
    // what trunks may call: queue and IVR addresses
    queueTest:
      trunkTargets.length > 0
        ? `$rU =~ "^(${trunkTargets.map(escapeRegex).join('|')})$"`
        : undefined,
    trusted: (options.trustedAddresses ?? [])
      .map((a) => (a.includes('/') ? a : `${a}/32`))
      .join(','),
    controlHost,
    controlPort,
    webSocketPorts,
    interactionHeader: ix,
    floodSamplingSeconds: options.flood?.samplingSeconds ?? 2,
    floodMaxRequests: options.flood?.maxRequests ?? 64,
    floodBanSeconds: options.flood?.banSeconds ?? 300,
  };
  const agentPorts = [udpPort, ...webSocketPorts, ...(sipTlsPort ? [sipTlsPort] : [])];
  const listeners = [
    `listen=udp:${host}:${udpPort}`,
    ...(plainWs ? [`listen=tcp:${host}:${wsPort}`] : []),
    ...(tls ? [`listen=tls:${host}:${tls.wssPort}`] : []),
    ...(sipTlsPort ? [`listen=tls:${host}:${sipTlsPort}`] : []),
    `# control listener (loopback only): JSON-RPC over HTTP; evapi binds beside it`,
    `listen=tcp:${controlHost}:${controlPort}`,
  ];
  const agentUrls = [
    ...(plainWs ? [`ws://${host}:${wsPort}`] : []),
    ...(tls ? [`wss://${host}:${tls.wssPort}`] : []),
  ].join(' and ');

  return `#!KAMAILIO
#
# Switchboard: Kamailio for WebRTC agents (generated by renderKamailioConfig; Kamailio 5.6).
# Agents: SIP over ${agentUrls}. Trunks: UDP ${host}:${udpPort}${sipTlsPort ? ` and TLS ${host}:${sipTlsPort}` : ''}, from trusted addresses only.
# Control (loopback only): JSON-RPC on http://${controlHost}:${controlPort}/RPC,
# routing-service event socket (evapi) on ${controlHost}:${evapiPort}.

####### Global parameters #########
debug=${options.logLevel ?? 1}
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
fork=yes
children=${options.children ?? 2}
auto_aliases=no
# Aliases carry ports: a port-less alias would make every loopback address "myself".
${agentPorts.map((p) => `alias="${host}:${p}"`).join('\n')}
${listeners.join('\n')}
enable_tls=${tls ? 'yes' : 'no'}
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
${tls ? 'loadmodule "tls.so"\n' : ''}loadmodule "kex.so"
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
loadmodule "htable.so"
loadmodule "pike.so"
loadmodule "ipops.so"
${mediaModules(options.rtpengine)}
modparam("tm", "fr_timer", 8000)
modparam("tm", "fr_inv_timer", ${ringTimeoutMs})
modparam("tm", "max_inv_lifetime", ${queueWaitLimitMs + 2 * ringTimeoutMs})
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
modparam("evapi", "bind_addr", "${controlHost}:${evapiPort}")
modparam("evapi", "netstring_format", 1)
modparam("websocket", "keepalive_mechanism", 0)
${securityModuleParams(context, tls)}

####### Routing logic #########
request_route {
    route(REQINIT);
    route(NATDETECT);

    if (is_method("CANCEL")) {
        if (t_check_trans()) {
${evapiJson(
  [
    ['string', 'event', 'call-cancelled'],
    ['string', 'callId', '$ci'],
  ],
  'evapi_relay',
  12,
)}
${withMedia('            route(MEDIA_DELETE);\n')}            route(RELAY);
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

    # initial requests: a preloaded Route set is never followed
    remove_hf("Route");
    if (is_method("REGISTER")) {
        route(REGISTRAR);
        exit;
    }
    if (is_method("OPTIONS") && $rU == $null) {
        sl_send_reply("200", "OK");
        exit;
    }
    route(AUTH);
    if (is_method("INVITE|SUBSCRIBE|REFER")) {
        record_route();
    }
    if ($rU == $null) {
        sl_send_reply("484", "Address Incomplete");
        exit;
    }
${
  queueTest === undefined
    ? ''
    : `    if (${queueTest}) {
        route(QUEUE);
        exit;
    }
`
}${
    ivrTest === undefined
      ? ''
      : `    if (${ivrTest}) {
        route(IVR);
        exit;
    }
`
  }${
    outbound
      ? `    # an agent dialling a telephone number: the outbound trunk
    if ((proto == WS || proto == WSS) && $rU =~ "^\\+?[0-9]{3,20}$") {
        $rd = "${outbound.address}";
        $rp = ${outbound.port ?? 5060};
        $du = $null;
        route(RELAY);
    }
`
      : ''
  }    route(LOCATION);
}

${requestChecksRoute(context)}

${authRoute(context)}

${registrarRoute(context)}

route[RELAY] {
    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
        # never open a new connection toward a WebSocket client: it cannot accept one
        set_forward_no_connect();
    }
    if (is_method("INVITE|BYE|UPDATE|REFER|INFO|NOTIFY") && !t_is_set("onreply_route")) {
        t_on_reply("REPLY");
    }
${withMedia(`    if (is_method("INVITE") && !has_totag()) {
        t_on_branch("MEDIA_BRANCH");
        if (!t_is_set("failure_route")) t_on_failure("MEDIA_FAILURE");
    }
`)}    if (!t_relay()) {
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
    route(DLG_ROUTE_CHECK);
    if (loose_route()) {
        handle_ruri_alias();
        route(DLG_DESTINATION_CHECK);
        if (is_method("BYE")) {
${evapiJson(
  [
    ['string', 'event', 'call-ended'],
    ['string', 'callId', '$ci'],
    ['string', 'by', '$fU'],
  ],
  'evapi_relay',
  12,
)}
        }
        if (is_method("INVITE|UPDATE|REFER|NOTIFY|INFO|BYE")) {
            t_on_failure("DIALOG_FAILURE");
        }
${withMedia(`        if (is_method("BYE")) {
            route(MEDIA_DELETE);
        } else if (is_method("INVITE")) {
            route(MEDIA_OFFER);
            t_on_reply("REPLY");
        }
`)}        route(DIALOG_RELAY);
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

${dialogChecksRoute(context)}

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
${evapiJson(
  [
    ['string', 'event', 'route-request'],
    ['integer', 'tindex', '$T(id_index)'],
    ['integer', 'tlabel', '$T(id_label)'],
    ['string', 'callId', '$ci'],
    ['string', 'queue', '$rU'],
    ['string', 'from', '$fu'],
  ],
  undefined,
  4,
)}
    if ($fn != $null) {
        jansson_set("string", "fromName", "$fn", "$var(sb_json)");
    }
    ${waitForService}
    # an agent transferring a call into a queue may name its interaction; trunks may not (AUTH)
    if ((proto == WS || proto == WSS) && $hdr(${ix}) != $null) {
        jansson_set("string", "interactionId", "$hdr(${ix})", "$var(sb_json)");
    }
    evapi_async_relay("$var(sb_json)");
    exit;
}

# The routing service answered: {tindex, tlabel, action: route|reject|forward, target, interactionId, code, reason}
event_route[evapi:message-received] {
    $var(tindex) = -1;
    $var(tlabel) = -1;
    $var(sb_action) = "";
    $var(sb_target) = "";
    $var(sb_ix) = "";
    $var(sb_code) = 500;
    $var(sb_reason) = "Server Internal Error";
    jansson_get("tindex", "$evapi(msg)", "$var(tindex)");
    jansson_get("tlabel", "$evapi(msg)", "$var(tlabel)");
    jansson_get("action", "$evapi(msg)", "$var(sb_action)");
    jansson_get("target", "$evapi(msg)", "$var(sb_target)");
    jansson_get("interactionId", "$evapi(msg)", "$var(sb_ix)");
    jansson_get("code", "$evapi(msg)", "$var(sb_code)");
    jansson_get("reason", "$evapi(msg)", "$var(sb_reason)");
${withMedia(`    $var(sb_sdp) = "";
    $var(sb_queue) = "";
    jansson_get("sdp", "$evapi(msg)", "$var(sb_sdp)");
    jansson_get("queue", "$evapi(msg)", "$var(sb_queue)");
`)}    if ($var(sb_action) == "" || $var(tindex) < 0 || $var(tlabel) < 0) {
        xlog("L_WARN", "evapi: message without action or transaction: $evapi(msg)\\n");
        return;
    }
    t_continue("$var(tindex)", "$var(tlabel)", "QUEUE_CONTINUE");
}

# Runs in the suspended INVITE transaction (as a failure route).
route[QUEUE_CONTINUE] {
    if (t_is_canceled()) exit;
    $avp(sb_ix) = $var(sb_ix);
    if ($var(sb_action) == "reject") {
${withMedia('        route(MEDIA_DELETE);\n')}        t_reply("$(var(sb_code){s.int})", "$var(sb_reason)");
        exit;
    }
${withMedia(`    if ($var(sb_action) == "early-media" && $var(sb_sdp) != "") {
        route(IVR_EARLY_MEDIA);
        exit;
    }
    if ($var(sb_action) == "queue" && $var(sb_queue) =~ "^[A-Za-z0-9_.!~*'()-]{1,64}$") {
        route(IVR_TO_QUEUE);
        exit;
    }
`)}    ${ringAgent}
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
${withMedia('    t_on_branch("MEDIA_BRANCH");\n')}    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
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
    ${waitForService}
    if (!t_suspend()) {
        t_reply("500", "Cannot suspend");
        exit;
    }
${evapiJson(
  [
    ['string', 'event', 'route-outcome'],
    ['string', 'outcome', '$var(sb_outcome)'],
    ['integer', 'tindex', '$T(id_index)'],
    ['integer', 'tlabel', '$T(id_label)'],
    ['string', 'callId', '$ci'],
    ['string', 'interactionId', '$avp(sb_ix)'],
    ['string', 'agent', '$avp(sb_agent)'],
  ],
  'evapi_relay',
  4,
)}
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
${withMedia('    route(MEDIA_ANSWER);\n')}    if (status =~ "^2[0-9][0-9]$" && is_method("INVITE")) {
${evapiJson(
  [
    ['string', 'event', 'route-outcome'],
    ['string', 'outcome', 'answered'],
    ['string', 'callId', '$ci'],
    ['string', 'interactionId', '$avp(sb_ix)'],
    ['string', 'agent', '$avp(sb_agent)'],
  ],
  'evapi_relay',
  8,
)}
    }
}

onreply_route[REPLY] {
${withMedia('    route(MEDIA_ANSWER);\n')}    return 1;
}

# Runs for every reply, before any named onreply_route: the one place that aliases WebSocket contacts.
onreply_route {
    if (proto == WS || proto == WSS) {
        set_contact_alias();
    }
    return 1;
}

${httpRoute(context)}
${mediaRoutes(options.rtpengine)}${ivrTest === undefined ? '' : ivrRoutes(evapiJson, waitForService)}`;
}

type JsonField = readonly [type: 'string' | 'integer', key: string, value: string];

/**
 * Kamailio statements that build an evapi JSON message with `jansson_set` (so that caller data
 * such as a display name with quotes is always escaped correctly) and, unless `relay` is
 * undefined, send it.
 */
function evapiJson(
  fields: readonly JsonField[],
  relay: 'evapi_relay' | undefined,
  indent: number,
): string {
  const pad = ' '.repeat(indent);
  const lines = [
    `${pad}$var(sb_json) = "{}";`,
    ...fields.map(
      ([type, key, value]) =>
        `${pad}jansson_set("${type}", "${key}", "${value}", "$var(sb_json)");`,
    ),
  ];
  if (relay) lines.push(`${pad}${relay}("$var(sb_json)");`);
  return lines.join('\n');
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
