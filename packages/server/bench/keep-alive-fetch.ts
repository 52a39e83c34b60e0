// A `fetch` for the bench driver over node:http with a bounded keep-alive pool. Node's global
// fetch (undici) opens a new connection for every request that finds no idle one and then scans
// all of them on each dispatch: with a thousand simulated agents answering offers at once it made
// hundreds of connections, and the driver spent more CPU on its own HTTP client than the server
// spent answering (profile in BENCHMARKS.md, "Server"). Requests beyond `connections` wait in
// the agent's queue, as they would behind a proxy's upstream pool; that wait counts in the
// measured latency.
import { Agent, request as httpRequest } from 'node:http';

/** A fetch over `connections` keep-alive HTTP/1.1 connections (http: URLs only). */
export function keepAliveFetch(connections: number): typeof fetch {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, scheduling: 'lifo' });
  return async (input, init) => {
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(request.url, { method: request.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          const responseHeaders = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            responseHeaders.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
          }
          const empty = status === 204 || status === 304 || request.method === 'HEAD';
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              headers: responseHeaders,
            }),
          );
        });
      });
      req.on('error', reject);
      const abort = () => req.destroy(new DOMException('the request was aborted', 'AbortError'));
      if (request.signal.aborted) abort();
      else request.signal.addEventListener('abort', abort, { once: true });
      req.end(body);
    });
  };
}
