// `npm run bench:server`: starts the server in a child process and, from this process, drives
// AGENTS simulated agents on real WebSocket connections (login, heartbeat, accept offers, end, wrap
// up) while a generator enqueues interactions at RATE per second for SECONDS. The last line is one
// JSON object (see issue 14). Environment: AGENTS (1000), RATE (250), SECONDS (20) measured after
// a WARMUP (5) second ramp from 0 to RATE;
// SERVER_FROM (`built`: bundled JavaScript, see build-server.ts; `source`: TypeScript through tsx);
// COMMANDS (`wire`: the measured commands as plain HTTP requests, see wire-commands.ts; `sdk`:
// through @switchboard/client; event sockets and setup always use the client);
// HTTP_CONNECTIONS (64: the driver's keep-alive pool); SERVER_CPU_PROF (a folder: profile the
// server). On stderr: CPU per command on each side and the load average.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createRemoteContactCenter, type WebSocketConstructor } from '@switchboard/client';
import type { RemoteContactCenter } from '@switchboard/client';
import type { EventEnvelope } from '@switchboard/core/contact-center';
import { TokenService } from '../src/index.js';
import { buildBenchServer } from './build-server.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import { WireHttp, wireCommands, type BenchCommands } from './wire-commands.js';

const AGENTS = Number(process.env['AGENTS'] ?? 1000);
const RATE = Number(process.env['RATE'] ?? 250);
const SECONDS = Number(process.env['SECONDS'] ?? 20);
const WARMUP = Number(process.env['WARMUP'] ?? 5);
const HTTP_CONNECTIONS = Number(process.env['HTTP_CONNECTIONS'] ?? 64);
const COMMANDS = process.env['COMMANDS'] === 'sdk' ? 'sdk' : 'wire';
const HEARTBEAT_MS = 5000;
const TENANT = 'bench';

const secret = randomBytes(32);
const tokens = new TokenService(secret);
// The server runs as built JavaScript (see build-server.ts); SERVER_FROM=source runs its
// TypeScript through tsx instead.
const fromSource = process.env['SERVER_FROM'] === 'source';
const serverEntry = fromSource
  ? fileURLToPath(new URL('./bench-server.ts', import.meta.url))
  : await buildBenchServer();
const child = fork(serverEntry, [], {
  execArgv: [
    ...(fromSource ? ['--conditions=source', '--import', 'tsx'] : []),
    // SERVER_CPU_PROF=<dir>: a V8 CPU profile of the server process, written when it stops.
    ...(process.env['SERVER_CPU_PROF']
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env['SERVER_CPU_PROF']}`]
      : []),
  ],
  env: { ...process.env, SWITCHBOARD_JWT_SECRET: secret.toString('hex') },
});
const url = await new Promise<string>((resolve) =>
  child.on(
    'message',
    (m: { type: string; url?: string }) => m.type === 'ready' && resolve(m.url as string),
  ),
);
interface ServerStats {
  /** Resident memory (bytes). */
  readonly rss: number;
  /** CPU time so far (ms). */
  readonly cpuMs: number;
  /** 99th percentile of the event loop's delay since the steady phase began (ms). */
  readonly loopDelayP99Ms: number;
}
const serverStats = () =>
  new Promise<ServerStats>((resolve) => {
    const on = (m: { type: string } & ServerStats) => {
      if (m.type !== 'rss') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send({ type: 'rss' });
  });
const driverCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const commandMs: number[] = [];
const offerMs: number[] = [];
let failures = 0;
/** Whether commands and offers are being measured (after the warm-up). */
let measuring = false;
async function timed<T>(call: () => Promise<T>): Promise<T | undefined> {
  const start = performance.now();
  const measured = measuring;
  try {
    return await call();
  } catch (error) {
    failures++;
    if (failures <= 5)
      console.error('command failed:', error instanceof Error ? error.message : error);
    return undefined;
  } finally {
    if (measured) commandMs.push(performance.now() - start);
  }
}

type BenchRole = 'admin' | 'agent' | 'integration';
const tokenFor = (sub: string, roles: BenchRole[]) => {
  let token: Promise<string> | undefined;
  return () => (token ??= tokens.issue({ sub, tenant: TENANT, roles, ttlSeconds: 3600 }));
};
const httpFetch = keepAliveFetch(HTTP_CONNECTIONS);
const wire = new WireHttp(url, HTTP_CONNECTIONS);
/** A desktop or integration: the client (sockets, setup) and the commands that are measured. */
const center = (sub: string, roles: BenchRole[]) => {
  const getToken = tokenFor(sub, roles);
  const client = createRemoteContactCenter({
    baseUrl: url,
    tenant: TENANT,
    getToken,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    fetch: httpFetch,
  });
  const commands: BenchCommands = COMMANDS === 'sdk' ? client : wireCommands(wire, getToken);
  return Object.assign(client, { commands });
};

const admin: RemoteContactCenter = center('bench-admin', ['admin']);
await retried(() => admin.addQueue({ id: 'support', requirements: [], wrapUpMs: 600_000 }));
for (let i = 0; i < AGENTS; i += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, AGENTS - i) }, (_, k) =>
      retried(() => admin.addAgent({ id: `agent-${i + k}`, skills: {} })),
    ),
  );
}

const enqueuedAt = new Map<string, number>();
const received = new Map<string, number[]>();
const agents: ReturnType<typeof center>[] = [];
const heartbeats: ReturnType<typeof setInterval>[] = [];

/**
 * Setup calls (not measured), retried while the loaded machine cannot answer or the token is over
 * its rate; on a retry, DUPLICATE_ID means the first attempt went through.
 */
async function retried<T>(call: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt > 0 && code === 'DUPLICATE_ID') return undefined;
      if (attempt >= 50 || (code !== 'NETWORK' && code !== 'RATE_LIMITED')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt + 1, 10)));
    }
  }
}

function startAgent(i: number): ReturnType<typeof center> {
  const id = `agent-${i}`;
  const me = center(id, ['agent']);
  agents.push(me);
  const seqs: number[] = [];
  received.set(id, seqs);
  me.subscribeEvents((envelope: EventEnvelope) => {
    seqs.push(envelope.seq);
    const { event } = envelope;
    if (event.type === 'interaction-offered' && event.agentId === id) {
      const at = enqueuedAt.get(event.interactionId);
      if (at !== undefined) offerMs.push(performance.now() - at);
      void (async () => {
        await timed(() => me.commands.acceptOffer(event.interactionId));
        await timed(() => me.commands.end(event.interactionId));
        await timed(() => me.commands.wrapUp(event.interactionId, { disposition: 'resolved' }));
      })();
    }
  });
  return me;
}

// Connect and log in the agents 50 at a time (a thousand simultaneous TCP handshakes on a loaded
// two-core machine time out), each once its socket is up.
const BATCH = 50;
for (let i = 0; i < AGENTS; i += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, AGENTS - i) }, (_, k) => startAgent(i + k));
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (batch.every((a) => a.stream.connections > 0)) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  await Promise.all(batch.map((a, k) => retried(() => a.login(`agent-${i + k}`))));
}
// Each desktop beats every HEARTBEAT_MS from its own phase, spread evenly: AGENTS / 5 s in all.
// (Periods of 5-6 s all starting at once sent the first beats of every agent within one second,
// doubling the load then, and bunched them again on later rounds.)
const heartbeatPhases: ReturnType<typeof setTimeout>[] = [];
agents.forEach((me, i) => {
  const beat = () => void timed(() => me.commands.heartbeat(`agent-${i}`));
  heartbeatPhases.push(
    setTimeout(
      () => {
        beat();
        heartbeats.push(setInterval(beat, HEARTBEAT_MS));
      },
      Math.floor((i * HEARTBEAT_MS) / agents.length),
    ),
  );
});
const rssSamples: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// CPU per command on each side: on a shared machine it moves far less than latency does.
let cpuAtStart = { server: 0, driver: 0 };
let measureStart = 0;

const GENERATORS = Math.max(1, Math.ceil(RATE / 50));
const generators = Array.from({ length: GENERATORS }, (_, g) =>
  center(`bench-crm-${g}`, ['integration']),
);
// Sampled during the run (the peak counts), not only after it.
const rssTimer = setInterval(() => void serverStats().then((s) => rssSamples.push(s.rss)), 1000);
// The first WARMUP seconds ramp the rate up from 0 and are not measured: the steady mix's code
// paths (never run during setup) are still being compiled then, in both processes, and traffic at
// full rate from the first instant built a backlog that took seconds to drain.
setTimeout(() => {
  child.send({ type: 'reset' });
  loopDelay.reset();
  void serverStats().then((stats) => {
    cpuAtStart = { server: stats.cpuMs, driver: driverCpuMs() };
    measureStart = performance.now();
    measuring = true;
  });
}, WARMUP * 1000);
const start = performance.now();
let sent = 0;
/** Interactions due `t` seconds after the start: a linear ramp over WARMUP, then RATE. */
const dueAt = (t: number) =>
  Math.floor(RATE * (t < WARMUP ? (t * t) / (2 * WARMUP) : t - WARMUP / 2));
const total = dueAt(WARMUP + SECONDS);
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, dueAt((performance.now() - start) / 1000));
    while (sent < due) {
      const id = `ix-b${sent++}`;
      if (measuring) enqueuedAt.set(id, performance.now());
      const generator = generators[sent % GENERATORS] as ReturnType<typeof center>;
      void timed(() =>
        generator.commands.createInteraction({ id, channel: 'chat', queueId: 'support' }),
      );
    }
    if (sent >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
// Let the last offers be answered, then count.
await new Promise<void>((resolve) => {
  const check = setInterval(() => {
    const late = performance.now() - start > (WARMUP + SECONDS + 15) * 1000;
    if (offerMs.length >= enqueuedAt.size || late) {
      clearInterval(check);
      resolve();
    }
  }, 100);
});
const elapsed = (performance.now() - measureStart) / 1000;
clearInterval(rssTimer);
for (const h of heartbeatPhases) clearTimeout(h);
for (const h of heartbeats) clearInterval(h);
const atEnd = await serverStats();
rssSamples.push(atEnd.rss);
const cpuPerCommand = {
  server: (atEnd.cpuMs - cpuAtStart.server) / commandMs.length,
  driver: (driverCpuMs() - cpuAtStart.driver) / commandMs.length,
};

// Lost and duplicated events: what each agent received against the server's own journal.
const expected = new Map<string, number[]>();
const adminToken = await tokens.issue({ sub: 'bench-admin', tenant: TENANT, roles: ['admin'] });
for (let after = 0; ;) {
  const res = await fetch(`${url}/v1/events?after=${after}&limit=1000`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const body = (await res.json()) as { events: EventEnvelope[] };
  for (const { seq, event } of body.events) {
    const owner =
      'agentId' in event
        ? event.agentId
        : event.type === 'agent-added'
          ? event.agent.id
          : undefined;
    if (typeof owner === 'string' && received.has(owner)) {
      const list = expected.get(owner) ?? [];
      list.push(seq);
      expected.set(owner, list);
    }
  }
  if (body.events.length < 1000) break;
  after = (body.events.at(-1) as EventEnvelope).seq;
}
let lostEvents = 0;
let duplicateEvents = 0;
for (const [agent, seqs] of received) {
  const unique = new Set(seqs);
  duplicateEvents += seqs.length - unique.size;
  // Events before the socket was opened are not expected on it (the client subscribes live-only).
  const firstSeen = Math.min(...seqs);
  for (const seq of expected.get(agent) ?? [])
    if (seq >= firstSeen && !unique.has(seq)) lostEvents++;
}

for (const a of agents) a.dispose();
admin.dispose();
for (const g of generators) g.dispose();
child.send({ type: 'stop' });

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length * p)] ?? NaN) * 10) / 10;
};
const p99 = (values: number[]) => percentile(values, 0.99);
console.error(
  `agents ${AGENTS}, ${total} interactions at ${RATE}/s (${enqueuedAt.size} measured after a ` +
    `${WARMUP} s ramp), ${commandMs.length} commands in ${elapsed.toFixed(1)} s, ` +
    `${offerMs.length} offers delivered, ${failures} failed commands, ` +
    `${agents.reduce((n, a) => n + a.stream.connections, -agents.length)} socket reconnections; ` +
    `command p50/p90/p99 ${[0.5, 0.9, 0.99].map((p) => percentile(commandMs, p)).join('/')} ms; ` +
    `event-loop delay p99 server ${atEnd.loopDelayP99Ms.toFixed(1)} ms, ` +
    `driver ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms; CPU per command: server ` +
    `${cpuPerCommand.server.toFixed(2)} ms, driver ${cpuPerCommand.driver.toFixed(2)} ms; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
console.log(
  JSON.stringify({
    agents: AGENTS,
    commandsPerSec: Math.round(commandMs.length / elapsed),
    commandP99Ms: p99(commandMs),
    offerDeliveryP99Ms: p99(offerMs),
    rssMb: Math.round(Math.max(...rssSamples) / 1_048_576),
    lostEvents,
    duplicateEvents,
  }),
);
process.exit(0);
