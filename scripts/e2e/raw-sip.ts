// A deliberately small SIP client for the security suites: it writes SIP requests by hand (so it
// can forge what a real phone never would: another user's To, a foreign Route, no credentials)
// over WebSocket (ws/wss) or UDP from a chosen loopback address, matches responses by Call-ID and
// CSeq, and answers digest challenges (MD5, qop=auth) when asked to.
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import WebSocket from 'ws';

/** A SIP response as received. */
export interface SipResponse {
  readonly status: number;
  readonly reason: string;
  /** Header values by lower-case name. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

/** What a forged request holds; everything a real phone would fill in is explicit here. */
export interface SipRequestSpec {
  readonly method: string;
  readonly uri: string;
  readonly fromUser: string;
  readonly toUser: string;
  readonly domain: string;
  readonly toTag?: string;
  readonly callId?: string;
  readonly cseq?: number;
  /** Extra header lines, e.g. `Route: <sip:203.0.113.9;lr>`. */
  readonly headers?: readonly string[];
  /** Answer one 401/407 challenge with these credentials. */
  readonly credentials?: { readonly user: string; readonly password: string };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(8).toString('hex');

/** One transport toward Kamailio: sends text, hands every received message to `onMessage`. */
interface Wire {
  readonly via: string;
  readonly contactHost: string;
  send(text: string): void;
  close(): void;
}

export class RawSipClient {
  private readonly waiting = new Map<string, (response: SipResponse) => void>();
  private readonly provisional: SipResponse[] = [];
  /** Responses of any request, in arrival order (for counting during floods). */
  readonly received: SipResponse[] = [];
  /** The last request sent per Call-ID (to CANCEL it). */
  private readonly sent = new Map<
    string,
    { spec: SipRequestSpec; cseq: number; fromTag: string; branch: string }
  >();

  private constructor(private readonly wire: Wire) {}

  /**
   * Opens a SIP-over-WebSocket connection (`ws://` or `wss://`) from `localAddress` (a loopback
   * address of its own, so that flood limits count it apart); `ca` trusts a test certificate.
   */
  static async overWebSocket(
    url: string,
    localAddress: string,
    ca?: string,
  ): Promise<RawSipClient> {
    const socket = new WebSocket(url, 'sip', { localAddress, ...(ca === undefined ? {} : { ca }) });
    await once(socket, 'open');
    const secure = url.startsWith('wss:');
    const wire: Wire = {
      via: `SIP/2.0/${secure ? 'WSS' : 'WS'} ${token()}.invalid`,
      contactHost: `${token()}.invalid;transport=ws`,
      send: (text) => socket.send(text),
      close: () => socket.close(),
    };
    const client = new RawSipClient(wire);
    socket.on('message', (data) => client.onText(String(data)));
    return client;
  }

  /** Binds a UDP socket on `localAddress` (any 127.x.y.z inside the test namespace) toward `port`. */
  static async overUdp(localAddress: string, port: number): Promise<RawSipClient> {
    const socket: UdpSocket = createSocket('udp4');
    socket.bind(0, localAddress);
    await once(socket, 'listening');
    const local = `${localAddress}:${socket.address().port}`;
    const wire: Wire = {
      via: `SIP/2.0/UDP ${local};rport`,
      contactHost: local,
      send: (text) => socket.send(text, port, '127.0.0.1'),
      close: () => socket.close(),
    };
    const client = new RawSipClient(wire);
    socket.on('message', (data) => client.onText(data.toString('utf8')));
    return client;
  }

  /**
   * Sends a request and resolves with its final response (answering one digest challenge when
   * `spec.credentials` is set). Rejects when nothing comes back within `timeoutMs`.
   */
  async request(spec: SipRequestSpec, timeoutMs = 4000): Promise<SipResponse> {
    const callId = spec.callId ?? `${token()}@attacker`;
    const cseq = spec.cseq ?? 1;
    const fromTag = token();
    let response = await this.exchange(spec, callId, cseq, fromTag, undefined, timeoutMs);
    if ((response.status === 401 || response.status === 407) && spec.credentials) {
      const authorization = digest(spec, response, spec.credentials);
      response = await this.exchange(spec, callId, cseq + 1, fromTag, authorization, timeoutMs);
    }
    return response;
  }

  /** Sends a request without waiting (floods); responses land in {@link RawSipClient.received}. */
  fire(spec: SipRequestSpec): void {
    this.wire.send(this.render(spec, spec.callId ?? `${token()}@attacker`, 1, token(), undefined));
  }

  /** Cancels the last INVITE sent with `callId` (same branch and CSeq number, as RFC 3261 asks). */
  cancel(callId: string): void {
    const last = this.sent.get(callId);
    if (!last) throw new Error(`nothing sent with Call-ID ${callId}`);
    const spec = { ...last.spec, method: 'CANCEL', headers: [] };
    this.wire.send(this.render(spec, callId, last.cseq, last.fromTag, undefined, last.branch));
  }

  /** Provisional (1xx) responses seen so far. */
  provisionals(): readonly SipResponse[] {
    return this.provisional;
  }

  close(): void {
    this.wire.close();
  }

  private exchange(
    spec: SipRequestSpec,
    callId: string,
    cseq: number,
    fromTag: string,
    authorization: string | undefined,
    timeoutMs: number,
  ): Promise<SipResponse> {
    const key = `${callId} ${cseq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no final response to ${spec.method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.wire.send(this.render(spec, callId, cseq, fromTag, authorization));
    });
  }

  private render(
    spec: SipRequestSpec,
    callId: string,
    cseq: number,
    fromTag: string,
    authorization: string | undefined,
    branch = `z9hG4bK${token()}`,
  ): string {
    if (spec.method !== 'CANCEL') this.sent.set(callId, { spec, cseq, fromTag, branch });
    const lines = [
      `${spec.method} ${spec.uri} SIP/2.0`,
      `Via: ${this.wire.via};branch=${branch}`,
      'Max-Forwards: 70',
      `From: <sip:${spec.fromUser}@${spec.domain}>;tag=${fromTag}`,
      `To: <sip:${spec.toUser}@${spec.domain}>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${spec.method}`,
      `Contact: <sip:${spec.fromUser}@${this.wire.contactHost}>`,
      ...(spec.method === 'REGISTER' ? ['Expires: 60'] : []),
      ...(spec.headers ?? []),
      ...(authorization ? [authorization] : []),
      'Content-Length: 0',
    ];
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  private onText(text: string): void {
    const response = parseResponse(text);
    if (!response) return;
    if (response.status < 200) {
      this.provisional.push(response);
      return;
    }
    this.received.push(response);
    const callId = response.headers.get('call-id')?.[0] ?? '';
    const cseq = (response.headers.get('cseq')?.[0] ?? '').split(' ')[0];
    const key = `${callId} ${cseq}`;
    const waiter = this.waiting.get(key);
    if (waiter) {
      this.waiting.delete(key);
      waiter(response);
    }
  }
}

function parseResponse(text: string): SipResponse | undefined {
  const [head = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(statusLine);
  if (!match) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { status: Number(match[1]), reason: match[2] ?? '', headers };
}

function digest(
  spec: SipRequestSpec,
  challenge: SipResponse,
  credentials: { user: string; password: string },
): string {
  const proxy = challenge.status === 407;
  const header =
    challenge.headers.get(proxy ? 'proxy-authenticate' : 'www-authenticate')?.[0] ?? '';
  const param = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1] ?? '';
  const realm = param('realm');
  const nonce = param('nonce');
  const cnonce = token();
  const nc = '00000001';
  const ha1 = md5(`${credentials.user}:${realm}:${credentials.password}`);
  const ha2 = md5(`${spec.method}:${spec.uri}`);
  const qop = /qop="?[^"]*auth/.test(header);
  const response = qop
    ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`);
  const fields = [
    `username="${credentials.user}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${spec.uri}"`,
    `response="${response}"`,
    'algorithm=MD5',
    ...(qop ? ['qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`] : []),
  ];
  return `${proxy ? 'Proxy-Authorization' : 'Authorization'}: Digest ${fields.join(', ')}`;
}
