import ky, { type KyInstance } from 'ky';
import { RemoteError } from './remote-error.js';
import {
  OPERATIONS,
  type OperationId,
  type PathParams,
  type QueryParams,
  type RequestBody,
  type SuccessBody,
} from './operations.js';

/** Supplies the bearer token for each request (the host renews it; the client never stores one). */
export type GetToken = () => string | Promise<string>;

/** What one call sends. */
export interface CallInput<Op extends OperationId> {
  readonly path?: PathParams<Op>;
  readonly query?: QueryParams<Op>;
  readonly body?: RequestBody<Op>;
}

/**
 * Calls the server's operations by `operationId` with ky, typed from the OpenAPI document: the body
 * and parameters an operation takes and the body it answers. A non-2xx answer becomes a
 * {@link RemoteError} carrying the problem's code and issues.
 */
export class ApiHttp {
  private readonly ky: KyInstance;

  constructor(options: { baseUrl: string; getToken: GetToken; fetch?: typeof fetch }) {
    this.ky = ky.create({
      prefixUrl: options.baseUrl.replace(/\/$/, ''),
      throwHttpErrors: false,
      retry: { limit: 2, methods: ['get'] },
      timeout: 30_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      hooks: {
        beforeRequest: [
          async (request) => {
            request.headers.set('authorization', `Bearer ${await options.getToken()}`);
          },
        ],
      },
    });
  }

  /** Calls `op`; resolves to its success body. @throws RemoteError */
  async call<Op extends OperationId>(op: Op, input: CallInput<Op> = {}): Promise<SuccessBody<Op>> {
    const [method, template] = OPERATIONS[op];
    const params = (input.path ?? {}) as Record<string, string | number>;
    const url = template
      .slice(1)
      .replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    const searchParams = new URLSearchParams();
    for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
      if (v !== undefined) searchParams.set(k, String(v));
    }
    let response: Response;
    try {
      response = await this.ky(url, {
        method,
        ...(searchParams.size > 0 ? { searchParams } : {}),
        ...(input.body !== undefined ? { json: input.body } : {}),
      });
    } catch (error) {
      throw new RemoteError('NETWORK', `${op}: the server could not be reached`, {
        status: 0,
        cause: error,
      });
    }
    if (response.status === 204) return undefined as SuccessBody<Op>;
    if (response.ok) return (await response.json()) as SuccessBody<Op>;
    let problem: { code?: unknown; detail?: unknown; issues?: unknown } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not a problem document (a proxy's page): the status says enough.
    }
    throw new RemoteError(
      typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`,
      typeof problem.detail === 'string' ? problem.detail : `${op}: HTTP ${response.status}`,
      {
        status: response.status,
        issues: Array.isArray(problem.issues) ? (problem.issues as RemoteError['issues']) : [],
      },
    );
  }
}
