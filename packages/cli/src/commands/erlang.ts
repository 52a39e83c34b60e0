/**
 * `switchboard erlang`: the staffing calculator (Erlang C, or Erlang A with `--patience`).
 *
 * @packageDocumentation
 */
import { planStaffing } from '@switchboard/core/analytics';
import type { StaffingPlan, StaffingRequest } from '@switchboard/core/analytics';
import { SwitchboardError, ValidationError } from '@switchboard/core/shared';
import {
  formatTable,
  numberOption,
  parseArgs,
  processIo,
  type CommandIo,
} from './analytics-cli-support.js';

const USAGE = `usage: switchboard erlang --calls-per-hour N --aht SECONDS --target-seconds T
                         [--service-level 0.8] [--patience SECONDS] [--shrinkage 0.3]
                         [--max-asa SECONDS] [--max-abandon RATE] [--rows N] [--json]

Prints a staffing table around the fewest agents meeting the service-level target: Erlang C
(patient callers), or Erlang A (callers abandon after an exponential patience) with --patience.

  --calls-per-hour   offered calls per hour
  --aht              average handle time in seconds (talk + hold + wrap-up)
  --target-seconds   service-level threshold T in seconds
  --service-level    target share answered within T, between 0 and 1 (default 0.8)
  --patience         mean caller patience in seconds (switches to Erlang A)
  --shrinkage        share of paid time unavailable, in [0, 1) (default 0)
  --max-asa          also require ASA <= this many seconds
  --max-abandon      also require abandonment <= this rate (needs --patience)
  --rows             rows shown on each side of the recommendation (default 3)
  --json             print one JSON object instead of the table
`;

const VALUED = [
  'calls-per-hour',
  'aht',
  'target-seconds',
  'service-level',
  'patience',
  'shrinkage',
  'max-asa',
  'max-abandon',
  'rows',
];

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
  const callsPerHour = numberOption(parsed, 'calls-per-hour', errors);
  const ahtSeconds = numberOption(parsed, 'aht', errors);
  const targetSeconds = numberOption(parsed, 'target-seconds', errors);
  for (const [name, value] of [
    ['calls-per-hour', callsPerHour],
    ['aht', ahtSeconds],
    ['target-seconds', targetSeconds],
  ] as const) {
    if (value === undefined && !parsed.options.has(name)) errors.push(`--${name} is required`);
  }
  const serviceLevel = numberOption(parsed, 'service-level', errors);
  const patienceSeconds = numberOption(parsed, 'patience', errors);
  const shrinkage = numberOption(parsed, 'shrinkage', errors);
  const maxAsaSeconds = numberOption(parsed, 'max-asa', errors);
  const maxAbandonRate = numberOption(parsed, 'max-abandon', errors);
  const rows = numberOption(parsed, 'rows', errors);
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
