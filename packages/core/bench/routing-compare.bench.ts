// Same-process A/B of two versions of the routing engine: the code of another checkout (`--before
// <repo root>`, e.g. a `git worktree add /tmp/routing-before <commit>`) and this one, on the same
// scenario and stream as routing.bench.ts. On a shared, noisy host two separate invocations differ
// by 2x from one minute to the next; here both engines take turns decision by decision (which one
// goes first alternates), so host load falls on both alike. Each decision is timed alone; the
// bookkeeping around it is not. Both must make the same assignments; the script checks it.
//
// Usage: node --expose-gc --conditions=source --import tsx \
//   packages/core/bench/routing-compare.bench.ts --before /tmp/routing-before [--events 20000]
import { pathToFileURL } from 'node:url';

interface EngineLike {
  addQueue(config: unknown): void;
  addAgent(config: unknown): void;
  login(id: string): void;
  setNotReady(id: string, reason?: string): void;
  setAvailable(id: string): void;
  getPresence(id: string): string;
  enqueue(request: unknown): string;
  acceptOffer(id: string): void;
  endInteraction(id: string): void;
  onEvent(listener: (e: { type: string; interactionId?: string; agentId?: string }) => void): void;
}

interface Version {
  name: string;
  engine: EngineLike;
  clock: { advance(ms: number): void };
  times: number[];
  /** The same times by kind of stream event (an agent freed, a new interaction). */
  byKind: Record<StreamEvent['kind'], number[]>;
  assignments: string[];
  offers: { interactionId: string; agentId: string }[];
}

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const before = arg('before', '');
if (!before) throw new Error('give --before <root of the other checkout>');
const events = Number(arg('events', '20000'));
const agents = Number(arg('agents', '10000'));
const queued = Number(arg('queued', '100000'));
const QUEUES = 200;
const SKILLS = 50;
const WARM_UP = 5_000;
const STRATEGIES = ['longest-idle', 'least-occupied', 'round-robin', 'best-proficiency'];

async function load(name: string, root: string): Promise<Version> {
  const src = pathToFileURL(`${root}/packages/core/src/`).href;
  const routing = (await import(`${src}routing/index.ts`)) as {
    RoutingEngine: new (o: unknown) => EngineLike;
  };
  const shared = (await import(`${src}shared/index.ts`)) as {
    VirtualClock: new (start: number) => { advance(ms: number): void };
    seededRandom: (seed: number) => () => number;
  };
  const clock = new shared.VirtualClock(Date.UTC(2026, 10, 26, 8));
  const random = shared.seededRandom(2026);
  const skills = Array.from({ length: SKILLS }, (_, i) => `skill-${i}`);
  const engine = new routing.RoutingEngine({ clock, skills });
  const pick = (count: number, from: number) => {
    const set = new Set<number>();
    while (set.size < count) set.add(Math.floor(random() * from));
    return [...set];
  };
  for (let q = 0; q < QUEUES; q++) {
    const required = pick(1 + Math.floor(random() * 3), SKILLS);
    engine.addQueue({
      id: `q${q}`,
      requirements: required.map((k) => ({
        skill: skills[k],
        minProficiency: 1 + Math.floor(random() * 4),
      })),
      strategy: STRATEGIES[q % STRATEGIES.length],
      priority: q % 10 === 0 ? 1 : 0,
    });
  }
  for (let a = 0; a < agents; a++) {
    const own: Record<string, number> = {};
    for (const k of pick(3 + Math.floor(random() * 6), SKILLS)) {
      own[skills[k] as string] = 1 + Math.floor(random() * 10);
    }
    engine.addAgent({ id: `a${a}`, skills: own, capacity: { voice: 1, chat: 3 } });
    engine.login(`a${a}`);
    engine.setNotReady(`a${a}`, 'setup');
  }
  for (let i = 0; i < queued; i++) {
    engine.enqueue({
      queueId: `q${Math.floor(random() * QUEUES)}`,
      channel: random() < 0.7 ? 'voice' : 'chat',
      customerId: `c${Math.floor(random() * 50_000)}`,
    });
    if (i % 1000 === 0) clock.advance(1);
  }
  const version: Version = {
    name,
    engine,
    clock,
    times: [],
    byKind: { available: [], new: [] },
    assignments: [],
    offers: [],
  };
  engine.onEvent((e) => {
    if (e.type === 'interaction-offered') {
      version.offers.push({
        interactionId: e.interactionId as string,
        agentId: e.agentId as string,
      });
    }
  });
  return version;
}

type StreamEvent =
  | { kind: 'available'; agentId: string }
  | { kind: 'new'; request: { id: string; queueId: string; channel: string } };

/** A stream like routing.bench.ts's (half agents freed, half arrivals), made per version. */
function stream(seed: number): StreamEvent[] {
  // A small LCG is enough here: both versions get the same sequence.
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: StreamEvent[] = [];
  let next = queued;
  for (let i = 0; i < WARM_UP + events; i++) {
    if (random() < 0.5)
      out.push({ kind: 'available', agentId: `a${Math.floor(random() * agents)}` });
    else {
      const queueId = `q${Math.floor(random() * QUEUES)}`;
      const channel = random() < 0.7 ? 'voice' : 'chat';
      out.push({ kind: 'new', request: { id: `ix-n${next++}`, queueId, channel } });
    }
  }
  return out;
}

/** Processes one stream event on `v`; returns the decision's time (us), or -1 when skipped. */
function step(v: Version, ev: StreamEvent): number {
  let t0: number;
  let t1: number;
  if (ev.kind === 'available') {
    if (v.engine.getPresence(ev.agentId) !== 'not-ready') return -1;
    t0 = performance.now();
    v.engine.setAvailable(ev.agentId);
    t1 = performance.now();
  } else {
    t0 = performance.now();
    v.engine.enqueue(ev.request);
    t1 = performance.now();
  }
  for (const o of v.offers) {
    v.assignments.push(o.interactionId, o.agentId);
    v.engine.setNotReady(o.agentId, 'after-call');
    v.engine.acceptOffer(o.interactionId);
    v.engine.endInteraction(o.interactionId);
  }
  v.offers.length = 0;
  v.clock.advance(10);
  return (t1 - t0) * 1000;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const at = (q: number) => Math.round((sorted[Math.floor(sorted.length * q)] ?? 0) * 100) / 100;
  return {
    decisions: sorted.length,
    decisionsPerSec: Math.round(sorted.length / (total / 1e6)),
    p50Micros: at(0.5),
    p90Micros: at(0.9),
    p99Micros: at(0.99),
  };
}

const old = await load('before', before);
const current = await load('this checkout', new URL('../../../', import.meta.url).pathname);
const streams = [stream(7), stream(7)];
(globalThis as { gc?: () => void }).gc?.();
for (let i = 0; i < WARM_UP + events; i++) {
  const pair: [Version, StreamEvent][] = [
    [old, streams[0]?.[i] as StreamEvent],
    [current, streams[1]?.[i] as StreamEvent],
  ];
  if (i % 2 === 1) pair.reverse();
  for (const [v, ev] of pair) {
    const us = step(v, ev);
    if (i >= WARM_UP && us >= 0) {
      v.times.push(us);
      v.byKind[ev.kind].push(us);
    }
  }
}
if (old.assignments.join() !== current.assignments.join()) {
  throw new Error('the two versions made different assignments');
}
const a = summary(old.times);
const b = summary(current.times);
console.log(
  `agents=${agents} queued=${queued} identical assignments: ${old.assignments.length / 2}`,
);
console.log(`before:        ${JSON.stringify(a)}`);
console.log(`this checkout: ${JSON.stringify(b)}`);
console.log(
  JSON.stringify({
    throughputRatio: Math.round((b.decisionsPerSec / a.decisionsPerSec) * 1000) / 1000,
    p50Ratio: Math.round((b.p50Micros / a.p50Micros) * 1000) / 1000,
    p99Ratio: Math.round((b.p99Micros / a.p99Micros) * 1000) / 1000,
  }),
);
// By kind: "available" is setAvailable (the agent takes the best waiting interaction), "new" is
// enqueue (a new interaction, usually left waiting: few agents are available).
for (const kind of ['available', 'new'] as const) {
  const x = summary(old.byKind[kind]);
  const y = summary(current.byKind[kind]);
  console.log(
    `${kind}: ${JSON.stringify({
      decisions: y.decisions,
      p50Micros: [x.p50Micros, y.p50Micros],
      p99Micros: [x.p99Micros, y.p99Micros],
      p50Ratio: Math.round((y.p50Micros / x.p50Micros) * 1000) / 1000,
    })}`,
  );
}
