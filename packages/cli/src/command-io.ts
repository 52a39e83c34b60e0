/**
 * Where a command reads and writes: the process's streams in the terminal, buffers in tests. Every
 * command takes one, so no test patches `process.stdout`.
 *
 * @internal
 */
import { createInterface } from 'node:readline';

/** The terminal of a command. @internal */
export interface CommandIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Whether `out` is an interactive terminal (colours and progress bars only then). */
  readonly isTty: boolean;
  /**
   * The lines the user types (standard input), for interactive commands; `return()` on the
   * iterator stops reading. Each call starts reading anew.
   */
  lines(): AsyncIterator<string>;
  /** Whether the lines come from an interactive terminal (when not, commands echo them). */
  readonly inputIsTty: boolean;
  /** Runs `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

/** The process's standard streams. @internal */
export const processIo: CommandIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get isTty() {
    return process.stdout.isTTY === true;
  },
  lines() {
    const rl = createInterface({ input: process.stdin, terminal: false });
    return rl[Symbol.asyncIterator]();
  },
  get inputIsTty() {
    return process.stdin.isTTY === true;
  },
  onInterrupt(handler) {
    process.once('SIGINT', handler);
    return () => void process.removeListener('SIGINT', handler);
  },
};

/** A {@link CommandIo} over strings: what was written, and lines to read. @internal */
export interface MemoryIo extends CommandIo {
  /** Everything written to `out`. */
  readonly stdout: string;
  /** Everything written to `err`. */
  readonly stderr: string;
  /** Sends Ctrl-C to the command. */
  interrupt(): void;
}

/**
 * A {@link CommandIo} for tests: collects output, reads `input` line by line, not a terminal.
 *
 * @internal
 */
export function memoryIo(input: readonly string[] = []): MemoryIo {
  let stdout = '';
  let stderr = '';
  const handlers = new Set<() => void>();
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    isTty: false,
    inputIsTty: false,
    lines() {
      let i = 0;
      return {
        next: () =>
          Promise.resolve(
            i < input.length
              ? { done: false, value: input[i++] as string }
              : { done: true, value: undefined },
          ),
        return: () => {
          i = input.length;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    interrupt() {
      for (const h of [...handlers]) h();
    },
  };
}
