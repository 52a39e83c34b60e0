/**
 * `switchboard serve`: the contact-center server (REST + event WebSocket, OpenAPI 3.1, JWT roles
 * and tenants) on the embedded in-memory store, ready with no configuration.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  PgliteStore,
  PostgresStore,
  createServer,
  type StoreBackend,
  type SwitchboardServer,
} from '@switchboard/server';
import type { CommandIo } from '../command-io.js';

const USAGE = `usage: switchboard serve [--config FILE] [--port 8080] [--host 127.0.0.1] [--tenant default] [--log]
                        [--data DIR | --database-url URL | --memory]

Starts the Switchboard server on the embedded store (PGlite, in ./switchboard-data unless told
otherwise) and prints its URL and a development admin token.

  --config   JSON file with any of: port, host, tenant, log, corsOrigins (list of origins allowed
             to call the API from browsers), rateLimit ({ perSecond, burst } or false), data,
             databaseUrl, memory;
             flags and environment variables override it
  --port     TCP port, 0 to 65535 (0 picks a free one); env SWITCHBOARD_PORT; default 8080
  --host     interface to listen on; env SWITCHBOARD_HOST; default 127.0.0.1
  --tenant   tenant of the printed admin token; default "default"
  --log      structured request logs (pino, JSON lines) on standard output
  --data     folder of the embedded store (PGlite); env SWITCHBOARD_DATA; default ./switchboard-data
  --database-url
             PostgreSQL instead (postgres://user:password@host:5432/db); env SWITCHBOARD_DATABASE_URL;
             several servers may share it: each tenant is led by one of them at a time
  --memory   no store: state lives as long as the process
  -h, --help show this help

Tokens are HS256 JWTs signed with SWITCHBOARD_JWT_SECRET (at least 32 bytes, as hex or base64)
or, when it is not set, with a secret generated at start (tokens then die with the process).
Ctrl-C (or SIGTERM) drains: sockets are told to reconnect elsewhere, then the process exits.
`;

const TOKEN_HOURS = 12;

interface ServeConfig {
  readonly port: number;
  readonly host: string;
  readonly tenant: string;
  readonly log: boolean;
  readonly secret: Uint8Array | undefined;
  readonly corsOrigins: readonly string[];
  readonly rateLimit: { perSecond: number; burst: number } | false | undefined;
  /** Where state is kept. */
  readonly store:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string }
    | { readonly kind: 'memory' };
}

const FILE_KEYS = new Set([
  'port',
  'host',
  'tenant',
  'log',
  'corsOrigins',
  'rateLimit',
  'data',
  'databaseUrl',
  'memory',
]);

/** Reads and checks a `--config` file; every problem is reported with its key. @internal */
export function readConfigFile(
  text: string,
  file: string,
): { values: Record<string, unknown>; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      values: {},
      errors: [`${file}: not JSON (${error instanceof Error ? error.message : error})`],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { values: {}, errors: [`${file}: must be a JSON object`] };
  }
  const errors: string[] = [];
  const values = data as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!FILE_KEYS.has(key))
      errors.push(`${file}: unknown key '${key}' (known: ${[...FILE_KEYS].join(', ')})`);
  }
  const at = (key: string) => `${file}: ${key}`;
  if ('port' in values && typeof values['port'] !== 'number' && typeof values['port'] !== 'string')
    errors.push(`${at('port')} must be a number`);
  if ('host' in values && typeof values['host'] !== 'string')
    errors.push(`${at('host')} must be a string`);
  if ('tenant' in values && typeof values['tenant'] !== 'string')
    errors.push(`${at('tenant')} must be a string`);
  if ('log' in values && typeof values['log'] !== 'boolean')
    errors.push(`${at('log')} must be true or false`);
  if ('data' in values && (typeof values['data'] !== 'string' || values['data'] === ''))
    errors.push(`${at('data')} must be a folder path`);
  if ('databaseUrl' in values && typeof values['databaseUrl'] !== 'string')
    errors.push(`${at('databaseUrl')} must be a postgres:// URL`);
  if ('memory' in values && typeof values['memory'] !== 'boolean')
    errors.push(`${at('memory')} must be true or false`);
  const cors = values['corsOrigins'];
  if (
    cors !== undefined &&
    (!Array.isArray(cors) ||
      !cors.every((o) => typeof o === 'string' && /^https?:\/\/[^/\s]+$/.test(o)))
  ) {
    errors.push(`${at('corsOrigins')} must be a list of origins such as "https://crm.example.com"`);
  }
  const rate = values['rateLimit'];
  if (rate !== undefined && rate !== false) {
    const r = rate as { perSecond?: unknown; burst?: unknown } | null;
    const ok =
      typeof r === 'object' &&
      r !== null &&
      Object.keys(r).every((k) => k === 'perSecond' || k === 'burst') &&
      typeof r.perSecond === 'number' &&
      r.perSecond > 0 &&
      typeof r.burst === 'number' &&
      r.burst >= 1;
    if (!ok) errors.push(`${at('rateLimit')} must be false or { "perSecond": > 0, "burst": >= 1 }`);
  }
  return { values, errors };
}

/** Reads flags, then the environment; returns every problem at once. @internal */
export function serveConfig(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { config?: ServeConfig; help?: true; errors: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        tenant: { type: 'string' },
        log: { type: 'boolean' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        memory: { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return { errors: [error instanceof Error ? error.message : String(error)] };
  }
  const v = parsed.values;
  if (v.help) return { help: true, errors: [] };
  const errors: string[] = [];
  let file: Record<string, unknown> = {};
  if (v.config !== undefined) {
    let text: string | undefined;
    try {
      text = readFile(v.config);
    } catch (error) {
      errors.push(`cannot read ${v.config}: ${error instanceof Error ? error.message : error}`);
    }
    if (text !== undefined) {
      const read = readConfigFile(text, v.config);
      errors.push(...read.errors);
      file = read.values;
    }
  }
  const fileText = (key: string) => (file[key] === undefined ? undefined : String(file[key]));
  const portText = v.port ?? env['SWITCHBOARD_PORT'] ?? fileText('port') ?? '8080';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535) {
    errors.push(`port must be an integer from 0 to 65535, got '${portText}'`);
  }
  const host = v.host ?? env['SWITCHBOARD_HOST'] ?? fileText('host') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host))
    errors.push(`host '${host}' is not a host name or address`);
  const tenant = v.tenant ?? fileText('tenant') ?? 'default';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/.test(tenant)) {
    errors.push(
      `tenant '${tenant}' must be 1-128 letters, digits or ._:@#- (starting with a letter or digit)`,
    );
  }
  let secret: Uint8Array | undefined;
  const secretText = env['SWITCHBOARD_JWT_SECRET'];
  if (secretText !== undefined) {
    secret =
      /^[0-9a-fA-F]+$/.test(secretText) && secretText.length % 2 === 0
        ? Buffer.from(secretText, 'hex')
        : Buffer.from(secretText, 'base64');
    if (secret.length < 32)
      errors.push('SWITCHBOARD_JWT_SECRET must hold at least 32 bytes (hex or base64)');
  }
  const store = storeConfig(v, env, file, errors);
  if (errors.length) return { errors };
  return {
    config: {
      port,
      host,
      tenant,
      log: v.log === true || file['log'] === true,
      secret,
      corsOrigins: (file['corsOrigins'] as string[] | undefined) ?? [],
      rateLimit: file['rateLimit'] as ServeConfig['rateLimit'],
      store,
    },
    errors,
  };
}

/** Picks the store from flags, environment and file (in that order); one kind only. */
function storeConfig(
  v: { data?: string; 'database-url'?: string; memory?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  file: Record<string, unknown>,
  errors: string[],
): ServeConfig['store'] {
  const flags = [v.data !== undefined, v['database-url'] !== undefined, v.memory === true];
  if (flags.filter(Boolean).length > 1) {
    errors.push('choose one store: --data, --database-url or --memory');
  }
  const url =
    v['database-url'] ??
    (v.data !== undefined || v.memory
      ? undefined
      : (env['SWITCHBOARD_DATABASE_URL'] ??
        (typeof file['databaseUrl'] === 'string' ? file['databaseUrl'] : undefined)));
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\/\S+$/.test(url)) {
      errors.push('the database URL must look like postgres://user:password@host:5432/db');
    }
    return { kind: 'postgres', url };
  }
  if (v.memory || (v.data === undefined && file['memory'] === true)) return { kind: 'memory' };
  const dir =
    v.data ??
    env['SWITCHBOARD_DATA'] ??
    (typeof file['data'] === 'string' ? file['data'] : undefined) ??
    'switchboard-data';
  if (dir === '') errors.push('--data must name a folder');
  return { kind: 'pglite', dataDir: resolve(dir) };
}

/** What the banner says about the store; a database URL is shown without its password. */
function describeStore(store: ServeConfig['store']): string {
  if (store.kind === 'memory') return 'in memory (data lives as long as this process)';
  if (store.kind === 'pglite') return `embedded PGlite in ${store.dataDir}`;
  try {
    const url = new URL(store.url);
    return `PostgreSQL at ${url.host}${url.pathname} (one leader per tenant)`;
  } catch {
    return 'PostgreSQL (one leader per tenant)';
  }
}

/**
 * Runs the server until Ctrl-C or SIGTERM; returns the exit code.
 *
 * @example
 * ```sh
 * switchboard serve --port 8080
 * ```
 */
export async function serve(args: readonly string[], io: CommandIo): Promise<number> {
  const { config, help, errors } = serveConfig(args, process.env);
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (!config) {
    for (const e of errors) io.err(`switchboard serve: ${e}\n`);
    io.err(`\n${USAGE}`);
    return 2;
  }
  let server: SwitchboardServer;
  let url: string;
  const store: StoreBackend | undefined =
    config.store.kind === 'pglite'
      ? new PgliteStore({ dataDir: config.store.dataDir })
      : config.store.kind === 'postgres'
        ? new PostgresStore({ connectionString: config.store.url })
        : undefined;
  try {
    server = await createServer({
      ...(store ? { store } : {}),
      host: config.host,
      port: config.port,
      logger: config.log,
      corsOrigins: config.corsOrigins,
      ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
      ...(config.secret ? { jwtSecret: config.secret } : {}),
    });
    url = await server.listen();
  } catch (error) {
    await store?.close().catch(() => undefined);
    io.err(
      `switchboard serve: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const token = await server.issueToken({
    sub: 'dev-admin',
    tenant: config.tenant,
    roles: ['admin'],
    ttlSeconds: TOKEN_HOURS * 3600,
  });
  io.out(
    `Switchboard server listening on ${url}\n` +
      `  API reference:  ${url}/docs  (OpenAPI 3.1 document: ${url}/openapi.json)\n` +
      `  Store:          ${describeStore(config.store)}\n` +
      `  Secret:         ${config.secret ? 'SWITCHBOARD_JWT_SECRET' : 'generated at start (set SWITCHBOARD_JWT_SECRET to keep tokens valid across restarts)'}\n\n` +
      `Development admin token for tenant '${config.tenant}' (valid ${TOKEN_HOURS} h):\n\n` +
      `  export SWITCHBOARD_TOKEN=${token}\n\n` +
      `Try:\n` +
      `  curl -H "Authorization: Bearer $SWITCHBOARD_TOKEN" ${url}/v1/queues\n\n` +
      `Press Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stopInterrupt = io.onInterrupt(resolve);
    process.once('SIGTERM', () => {
      stopInterrupt();
      resolve();
    });
  });
  io.out('Draining: closing sockets and finishing requests...\n');
  await server.close();
  io.out('Stopped.\n');
  return 0;
}
