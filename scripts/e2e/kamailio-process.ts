// Starts and stops a real Kamailio for the end-to-end suites: configuration written into a temp
// folder, free loopback ports, runtime files kept in that folder (-Y), and only the started pid is
// ever signalled.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderKamailioConfig } from '../../packages/adapters/src/kamailio/kamailio-config.js';
import type {
  KamailioConfigOptions,
  KamailioTlsOptions,
} from '../../packages/adapters/src/kamailio/kamailio-config.js';

/** A running Kamailio started by {@link startKamailio}. */
export interface KamailioInstance {
  readonly name: string;
  readonly dir: string;
  readonly udpPort: number;
  readonly wsPort: number;
  readonly evapiPort: number;
  /** Address and port of the loopback control listener (JSON-RPC at `/RPC`; evapi beside it). */
  readonly controlHost: string;
  readonly controlPort: number;
  /** Port of the secure WebSocket listener, when `tls` was given. */
  readonly wssPort: number | undefined;
  readonly wsUrl: string;
  /** `wss://127.0.0.1:<wssPort>`, when `tls` was given. */
  readonly wssUrl: string | undefined;
  readonly rpcUrl: string;
  /** The configuration file Kamailio runs. */
  readonly cfgPath: string;
  readonly pid: () => number | undefined;
  /** Stops the process this instance started (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Starts it again on the same ports and configuration. */
  start(): Promise<void>;
}

export type KamailioHarnessOptions = Omit<
  KamailioConfigOptions,
  'udpPort' | 'wsPort' | 'evapiPort' | 'host' | 'controlPort' | 'tls'
> & {
  readonly name?: string;
  /** Certificate and key for a secure WebSocket listener on another free port. */
  readonly tls?: Pick<KamailioTlsOptions, 'certificate' | 'privateKey'>;
};

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A free UDP port on 127.0.0.1. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const port = socket.address().port;
      socket.close(() => resolve(port));
    });
  });
}

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes a configuration into a new temp folder and starts Kamailio on free loopback ports. */
export async function startKamailio(options: KamailioHarnessOptions): Promise<KamailioInstance> {
  const name = options.name ?? 'kamailio';
  const dir = mkdtempSync(join(tmpdir(), `sb-${name}-`));
  const udpPort = await freeUdpPort();
  const wsPort = await freeTcpPort();
  const taken = new Set([udpPort, wsPort]);
  const another = async () => {
    let port = await freeTcpPort();
    while (taken.has(port)) port = await freeTcpPort();
    taken.add(port);
    return port;
  };
  const evapiPort = await another();
  const controlPort = await another();
  const wssPort = options.tls ? await another() : undefined;
  const cfgPath = join(dir, 'kamailio.cfg');
  const controlHost = options.controlHost ?? '127.0.0.1';
  const { name: _ignored, tls, ...cfgOptions } = options;
  writeFileSync(
    cfgPath,
    renderKamailioConfig({
      // every test phone shares 127.0.0.1: flood bans apply only where a suite asks for them
      flood: { maxRequests: 100_000 },
      ...cfgOptions,
      host: '127.0.0.1',
      udpPort,
      wsPort,
      evapiPort,
      controlPort,
      ...(tls && wssPort ? { tls: { ...tls, wssPort } } : {}),
    }),
  );
  const pidFile = join(dir, 'kamailio.pid');
  const log = createWriteStream(join(dir, 'kamailio.log'), { flags: 'a' });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    if (child) return;
    const proc = spawn(
      'kamailio',
      ['-f', cfgPath, '-Y', dir, '-P', pidFile, '-DD', '-E', '-m', '48', '-M', '8', '-w', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!child) throw new Error(`${name} exited at start; see ${join(dir, 'kamailio.log')}`);
      if (
        (await canConnect(wsPort)) &&
        (await canConnect(evapiPort, controlHost)) &&
        (await canConnect(controlPort, controlHost)) &&
        (wssPort === undefined || (await canConnect(wssPort)))
      )
        return;
      await sleep(50);
    }
    throw new Error(`${name} did not open its ports within 10 s; see ${join(dir, 'kamailio.log')}`);
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc?.pid) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(timer);
    // let the OS release the listening sockets before a restart binds them again
    await sleep(100);
  }

  await start();
  return {
    name,
    dir,
    udpPort,
    wsPort,
    evapiPort,
    controlPort,
    wssPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssUrl: wssPort === undefined ? undefined : `wss://127.0.0.1:${wssPort}`,
    controlHost,
    rpcUrl: `http://${controlHost}:${controlPort}/RPC`,
    cfgPath,
    pid: () => child?.pid,
    stop,
    start,
  };
}
