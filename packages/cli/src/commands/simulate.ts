/**
 * `switchboard simulate`: runs a scenario on the real router in virtual time and prints KPIs.
 *
 * @packageDocumentation
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { KpiValues } from '@switchboard/core/analytics';
import { SwitchboardError, ValidationError } from '@switchboard/core/shared';
import {
  parseScenario,
  resolveScenarioFlows,
  runSimulation,
  type Scenario,
  type ScenarioVariant,
  type SimulationReport,
} from '@switchboard/core/sim';
import {
  describeRange,
  formatTable,
  inRange,
  numberOption,
  parseArgs,
  processIo,
  type CommandIo,
  type NumberRange,
} from './analytics-cli-support.js';
import { CliInputError, readJsonFile, resolveInside } from '../read-json.js';

/** Every issue of a validation error, one indented line each. */
const issueLines = (err: ValidationError): string =>
  err.issues.map((i) => `  ${i.path}: ${i.message}\n`).join('');

const USAGE = `usage: switchboard simulate <scenario.json> [--seed N] [--json FILE] [--compare VARIANT]
                                           [--flow-root DIR] [--quiet]

Runs the scenario on the real router in virtual time and prints a KPI table. IVR flows given
as paths ("ivr": { "flow": "flow.json" }) are read relative to the scenario file, and must stay
inside its folder (or inside --flow-root).

  --seed N           override the scenario's seed, 0 to 4294967295 (same scenario + seed =
                     same report)
  --json FILE        also write the report as JSON to FILE ('-' for standard output only)
  --compare VARIANT  run a second time on the same seeded arrivals and show both side by side;
                     VARIANT is a name from the scenario's "variants", or strategy=<name>,
                     agents=+N / agents=-N (per group, N up to 100000), agents=xF (scale every
                     group by F, 0 to 1000)
  --flow-root DIR    the folder flow paths may lead into (default: the scenario's folder)
  --quiet            no progress bar
  -h, --help         show this help

Limits: a run lasts at most 744 hours (31 days), has at most 100000 agents and 10000000 calls
per hour per stream. Before it starts, its memory is estimated (about 2 KiB per expected contact,
4 KiB per ticket) and the run is refused, naming the limit, when it would need more than three
quarters of Node's heap limit or more than 20000000 contacts.
`;

const SEED_RANGE: NumberRange = { min: 0, max: 2 ** 32 - 1, integer: true };
/** `--compare agents=xF`: the factor applied to every agent group. */
const SCALE_RANGE: NumberRange = { min: 0, max: 1000 };
/** `--compare agents=+N` / `-N`: agents added to (or removed from) every group. */
const DELTA_RANGE: NumberRange = { min: -100_000, max: 100_000, integer: true };

const STRATEGIES = ['longest-idle', 'least-occupied', 'round-robin', 'best-proficiency'];

/** Parses an inline `--compare` value; returns a variant, a name to look up, or an error. */
function inlineVariant(value: string): ScenarioVariant | string | { error: string } {
  const eq = value.indexOf('=');
  if (eq < 0) return value;
  const key = value.slice(0, eq);
  const arg = value.slice(eq + 1);
  if (key === 'strategy') {
    if (!STRATEGIES.includes(arg))
      return { error: `--compare strategy must be one of ${STRATEGIES.join(', ')}` };
    return { name: `strategy=${arg}`, strategy: arg as ScenarioVariant['strategy'] & string };
  }
  if (key === 'agents') {
    const scale = /^x(\d+(?:\.\d+)?)$/.exec(arg);
    if (scale) {
      const agentScale = Number(scale[1]);
      if (!inRange(agentScale, SCALE_RANGE))
        return { error: `--compare agents=xF: F must be ${describeRange(SCALE_RANGE)}` };
      return { name: `agents=${arg}`, agentScale };
    }
    const delta = /^([+-]\d+)$/.exec(arg);
    if (delta) {
      const agentDelta = Number(delta[1]);
      if (!inRange(agentDelta, DELTA_RANGE))
        return { error: `--compare agents=+N/-N: N must be ${describeRange(DELTA_RANGE)}` };
      return { name: `agents=${arg}`, agentDelta };
    }
    return { error: '--compare agents must be +N, -N or xFACTOR (e.g. agents=+2, agents=x1.1)' };
  }
  return { error: `--compare: unknown setting '${key}' (use strategy= or agents=)` };
}

const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const secs = (v: number | null): string => (v === null ? '-' : v.toFixed(1));
const int = (v: number): string => String(v);

const COLUMNS: readonly [string, (k: KpiValues) => string][] = [
  ['offered', (k) => int(k.offered)],
  ['answered', (k) => int(k.answered)],
  ['abandoned', (k) => int(k.abandoned)],
  ['aband. %', (k) => pct(k.abandonRate)],
  ['SL', (k) => pct(k.serviceLevel)],
  ['ASA s', (k) => secs(k.asaSeconds)],
  ['AHT s', (k) => secs(k.ahtSeconds)],
  ['occupancy', (k) => pct(k.occupancy)],
  ['CSAT', (k) => pct(k.csat)],
];

const TEAM_BLANK = new Set(['offered', 'abandoned', 'aband. %']);

function kpiTable(report: SimulationReport): string {
  const rows: string[][] = [];
  rows.push(['total', ...COLUMNS.map(([, f]) => f(report.total))]);
  for (const [id, k] of Object.entries(report.queues))
    rows.push([`queue ${id}`, ...COLUMNS.map(([, f]) => f(k))]);
  for (const [id, k] of Object.entries(report.channels))
    rows.push([`channel ${id}`, ...COLUMNS.map(([, f]) => f(k))]);
  // Teams are credited with the contacts they answered: offered and abandoned do not apply.
  for (const [id, k] of Object.entries(report.teams))
    rows.push([`team ${id}`, ...COLUMNS.map(([h, f]) => (TEAM_BLANK.has(h) ? '-' : f(k)))]);
  return formatTable(['', ...COLUMNS.map(([h]) => h)], rows);
}

/** IVR and ticket lines, for scenarios that have them. */
function extras(report: SimulationReport): string {
  let text = '';
  const ivr = report.ivr;
  if (ivr) {
    const o = ivr.outcomes;
    text +=
      `\nIVR: ${ivr.sessions} sessions, containment ${pct(report.total.ivrContainment)} ` +
      `(${report.total.ivrContained} finished in the IVR); enqueued ${o.enqueued}, ` +
      `voicemail ${o.voicemail}, hangup ${o.hangup}, transferred ${o.transferred}, ` +
      `caller hang-ups ${o['caller-hangup']}, errors ${o.error}; ` +
      `${ivr.callbacksRequested} callbacks requested\n`;
  }
  const t = report.tickets;
  if (t)
    text +=
      `${ivr ? '' : '\n'}Tickets: ${t.created} created, ${t.solved} solved, ${t.open} open, ` +
      `${t.slaBreaches} SLA breaches\n`;
  return text;
}

function header(report: SimulationReport): string {
  return (
    `${report.scenario}${report.variant ? ` [${report.variant}]` : ''}: seed ${report.seed}, ` +
    `${report.agents} agents, ${report.interactions} contacts, ${report.simulatedHours} h from ` +
    `${report.from}; SL = answered within ${report.serviceLevelSeconds} s\n\n`
  );
}

function comparison(a: SimulationReport, b: SimulationReport): string {
  const label = (r: SimulationReport): string => r.variant ?? 'base';
  const metric: readonly [string, (k: KpiValues) => number | null, (v: number | null) => string][] =
    [
      ['offered', (k) => k.offered, (v) => (v === null ? '-' : String(v))],
      ['answered', (k) => k.answered, (v) => (v === null ? '-' : String(v))],
      ['abandon rate', (k) => k.abandonRate, pct],
      ['service level', (k) => k.serviceLevel, pct],
      ['ASA (s)', (k) => k.asaSeconds, secs],
      ['AHT (s)', (k) => k.ahtSeconds, secs],
      ['occupancy', (k) => k.occupancy, pct],
      ['utilisation', (k) => k.utilisation, pct],
    ];
  const scopes: [string, KpiValues, KpiValues | undefined][] = [['total', a.total, b.total]];
  for (const [id, k] of Object.entries(a.queues)) scopes.push([`queue ${id}`, k, b.queues[id]]);
  const rows: string[][] = [];
  for (const [scope, ka, kb] of scopes) {
    for (const [name, get, fmt] of metric) {
      if (scope !== 'total' && (name === 'occupancy' || name === 'utilisation')) continue;
      const va = get(ka);
      const vb = kb ? get(kb) : null;
      const delta =
        va === null || vb === null
          ? '-'
          : fmt === pct
            ? `${vb - va >= 0 ? '+' : ''}${((vb - va) * 100).toFixed(1)} pp`
            : (vb - va >= 0 ? '+' : '') +
              (Number.isInteger(vb - va) ? String(vb - va) : (vb - va).toFixed(1));
      rows.push([`${scope}: ${name}`, fmt(va), fmt(vb), delta]);
    }
  }
  return formatTable(['', label(a), label(b), 'change'], rows);
}

function progressBar(io: CommandIo, label: string): ((f: number) => void) | undefined {
  if (!io.isTty) return undefined;
  let last = -1;
  return (fraction) => {
    const filled = Math.round(fraction * 30);
    if (filled === last && fraction < 1) return;
    last = filled;
    io.err(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(fraction * 100)}%`,
    );
    if (fraction >= 1) io.err('\r' + ' '.repeat(label.length + 40) + '\r');
  };
}

/**
 * Runs `switchboard simulate` with `args` (the words after `simulate`) and returns the exit code:
 * 0 on success, 1 when the scenario cannot be read or is invalid, 2 on bad arguments.
 *
 * @example
 * ```sh
 * npx switchboard simulate examples/sim/bank.json
 * npx switchboard simulate examples/sim/bank.json --compare plus-10-percent --json report.json
 * npx switchboard simulate examples/sim/bank.json --compare strategy=round-robin
 * ```
 */
export async function simulate(
  args: readonly string[],
  io: CommandIo = processIo,
): Promise<number> {
  const parsed = parseArgs(args, ['seed', 'json', 'compare', 'flow-root'], ['quiet', 'help']);
  if (parsed.options.has('help')) {
    io.out(USAGE);
    return 0;
  }
  const errors = [...parsed.errors];
  const seed = numberOption(parsed, 'seed', errors, SEED_RANGE);
  const file = parsed.positional[0];
  if (file === undefined) errors.push('a scenario file is required');
  if (parsed.positional.length > 1) errors.push(`unexpected argument '${parsed.positional[1]}'`);
  const flowRootRaw = parsed.options.get('flow-root');
  const compareRaw = parsed.options.get('compare');
  let compare: ScenarioVariant | string | undefined;
  if (typeof compareRaw === 'string') {
    const v = inlineVariant(compareRaw);
    if (typeof v === 'object' && 'error' in v) errors.push(v.error);
    else compare = v;
  }
  if (errors.length > 0 || file === undefined) {
    io.err(`switchboard simulate: ${errors.join('; ')}\n\n${USAGE}`);
    return 2;
  }

  let scenario: Scenario;
  try {
    const base = dirname(file);
    const flowRoot = typeof flowRootRaw === 'string' ? flowRootRaw : base;
    const loadFlow = (path: string): unknown => readJsonFile(resolveInside(flowRoot, base, path));
    scenario = parseScenario(resolveScenarioFlows(readJsonFile(file), loadFlow));
  } catch (err) {
    if (err instanceof ValidationError) {
      io.err(`switchboard simulate: ${file} is not a valid scenario:\n${issueLines(err)}`);
    } else if (err instanceof CliInputError) {
      io.err(`switchboard simulate: cannot read ${file}: ${err.message}\n`);
    } else throw err;
    return 1;
  }

  const memoryLimit = Math.floor(getHeapStatistics().heap_size_limit * 0.75);
  const quiet = parsed.options.has('quiet');
  const run = (variant: ScenarioVariant | string | undefined, label: string): SimulationReport => {
    const onProgress = quiet ? undefined : progressBar(io, label);
    return runSimulation(scenario, {
      limits: { maxMemoryBytes: memoryLimit },
      ...(seed !== undefined ? { seed } : {}),
      ...(variant !== undefined ? { variant } : {}),
      ...(onProgress ? { onProgress } : {}),
    }).report;
  };
  let base: SimulationReport;
  let other: SimulationReport | undefined;
  try {
    base = run(undefined, 'simulating');
    if (compare !== undefined) other = run(compare, 'comparing ');
  } catch (err) {
    if (err instanceof ValidationError) {
      const memory = err.issues.some((i) => i.message.includes('maxMemoryBytes'));
      io.err(
        `switchboard simulate: cannot simulate ${file}:\n${issueLines(err)}` +
          (memory
            ? `  (a run may use three quarters of Node's heap limit, ` +
              `${Math.round(memoryLimit / 2 ** 20)} MiB here; raise it with ` +
              `NODE_OPTIONS=--max-old-space-size=<MiB>)\n`
            : ''),
      );
      return 1;
    }
    if (err instanceof SwitchboardError) {
      io.err(`switchboard simulate: ${err.message}\n`);
      return 1;
    }
    throw err;
  }

  const json = parsed.options.get('json');
  const payload = other ? { base, compare: other } : base;
  const text = JSON.stringify(payload, null, 2) + '\n';
  if (json === '-') {
    io.out(text);
    return 0;
  }
  io.out(header(base));
  io.out(kpiTable(base));
  io.out(extras(base));
  if (other) {
    io.out(`\ncompared with ${other.variant} on the same seeded arrivals:\n\n`);
    io.out(comparison(base, other));
  }
  if (typeof json === 'string') {
    writeFileSync(json, text);
    io.out(`\nreport written to ${json}\n`);
  }
  return 0;
}
