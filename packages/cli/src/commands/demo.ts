import { RoutingEngine, type RoutingEvent } from '@switchboard/core/routing';
import { VirtualClock, seededRandom } from '@switchboard/core/shared';
import type { Channel } from '@switchboard/core/interactions';
import { parseArgs } from 'node:util';
import { processIo, type CommandIo } from '../command-io.js';
import { describeRange, inRange, type NumberRange } from './analytics-cli-support.js';
import { DEMO_AGENTS, DEMO_QUEUES, explainOffer } from './demo-scenario.js';

const HELP = `usage: switchboard demo [--minutes N] [--speed X] [--seed N] [--fast] [--forever]

Runs a small contact center on the embedded in-memory backend and prints who got which
interaction and why. Virtual time runs --speed times faster than real time (default 30).
  --minutes N   simulated minutes, > 0 and <= 10080 (default 10)
  --speed X     virtual seconds per real second, > 0 and <= 1000000 (default 30)
  --seed N      random seed, 0 to 4294967295 (default 7)
  --fast        no pauses (for scripts and tests)
  --forever     keep going until Ctrl-C
  -h, --help    show this help
`;

/** The range of every numeric option. */
const RANGES = {
  minutes: { above: 0, max: 10_080 },
  speed: { above: 0, max: 1_000_000 },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const satisfies Record<string, NumberRange>;

/**
 * Runs `switchboard demo` with `args` (the words after `demo`): routing at work, narrated.
 * Returns the exit code: 0, or 2 on bad arguments.
 *
 * @example
 * ```sh
 * npx switchboard demo --fast --minutes 5
 * ```
 */
export async function demo(args: readonly string[], io: CommandIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseDemoArgs(args);
  } catch (err) {
    io.err(`switchboard demo: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const errors: string[] = [];
  if (positionals.length > 0) errors.push(`unexpected argument '${positionals[0]}'`);
  const number = (name: keyof typeof RANGES): number => {
    const raw = values[name];
    const value = raw.trim() === '' ? NaN : Number(raw);
    if (!inRange(value, RANGES[name]))
      errors.push(`--${name} must be ${describeRange(RANGES[name])} (got '${raw}')`);
    return value;
  };
  const minutes = number('minutes');
  const speed = number('speed');
  const seed = number('seed');
  if (errors.length > 0) {
    io.err(`switchboard demo: ${errors.join('; ')}\n\n${HELP}`);
    return 2;
  }
  const out = (line: string): void => io.out(`${line}\n`);
  const color = io.isTty;
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);

  const random = seededRandom(seed);
  const start = Date.UTC(2026, 10, 26, 9, 0, 0);
  const clock = new VirtualClock(start);
  const engine = new RoutingEngine({
    clock,
    leaseTtlMs: 20_000,
    wrapUpMs: 8_000,
    maxMissedOffers: 2,
  });
  const stamp = () => new Date(clock.now()).toISOString().slice(11, 19);

  out(paint(1, 'Switchboard demo: skills-based routing on the embedded in-memory backend'));
  out(`Queues:`);
  for (const q of DEMO_QUEUES) {
    engine.addQueue(q);
    const req = q.requirements.map((r) => `${r.skill}>=${r.minProficiency}`).join(', ') || 'anyone';
    const strategy =
      typeof q.strategy === 'object' ? `sticky (else ${q.strategy.fallback})` : q.strategy;
    out(
      `  ${q.id.padEnd(10)} needs ${req}${q.language ? `, speaks ${q.language}` : ''}; ${strategy}`,
    );
  }
  out(`Agents:`);
  for (const a of DEMO_AGENTS) {
    engine.addAgent(a);
    const skills = Object.entries(a.skills)
      .map(([s, p]) => `${s}:${p}`)
      .join(' ');
    out(`  ${a.id.padEnd(7)} ${skills.padEnd(34)} ${(a.languages ?? []).join('/')}`);
  }
  out('');

  const customers = ['c-ada', 'c-bo', 'c-chen', 'c-dara', 'c-eli', 'c-fei', 'c-gus', 'c-hana'];
  const frozen = new Set<string>();
  const handled = new Map<string, number>();
  let offers = 0;

  engine.onEvent((e: RoutingEvent) => {
    const t = paint(2, stamp());
    switch (e.type) {
      case 'interaction-queued': {
        const ix = engine.getInteraction(e.interactionId);
        out(
          `${t} ${paint(36, e.interactionId.padEnd(6))} ${ix.channel.padEnd(5)} from ${ix.customerId ?? '?'} waits in ${e.queueId}`,
        );
        break;
      }
      case 'interaction-offered':
        offers++;
        out(
          `${t} ${paint(36, e.interactionId.padEnd(6))} -> ${paint(33, e.agentId.padEnd(6))} ${paint(2, explainOffer(engine, e))}`,
        );
        break;
      case 'offer-rejected':
        out(
          `${t} ${e.interactionId.padEnd(6)}    ${e.agentId} declined; back to its place in the queue`,
        );
        break;
      case 'offer-timed-out':
        out(`${t} ${e.interactionId.padEnd(6)}    ${e.agentId} did not answer in time; re-offered`);
        break;
      case 'offer-rescinded':
        out(`${t} ${e.interactionId.padEnd(6)}    offer to ${e.agentId} withdrawn: agent is stale`);
        break;
      case 'interaction-overflowed':
        out(
          `${t} ${e.interactionId.padEnd(6)}    overflow step ${e.step} in ${e.queueId}: wider pool of agents`,
        );
        break;
      case 'callback-offered':
        out(`${t} ${e.interactionId.padEnd(6)}    long wait: caller offered a callback`);
        break;
      case 'interaction-abandoned':
        out(`${t} ${e.interactionId.padEnd(6)}    caller hung up while waiting`);
        break;
      case 'agent-lease-expired':
        out(
          `${t} ${paint(31, `${e.agentId}'s desktop stopped renewing its lease: not-ready(stale), no more offers`)}`,
        );
        break;
      case 'agent-not-ready':
        if (e.reason === 'missed-offers')
          out(`${t} ${paint(31, `${e.agentId} missed too many offers: not-ready`)}`);
        break;
      case 'interaction-completed':
        if (e.agentId) handled.set(e.agentId, (handled.get(e.agentId) ?? 0) + 1);
        break;
      default:
    }
  });

  for (const a of DEMO_AGENTS) engine.login(a.id);
  engine.setNotReady('olga', 'break');

  const totalSeconds = minutes * 60;
  let stop = false;
  const stopListening = io.onInterrupt(() => {
    stop = true;
  });
  let second = 0;
  while (!stop && (values.forever || second < totalSeconds)) {
    second++;
    // Arrivals: about one every 6 seconds, mostly voice.
    if (random() < 0.17) {
      const queue = DEMO_QUEUES[Math.floor(random() * DEMO_QUEUES.length)] ?? DEMO_QUEUES[0];
      const channel: Channel =
        queue?.id === 'chat' ? 'chat' : random() < 0.85 ? 'voice' : 'callback';
      engine.enqueue({
        queueId: queue?.id ?? 'general',
        channel,
        customerId: customers[Math.floor(random() * customers.length)] as string,
      });
    }
    // Agents act on what is offered to them and finish their work.
    for (const a of engine.getSnapshot().agents) {
      if (frozen.has(a.id)) continue;
      if (second % 10 === 0) engine.heartbeat(a.id);
      if (a.offeredInteraction && random() < 0.35) {
        if (random() < 0.1) engine.rejectOffer(a.offeredInteraction);
        else engine.acceptOffer(a.offeredInteraction);
      }
      for (const id of a.interactions) {
        const ix = engine.getInteraction(id);
        if ((ix.status === 'connected' || ix.status === 'held') && random() < 1 / 70)
          engine.endInteraction(id);
      }
    }
    for (const q of engine.getSnapshot().queues) {
      for (const id of q.waiting) if (random() < 0.004) engine.abandon(id);
    }
    if (second === 120) {
      frozen.add('dmitri');
      out(`${paint(2, stamp())} ${paint(31, "dmitri's browser tab freezes (laptop lid closed)")}`);
    }
    if (second === 200) engine.setAvailable('olga');
    clock.advance(1000);
    if (!values.fast) await new Promise((r) => setTimeout(r, 1000 / speed));
  }
  stopListening();

  out('');
  out(paint(1, `After ${Math.round(second / 60)} simulated minutes: ${offers} offers`));
  for (const a of engine.getSnapshot().agents) {
    const state =
      a.notReadyReason === undefined
        ? a.presence
        : a.presence === 'not-ready'
          ? `not-ready(${a.notReadyReason})`
          : `${a.presence}, then not-ready(${a.notReadyReason})`;
    out(`  ${a.id.padEnd(7)} ${state.padEnd(32)} completed ${handled.get(a.id) ?? 0}`);
  }
  for (const q of engine.getSnapshot().queues)
    out(`  queue ${q.config.id.padEnd(10)} waiting ${q.waiting.length}`);
  engine.dispose();
  return 0;
}

function parseDemoArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      minutes: { type: 'string', default: '10' },
      speed: { type: 'string', default: '30' },
      seed: { type: 'string', default: '7' },
      fast: { type: 'boolean', default: false },
      forever: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
