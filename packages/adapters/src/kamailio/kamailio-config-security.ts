/**
 * The security parts of the generated Kamailio configuration: request checks and flood bans,
 * agent authentication, registrar rules, in-dialog relay rules, the HTTP (JSON-RPC / WebSocket
 * handshake) route and the TLS module settings. {@link renderKamailioConfig} assembles them.
 *
 * @internal
 * @packageDocumentation
 */

/** Resolved values the security routes need. @internal */
export interface SecurityContext {
  readonly realm: string;
  readonly users: readonly (readonly [string, string])[];
  /** Kamailio test that is true for queue addresses (`$rU`); `undefined` without queues. */
  readonly queueTest: string | undefined;
  /** Comma-separated CIDR list of trusted trunk addresses ('' when none). */
  readonly trusted: string;
  readonly controlHost: string;
  readonly controlPort: number;
  /** Ports that accept WebSocket handshakes (ws and wss). */
  readonly webSocketPorts: readonly number[];
  readonly interactionHeader: string;
  readonly floodSamplingSeconds: number;
  readonly floodMaxRequests: number;
  readonly floodBanSeconds: number;
}

/** A Kamailio test that is true when the address in `pv` is not a trusted trunk. @internal */
export function untrustedTest(context: SecurityContext, pv = '$si'): string {
  // without trusted addresses the test is left out where it is combined, so Kamailio never
  // warns about a constant condition
  return context.trusted === '' ? '1' : `!is_in_subnet("${pv}", "${context.trusted}")`;
}

/** `test && untrusted`, or just `test` when nothing is trusted. */
function andUntrusted(context: SecurityContext, test: string, pv = '$si'): string {
  return context.trusted === '' ? test : `${test} && ${untrustedTest(context, pv)}`;
}

/** `body` run only for untrusted sources (always, when nothing is trusted), indented by 4. */
function forUntrusted(context: SecurityContext, body: string, pv = '$si'): string {
  if (context.trusted === '') return body;
  const inner = body
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  return `    if (${untrustedTest(context, pv)}) {\n${inner}\n    }`;
}

/** Module parameters for pike, htable and (when set) tls. @internal */
export function securityModuleParams(
  context: SecurityContext,
  tls: { certificate: string; privateKey: string; caList?: string | undefined } | undefined,
): string {
  const lines = [
    `modparam("pike", "sampling_time_unit", ${context.floodSamplingSeconds})`,
    `modparam("pike", "reqs_density_per_unit", ${context.floodMaxRequests})`,
    `modparam("pike", "remove_latency", ${context.floodSamplingSeconds * 2})`,
    `modparam("htable", "htable", "ipban=>size=10;autoexpire=${context.floodBanSeconds};")`,
    `modparam("auth", "nonce_expire", 300)`,
  ];
  if (tls) {
    lines.push(
      `modparam("tls", "tls_method", "TLSv1.2+")`,
      `modparam("tls", "certificate", "${tls.certificate}")`,
      `modparam("tls", "private_key", "${tls.privateKey}")`,
      // browsers present no certificate: one is checked when offered (trunks), never required
      `modparam("tls", "verify_certificate", ${tls.caList ? 1 : 0})`,
      `modparam("tls", "require_certificate", 0)`,
    );
    if (tls.caList) lines.push(`modparam("tls", "ca_list", "${tls.caList}")`);
  }
  return lines.join('\n');
}

/** Checks every request before anything else: control listener, flood bans, sanity, hops, source. @internal */
export function requestChecksRoute(context: SecurityContext): string {
  return `# Checks on every request before it is processed.
route[REQINIT] {
    # The control listener serves JSON-RPC only: no SIP there.
    if ($Rp == ${context.controlPort} && $Ri == "${context.controlHost}") {
        exit;
    }
    # Flood protection: an address over the limit is banned; its requests are dropped (and
    # counted, which keeps the ban alive while the flood goes on). Trusted trunks are exempt.
${forUntrusted(
  context,
  `    if ($sht(ipban=>$si) != $null) {
        $var(sb_banned) = $shtinc(ipban=>$si);
        exit;
    }
    if (!pike_check_req()) {
        xlog("L_ALERT", "flood: banning $si (over ${context.floodMaxRequests} requests in ${context.floodSamplingSeconds} s)\\n");
        $sht(ipban=>$si) = 1;
        exit;
    }`,
)}
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    if (!sanity_check("17895", "7")) {
        xlog("L_WARN", "malformed request from $si:$sp dropped\\n");
        exit;
    }
    # Agents speak WebSocket; everything else is a trunk and must come from a trusted address.
    if (${andUntrusted(context, 'proto != WS && proto != WSS')}) {
        if (!is_method("ACK")) {
            sl_send_reply("403", "Forbidden");
        }
        exit;
    }
}`;
}

/**
 * Initial requests other than REGISTER: trunks may only call queues; agents authenticate and
 * may only use their own identity in From. @internal
 */
export function authRoute(context: SecurityContext): string {
  const refuse = `sl_send_reply("403", "Trunks may call queues only");
            exit;`;
  const trunkRule =
    context.queueTest === undefined
      ? `        # no queue addresses: trunks may not call at all
        ${refuse.replace('            ', '        ')}`
      : `        if (!is_method("INVITE") || !(${context.queueTest})) {
            ${refuse}
        }
        # nothing a caller sends becomes an interaction id, or asks an agent's phone for a
        # supervisor's monitor leg (@switchboard/webrtc's MONITOR_HEADER)
        remove_hf("${context.interactionHeader}");
        remove_hf("X-Switchboard-Monitor");
        return;`;
  return `route[AUTH] {
    if (proto != WS && proto != WSS) {
        # a trusted trunk (REQINIT refused the others): calls to queue addresses only
${trunkRule}
    }
    if ($au != $null && $au != $fU) {
        sl_send_reply("403", "From does not match the authenticated user");
        exit;
    }
    $var(password) = $null;
${passwordLookup(context, '$fU')}
    if ($var(password) == $null) {
        if ($au != $null) {
            sl_send_reply("403", "Forbidden");
            exit;
        }
        proxy_challenge("${context.realm}", "0");
        exit;
    }
    if (!pv_proxy_authenticate("${context.realm}", "$var(password)", "0")) {
        proxy_challenge("${context.realm}", "0");
        exit;
    }
    consume_credentials();
}`;
}

/** REGISTER: over WebSocket only, for the authenticated user's own address of record. @internal */
export function registrarRoute(context: SecurityContext): string {
  return `route[REGISTRAR] {
    if (proto != WS && proto != WSS) {
        sl_send_reply("403", "Register over WebSocket");
        exit;
    }
    # no third-party registration: From, To and the authentication user are one user
    if ($fU != $tU || ($au != $null && $au != $tU)) {
        sl_send_reply("403", "Forbidden");
        exit;
    }
    $var(password) = $null;
${passwordLookup(context, '$tU')}
    if ($var(password) == $null) {
        sl_send_reply("403", "Forbidden");
        exit;
    }
    if (!pv_www_authenticate("${context.realm}", "$var(password)", "0")) {
        www_challenge("${context.realm}", "0");
        exit;
    }
    consume_credentials();
    if (!save("location")) {
        sl_reply_error();
    }
    exit;
}`;
}

function passwordLookup(context: SecurityContext, pv: string): string {
  return context.users
    .map(([user, password]) => `    if (${pv} == "${user}") { $var(password) = "${password}"; }`)
    .join('\n');
}

/**
 * In-dialog requests: relayed only along a route Kamailio recorded (the topmost Route must be
 * this proxy), and only to a WebSocket client's live connection or a trusted trunk. @internal
 */
export function dialogChecksRoute(context: SecurityContext): string {
  return `# An in-dialog request may name only this proxy in its Route set.
route[DLG_ROUTE_CHECK] {
    if ($route_uri != $null && !is_myself("$route_uri")) {
        xlog("L_WARN", "refused in-dialog $rm from $si: Route $route_uri is not this proxy\\n");
        if (!is_method("ACK")) {
            sl_send_reply("403", "Not relaying");
        }
        exit;
    }
}

# After loose_route: the next hop must be a WebSocket client's open connection (never a new
# connection) or a trusted trunk.
route[DLG_DESTINATION_CHECK] {
    if ($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws")) {
        set_forward_no_connect();
        return;
    }
    if ($du != $null) {
        $var(sb_dst) = $(du{uri.host});
    } else {
        $var(sb_dst) = $rd;
    }
${forUntrusted(
  context,
  `    xlog("L_WARN", "refused in-dialog $rm from $si toward $var(sb_dst)\\n");
    if (!is_method("ACK")) {
        sl_send_reply("403", "Not relaying");
    }
    exit;`,
  '$var(sb_dst)',
)}
}`;
}

/** HTTP on TCP listeners: JSON-RPC only on the control listener, WebSocket handshakes only on ws/wss. @internal */
export function httpRoute(context: SecurityContext): string {
  const wsPorts = context.webSocketPorts.map((p) => `$Rp == ${p}`).join(' || ');
  return `####### HTTP: JSON-RPC on the control listener, WebSocket handshakes on the agent ports #########
event_route[xhttp:request] {
    set_reply_no_connect();
    if ($Rp == ${context.controlPort} && $Ri == "${context.controlHost}") {
        # keep-alive on the control listener: closing after each reply races with HTTP clients
        # that reuse the connection (a request sent as the close arrives fails)
        if ($hu =~ "^/RPC") {
            jsonrpc_dispatch();
            exit;
        }
        xhttp_reply("404", "Not Found", "", "");
        exit;
    }
    set_reply_close();
    if ($hu =~ "^/RPC") {
        xlog("L_WARN", "refused JSON-RPC from $si on an agent port\\n");
        xhttp_reply("403", "Forbidden", "", "");
        exit;
    }
    if ((${wsPorts}) && $hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
        if (ws_handle_handshake()) {
            exit;
        }
    }
    xhttp_reply("404", "Not Found", "", "");
}`;
}
