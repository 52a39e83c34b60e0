/**
 * Entry of the `switchboard` command: dispatches to one module per sub-command, loaded on demand so
 * that `switchboard erlang` does not pay for the simulator.
 *
 * @packageDocumentation
 */
import { pathToFileURL } from 'node:url';

/** A sub-command: receives the arguments after its name, returns the exit code. */
export type Command = (args: readonly string[]) => Promise<number>;

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

const commands: Record<string, CommandEntry> = {
  demo: {
    summary: 'terminal demo of routing at work on the embedded in-memory backend',
    load: async () => (await import('./commands/demo.js')).demo,
  },
  erlang: {
    summary: 'staffing calculator: Erlang C, or Erlang A with --patience',
    load: async () => (await import('./commands/erlang.js')).erlang,
  },
  simulate: {
    summary: 'run a contact-center scenario on the real router in virtual time',
    load: async () => (await import('./commands/simulate.js')).simulate,
  },
  ivr: {
    summary: 'IVR flows: walk one in the terminal (run), scripted cases (test), validate',
    load: async () => (await import('./commands/ivr.js')).ivr,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: switchboard <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Runs the command line `args` (without node and script) and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`switchboard: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const run = await entry.load();
  return run(rest);
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
