/**
 * `switchboard audit verify <file | --url URL>`: checks an exported audit chain (the entries of
 * `GET /v1/audit`, or a file of them) and reports the first broken link with its position.
 *
 * @packageDocumentation
 */
import { verifyAuditChain, type AuditEntry } from '@switchboard/server';
import { processIo, type CommandIo } from '../command-io.js';
import { CliInputError, readJsonFile } from '../read-json.js';

const USAGE = `usage: switchboard audit verify <file.json>
       switchboard audit verify --url https://cc.example.com [--token JWT]

Verifies a hash-chained audit log: every entry's position, its link to the entry before it and its
hash. The file holds the entries (oldest first) as a JSON array, or an object with "entries" (a
page of GET /v1/audit, or "audit" of a GDPR export). With --url, the whole chain is read from the
server's GET /v1/audit (an admin token from --token or SWITCHBOARD_TOKEN) and its head hash compared.
Exit code 0: intact; 1: broken; 2: unusable input.

  --url          the server's base URL
  --token        an admin bearer token (default: the SWITCHBOARD_TOKEN environment variable)
  -h, --help     show this help
`;

/** Most entries read (from a file or a server). */
export const MAX_AUDIT_ENTRIES = 1_000_000;

const FIELDS: readonly [string, string][] = [
  ['seq', 'number'],
  ['at', 'number'],
  ['tenant', 'string'],
  ['actor', 'string'],
  ['operation', 'string'],
  ['path', 'string'],
  ['status', 'number'],
  ['prevHash', 'string'],
  ['hash', 'string'],
];

/** The entries of `json`, or the reason they cannot be checked. */
function entriesOf(json: unknown): AuditEntry[] | string {
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null
      ? ((json as { entries?: unknown; audit?: unknown }).entries ??
        (json as { audit?: unknown }).audit)
      : undefined;
  if (!Array.isArray(list)) return 'expected a JSON array of entries or an object with "entries"';
  if (list.length > MAX_AUDIT_ENTRIES) return `more than ${MAX_AUDIT_ENTRIES} entries`;
  for (let i = 0; i < list.length; i++) {
    const e: unknown = list[i];
    if (typeof e !== 'object' || e === null) return `entry ${i + 1} is not an object`;
    for (const [key, type] of FIELDS) {
      if (typeof (e as Record<string, unknown>)[key] !== type) {
        return `entry ${i + 1}: ${key} must be a ${type}`;
      }
    }
    const roles = (e as { roles?: unknown }).roles;
    if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
      return `entry ${i + 1}: roles must be a list of strings`;
    }
  }
  return list as AuditEntry[];
}

async function readFromServer(
  url: string,
  token: string,
): Promise<{ entries: AuditEntry[]; headHash: string | null } | string> {
  const entries: AuditEntry[] = [];
  let headHash: string | null = null;
  for (;;) {
    const page = new URL('/v1/audit', url);
    page.searchParams.set('after', String(entries.length));
    page.searchParams.set('limit', '1000');
    let res: Response;
    try {
      res = await fetch(page, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      return `could not reach ${page.origin}: ${(error as Error).message}`;
    }
    if (!res.ok) return `${page.origin} answered HTTP ${res.status}`;
    const body = (await res.json()) as { headHash?: unknown };
    const got = entriesOf(body);
    if (typeof got === 'string') return got;
    headHash = typeof body.headHash === 'string' ? body.headHash : null;
    entries.push(...got);
    if (got.length === 0 || entries.length > MAX_AUDIT_ENTRIES) break;
  }
  return { entries, headHash };
}

/**
 * Runs `switchboard audit <args>`.
 *
 * @internal
 */
export async function audit(args: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '-h' || sub === '--help' || sub === undefined) {
    io.out(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'verify') {
    io.err(`switchboard audit: unknown sub-command '${sub}'\n${USAGE}`);
    return 2;
  }
  let url: string | undefined;
  let token = process.env['SWITCHBOARD_TOKEN'];
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--url') url = rest[++i];
    else if (arg === '--token') token = rest[++i];
    else if (arg === '-h' || arg === '--help') {
      io.out(USAGE);
      return 0;
    } else if (!arg.startsWith('-') && file === undefined) file = arg;
    else {
      io.err(`switchboard audit verify: unexpected argument '${arg}'\n`);
      return 2;
    }
  }
  if ((url === undefined) === (file === undefined)) {
    io.err(`switchboard audit verify: give a file or --url (one of them)\n${USAGE}`);
    return 2;
  }
  let entries: AuditEntry[];
  let headHash: string | null = null;
  let source: string;
  if (url !== undefined) {
    if (!/^https?:\/\//.test(url)) {
      io.err('switchboard audit verify: --url must be an http(s) URL\n');
      return 2;
    }
    if (!token) {
      io.err(
        'switchboard audit verify: --url needs an admin token (--token or SWITCHBOARD_TOKEN)\n',
      );
      return 2;
    }
    const read = await readFromServer(url, token);
    if (typeof read === 'string') {
      io.err(`switchboard audit verify: ${read}\n`);
      return 2;
    }
    ({ entries, headHash } = read);
    source = new URL(url).origin;
  } else {
    let json: unknown;
    try {
      json = readJsonFile(file as string);
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      io.err(`switchboard audit verify: ${error.message}\n`);
      return 2;
    }
    const got = entriesOf(json);
    if (typeof got === 'string') {
      io.err(`switchboard audit verify: ${file}: ${got}\n`);
      return 2;
    }
    entries = got;
    source = file as string;
  }
  const verdict = verifyAuditChain(entries);
  if (!verdict.ok) {
    io.out(
      `audit chain BROKEN at entry ${verdict.brokenAt} of ${verdict.entries} (${source}): ${verdict.reason}\n`,
    );
    return 1;
  }
  const head = entries.at(-1)?.hash ?? null;
  if (headHash !== null && head !== headHash) {
    io.out(`audit chain BROKEN: the server's head hash is not the last entry's (${source})\n`);
    return 1;
  }
  io.out(`audit chain intact: ${verdict.entries} entries, head ${head ?? '(empty)'} (${source})\n`);
  return 0;
}
