// A plain-RTP SIP peer for the media suites: what a carrier trunk, a PBX or a desk phone looks like
// to Kamailio. SIP over UDP from 127.0.0.1 (a trusted trunk address), SDP with RTP/AVP and G.711
// (PCMU, PCMA) plus RFC 4733 telephone events, no ICE, no encryption. It sends a steady 440 Hz tone
// and measures what it receives: packets, and the energy of the decoded G.711 audio (RMS per 20 ms
// packet), so a test can tell audio from silence. It places calls, answers calls, answers
// re-INVITEs (hold/resume), follows REFER (blind transfer) and sends RFC 4733 digits.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { once } from 'node:events';
import { decodeG711, encodeG711, rms } from './g711.js';

const token = () => randomBytes(6).toString('hex');

/** What the peer received and sent on its current call's RTP socket. */
export interface RtpPeerStats {
  packetsSent: number;
  packetsReceived: number;
  /** Received G.711 packets whose decoded RMS is above {@link LOUD_RMS}. */
  loudPackets: number;
  /** Highest RMS of a received packet. */
  maxRms: number;
  /** RFC 4733 events received (digits, once per event). */
  dtmfReceived: string;
  /** Payload type of the last received audio packet. */
  payloadType: number | undefined;
}

/** A decoded RMS (16-bit scale) above this is audio, below it silence or comfort noise. */
export const LOUD_RMS = 200;

interface SipMessage {
  readonly startLine: string;
  readonly method: string | undefined;
  readonly status: number | undefined;
  readonly headers: Map<string, string[]>;
  readonly body: string;
}

interface Dialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  localUri: string;
  remoteUri: string;
  remoteTarget: string;
  routes: string[];
  cseq: number;
  ended: boolean;
}

interface RemoteMedia {
  address: string;
  port: number;
  payloadType: number;
  dtmfType: number | undefined;
  direction: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
};

/** Parses one SIP message (bounded: 64 KiB, 200 header lines). */
export function parseSip(text: string): SipMessage | undefined {
  if (text.length > 65_536) return undefined;
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  if (lines.length > 200) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  const request = /^([A-Z]+) \S+ SIP\/2\.0$/.exec(startLine);
  if (!response && !request) return undefined;
  return {
    startLine,
    method: request?.[1],
    status: response ? Number(response[1]) : undefined,
    headers,
    body,
  };
}

/** Splits header values that hold several comma-separated name-addrs (Record-Route, Route). */
function splitAddresses(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/,(?=\s*<)/).map((s) => s.trim()));
}

const first = (m: SipMessage, name: string) => m.headers.get(name)?.[0] ?? '';
const tagOf = (value: string) => /;\s*tag=([^;>\s]+)/i.exec(value)?.[1] ?? '';
const uriOf = (value: string) => /<([^>]+)>/.exec(value)?.[1] ?? value.split(';')[0] ?? '';

/** The audio section of an SDP body: where to send, which codec, which DTMF payload type. */
export function parseSdp(sdp: string): RemoteMedia | undefined {
  const address = /^c=IN IP4 (\S+)/m.exec(sdp)?.[1];
  const m = /^m=audio (\d+) \S+ ([\d ]+)/m.exec(sdp);
  if (!address || !m) return undefined;
  const types = (m[2] ?? '').trim().split(/\s+/).map(Number);
  const dtmf = /^a=rtpmap:(\d+) telephone-event\/8000/m.exec(sdp)?.[1];
  const audio = types.find((t) => t === 0 || t === 8);
  if (audio === undefined) return undefined;
  const direction = /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(sdp)?.[1] ?? 'sendrecv';
  return {
    address,
    port: Number(m[1]),
    payloadType: audio,
    dtmfType: dtmf === undefined ? undefined : Number(dtmf),
    direction,
  };
}

/** Options of {@link RtpPeer}. */
export interface RtpPeerOptions {
  /** Kamailio's UDP (trunk) port on 127.0.0.1. */
  readonly kamailioPort: number;
  /** User part the peer calls from. */
  readonly user?: string;
}

/** The plain-RTP peer; see the file's header. */
export class RtpPeer {
  readonly sip: Socket = createSocket('udp4');
  readonly rtp: Socket = createSocket('udp4');
  private dialog: Dialog | undefined;
  private remote: RemoteMedia | undefined;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private timestamp = 0;
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private phase = 0;
  private lastEvent = -1;
  private pendingInvite: ((m: SipMessage) => void) | undefined;
  private readonly answered = new Map<string, string>();
  /** Call-IDs of dialogs left by a transfer: their BYE is still answered 200. */
  private readonly former = new Set<string>();
  /** Answers incoming calls by itself (200 with SDP) when true. */
  autoAnswer = true;
  /** Resolves on each new call (incoming answered, or outgoing connected); reset by the user. */
  private connectedWaiters: (() => void)[] = [];
  private endedWaiters: (() => void)[] = [];
  stats: RtpPeerStats = RtpPeer.emptyStats();
  /** Count of calls that ended (BYE either way). */
  ended = 0;
  /** Calls this peer had (incoming or outgoing), including the current one. */
  calls = 0;

  private constructor(private readonly options: RtpPeerOptions) {}

  static emptyStats(): RtpPeerStats {
    return {
      packetsSent: 0,
      packetsReceived: 0,
      loudPackets: 0,
      maxRms: 0,
      dtmfReceived: '',
      payloadType: undefined,
    };
  }

  /** Binds the SIP and RTP sockets on 127.0.0.1. */
  static async start(options: RtpPeerOptions): Promise<RtpPeer> {
    const peer = new RtpPeer(options);
    peer.sip.bind(0, '127.0.0.1');
    peer.rtp.bind(0, '127.0.0.1');
    await Promise.all([once(peer.sip, 'listening'), once(peer.rtp, 'listening')]);
    peer.sip.on('message', (data) => peer.onSip(data.toString('utf8')));
    peer.rtp.on('message', (data) => peer.onRtp(data));
    return peer;
  }

  get sipPort(): number {
    return this.sip.address().port;
  }

  get inCall(): boolean {
    return this.dialog !== undefined && !this.dialog.ended;
  }

  /** Clears the measurements (keeps the call). */
  resetStats(): void {
    this.stats = RtpPeer.emptyStats();
  }

  /** Calls `user@127.0.0.1` through Kamailio; resolves with the final status (200 when connected). */
  async call(user: string, timeoutMs = 30_000): Promise<number> {
    const callId = `${token()}@rtp-peer`;
    const localUri = `sip:${this.options.user ?? 'trunk'}@127.0.0.1`;
    const remoteUri = `sip:${user}@127.0.0.1`;
    const fromTag = token();
    const branch = `z9hG4bK${token()}`;
    const invite = this.request('INVITE', remoteUri, {
      callId,
      from: `<${localUri}>;tag=${fromTag}`,
      to: `<${remoteUri}>`,
      cseq: 1,
      branch,
      routes: [],
      body: this.sdp('sendrecv'),
    });
    const final = await new Promise<SipMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingInvite = undefined;
        reject(new Error(`no final answer to the INVITE within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingInvite = (m) => {
        const media = m.body ? parseSdp(m.body) : undefined;
        if (media) {
          this.setRemote(media);
          // early media (an IVR before the answer): send and measure from now on
          if ((m.status ?? 0) < 200 && !this.timer) this.startMedia();
        }
        if ((m.status ?? 0) >= 200) {
          clearTimeout(timer);
          this.pendingInvite = undefined;
          resolve(m);
        }
      };
      this.send(invite);
    });
    const status = final.status ?? 0;
    const to = first(final, 'to');
    if (status >= 300) {
      this.send(
        [
          `ACK ${remoteUri} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=${branch};rport`,
          'Max-Forwards: 70',
          `From: <${localUri}>;tag=${fromTag}`,
          `To: ${to}`,
          `Call-ID: ${callId}`,
          'CSeq: 1 ACK',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      return status;
    }
    this.dialog = {
      callId,
      localTag: fromTag,
      remoteTag: tagOf(to),
      localUri,
      remoteUri,
      remoteTarget: uriOf(first(final, 'contact')),
      routes: splitAddresses(final.headers.get('record-route') ?? []).reverse(),
      cseq: 1,
      ended: false,
    };
    this.sendAck(this.dialog);
    this.calls++;
    this.startMedia();
    this.notifyConnected();
    return status;
  }

  /** Ends the current call with BYE. */
  hangup(): void {
    const d = this.dialog;
    if (!d || d.ended) return;
    d.cseq++;
    this.send(this.inDialog(d, 'BYE', ''));
    this.endCall();
  }

  /** Sends `digits` as RFC 4733 events (each 100 ms of tone, 3 end packets, 60 ms apart). */
  async sendDtmf(digits: string): Promise<void> {
    const remote = this.remote;
    if (!remote || remote.dtmfType === undefined) throw new Error('no telephone-event negotiated');
    for (const digit of digits) {
      const event = '0123456789*#'.indexOf(digit);
      if (event < 0) throw new Error(`not a DTMF digit: ${digit}`);
      const start = this.timestamp;
      for (let i = 0; i < 8; i++) {
        const end = i >= 5;
        const duration = Math.min(i + 1, 5) * 160;
        const payload = Buffer.from([event, (end ? 0x80 : 0) | 10, duration >> 8, duration & 255]);
        this.sendRtp(remote.dtmfType, payload, start, i === 0);
        await new Promise((r) => setTimeout(r, 20));
      }
      this.timestamp += 800;
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** Resolves when the next call is connected (or now, when `already` and a call is up). */
  whenConnected(): Promise<void> {
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Resolves when the current call ends. */
  whenEnded(): Promise<void> {
    if (!this.inCall) return Promise.resolve();
    return new Promise((resolve) => this.endedWaiters.push(resolve));
  }

  close(): void {
    this.stopMedia();
    this.sip.close();
    this.rtp.close();
  }

  private notifyConnected(): void {
    for (const w of this.connectedWaiters.splice(0)) w();
  }

  private endCall(): void {
    if (this.dialog) this.dialog.ended = true;
    this.stopMedia();
    this.ended++;
    for (const w of this.endedWaiters.splice(0)) w();
  }

  private sdp(direction: string): string {
    const port = this.rtp.address().port;
    return [
      'v=0',
      `o=rtp-peer ${this.ssrc} ${Date.now()} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${port} RTP/AVP 0 8 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  private request(
    method: string,
    uri: string,
    p: {
      callId: string;
      from: string;
      to: string;
      cseq: number;
      branch?: string;
      routes: readonly string[];
      body: string;
    },
  ): string {
    return [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=${p.branch ?? `z9hG4bK${token()}`};rport`,
      'Max-Forwards: 70',
      ...p.routes.map((r) => `Route: ${r}`),
      `From: ${p.from}`,
      `To: ${p.to}`,
      `Call-ID: ${p.callId}`,
      `CSeq: ${p.cseq} ${method}`,
      `Contact: <sip:${this.options.user ?? 'trunk'}@127.0.0.1:${this.sipPort}>`,
      ...(p.body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(p.body)}`,
      '',
      p.body,
    ].join('\r\n');
  }

  private inDialog(d: Dialog, method: string, body: string): string {
    return this.request(method, d.remoteTarget, {
      callId: d.callId,
      from: `<${d.localUri}>;tag=${d.localTag}`,
      to: `<${d.remoteUri}>;tag=${d.remoteTag}`,
      cseq: d.cseq,
      routes: d.routes,
      body,
    });
  }

  private sendAck(d: Dialog): void {
    this.send(this.inDialog(d, 'ACK', ''));
  }

  private send(text: string): void {
    this.sip.send(text, this.options.kamailioPort, '127.0.0.1');
  }

  private reply(m: SipMessage, status: number, reason: string, body = '', toTag = ''): string {
    const to = first(m, 'to');
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...(m.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      `From: ${first(m, 'from')}`,
      `To: ${toTag && !tagOf(to) ? `${to};tag=${toTag}` : to}`,
      `Call-ID: ${first(m, 'call-id')}`,
      `CSeq: ${first(m, 'cseq')}`,
      ...(m.method === 'INVITE' && status < 300
        ? (m.headers.get('record-route') ?? []).map((r) => `Record-Route: ${r}`)
        : []),
      `Contact: <sip:${this.options.user ?? 'trunk'}@127.0.0.1:${this.sipPort}>`,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    const text = lines.join('\r\n');
    this.send(text);
    return text;
  }

  private onSip(text: string): void {
    const m = parseSip(text);
    if (!m) return;
    if (m.status !== undefined) {
      const method = first(m, 'cseq').split(' ')[1];
      if (method === 'INVITE' && this.pendingInvite) this.pendingInvite(m);
      else if (method === 'INVITE' && m.status >= 200 && m.status < 300 && this.dialog) {
        // a retransmitted 2xx (our ACK was lost) or the answer to our re-INVITE
        this.sendAck(this.dialog);
      }
      return;
    }
    const key = `${first(m, 'call-id')} ${first(m, 'cseq')} ${first(m, 'via')}`;
    const previous = this.answered.get(key);
    if (previous !== undefined) {
      this.send(previous);
      return;
    }
    const remember = (response: string) => {
      if (this.answered.size > 200) this.answered.clear();
      this.answered.set(key, response);
    };
    const d = this.dialog;
    const sameDialog = d !== undefined && first(m, 'call-id') === d.callId;
    switch (m.method) {
      case 'INVITE': {
        const media = parseSdp(m.body);
        if (sameDialog && d && !d.ended) {
          if (media) this.setRemote(media);
          const answer = media?.direction === 'sendonly' ? 'recvonly' : 'sendrecv';
          remember(this.reply(m, 200, 'OK', this.sdp(answer)));
          return;
        }
        if (this.inCall || !media || !this.autoAnswer) {
          remember(this.reply(m, 486, 'Busy Here', '', token()));
          return;
        }
        const localTag = token();
        const from = first(m, 'from');
        this.dialog = {
          callId: first(m, 'call-id'),
          localTag,
          remoteTag: tagOf(from),
          localUri: uriOf(first(m, 'to')),
          remoteUri: uriOf(from),
          remoteTarget: uriOf(first(m, 'contact')),
          routes: splitAddresses(m.headers.get('record-route') ?? []),
          cseq: 100,
          ended: false,
        };
        this.setRemote(media);
        remember(this.reply(m, 200, 'OK', this.sdp('sendrecv'), localTag));
        this.calls++;
        this.startMedia();
        this.notifyConnected();
        return;
      }
      case 'ACK':
        return;
      case 'BYE': {
        const known = sameDialog || this.former.has(first(m, 'call-id'));
        remember(this.reply(m, known ? 200 : 481, known ? 'OK' : 'No Such Call'));
        if (sameDialog) this.endCall();
        return;
      }
      case 'CANCEL':
        remember(this.reply(m, 200, 'OK'));
        return;
      case 'REFER': {
        remember(this.reply(m, sameDialog ? 202 : 481, sameDialog ? 'Accepted' : 'No Such Call'));
        if (sameDialog && d) void this.followRefer(d, first(m, 'refer-to'));
        return;
      }
      default:
        remember(this.reply(m, 200, 'OK'));
    }
  }

  /** Blind transfer: tell the referrer it worked (NOTIFY 200), leave the call, call the target. */
  private async followRefer(d: Dialog, referTo: string): Promise<void> {
    const target = uriOf(referTo);
    const user = /^sips?:([^@;>]+)@/.exec(target)?.[1];
    if (!user) return;
    this.stopMedia();
    this.former.add(d.callId);
    this.dialog = undefined;
    const status = await this.call(user).catch(() => 503);
    d.cseq++;
    const notify = this.inDialog(d, 'NOTIFY', '')
      .replace(
        'Content-Length: 0',
        [
          'Event: refer',
          'Subscription-State: terminated;reason=noresource',
          'Content-Type: message/sipfrag;version=2.0',
          `Content-Length: ${`SIP/2.0 ${status} Done`.length}`,
        ].join('\r\n'),
      )
      .concat(`SIP/2.0 ${status} Done`);
    this.send(notify);
  }

  private setRemote(media: RemoteMedia): void {
    this.remote = media;
  }

  private startMedia(): void {
    this.stopMedia();
    this.timer = setInterval(() => this.sendAudio(), 20);
  }

  private stopMedia(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sendAudio(): void {
    const remote = this.remote;
    if (!remote || remote.direction === 'recvonly' || remote.direction === 'inactive') {
      this.timestamp += 160;
      return;
    }
    const samples = new Int16Array(160);
    for (let i = 0; i < 160; i++) {
      samples[i] = Math.round(8000 * Math.sin(this.phase));
      this.phase += (2 * Math.PI * 440) / 8000;
    }
    this.phase %= 2 * Math.PI;
    this.sendRtp(remote.payloadType, encodeG711(samples, remote.payloadType), this.timestamp);
    this.timestamp += 160;
  }

  private sendRtp(type: number, payload: Buffer, timestamp: number, marker = false): void {
    const remote = this.remote;
    if (!remote) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = (marker ? 0x80 : 0) | type;
    header.writeUInt16BE(this.seq++ & 0xffff, 2);
    header.writeUInt32BE(timestamp >>> 0, 4);
    header.writeUInt32BE(this.ssrc, 8);
    this.rtp.send(Buffer.concat([header, payload]), remote.port, remote.address);
    this.stats.packetsSent++;
  }

  private onRtp(packet: Buffer): void {
    if (packet.length < 12 || (packet[0] ?? 0) >> 6 !== 2) return;
    const cc = (packet[0] ?? 0) & 0x0f;
    const extension = ((packet[0] ?? 0) & 0x10) !== 0;
    let offset = 12 + cc * 4;
    if (extension && packet.length >= offset + 4) offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    const type = (packet[1] ?? 0) & 0x7f;
    const payload = packet.subarray(offset);
    this.stats.packetsReceived++;
    if (type === 0 || type === 8) {
      this.stats.payloadType = type;
      const level = rms(decodeG711(payload, type));
      if (level > this.stats.maxRms) this.stats.maxRms = level;
      if (level > LOUD_RMS) this.stats.loudPackets++;
    } else if (type === this.remote?.dtmfType && payload.length >= 4) {
      const event = payload[0] ?? 0;
      const timestamp = packet.readUInt32BE(4);
      if (timestamp !== this.lastEvent && event < 12) {
        this.lastEvent = timestamp;
        this.stats.dtmfReceived += '0123456789*#'[event] ?? '';
      }
    }
  }
}
