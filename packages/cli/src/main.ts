/**
 * Entry of the `switchboard` command: dispatches to one module per sub-command, loaded on demand so
 * that `switchboard erlang` does not pay for the simulator.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { processIo, type CommandIo } from './command-io.js';

/** A sub-command: receives the arguments after its name and where to write; returns the exit code. */
export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

// A Map, so that no name reaches Object.prototype (`switchboard constructor` is just unknown).
const commands = new Map<string, CommandEntry>([
  [
    'demo',
    {
      summary: 'terminal demo of routing at work on the embedded in-memory backend',
      load: async () => (await import('./commands/demo.js')).demo,
    },
  ],
  [
    'erlang',
    {
      summary: 'staffing calculator: Erlang C, or Erlang A with --patience',
      load: async () => (await import('./commands/erlang.js')).erlang,
    },
  ],
  [
    'simulate',
    {
      summary: 'run a contact-center scenario on the real router in virtual time',
      load: async () => (await import('./commands/simulate.js')).simulate,
    },
  ],
  [
    'ivr',
    {
      summary: 'IVR flows: walk one in the terminal (run), scripted cases (test), validate',
      load: async () => (await import('./commands/ivr.js')).ivr,
    },
  ],
  [
    'audit',
    {
      summary:
        'audit verify <file|--url>: check a hash-chained audit log, report the first broken link',
      load: async () => (await import('./commands/audit.js')).audit,
    },
  ],
  [
    'serve',
    {
      summary: 'the contact-center server: REST + event socket, JWT roles, OpenAPI 3.1',
      load: async () => (await import('./commands/serve.js')).serve,
    },
  ],
]);

/** The names of the sub-commands, in the order `--help` lists them. @internal */
export const COMMAND_NAMES: readonly string[] = [...commands.keys()];

function usage(): string {
  const lines = [...commands].map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return (
    `usage: switchboard <command> [options]\n       switchboard <command> --help\n` +
    `       switchboard --version\n\ncommands:\n${lines.join('\n')}\n`
  );
}

/**
 * The version of this package, from its package.json: the first one named `@switchboard/cli`
 * above this module (`src/` in the sources; `dist/` or `dist/chunks/` once bundled).
 *
 * @internal
 */
export function version(): string {
  for (const up of ['../', '../../', '../../../']) {
    try {
      const pkg = JSON.parse(
        readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8'),
      ) as { name?: unknown; version?: unknown };
      if (pkg.name === '@switchboard/cli' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not there: look one folder up.
    }
  }
  return 'unknown';
}

/**
 * Runs the command line `args` (without node and script) and returns the exit code: the
 * sub-command's, 0 for `--help` and `--version`, 2 for a missing or unknown command.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['erlang', '--calls-per-hour', '200', '--aht', '180', '--target-seconds', '20']);
 * ```
 */
export async function main(args: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`${version()}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h') {
    io.out(usage());
    return 0;
  }
  if (name === 'help') {
    if (rest[0] === undefined) {
      io.out(usage());
      return 0;
    }
    return main([rest[0], '--help'], io);
  }
  if (name === undefined) {
    io.err(`switchboard: a command is required\n\n${usage()}`);
    return 2;
  }
  const entry = commands.get(name);
  if (!entry) {
    io.err(`switchboard: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const run = await entry.load();
  return run(rest, io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `switchboard demo | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`switchboard: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
