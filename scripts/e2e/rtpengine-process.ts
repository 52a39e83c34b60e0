// Starts and stops a real rtpengine (Debian's) for the end-to-end suites: userspace only (no kernel
// module: --table=-1), RTP on 127.0.0.1, the NG control socket on a free loopback UDP port, no
// configuration file, log in a temp folder. Only the started pid is ever signalled.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from './kamailio-process.js';
import { bdecode, bencode } from '../../packages/adapters/src/kamailio/bencode.js';
import type { BencodeDictionary } from '../../packages/adapters/src/kamailio/bencode.js';

/** A running rtpengine started by {@link startRtpengine}. */
export interface RtpengineInstance {
  readonly dir: string;
  /** NG control socket (UDP) on 127.0.0.1. */
  readonly ngPort: number;
  /** UDP port receiving rtpengine's DTMF events (JSON), when `dtmfLogPort` was given. */
  readonly dtmfLogPort: number | undefined;
  /** Sends one NG command (bencode) and resolves with the decoded answer. */
  command(message: BencodeDictionary): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface RtpengineHarnessOptions {
  /** Lowest and highest RTP port (default 40000..40999; the namespace is private). */
  readonly portMin?: number;
  readonly portMax?: number;
  /** Where rtpengine sends DTMF events it sees (JSON over UDP to 127.0.0.1:port). */
  readonly dtmfLogPort?: number;
  readonly logLevel?: number;
  /** Records calls asked for (`start recording`) as pcap files below this folder. */
  readonly recordingDir?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts rtpengine in the foreground and resolves once it answers an NG `ping`. */
export async function startRtpengine(
  options: RtpengineHarnessOptions = {},
): Promise<RtpengineInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-rtpengine-'));
  const ngPort = await freeUdpPort();
  const args = [
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    `--log-level=${options.logLevel ?? 5}`,
    '--table=-1',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${options.portMin ?? 40000}`,
    `--port-max=${options.portMax ?? 40999}`,
    `--pidfile=${join(dir, 'rtpengine.pid')}`,
    '--delete-delay=0',
    '--timeout=60',
    '--silent-timeout=3600',
    ...(options.dtmfLogPort ? [`--dtmf-log-dest=127.0.0.1:${options.dtmfLogPort}`] : []),
    ...(options.recordingDir
      ? [`--recording-dir=${options.recordingDir}`, '--recording-method=pcap']
      : []),
  ];
  const log = createWriteStream(join(dir, 'rtpengine.log'), { flags: 'a' });
  const child: ChildProcess = spawn('rtpengine', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let alive = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      alive = false;
      resolve();
    }),
  );

  const control = createSocket('udp4');
  await new Promise<void>((r) => control.bind(0, '127.0.0.1', () => r()));
  const waiting = new Map<string, (answer: Record<string, unknown>) => void>();
  control.on('message', (data) => {
    const text = data.toString('latin1');
    const space = text.indexOf(' ');
    if (space < 0) return;
    const cookie = text.slice(0, space);
    const done = waiting.get(cookie);
    if (!done) return;
    waiting.delete(cookie);
    try {
      done(bdecode(text.slice(space + 1)) as Record<string, unknown>);
    } catch {
      // not an NG answer
    }
  });
  let serial = 0;
  const command = (message: BencodeDictionary, timeoutMs = 2000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const cookie = `sb${process.pid}_${++serial}`;
      const timer = setTimeout(() => {
        waiting.delete(cookie);
        reject(new Error(`rtpengine did not answer ${String(message.command)}`));
      }, timeoutMs);
      waiting.set(cookie, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      control.send(Buffer.from(`${cookie} ${bencode(message)}`, 'latin1'), ngPort, '127.0.0.1');
    });

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (!alive) throw new Error(`rtpengine exited at start; see ${join(dir, 'rtpengine.log')}`);
    try {
      const pong = await command({ command: 'ping' }, 300);
      if (pong.result === 'pong') break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(50);
  }

  return {
    dir,
    ngPort,
    dtmfLogPort: options.dtmfLogPort,
    command: (message) => command(message),
    async stop() {
      control.close();
      if (!alive) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (alive) child.kill('SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
