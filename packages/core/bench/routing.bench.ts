// Routing benchmark: indexed router vs the naive scanning router on the same event stream.
//
// Scenario (issue 2): N agents with 3-8 skills each out of 50; 200 queues each requiring 1-3
// skills; 100,000 interactions queued while every agent is not ready; then a stream of
// agent-available and new-interaction events. Each stream event is one routing decision and is
// timed alone; the bookkeeping around it (accepting the offer, ending the call, the agent going
// not ready again) is not. Both routers must make identical assignments; the script checks it.
//
// Method (as JMH or pyperf do it): the first stream events of every run are a warm-up, processed
// but not timed, so that the measured decisions run compiled code in a steady state; the indexed
// router runs several times on fresh engines and the run with the median throughput is reported
// (every run is printed). The naive router, hundreds of times slower, runs once; it processes the
// warm-up events with the index (identical decisions) and scans for the measured ones.
//
// Usage: npm run bench:routing [-- --events 10000 --runs 7 --quick]
import { createRoutingEngine, switchToScanningRouter } from '../src/routing/internal-factory.js';
import { VirtualClock, seededRandom, type RandomSource } from '../src/shared/index.js';
import type { Channel } from '../src/interactions/index.js';
import type { InteractionOfferedEvent, StrategyName } from '../src/routing/index.js';

interface Scenario {
  agents: number;
  skills: number;
  queues: number;
  queued: number;
  events: number;
}

interface Result {
  decisions: number;
  decisionsPerSec: number;
  p50Micros: number;
  p99Micros: number;
  /** Interaction and agent ids of each offer, in order (pairs, flat). */
  assignments: string[];
  setupSeconds: number;
}

/**
 * One stream event with its inputs made in advance (a fresh id string per event, as a request
 * parsed off the network would carry), so that the measured loop allocates nothing of its own.
 */
type StreamEvent =
  | { kind: 'available'; agentId: string }
  | { kind: 'new'; request: { id: string; queueId: string; channel: Channel } };

const STRATEGIES: StrategyName[] = [
  'longest-idle',
  'least-occupied',
  'round-robin',
  'best-proficiency',
];

function pickDistinct(random: RandomSource, count: number, from: number): number[] {
  const set = new Set<number>();
  while (set.size < count) set.add(Math.floor(random() * from));
  return [...set];
}

/** The warm-up events followed by `s.events` measured ones. */
function buildStream(s: Scenario, seed: number): StreamEvent[] {
  const random = seededRandom(seed);
  const stream: StreamEvent[] = [];
  let next = s.queued;
  for (let i = 0; i < WARM_UP_EVENTS + s.events; i++) {
    if (random() < 0.5) {
      stream.push({ kind: 'available', agentId: `a${Math.floor(random() * s.agents)}` });
    } else {
      const queueId = `q${Math.floor(random() * s.queues)}`;
      const channel: Channel = random() < 0.7 ? 'voice' : 'chat';
      stream.push({ kind: 'new', request: { id: `ix-n${next++}`, queueId, channel } });
    }
  }
  return stream;
}

/**
 * Stream events processed, untimed, at the start of every run: enough for the JIT to re-optimize
 * what building the starting state taught it otherwise (in that phase no decision finds an agent).
 */
const WARM_UP_EVENTS = 5_000;

/** One run on a fresh engine: `stream` holds the warm-up events, then the measured ones. */
function run(s: Scenario, index: 'indexed' | 'scan', stream: readonly StreamEvent[]): Result {
  const setupStart = performance.now();
  const random = seededRandom(2026);
  const clock = new VirtualClock(Date.UTC(2026, 10, 26, 8));
  const skills = Array.from({ length: s.skills }, (_, i) => `skill-${i}`);
  const engine = createRoutingEngine({ clock, skills });
  for (let q = 0; q < s.queues; q++) {
    const required = pickDistinct(random, 1 + Math.floor(random() * 3), s.skills);
    engine.addQueue({
      id: `q${q}`,
      requirements: required.map((k) => ({
        skill: skills[k] as string,
        minProficiency: 1 + Math.floor(random() * 4),
      })),
      strategy: STRATEGIES[q % STRATEGIES.length] as StrategyName,
      priority: q % 10 === 0 ? 1 : 0,
    });
  }
  for (let a = 0; a < s.agents; a++) {
    const own: Record<string, number> = {};
    for (const k of pickDistinct(random, 3 + Math.floor(random() * 6), s.skills)) {
      own[skills[k] as string] = 1 + Math.floor(random() * 10);
    }
    engine.addAgent({ id: `a${a}`, skills: own, capacity: { voice: 1, chat: 3 } });
    engine.login(`a${a}`);
    engine.setNotReady(`a${a}`, 'setup');
  }
  for (let i = 0; i < s.queued; i++) {
    engine.enqueue({
      queueId: `q${Math.floor(random() * s.queues)}`,
      channel: random() < 0.7 ? 'voice' : 'chat',
      customerId: `c${Math.floor(random() * 50_000)}`,
    });
    if (i % 1000 === 0) clock.advance(1);
  }
  const setupSeconds = (performance.now() - setupStart) / 1000;
  // A full collection now, so that neither earlier runs' garbage nor the collector still marking
  // the starting state (hundreds of megabytes, on the second core) weighs on the measured
  // decisions. Code the collection deoptimizes is compiled again during the warm-up events.
  (globalThis as { gc?: () => void }).gc?.();

  const assignments: string[] = [];
  // Keep the listener cheap: it runs inside the timed decisions.
  const offeredEvents: InteractionOfferedEvent[] = [];
  let offers = 0;
  engine.onEvent((e) => {
    if (e.type === 'interaction-offered') offeredEvents[offers++] = e;
  });
  const times = new Float64Array(stream.length);
  let timed = 0;
  for (let i = 0; i < stream.length; i++) {
    const ev = stream[i] as StreamEvent;
    if (i === WARM_UP_EVENTS) {
      // The starting state and the warm-up use the indexed router (both routers make the same
      // decisions); the baseline switches to scanning for the measured events.
      if (index === 'scan') switchToScanningRouter(engine);
      timed = 0;
    }
    let t0: number;
    let t1: number;
    if (ev.kind === 'available') {
      if (engine.getPresence(ev.agentId) !== 'not-ready') continue;
      t0 = performance.now();
      engine.setAvailable(ev.agentId);
      t1 = performance.now();
    } else {
      t0 = performance.now();
      engine.enqueue(ev.request);
      t1 = performance.now();
    }
    times[timed++] = (t1 - t0) * 1000;
    // Bookkeeping (not timed): the agent answers, finishes and goes not ready again.
    for (let k = 0; k < offers; k++) {
      const o = offeredEvents[k] as InteractionOfferedEvent;
      // The harness keeps references, not new strings: its own garbage would be collected on the
      // measured decisions' time.
      assignments.push(o.interactionId, o.agentId);
      engine.setNotReady(o.agentId, 'after-call');
      engine.acceptOffer(o.interactionId);
      engine.endInteraction(o.interactionId);
    }
    offers = 0;
    clock.advance(10);
  }
  const sample = Array.from(times.subarray(0, timed)).sort((a, b) => a - b);
  const total = sample.reduce((x, y) => x + y, 0);
  engine.dispose();
  return {
    decisions: timed,
    decisionsPerSec: Math.round(timed / (total / 1e6)),
    p50Micros: round(sample[Math.floor(timed * 0.5)] ?? 0),
    p99Micros: round(sample[Math.floor(timed * 0.99)] ?? 0),
    assignments,
    setupSeconds: round(setupSeconds),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Runs a small scenario first, untimed, so that the JIT has compiled the hot paths before the
 * measured runs (as in a long-running routing service). Compiled code is shared by all engines.
 */
function warmUp(): void {
  const small = { agents: 1_000, skills: 50, queues: 200, queued: 10_000, events: 20_000 };
  run(small, 'indexed', buildStream(small, 3));
}

function compare(s: Scenario, runs: number) {
  const stream = buildStream(s, 7);
  const indexedRuns: Result[] = [];
  for (let r = 0; r < runs; r++) indexedRuns.push(run(s, 'indexed', stream));
  const naive = run(s, 'scan', stream);
  for (const indexed of indexedRuns) {
    if (indexed.assignments.length !== naive.assignments.length) {
      throw new Error(
        `assignment counts differ: ${indexed.assignments.length / 2} vs ${naive.assignments.length / 2}`,
      );
    }
    indexed.assignments.forEach((a, i) => {
      if (a !== naive.assignments[i])
        throw new Error(`assignment ${i >> 1} differs: ${a} vs ${naive.assignments[i]}`);
    });
  }
  const byThroughput = [...indexedRuns].sort((a, b) => a.decisionsPerSec - b.decisionsPerSec);
  const indexed = byThroughput[Math.floor(byThroughput.length / 2)] as Result;
  return {
    agents: s.agents,
    skills: s.skills,
    queued: s.queued,
    decisions: indexed.decisions,
    assignments: indexed.assignments.length / 2,
    runs: indexedRuns.map((r) => r.decisionsPerSec),
    decisionsPerSec: indexed.decisionsPerSec,
    p50Micros: indexed.p50Micros,
    p99Micros: indexed.p99Micros,
    naiveDecisionsPerSec: naive.decisionsPerSec,
    naiveP99Micros: naive.p99Micros,
    speedup: round(indexed.decisionsPerSec / naive.decisionsPerSec),
  };
}

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const quick = args.includes('--quick');
const events = arg('events', quick ? 2_000 : 10_000);
const runs = arg('runs', quick ? 3 : 7);
const base = { skills: 50, queues: 200, queued: arg('queued', quick ? 20_000 : 100_000), events };

if (args.includes('--indexed-only')) {
  // For profiling the indexed router alone.
  warmUp();
  const r = run(
    { ...base, agents: arg('agents', 10_000) },
    'indexed',
    buildStream({ ...base, agents: arg('agents', 10_000) }, 7),
  );
  console.log({ ...r, assignments: r.assignments.length / 2 });
  process.exit(0);
}

/**
 * Memory latency of this machine: nanoseconds per dependent load when chasing pointers through
 * 100,000 objects in random order. A routing decision is a few dozen such loads (records, pools,
 * heaps), so this number bounds decisions per second more than instruction counts do.
 */
function memoryLatencyNs(): number {
  const n = 100_000;
  const random = seededRandom(99);
  const nodes = Array.from({ length: n }, () => ({ next: undefined as unknown, pad: 0 }));
  const order = nodes.map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  for (let i = 0; i < n; i++) {
    (nodes[order[i] as number] as { next: unknown }).next = nodes[order[(i + 1) % n] as number];
  }
  let p = nodes[0] as { next: unknown };
  const hops = 2_000_000;
  const t0 = performance.now();
  for (let i = 0; i < hops; i++) p = p.next as { next: unknown };
  return Math.round(((performance.now() - t0) * 1e6) / hops);
}

console.log(`memory latency: ${memoryLatencyNs()} ns per dependent load (random, 100k objects)`);
warmUp();
const rows = [];
for (const agents of quick ? [1_000, 10_000] : [1_000, 100_000, 10_000]) {
  // The main scenario (10,000 agents) gets the full stream; the other scales, to show how cost
  // grows, half of it (the naive router needs minutes for them).
  const main = agents === 10_000;
  const row = compare({ ...base, agents, events: main ? events : events / 2 }, main ? runs : 3);
  rows.push(row);
  console.log(
    `agents=${String(row.agents).padStart(6)} queued=${row.queued} decisions=${row.decisions} ` +
      `indexed=${row.decisionsPerSec}/s (median of ${row.runs.join(', ')}) ` +
      `p50=${row.p50Micros}us p99=${row.p99Micros}us | ` +
      `naive=${row.naiveDecisionsPerSec}/s p99=${row.naiveP99Micros}us | speedup=${row.speedup}x ` +
      `(identical assignments: ${row.assignments})`,
  );
}
const main = rows.find((r) => r.agents === 10_000) as (typeof rows)[number];
console.log(
  JSON.stringify({
    agents: main.agents,
    skills: main.skills,
    queued: main.queued,
    decisionsPerSec: main.decisionsPerSec,
    p99Micros: main.p99Micros,
    naiveDecisionsPerSec: main.naiveDecisionsPerSec,
    speedup: main.speedup,
  }),
);
