import type { ValidationIssue } from '@switchboard/core/shared';

/**
 * The media relay of {@link KamailioConfigOptions}: a running rtpengine whose NG control socket
 * Kamailio's `rtpengine` module talks to. With it, every call between a WebRTC agent (ICE,
 * DTLS-SRTP, `RTP/SAVPF`, rtcp-mux) and a plain-RTP peer (a trunk's `RTP/AVP`, no ICE) is bridged
 * through rtpengine, in both directions, for the initial INVITE and for re-INVITEs (hold, resume,
 * ICE restarts); its session is deleted on BYE, CANCEL and a failed call. Calls between two
 * agents stay peer to peer.
 */
export interface KamailioRtpengineOptions {
  /** IPv4 address of rtpengine's NG control socket (`--listen-ng`), normally loopback. */
  readonly host: string;
  /** UDP port of that socket. */
  readonly port: number;
  /**
   * Codecs rtpengine offers to add (transcoding) on each side, when the other side's offer lacks
   * them: `toTrunk` for offers from agents toward a trunk (default `['PCMU', 'PCMA']`, what every
   * carrier takes), `toAgent` for offers from a trunk toward an agent (default none: browsers
   * take G.711 as it is).
   */
  readonly transcode?: {
    readonly toTrunk?: readonly MediaCodec[];
    readonly toAgent?: readonly MediaCodec[];
  };
}

/** Codecs that {@link KamailioRtpengineOptions.transcode} may name. */
export type MediaCodec = 'PCMU' | 'PCMA' | 'opus' | 'G722';

const CODECS: readonly string[] = ['PCMU', 'PCMA', 'opus', 'G722'];

/**
 * Where agents' calls to telephone numbers go: a trunk (carrier, PBX) reached over UDP. Only user
 * parts that look like a number (`+` and 3 to 20 digits) are sent there; its address should also
 * be in `trustedAddresses` so that its in-dialog requests are accepted.
 */
export interface KamailioOutboundTrunkOptions {
  /** IPv4 address of the trunk. */
  readonly address: string;
  /** UDP port of the trunk. Default 5060. */
  readonly port?: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Validates the media options of the Kamailio configuration, each problem with its path. @internal */
export function validateMediaOptions(
  rtpengine: KamailioRtpengineOptions | undefined,
  outboundTrunk: KamailioOutboundTrunkOptions | undefined,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const port = (path: string, value: unknown) => {
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535)) {
      issues.push({ path, message: 'must be an integer from 1 to 65535' });
    }
  };
  if (rtpengine !== undefined) {
    if (typeof rtpengine.host !== 'string' || !IPV4.test(rtpengine.host)) {
      issues.push({ path: '$.rtpengine.host', message: 'must be an IPv4 address' });
    }
    port('$.rtpengine.port', rtpengine.port);
    const transcode: unknown = rtpengine.transcode;
    if (transcode !== undefined && (typeof transcode !== 'object' || transcode === null)) {
      issues.push({ path: '$.rtpengine.transcode', message: 'must be an object' });
    }
    for (const side of ['toTrunk', 'toAgent'] as const) {
      const list: unknown = rtpengine.transcode?.[side];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        issues.push({ path: `$.rtpengine.transcode.${side}`, message: 'must be a list' });
        continue;
      }
      (list as unknown[]).forEach((codec, index) => {
        if (typeof codec !== 'string' || !CODECS.includes(codec)) {
          issues.push({
            path: `$.rtpengine.transcode.${side}[${index}]`,
            message: `must be one of ${CODECS.join(', ')}`,
          });
        }
      });
    }
  }
  if (outboundTrunk !== undefined) {
    if (typeof outboundTrunk.address !== 'string' || !IPV4.test(outboundTrunk.address)) {
      issues.push({ path: '$.outboundTrunk.address', message: 'must be an IPv4 address' });
    }
    if (outboundTrunk.port !== undefined) port('$.outboundTrunk.port', outboundTrunk.port);
  }
  return issues;
}

/** `loadmodule` and `modparam` lines for rtpengine ('' without it). @internal */
export function mediaModules(rtpengine: KamailioRtpengineOptions | undefined): string {
  if (!rtpengine) return '';
  return `loadmodule "rtpengine.so"
modparam("rtpengine", "rtpengine_sock", "udp:${rtpengine.host}:${rtpengine.port}")
modparam("rtpengine", "rtpengine_tout_ms", 2000)
modparam("rtpengine", "rtpengine_retr", 2)
# rtpengine's SDP lands here, not in the message: route(MEDIA_SET_BODY) adds what it leaves out
modparam("rtpengine", "write_sdp_pv", "$avp(sb_sdp)")
`;
}

/** A test true when the request's next hop is a WebSocket client. @internal */
export const TO_WEBSOCKET = '($du =~ "transport=ws" || ($du == $null && $ru =~ "transport=ws"))';

const COMMON = 'trust-address replace-origin replace-session-connection SDES-off';
const TO_AGENT = `${COMMON} ICE=force UDP/TLS/RTP/SAVPF`;
const TO_TRUNK = `${COMMON} ICE=remove RTP/AVP DTLS=off rtcp-mux-demux`;

function transcodeFlags(codecs: readonly MediaCodec[]): string {
  return codecs.map((c) => ` codec-transcode-${c}`).join('');
}

/**
 * Statements that run a request's SDP offer through rtpengine when its two sides differ (agent
 * and trunk), for initial INVITEs (in the branch route, where the next hop is known) and for
 * re-INVITEs (in the request route after `loose_route`). '' without rtpengine. @internal
 */
export function mediaRoutes(rtpengine: KamailioRtpengineOptions | undefined): string {
  if (!rtpengine) return '';
  const toTrunk = transcodeFlags(rtpengine.transcode?.toTrunk ?? ['PCMU', 'PCMA']);
  const toAgent = transcodeFlags(rtpengine.transcode?.toAgent ?? []);
  return `# Media relay (rtpengine): a call between a WebRTC agent and a plain-RTP trunk is bridged;
# agent-to-agent calls stay peer to peer.
route[MEDIA_OFFER] {
    if (!is_method("INVITE") || !has_body("application/sdp")) return;
    $var(sb_from_agent) = 0;
    if (proto == WS || proto == WSS) $var(sb_from_agent) = 1;
    $var(sb_to_agent) = 0;
    if ${TO_WEBSOCKET} $var(sb_to_agent) = 1;
    if ($var(sb_from_agent) == $var(sb_to_agent)) return;
    if ($var(sb_to_agent) == 1) {
        if (!rtpengine_offer("${TO_AGENT} rtcp-mux-offer generate-mid${toAgent}")) return;
    } else {
        if (!rtpengine_offer("${TO_TRUNK}${toTrunk}")) return;
    }
    route(MEDIA_SET_BODY);
}

# Puts rtpengine's SDP into the message. Toward an agent it adds the BUNDLE group of its one
# audio stream: browsers run with bundlePolicy max-bundle and refuse SDP without one, and
# rtpengine 10.5 (Debian 12) drops BUNDLE groups.
route[MEDIA_SET_BODY] {
    if ($var(sb_to_agent) == 1) {
        $var(sb_mid) = $(avp(sb_sdp){line.sw,a=mid:}{s.substr,6,0}{s.trim});
        if ($var(sb_mid) != "") {
            $var(sb_match) = "\r\nm=audio ";
            $var(sb_group) = "\r\na=group:BUNDLE " + $var(sb_mid) + "\r\nm=audio ";
            $avp(sb_sdp) = $(avp(sb_sdp){s.replace,$var(sb_match),$var(sb_group)});
        }
    }
    set_body("$avp(sb_sdp)", "application/sdp");
}

branch_route[MEDIA_BRANCH] {
    route(MEDIA_OFFER);
}

# A reply with an SDP answer: its sender is an agent when it came over WebSocket, and the offer
# came from an agent when the request did.
route[MEDIA_ANSWER] {
    if (!has_body("application/sdp") || !(status =~ "^(18[0-9]|2[0-9][0-9])$")) return;
    if (!is_method("INVITE")) return;
    $var(sb_from_agent) = 0;
    if ($T_req($pr) == "ws" || $T_req($pr) == "wss") $var(sb_from_agent) = 1;
    $var(sb_to_agent) = 0;
    if (proto == WS || proto == WSS) $var(sb_to_agent) = 1;
    if ($var(sb_from_agent) == $var(sb_to_agent)) return;
    if ($var(sb_from_agent) == 1) {
        $var(sb_to_agent) = 1;
        if (!rtpengine_answer("${TO_AGENT} rtcp-mux-require")) return;
    } else {
        $var(sb_to_agent) = 0;
        if (!rtpengine_answer("${TO_TRUNK}")) return;
    }
    route(MEDIA_SET_BODY);
}

# BYE, CANCEL or a failed call: the relay forgets the call (no-op when it never knew it).
route[MEDIA_DELETE] {
    rtpengine_delete();
}

failure_route[MEDIA_FAILURE] {
    if (t_is_canceled()) exit;
    route(MEDIA_DELETE);
}
`;
}
