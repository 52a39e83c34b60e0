import ky, { HTTPError } from 'ky';
import type { KyInstance } from 'ky';
import { KamailioError } from './kamailio-error.js';

/** One registered contact of an address of record. */
export interface KamailioContact {
  /** The Contact URI the phone registered. */
  readonly address: string;
  /** Seconds until it expires. */
  readonly expires: number;
  /** Where the registration came from (the WebSocket connection for browsers), when NAT-fixed. */
  readonly received: string | undefined;
  readonly userAgent: string | undefined;
}

/** An address of record (a SIP user) and its registered contacts. */
export interface KamailioRegistration {
  /** The user part (Kamailio runs with `use_domain` off). */
  readonly aor: string;
  readonly contacts: readonly KamailioContact[];
}

/** Options of {@link KamailioRpcClient}. */
export interface KamailioRpcClientOptions {
  /** JSON-RPC endpoint on Kamailio's loopback control listener, e.g. `http://127.0.0.1:8081/RPC`. */
  readonly url: string;
  /** Per-request timeout. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** A custom fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
}

interface RpcResponse {
  result?: unknown;
  error?: { code?: number; message?: string };
}

/**
 * A JSON-RPC 2.0 client for Kamailio's management interface (`jsonrpcs` over HTTP): which agents
 * are registered (reachable), dispatcher state, and any other RPC command.
 *
 * @example
 * ```ts
 * const rpc = new KamailioRpcClient({ url: 'http://127.0.0.1:8081/RPC' });
 * const online = await rpc.registeredUsers(); // ['alice', 'bob']
 * ```
 */
export class KamailioRpcClient {
  private readonly http: KyInstance;
  private nextId = 1;

  constructor(options: KamailioRpcClientOptions) {
    this.http = ky.create({
      prefixUrl: '',
      timeout: options.timeoutMs ?? 5000,
      retry: 0,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.url = options.url;
  }

  private readonly url: string;

  /**
   * Calls any RPC command and returns its `result`.
   * @throws {@link KamailioError} `KAMAILIO_RPC_FAILED` (unreachable, HTTP error) or `KAMAILIO_RPC_ERROR` (Kamailio's error).
   */
  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const id = this.nextId++;
    let body: RpcResponse;
    try {
      body = await this.http
        .post(this.url, { json: { jsonrpc: '2.0', method, params, id } })
        .json<RpcResponse>();
    } catch (error) {
      const status = error instanceof HTTPError ? ` (HTTP ${error.response.status})` : '';
      throw new KamailioError(
        'KAMAILIO_RPC_FAILED',
        `Kamailio RPC '${method}' failed${status}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (body.error) {
      throw new KamailioError(
        'KAMAILIO_RPC_ERROR',
        `Kamailio RPC '${method}' returned error ${body.error.code ?? ''}: ${body.error.message ?? 'unknown'}`,
        {
          rpcCode: body.error.code,
          retryable: false,
        },
      );
    }
    return body.result;
  }

  /** Every registration in the `location` table (`ul.dump`). */
  async registrations(): Promise<KamailioRegistration[]> {
    const result = (await this.call('ul.dump')) as
      { Domains?: { Domain?: { AoRs?: unknown[] } }[] } | undefined;
    const out: KamailioRegistration[] = [];
    for (const domain of result?.Domains ?? []) {
      for (const entry of domain.Domain?.AoRs ?? []) {
        const info = (
          entry as { Info?: { AoR?: string; Contacts?: { Contact?: Record<string, unknown> }[] } }
        ).Info;
        if (!info?.AoR) continue;
        out.push({
          aor: info.AoR,
          contacts: (info.Contacts ?? []).map((c) => {
            const contact = c.Contact ?? {};
            const received = contact.Received;
            const ua = contact['User-Agent'];
            return {
              address: String(contact.Address ?? ''),
              expires: Number(contact.Expires ?? 0),
              received:
                typeof received === 'string' && received !== '[not set]' ? received : undefined,
              userAgent: typeof ua === 'string' ? ua : undefined,
            };
          }),
        });
      }
    }
    return out;
  }

  /** The users with at least one live registration (reachable agents). */
  async registeredUsers(): Promise<string[]> {
    return (await this.registrations())
      .filter((r) => r.contacts.length > 0)
      .map((r) => r.aor)
      .sort();
  }

  /** Dispatcher destinations and their state (`dispatcher.list`); needs the dispatcher module. */
  async dispatcherList(): Promise<unknown> {
    return this.call('dispatcher.list');
  }

  /** Kamailio's version string (`core.version`). */
  async version(): Promise<string> {
    return String(await this.call('core.version'));
  }
}
