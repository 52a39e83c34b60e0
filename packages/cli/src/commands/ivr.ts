/**
 * `switchboard ivr`: walk an IVR flow in the terminal, run scripted cases for CI, or validate.
 *
 * @packageDocumentation
 */
import { FlowValidationError, IvrSession, compileFlow, validateFlow } from '@switchboard/core/ivr';
import { runFlowSuite } from '@switchboard/core/testing';
import type {
  CompiledFlow,
  FlowValidationContext,
  IvrCommand,
  IvrEvent,
} from '@switchboard/core/ivr';
import type { ExpressionValue } from '@switchboard/core/expr';
import { isReservedKey, reservedKeyMessage } from '@switchboard/core/interactions';
import { ValidationError, VirtualClock, systemClock } from '@switchboard/core/shared';
import type { Clock } from '@switchboard/core/shared';
import { processIo, type CommandIo } from '../command-io.js';
import { CliInputError, readJsonFile } from '../read-json.js';

const USAGE = `usage: switchboard ivr run <flow.json> [--lang TAG] [--attr NAME=VALUE ...] [--at ISO-TIME]
       switchboard ivr test <flow.json> <cases.json> [--resume-each-step]
       switchboard ivr validate <flow.json>

  run        walk the flow in the terminal: type keys at a gather ('1', '1234#'), 'say <words>'
             for speech, an empty line for a timeout, 'hangup' (or end of input) to hang up;
             at a hook type the result as JSON, 'error' or 'timeout'
  test       run scripted cases ({ cases: [{ name, at?, attributes?, events, expect }] });
             exit code 1 when any case fails
  validate   print every problem with its JSON path; exit code 1 when there are any

options (all sub-commands):
  --queues a,b   queue ids routing knows (enqueue/callback nodes must use them)
  --hooks x,y    hook names the host implements
  --flows f.json extra flows (one flow or an array) available to subflow nodes
  --lang TAG     starting language (run)
  --attr N=V     interaction attribute; V is parsed as JSON when it can be (run)
  --at TIME      run on a virtual clock starting at this ISO time instead of now (run)
  -h, --help     show this help
`;

interface Options {
  positional: string[];
  queues?: string[];
  hooks?: string[];
  flows: unknown[];
  lang?: string;
  attrs: Record<string, ExpressionValue>;
  at?: number;
  resumeEachStep: boolean;
}

function parse(args: readonly string[]): Options {
  const o: Options = { positional: [], flows: [], attrs: {}, resumeEachStep: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--queues':
        o.queues = value().split(',').filter(Boolean);
        break;
      case '--hooks':
        o.hooks = value().split(',').filter(Boolean);
        break;
      case '--flows': {
        const f = readJsonFile(value());
        o.flows.push(...(Array.isArray(f) ? f : [f]));
        break;
      }
      case '--lang':
        o.lang = value();
        break;
      case '--attr': {
        const pair = value();
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Error(`--attr expects NAME=VALUE, got '${pair}'`);
        if (isReservedKey(pair.slice(0, eq)))
          throw new Error(`--attr: ${reservedKeyMessage('attribute', pair.slice(0, eq))}`);
        const raw = pair.slice(eq + 1);
        let v: ExpressionValue;
        try {
          v = JSON.parse(raw) as ExpressionValue;
        } catch {
          v = raw;
        }
        o.attrs[pair.slice(0, eq)] = v;
        break;
      }
      case '--at': {
        const t = Date.parse(value());
        if (Number.isNaN(t))
          throw new Error('--at expects an ISO 8601 time, e.g. 2026-01-05T10:00:00+08:00');
        o.at = t;
        break;
      }
      case '--resume-each-step':
        o.resumeEachStep = true;
        break;
      default:
        if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
        o.positional.push(a);
    }
  }
  return o;
}

function context(o: Options): FlowValidationContext {
  return {
    ...(o.queues ? { queues: o.queues } : {}),
    ...(o.hooks ? { hooks: o.hooks } : {}),
    ...(o.flows.length ? { flows: o.flows } : {}),
  };
}

function printIssues(io: CommandIo, path: string, err: ValidationError): void {
  io.err(`${path}: ${err.issues.length} problem(s)\n`);
  for (const i of err.issues) io.err(`  ${i.path}: ${i.message}\n`);
}

function describe(c: IvrCommand): string {
  switch (c.type) {
    case 'play':
      return c.audio !== undefined
        ? `play  [${c.language}] audio ${c.audio}`
        : `say   [${c.language}] ${c.text ?? ''}`;
    case 'gather':
      return `gather ${c.input} (${c.minDigits}-${c.maxDigits} keys${c.terminator ? `, ends with ${c.terminator}` : ''}, ${c.timeoutMs} ms)`;
    case 'hook':
      return `hook  ${c.name} ${JSON.stringify(c.input)}`;
    case 'enqueue':
      return `ENQUEUE to '${c.queueId}' priority ${c.priority} ${JSON.stringify(c.attributes)}`;
    case 'transfer':
      return `TRANSFER to ${c.target}`;
    case 'voicemail':
      return `VOICEMAIL into '${c.mailbox}' (up to ${c.maxDurationMs / 1000} s)`;
    case 'callback':
      return `callback booked: ${c.number} via queue '${c.queueId}'`;
    case 'hangup':
      return c.reason === 'error' ? 'HANGUP (run-time error)' : 'HANGUP';
  }
}

async function run(flow: CompiledFlow, o: Options, io: CommandIo): Promise<number> {
  const clock: Clock = o.at === undefined ? systemClock : new VirtualClock(o.at);
  const session = new IvrSession(flow, {
    clock,
    attributes: o.attrs,
    ...(o.lang !== undefined ? { language: o.lang } : {}),
  });
  const lines = io.lines();
  const ask = async (prompt: string): Promise<string | undefined> => {
    io.out(prompt);
    const next = await lines.next();
    if (next.done === true) {
      io.out('\n');
      return undefined;
    }
    if (!io.inputIsTty) io.out(`${next.value}\n`);
    return next.value.trim();
  };
  let result = session.start();
  try {
    for (;;) {
      for (const r of result.timeline) {
        if (r.type === 'ivr-step')
          io.out(`  · ${r.nodeId} -> ${r.exit}${r.input !== undefined ? ` (${r.input})` : ''}\n`);
        if (r.type === 'ivr-event-ignored') io.out(`  · ignored ${r.event}: ${r.reason}\n`);
      }
      for (const c of result.commands) io.out(`${describe(c)}\n`);
      if (result.status === 'ended') {
        io.out(`ended: ${result.outcome ?? ''}\n`);
        return 0;
      }
      const last = result.commands[result.commands.length - 1];
      let event: IvrEvent;
      if (last?.type === 'hook') {
        const line = await ask(`${last.name} result (JSON, 'error' or 'timeout')> `);
        if (line === undefined || line === 'hangup') event = { type: 'hangup' };
        else if (line === 'timeout') event = { type: 'timeout' };
        else if (line === 'error')
          event = { type: 'hook-result', requestId: last.requestId, ok: false, error: 'error' };
        else {
          let data: ExpressionValue = null;
          try {
            data = line === '' ? null : (JSON.parse(line) as ExpressionValue);
          } catch {
            io.out('  (not JSON; try again)\n');
            result = { commands: [last], timeline: [], status: 'waiting' };
            continue;
          }
          event = { type: 'hook-result', requestId: last.requestId, ok: true, data };
        }
      } else {
        const line = await ask('> ');
        if (line === undefined || line === 'hangup') event = { type: 'hangup' };
        else if (line === '') event = { type: 'timeout' };
        else if (line.startsWith('say ')) event = { type: 'speech', text: line.slice(4) };
        else event = { type: 'dtmf', digits: line.replace(/\s+/g, '') };
      }
      result = session.send(event);
    }
  } finally {
    await lines.return?.();
  }
}

/**
 * Runs `switchboard ivr <run|test|validate> ...` with `args` (the words after `ivr`) and returns
 * the exit code: 0 on success, 1 when a flow or case fails or cannot be read, 2 on bad arguments.
 *
 * @example
 * ```sh
 * npx switchboard ivr validate examples/ivr/support-line/flow.json
 * npx switchboard ivr test examples/ivr/support-line/flow.json examples/ivr/support-line/cases.json
 * ```
 */
export async function ivr(args: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const help = (a: string | undefined): boolean => a === '--help' || a === '-h';
  if (help(sub) || rest.some(help)) {
    io.out(USAGE);
    return 0;
  }
  if (sub === undefined || !['run', 'test', 'validate'].includes(sub)) {
    io.err(
      `${sub === undefined ? 'switchboard ivr: a sub-command is required' : `switchboard ivr: unknown sub-command '${sub}'`}\n\n${USAGE}`,
    );
    return 2;
  }
  let o: Options;
  try {
    o = parse(rest);
  } catch (err) {
    if (err instanceof CliInputError) {
      io.err(`switchboard ivr: cannot read ${err.message}\n`);
      return 1;
    }
    io.err(`switchboard ivr: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const flowPath = o.positional[0];
  if (!flowPath || (sub === 'test' && !o.positional[1])) {
    io.err(
      `switchboard ivr ${sub}: ${sub === 'test' ? 'a flow and a cases file are' : 'a flow file is'} required\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    return await runSub(sub, flowPath, o, io);
  } catch (err) {
    if (err instanceof CliInputError) {
      io.err(`switchboard ivr: cannot read ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function runSub(sub: string, flowPath: string, o: Options, io: CommandIo): Promise<number> {
  const json = readJsonFile(flowPath);
  if (sub === 'validate') {
    const issues = validateFlow(json, context(o));
    for (const i of issues) io.out(`${i.path}: ${i.message}\n`);
    io.out(issues.length ? `${issues.length} problem(s)\n` : 'valid\n');
    return issues.length ? 1 : 0;
  }
  let flow: CompiledFlow;
  try {
    flow = compileFlow(json, context(o));
  } catch (err) {
    if (err instanceof FlowValidationError) {
      printIssues(io, flowPath, err);
      return 1;
    }
    throw err;
  }
  if (sub === 'run') return run(flow, o, io);
  const casesPath = o.positional[1] as string;
  let results;
  try {
    results = runFlowSuite(flow, readJsonFile(casesPath), { resumeEachStep: o.resumeEachStep });
  } catch (err) {
    if (err instanceof ValidationError) {
      printIssues(io, casesPath, err);
      return 1;
    }
    throw err;
  }
  let failed = 0;
  for (const r of results) {
    if (r.passed) io.out(`✔ ${r.name}\n`);
    else {
      failed++;
      io.out(`✖ ${r.name}\n${r.failures.map((f) => `    ${f}`).join('\n')}\n`);
    }
  }
  io.out(`${results.length - failed}/${results.length} cases passed\n`);
  return failed ? 1 : 0;
}
