/**
 * `switchboard erlang`: the staffing calculator (Erlang C, or Erlang A with `--patience`).
 *
 * @packageDocumentation
 */
import {
  MAX_PATIENCE_SECONDS,
  MAX_STAFFING_TABLE_WORK,
  planStaffing,
} from '@switchboard/core/analytics';
import type { StaffingPlan, StaffingRequest } from '@switchboard/core/analytics';
import { SwitchboardError, ValidationError } from '@switchboard/core/shared';
import {
  formatTable,
  numberOption,
  parseArgs,
  processIo,
  type CommandIo,
  type NumberRange,
} from './analytics-cli-support.js';

const USAGE = `usage: switchboard erlang --calls-per-hour N --aht SECONDS --target-seconds T
                         [--service-level 0.8] [--patience SECONDS] [--shrinkage 0.3]
                         [--max-asa SECONDS] [--max-abandon RATE] [--rows N] [--json]

Prints a staffing table around the fewest agents meeting the service-level target: Erlang C
(patient callers), or Erlang A (callers abandon after an exponential patience) with --patience.

  --calls-per-hour   offered calls per hour, 0 to 10000000
  --aht              average handle time in seconds (talk + hold + wrap-up), > 0 and <= 86400
  --target-seconds   service-level threshold T in seconds, 0 to 86400
  --service-level    target share answered within T, > 0 and < 1 (default 0.8)
  --patience         mean caller patience in seconds, > 0 and <= 1000000 (switches to Erlang A)
  --shrinkage        share of paid time unavailable, >= 0 and < 1 (default 0)
  --max-asa          also require ASA <= this many seconds, > 0 and <= 86400
  --max-abandon      also require abandonment <= this rate, > 0 and < 1 (needs --patience)
  --rows             rows shown on each side of the recommendation, 0 to 1000 (default 3; fewer
                     for loads above 10000 Erlangs: rows x load is limited to 20000000)
  --json             print one JSON object instead of the table
  -h, --help         show this help

The offered load (calls per hour x AHT / 3600) must stay below 1000000 Erlangs, and no more than
1000000 agents are ever recommended (the calculator's limit, MAX_AGENTS); with --patience, at most
1000000 callers may arrive during one mean patience. Beyond these limits the command refuses the
request and says which limit it met.
`;

/** The range of every numeric option; the error message for a value outside it states it. */
const RANGES = {
  'calls-per-hour': { min: 0, max: 10_000_000 },
  aht: { above: 0, max: 86_400 },
  'target-seconds': { min: 0, max: 86_400 },
  'service-level': { above: 0, below: 1 },
  patience: { above: 0, max: MAX_PATIENCE_SECONDS },
  shrinkage: { min: 0, below: 1 },
  'max-asa': { above: 0, max: 86_400 },
  'max-abandon': { above: 0, below: 1 },
  rows: { min: 0, max: 1000, integer: true },
} as const satisfies Record<string, NumberRange>;

type RangedOption = keyof typeof RANGES;

const VALUED = Object.keys(RANGES);

const OPTION_OF_FIELD: Record<string, string> = {
  callsPerHour: '--calls-per-hour',
  ahtSeconds: '--aht',
  targetSeconds: '--target-seconds',
  serviceLevel: '--service-level',
  patienceSeconds: '--patience',
  shrinkage: '--shrinkage',
  maxAsaSeconds: '--max-asa',
  maxAbandonRate: '--max-abandon',
  rowsBefore: '--rows',
};

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const secs = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'inf');

function renderTable(plan: StaffingPlan, request: StaffingRequest): string {
  const erlangA = plan.model === 'erlang-a';
  const header = ['agents', 'scheduled', 'service level', 'ASA (s)', 'occupancy', 'P(wait) C'];
  if (erlangA) header.push('abandoned');
  header.push('');
  const rows = plan.rows.map((r) => {
    const cells = [
      String(r.agents),
      String(r.scheduledAgents),
      pct(r.serviceLevel),
      secs(r.asaSeconds),
      pct(r.occupancy),
      r.erlangC.toFixed(4),
    ];
    if (erlangA) cells.push(pct(r.abandonRate ?? 0));
    cells.push(r.agents === plan.recommendedAgents ? '<- recommended' : '');
    return cells;
  });
  const target = request.serviceLevel ?? 0.8;
  const head =
    `${plan.model === 'erlang-a' ? 'Erlang A' : 'Erlang C'}: ${request.callsPerHour} calls/h x ` +
    `${request.ahtSeconds} s = ${plan.trafficErlangs.toFixed(2)} Erlangs; target ` +
    `${pct(target)} within ${request.targetSeconds} s` +
    (request.patienceSeconds !== undefined ? `; mean patience ${request.patienceSeconds} s` : '') +
    '\n\n';
  const foot =
    `\nrecommended: ${plan.recommendedAgents} agents on the phones` +
    (plan.shrinkage > 0
      ? `; schedule ${plan.scheduledAgents} with ${pct(plan.shrinkage)} shrinkage`
      : '') +
    '\n';
  return head + formatTable(header, rows) + foot;
}

/**
 * Runs `switchboard erlang` with `args` (the words after `erlang`) and returns the exit code:
 * 0 on success, 2 on bad arguments.
 *
 * @example
 * ```sh
 * npx switchboard erlang --calls-per-hour 200 --aht 180 --target-seconds 20 --service-level 0.8
 * npx switchboard erlang --calls-per-hour 200 --aht 180 --target-seconds 20 --patience 120 --json
 * ```
 */
export async function erlang(args: readonly string[], io: CommandIo = processIo): Promise<number> {
  const parsed = parseArgs(args, VALUED, ['json', 'help']);
  if (parsed.options.has('help')) {
    io.out(USAGE);
    return 0;
  }
  const errors = [...parsed.errors];
  if (parsed.positional.length > 0) errors.push(`unexpected argument '${parsed.positional[0]}'`);
  const option = (name: RangedOption): number | undefined =>
    numberOption(parsed, name, errors, RANGES[name]);
  const callsPerHour = option('calls-per-hour');
  const ahtSeconds = option('aht');
  const targetSeconds = option('target-seconds');
  for (const name of ['calls-per-hour', 'aht', 'target-seconds'] as const)
    if (!parsed.options.has(name)) errors.push(`--${name} is required`);
  const serviceLevel = option('service-level');
  const patienceSeconds = option('patience');
  const shrinkage = option('shrinkage');
  const maxAsaSeconds = option('max-asa');
  const maxAbandonRate = option('max-abandon');
  const rows = option('rows');
  if (rows !== undefined && callsPerHour !== undefined && ahtSeconds !== undefined) {
    const traffic = (callsPerHour / 3600) * ahtSeconds;
    const most = Math.floor((MAX_STAFFING_TABLE_WORK / traffic - 1) / 2);
    if ((2 * rows + 1) * traffic > MAX_STAFFING_TABLE_WORK)
      errors.push(
        `--rows must be at most ${Math.max(0, most)} for an offered load of ` +
          `${Math.round(traffic)} Erlangs (each row costs time linear in its agents; ` +
          `rows x load is limited to ${MAX_STAFFING_TABLE_WORK})`,
      );
  }
  if (
    errors.length > 0 ||
    callsPerHour === undefined ||
    ahtSeconds === undefined ||
    targetSeconds === undefined
  ) {
    io.err(`switchboard erlang: ${errors.join('; ')}\n\n${USAGE}`);
    return 2;
  }
  const request: StaffingRequest = {
    callsPerHour,
    ahtSeconds,
    targetSeconds,
    serviceLevel: serviceLevel ?? 0.8,
    ...(patienceSeconds !== undefined ? { patienceSeconds } : {}),
    ...(shrinkage !== undefined ? { shrinkage } : {}),
    ...(maxAsaSeconds !== undefined ? { maxAsaSeconds } : {}),
    ...(maxAbandonRate !== undefined ? { maxAbandonRate } : {}),
  };
  let plan: StaffingPlan;
  try {
    plan = planStaffing(request, { rowsBefore: rows ?? 3, rowsAfter: rows ?? 3 });
  } catch (err) {
    if (err instanceof ValidationError) {
      const lines = err.issues.map((i) => {
        const field = i.path.replace(/^\$options\.|^\$\./, '');
        return `${OPTION_OF_FIELD[field] ?? i.path} ${i.message}`;
      });
      io.err(`switchboard erlang: ${lines.join('; ')}\n`);
      return 2;
    }
    if (err instanceof SwitchboardError) {
      io.err(`switchboard erlang: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (parsed.options.has('json')) {
    const json = {
      model: plan.model,
      callsPerHour,
      ahtSeconds,
      targetSeconds,
      serviceLevelTarget: request.serviceLevel,
      ...(patienceSeconds !== undefined ? { patienceSeconds } : {}),
      shrinkage: plan.shrinkage,
      trafficErlangs: plan.trafficErlangs,
      recommendedAgents: plan.recommendedAgents,
      scheduledAgents: plan.scheduledAgents,
      rows: plan.rows.map((r) => ({
        agents: r.agents,
        scheduledAgents: r.scheduledAgents,
        serviceLevel: r.serviceLevel,
        asaSeconds: Number.isFinite(r.asaSeconds) ? r.asaSeconds : null,
        occupancy: r.occupancy,
        erlangC: r.erlangC,
        ...(r.abandonRate !== undefined ? { abandonRate: r.abandonRate } : {}),
        meetsTarget: r.meetsTarget,
      })),
    };
    io.out(JSON.stringify(json) + '\n');
    return 0;
  }
  io.out(renderTable(plan, request));
  return 0;
}
