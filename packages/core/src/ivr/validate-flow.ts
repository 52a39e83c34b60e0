import { validateCalendar } from '../calendar/index.js';
import { checkExpression } from '../expr/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { FLOW_SCHEMA, NODE_KINDS } from './flow-definition.js';
import {
  ID_PATTERN,
  LANGUAGE_PATTERN,
  RESERVED_NAMES,
  VARIABLE_PATTERN,
  index,
  isRecord,
  prop,
  unsafeKeyProblem,
} from './flow-paths.js';
import { templateExpressions } from './prompt-template.js';
import { isValidTimezone } from '../expr/zoned-time.js';
import { checkFlowGraph } from './flow-graph.js';
import type { GraphNode } from './flow-graph.js';
import { FLOW_LIMITS } from './flow-limits.js';
import { ENDING_KINDS, WAITING_KINDS, isNodeKind, specOf } from './nodes/node-specs.js';
import type { ExitSpec, NodeChecker } from './nodes/node-kind-spec.js';
import { checkCallGraph, collectLibrary, subflowInfo } from './subflow-library.js';
import type { Library, SubflowInfo } from './subflow-library.js';

/** What {@link validateFlow} may check a flow against. */
export interface FlowValidationContext {
  /** Routing queue ids; when given, `enqueue` and `callback` nodes must name one of them. */
  readonly queues?: Iterable<string>;
  /** Hook names the host implements; when given, `hook` nodes must name one of them. */
  readonly hooks?: Iterable<string>;
  /** Flows available to `subflow` nodes besides the flow's own `subflows`. */
  readonly flows?: Iterable<unknown>;
}

const FLOW_FIELDS = new Set([
  'schema',
  'id',
  'version',
  'name',
  'description',
  'languages',
  'timezone',
  'start',
  'variables',
  'attributes',
  'calendars',
  'subflows',
  'onError',
  'nodes',
]);

/** Checks one flow document; also the {@link NodeChecker} the node kinds' specs validate with. */
class FlowChecker implements NodeChecker {
  readonly issues: ValidationIssue[] = [];
  readonly languages: string[] = [];
  /** The node whose exits {@link FlowChecker.edge} records. */
  private current: GraphNode | undefined;
  private knownVariables = new Set<string>();
  private declared = new Set<string>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly calendars = new Set<string>();
  private readonly queues: ReadonlySet<string> | undefined;
  private readonly hooks: ReadonlySet<string> | undefined;

  constructor(
    private readonly lib: Library,
    context: FlowValidationContext,
    readonly asSubflow: boolean,
  ) {
    this.queues = context.queues ? new Set(context.queues) : undefined;
    this.hooks = context.hooks ? new Set(context.hooks) : undefined;
  }

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  addAll(issues: readonly ValidationIssue[]): void {
    for (const issue of issues) this.issues.push(issue);
  }

  isDeclared(name: string): boolean {
    return this.declared.has(name);
  }

  check(flow: unknown, path: string): void {
    if (!isRecord(flow)) {
      this.add(
        path,
        'a flow must be an object { schema, id, version, languages, timezone, start, nodes }',
      );
      return;
    }
    for (const key of Object.keys(flow))
      if (!FLOW_FIELDS.has(key)) this.add(prop(path, key), 'unknown property');
    if (flow.schema !== FLOW_SCHEMA) this.add(prop(path, 'schema'), `must be '${FLOW_SCHEMA}'`);
    if (typeof flow.id !== 'string' || !ID_PATTERN.test(flow.id)) {
      this.add(prop(path, 'id'), 'must be an id: letters, digits, -, _, . (up to 64)');
    }
    if (typeof flow.version !== 'number' || !Number.isInteger(flow.version) || flow.version < 1) {
      this.add(prop(path, 'version'), 'must be an integer >= 1');
    }
    for (const key of ['name', 'description'] as const) {
      if (flow[key] !== undefined && typeof flow[key] !== 'string')
        this.add(prop(path, key), 'must be a string');
    }
    this.checkLanguages(flow.languages, prop(path, 'languages'));
    if (!isValidTimezone(flow.timezone)) {
      this.add(prop(path, 'timezone'), `unknown IANA timezone ${shown(flow.timezone)}`);
    }
    this.checkVariables(flow.variables, prop(path, 'variables'));
    this.checkAttributes(flow.attributes, prop(path, 'attributes'));
    if (flow.calendars !== undefined) {
      if (!isRecord(flow.calendars))
        this.add(prop(path, 'calendars'), 'must be an object: name -> calendar');
      else {
        for (const [name, cal] of Object.entries(flow.calendars)) {
          const unsafe = unsafeKeyProblem(name, 'a calendar');
          if (unsafe) {
            this.add(prop(prop(path, 'calendars'), name), unsafe);
            continue;
          }
          this.calendars.add(name);
          this.issues.push(...validateCalendar(cal, prop(prop(path, 'calendars'), name)));
        }
      }
    }
    if (flow.subflows !== undefined && !Array.isArray(flow.subflows)) {
      this.add(prop(path, 'subflows'), 'must be an array of flows');
    }
    const nodesPath = prop(path, 'nodes');
    if (!Array.isArray(flow.nodes) || flow.nodes.length === 0) {
      this.add(nodesPath, 'must be a non-empty array of nodes');
      return;
    }
    if (flow.nodes.length > FLOW_LIMITS.maxNodes) {
      this.add(
        nodesPath,
        `${flow.nodes.length} nodes; the limit is ${FLOW_LIMITS.maxNodes} per flow (split it into subflows)`,
      );
      return;
    }
    // First pass: ids, so exits can be checked against them.
    flow.nodes.forEach((n: unknown, i) => {
      const at = index(nodesPath, i);
      if (!isRecord(n)) return;
      if (typeof n.id !== 'string' || !ID_PATTERN.test(n.id)) {
        this.add(prop(at, 'id'), 'must be a node id: letters, digits, -, _, . (up to 64)');
        return;
      }
      if (this.nodes.has(n.id)) {
        this.add(
          prop(at, 'id'),
          `duplicate node id '${n.id}' (first at ${this.nodes.get(n.id)?.path})`,
        );
        return;
      }
      this.nodes.set(n.id, {
        id: n.id,
        kind: typeof n.kind === 'string' ? n.kind : '',
        path: at,
        edges: [],
      });
    });
    flow.nodes.forEach((n: unknown, i) => this.checkNode(n, index(nodesPath, i)));
    this.checkTarget(flow.start, prop(path, 'start'), 'start');
    if (flow.onError !== undefined)
      this.checkTarget(flow.onError, prop(path, 'onError'), 'onError');
    this.checkGraph(flow);
  }

  private checkLanguages(value: unknown, path: string): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.add(path, "must be a non-empty array of language tags, e.g. ['en', 'zh-CN']");
      return;
    }
    value.forEach((l: unknown, i) => {
      if (typeof l !== 'string' || !LANGUAGE_PATTERN.test(l))
        this.add(index(path, i), 'must be a language tag such as en or zh-CN');
      else if (this.languages.includes(l)) this.add(index(path, i), `duplicate language '${l}'`);
      else this.languages.push(l);
    });
  }

  private checkVariables(value: unknown, path: string): void {
    this.knownVariables = new Set(['language']);
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.add(path, 'must be an object: variable name -> initial value');
      return;
    }
    for (const [name, initial] of Object.entries(value)) {
      const unsafe = unsafeKeyProblem(name, 'a variable');
      if (unsafe) {
        this.add(prop(path, name), unsafe);
        continue;
      }
      if (!VARIABLE_PATTERN.test(name) || RESERVED_NAMES.has(name)) {
        this.add(
          prop(path, name),
          `'${name}' cannot name a variable (letters, digits, _; not a reserved word)`,
        );
        continue;
      }
      if (!isJsonWithin(initial, FLOW_LIMITS.maxValueDepth))
        this.add(
          prop(path, name),
          `initial value must be JSON data (finite numbers) nested at most ${FLOW_LIMITS.maxValueDepth} levels`,
        );
      this.declared.add(name);
      this.knownVariables.add(name);
    }
  }

  private checkAttributes(value: unknown, path: string): void {
    if (value === undefined) {
      this.knownVariables.add('attributes');
      return;
    }
    if (!Array.isArray(value)) {
      this.add(path, 'must be an array of attribute names');
      return;
    }
    value.forEach((a: unknown, i) => {
      const unsafe = typeof a === 'string' ? unsafeKeyProblem(a, 'an attribute') : undefined;
      if (unsafe) this.add(index(path, i), unsafe);
      else if (typeof a !== 'string' || !VARIABLE_PATTERN.test(a))
        this.add(index(path, i), 'must be an attribute name');
      else this.knownVariables.add(`attributes.${a}`);
    });
  }

  private checkTarget(value: unknown, path: string, what: string): string | undefined {
    if (typeof value !== 'string' || value === '') {
      this.add(path, `${what} must be a node id`);
      return undefined;
    }
    if (!this.nodes.has(value)) {
      this.add(path, `${what} points to unknown node '${value}'`);
      return undefined;
    }
    return value;
  }

  expr(value: unknown, path: string): void {
    this.issues.push(...checkExpression(value, path, { variables: this.knownVariables }));
  }

  exprMap(value: unknown, path: string, what: string): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.add(path, `must be an object: ${what} -> expression`);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const unsafe = unsafeKeyProblem(k, `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`);
      if (unsafe) this.add(prop(path, k), unsafe);
      else this.expr(v, prop(path, k));
    }
  }

  declaredVariable(value: unknown, path: string, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') this.add(path, 'must name a declared variable');
    else if (!this.declared.has(value))
      this.add(path, `unknown variable '${value}'; declare it in the flow's variables`);
  }

  positive(value: unknown, path: string, opts: { min?: number; integer?: boolean } = {}): void {
    if (value === undefined) return;
    const min = opts.min ?? 1;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      (opts.integer !== false && !Number.isInteger(value))
    ) {
      this.add(path, `must be an integer >= ${min}`);
    }
  }

  prompt(value: unknown, path: string, required: boolean): void {
    if (value === undefined) {
      if (required) this.add(path, 'missing prompt');
      return;
    }
    if (!isRecord(value)) {
      this.add(
        path,
        `must be an object: language -> text or { audio }, with ${this.languages.join(', ')}`,
      );
      return;
    }
    for (const lang of this.languages) {
      if (!Object.hasOwn(value, lang)) this.add(prop(path, lang), `missing '${lang}' translation`);
    }
    for (const [lang, content] of Object.entries(value)) {
      const at = prop(path, lang);
      if (!this.languages.includes(lang)) {
        this.add(at, `'${lang}' is not one of the flow's languages (${this.languages.join(', ')})`);
        continue;
      }
      let text: string | undefined;
      if (typeof content === 'string') text = content;
      else if (
        isRecord(content) &&
        typeof content.text === 'string' &&
        Object.keys(content).length === 1
      )
        text = content.text;
      else if (
        isRecord(content) &&
        typeof content.audio === 'string' &&
        Object.keys(content).length === 1
      ) {
        if (!/^(https?:|file:|\/|\.{0,2}\/)?[^\s]+$/.test(content.audio))
          this.add(prop(at, 'audio'), 'must be a URL');
        continue;
      } else {
        this.add(at, "must be text, { text } or { audio: 'url' }");
        continue;
      }
      if (text.trim() === '') {
        this.add(at, 'empty prompt text');
        continue;
      }
      const { sources, error } = templateExpressions(text);
      if (error) this.add(at, `template: ${error}`);
      for (const s of sources) {
        for (const issue of checkExpression(s, at, { variables: this.knownVariables })) {
          this.issues.push({ path: issue.path, message: `template {{${s}}}: ${issue.message}` });
        }
      }
    }
  }

  queue(value: unknown, path: string): void {
    if (typeof value !== 'string' || value === '') this.add(path, 'must be a queue id');
    else if (this.queues && !this.queues.has(value)) {
      this.add(
        path,
        `unknown queue '${value}'; known: ${[...this.queues].sort().join(', ') || '(none)'}`,
      );
    }
  }

  private exitsOf(
    n: Record<string, unknown>,
    at: string,
    info: GraphNode,
    spec: Exclude<ExitSpec, 'outcomes'>,
  ): void {
    const path = prop(at, 'exits');
    if (spec === 'none') {
      if (n.exits !== undefined && !(isRecord(n.exits) && Object.keys(n.exits).length === 0)) {
        this.add(path, `a ${info.kind} node ends the flow and has no exits`);
      }
      return;
    }
    if (!isRecord(n.exits)) {
      this.add(path, `missing exits: ${spec.required.join(', ')}`);
      return;
    }
    for (const name of spec.required) {
      if (!Object.hasOwn(n.exits, name)) this.add(prop(path, name), `missing exit '${name}'`);
    }
    for (const [name, target] of Object.entries(n.exits)) {
      if (!spec.required.includes(name) && !spec.optional.includes(name)) {
        this.add(
          prop(path, name),
          `unknown exit '${name}' for ${info.kind}; allowed: ${[...spec.required, ...spec.optional].join(', ')}`,
        );
        continue;
      }
      this.edge(target, prop(path, name), `exit '${name}'`);
    }
  }

  edge(target: unknown, path: string, what: string): void {
    const t = this.checkTarget(target, path, what);
    if (t !== undefined) this.current?.edges.push({ target: t, path });
  }

  hook(value: unknown, path: string): void {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) this.add(path, 'must be a hook name');
    else if (this.hooks && !this.hooks.has(value)) {
      this.add(
        path,
        `unknown hook '${value}'; known: ${[...this.hooks].sort().join(', ') || '(none)'}`,
      );
    }
  }

  calendar(value: unknown, path: string): void {
    if (typeof value !== 'string') {
      this.addAll(validateCalendar(value, path));
      return;
    }
    if (!this.calendars.has(value)) {
      this.add(
        path,
        `unknown calendar '${value}'; known: ${[...this.calendars].join(', ') || '(none)'}`,
      );
    }
  }

  subflow(flowId: unknown, path: string): SubflowInfo | undefined {
    const def = typeof flowId === 'string' ? this.lib.defs.get(flowId) : undefined;
    if (typeof flowId !== 'string') this.add(path, 'must be a flow id');
    else if (!def)
      this.add(
        path,
        `unknown flow '${flowId}'; add it to subflows or the validation context's flows`,
      );
    if (!def || typeof flowId !== 'string') return undefined;
    const sub = subflowInfo(def, this.lib);
    if (this.current) this.current.flow = flowId;
    if (sub.outcomes.size === 0)
      this.add(path, `flow '${flowId}' has no return node, so it cannot be used as a subflow`);
    return sub;
  }

  private checkNode(n: unknown, at: string): void {
    if (!isRecord(n)) {
      this.add(at, 'a node must be an object { id, kind, ... }');
      return;
    }
    const kind = n.kind;
    if (!isNodeKind(kind)) {
      this.add(
        prop(at, 'kind'),
        `unknown node kind ${shown(kind)}; allowed: ${NODE_KINDS.join(', ')}`,
      );
      return;
    }
    const info = typeof n.id === 'string' ? this.nodes.get(n.id) : undefined;
    if (!info || info.path !== at) return; // bad or duplicate id: reported already
    const spec = specOf(kind);
    for (const key of Object.keys(n)) {
      if (key !== 'id' && key !== 'kind' && key !== 'description' && !spec.fields.includes(key))
        this.add(prop(at, key), `unknown property for a ${kind} node`);
    }
    if (n.description !== undefined && typeof n.description !== 'string')
      this.add(prop(at, 'description'), 'must be a string');
    this.current = info;
    if (spec.exits !== 'outcomes') this.exitsOf(n, at, info, spec.exits);
    spec.validate(n, at, this);
    this.current = undefined;
  }

  gather(n: Record<string, unknown>, at: string): void {
    this.positive(n.timeoutMs, prop(at, 'timeoutMs'));
    this.positive(n.maxRetries, prop(at, 'maxRetries'), { min: 0 });
    if (typeof n.maxRetries === 'number' && n.maxRetries > 10)
      this.add(prop(at, 'maxRetries'), 'must be at most 10');
    this.prompt(n.noInputPrompt, prop(at, 'noInputPrompt'), false);
  }

  lengths(n: Record<string, unknown>, at: string, defMin: number, defMax: number): void {
    this.positive(n.minLength, prop(at, 'minLength'));
    this.positive(n.maxLength, prop(at, 'maxLength'));
    const min = typeof n.minLength === 'number' ? n.minLength : defMin;
    const max = typeof n.maxLength === 'number' ? n.maxLength : defMax;
    if (min > max)
      this.add(prop(at, 'minLength'), `minLength ${min} is greater than maxLength ${max}`);
    if (max > 64) this.add(prop(at, 'maxLength'), 'must be at most 64');
  }

  private checkGraph(flow: Record<string, unknown>): void {
    const start =
      typeof flow.start === 'string' && this.nodes.has(flow.start) ? flow.start : undefined;
    if (!start) return;
    const roots = [start];
    if (typeof flow.onError === 'string' && this.nodes.has(flow.onError)) roots.push(flow.onError);
    checkFlowGraph(
      {
        nodes: this.nodes,
        start,
        roots,
        asSubflow: this.asSubflow,
        terminal: (n) => ENDING_KINDS.has(n.kind),
        known: (n) => isNodeKind(n.kind),
        spins: (n) => {
          if (WAITING_KINDS.has(n.kind) || ENDING_KINDS.has(n.kind)) return false;
          if (n.kind === 'subflow') {
            const def = n.flow ? this.lib.defs.get(n.flow) : undefined;
            return def ? subflowInfo(def, this.lib).returnsWithoutWaiting : false;
          }
          return true;
        },
      },
      this.issues,
    );
  }
}

/**
 * A short rendering of a document value for a message: scalars as JSON (long strings cut), lists and
 * objects by their type only, so that no value (however large or deep) is echoed or recursed into.
 */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 64 ? `${JSON.stringify(value.slice(0, 64))}...` : JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/** Whether `value` is JSON data (finite numbers) nested at most `maxDepth` levels. Iterative. */
function isJsonWithin(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (depth > maxDepth) return false;
    if (Array.isArray(v)) for (const item of v) stack.push([item, depth + 1]);
    else if (isRecord(v)) for (const item of Object.values(v)) stack.push([item, depth + 1]);
    else return false;
  }
  return true;
}

/**
 * Checks a flow document and returns every problem found, each with a JSON path and a plain
 * message; an empty array means the flow can run. Checked: the document's shape and field types,
 * unknown node kinds and properties, duplicate ids, missing, unknown and dangling exits, unreachable
 * nodes, nodes from which no path ends the call, loops that can spin without waiting for input,
 * expressions (syntax, unknown variables and functions), missing or extra prompt translations,
 * regular expressions, timezones and calendars, subflow outcomes and cycles, and (when the context
 * lists them) unknown queues and hooks. Embedded subflows are checked too, at `$.subflows[i]`.
 *
 * @example
 * ```ts
 * const issues = validateFlow(JSON.parse(text), { queues: ['billing', 'support'] });
 * for (const { path, message } of issues) console.error(`${path}: ${message}`);
 * // $.nodes[3].exits.next: exit 'next' points to unknown node 'mian-menu'
 * ```
 */
export function validateFlow(
  json: unknown,
  context: FlowValidationContext = {},
): ValidationIssue[] {
  if (!isRecord(json)) {
    return [
      {
        path: '$',
        message:
          'a flow must be an object { schema, id, version, languages, timezone, start, nodes }',
      },
    ];
  }
  const lib = collectLibrary(json, context.flows);
  const main = new FlowChecker(lib, context, false);
  main.check(json, '$');
  const issues = main.issues;
  if (Array.isArray(json.subflows)) {
    const seen = new Set<string>();
    json.subflows.forEach((sub: unknown, i) => {
      const at = `$.subflows[${i}]`;
      if (isRecord(sub) && typeof sub.id === 'string') {
        if (seen.has(sub.id) || sub.id === json.id)
          issues.push({ path: `${at}.id`, message: `duplicate flow id '${sub.id}'` });
        seen.add(sub.id);
      }
      const checker = new FlowChecker(lib, context, true);
      checker.check(sub, at);
      issues.push(...checker.issues);
    });
  }
  const embedded = new Set(
    Array.isArray(json.subflows)
      ? json.subflows.map((f: unknown) => (isRecord(f) ? f.id : undefined))
      : [],
  );
  for (const [id, def] of lib.defs) {
    if (embedded.has(id)) continue;
    const checker = new FlowChecker(lib, context, true);
    checker.check(def, `context.flows['${id}']`);
    issues.push(...checker.issues);
  }
  checkCallGraph(json, lib, issues);
  return issues;
}
