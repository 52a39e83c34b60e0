// The measured commands of `npm run bench:server` as plain HTTP/1.1 requests: the same method,
// path, bearer token and JSON body @switchboard/client sends, without the client's own cost per
// request in this process (ky, a WHATWG Request and Response, their streams). A thousand desktops
// each have their own CPU for that; one driver process simulating all of them does not, and with
// the client it spent twice the server's CPU per command and became the bottleneck (BENCHMARKS.md,
// "Server"). COMMANDS=sdk runs the commands through the client instead.
import { Agent, request } from 'node:http';

/** What the bench's agents and generators call; a `RemoteContactCenter` has the same methods. */
export interface BenchCommands {
  heartbeat(agentId: string): Promise<unknown>;
  acceptOffer(interactionId: string): Promise<unknown>;
  end(interactionId: string): Promise<unknown>;
  wrapUp(interactionId: string, request: { disposition: string }): Promise<unknown>;
  createInteraction(request: { id: string; channel: 'chat'; queueId: string }): Promise<unknown>;
}

/** An error answer: `code` is the problem's (e.g. `RATE_LIMITED`), or `NETWORK`. */
export class WireError extends Error {
  override name = 'WireError';
  constructor(
    readonly code: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** POSTs JSON over a bounded pool of keep-alive connections to one server. */
export class WireHttp {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, scheduling: 'lifo' });
  }

  /** POSTs `body` (if any) to `path` as `token`'s holder; resolves to the answer's JSON. */
  post(path: string, token: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.host, port: this.port, path, method: 'POST', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            let json: { code?: unknown; detail?: unknown } | undefined;
            try {
              json = text ? (JSON.parse(text) as typeof json) : undefined;
            } catch {
              json = undefined;
            }
            if (status >= 200 && status < 300) {
              resolve(json);
              return;
            }
            const code = typeof json?.code === 'string' ? json.code : `HTTP_${status}`;
            const detail = typeof json?.detail === 'string' ? json.detail : `HTTP ${status}`;
            reject(new WireError(code, `${path}: ${detail}`));
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
      req.on('error', (error) =>
        reject(
          new WireError('NETWORK', `${path}: the server could not be reached`, { cause: error }),
        ),
      );
      req.end(payload);
    });
  }
}

/** The commands of one token holder (an agent's desktop, a generator), over `http`. */
export function wireCommands(http: WireHttp, token: () => Promise<string>): BenchCommands {
  const id = encodeURIComponent;
  const post = async (path: string, body?: unknown) => http.post(path, await token(), body);
  return {
    heartbeat: (agentId) => post(`/v1/agents/${id(agentId)}/heartbeat`),
    acceptOffer: (interactionId) => post(`/v1/interactions/${id(interactionId)}/accept`),
    end: (interactionId) => post(`/v1/interactions/${id(interactionId)}/end`),
    wrapUp: (interactionId, request) =>
      post(`/v1/interactions/${id(interactionId)}/wrap-up`, request),
    createInteraction: (request) => post('/v1/interactions', request),
  };
}
