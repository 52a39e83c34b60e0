import type { FastifyInstance } from 'fastify';

const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE';
const ALLOWED_HEADERS = 'authorization, content-type';

/**
 * CORS for an allow-list of origins: a listed origin gets `Access-Control-Allow-Origin` (its own
 * value, never `*`) and its preflights are answered 204; any other origin gets no CORS header, so
 * browsers refuse its pages the answer. Credentials are bearer tokens, never cookies.
 */
export function allowCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    reply.header('access-control-expose-headers', 'retry-after');
  });
  app.options('/*', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) {
      return reply.code(403).type('application/problem+json').send({
        type: 'https://switchboard.dev/problems/forbidden',
        title: 'Forbidden',
        status: 403,
        code: 'FORBIDDEN',
        detail: 'this origin is not allowed to call the API',
      });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
