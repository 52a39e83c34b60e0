import { validateCalendar } from '../calendar/index.js';
import { checkExpression } from '../expr/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { FLOW_SCHEMA, NODE_KINDS } from './flow-definition.js';
import type { NodeKind } from './flow-definition.js';
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
import { patternProblem } from '../expr/index.js';
import { checkFlowGraph } from './flow-graph.js';
import type { GraphNode } from './flow-graph.js';
import { FLOW_LIMITS } from './flow-limits.js';
import { WAITING_KINDS, checkCallGraph, collectLibrary, subflowInfo } from './subflow-library.js';
import type { Library } from './subflow-library.js';

/** What {@link validateFlow} may check a flow against. */
export interface FlowValidationContext {
  /** Routing queue ids; when given, `enqueue` and `callback` nodes must name one of them. */
  readonly queues?: Iterable<string>;
  /** Hook names the host implements; when given, `hook` nodes must name one of them. */
  readonly hooks?: Iterable<string>;
  /** Flows available to `subflow` nodes besides the flow's own `subflows`. */
  readonly flows?: Iterable<unknown>;
}

type ExitSpec = { readonly required: readonly string[]; readonly optional: readonly string[] };

const EXITS: Record<Exclude<NodeKind, 'subflow'>, ExitSpec | null> = {
  play: { required: ['next'], optional: [] },
  menu: { required: ['noInput', 'noMatch'], optional: [] },
  collect: { required: ['next', 'noInput', 'invalid'], optional: [] },
  condition: { required: ['otherwise'], optional: [] },
  set: { required: ['next'], optional: [] },
  'business-hours': { required: ['open', 'closed'], optional: ['holiday'] },
  hook: { required: ['ok', 'error'], optional: ['timeout'] },
  language: { required: ['next'], optional: [] },
  callback: { required: ['accepted', 'declined'], optional: [] },
  enqueue: null,
  transfer: null,
  voicemail: null,
  return: null,
  hangup: null,
};

const GATHER = ['timeoutMs', 'maxRetries', 'noInputPrompt'];
const FIELDS: Record<NodeKind, readonly string[]> = {
  play: ['prompt', 'exits'],
  menu: ['prompt', 'choices', 'noMatchPrompt', 'exits', ...GATHER],
  collect: [
    'prompt',
    'variable',
    'input',
    'minLength',
    'maxLength',
    'terminator',
    'pattern',
    'invalidPrompt',
    'sensitive',
    'exits',
    ...GATHER,
  ],
  condition: ['branches', 'exits'],
  set: ['assign', 'exits'],
  'business-hours': ['calendar', 'exits'],
  hook: ['name', 'input', 'resultVariable', 'timeoutMs', 'exits'],
  language: ['language', 'exits'],
  enqueue: ['queue', 'priority', 'attributes', 'prompt'],
  transfer: ['target', 'prompt'],
  voicemail: ['mailbox', 'prompt', 'maxDurationMs'],
  callback: [
    'queue',
    'offerPrompt',
    'numberPrompt',
    'variable',
    'acceptKey',
    'declineKey',
    'minLength',
    'maxLength',
    'attributes',
    'exits',
    ...GATHER,
  ],
  subflow: ['flow', 'params', 'resultVariable', 'exits'],
  return: ['outcome', 'output'],
  hangup: ['prompt'],
};

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

/** Kinds that end a (sub)flow. */
const TERMINAL: ReadonlySet<string> = new Set([
  'enqueue',
  'transfer',
  'voicemail',
  'hangup',
  'return',
]);
const DTMF_KEY = /^[0-9*#]$/;
const TRANSFER_TARGET = /^(sips?:[^\s@]+@[^\s]+|sips?:[^\s]+|\+?[0-9*#]{2,32})$/;

class FlowChecker {
  readonly issues: ValidationIssue[] = [];
  private languages: string[] = [];
  private knownVariables = new Set<string>();
  private declared = new Set<string>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly calendars = new Set<string>();
  private readonly queues: ReadonlySet<string> | undefined;
  private readonly hooks: ReadonlySet<string> | undefined;

  constructor(
    private readonly lib: Library,
    context: FlowValidationContext,
    private readonly asSubflow: boolean,
  ) {
    this.queues = context.queues ? new Set(context.queues) : undefined;
    this.hooks = context.hooks ? new Set(context.hooks) : undefined;
  }

  private add(path: string, message: string): void {
    this.issues.push({ path, message });
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
      this.add(prop(path, 'timezone'), `unknown IANA timezone ${JSON.stringify(flow.timezone)}`);
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
      if (!isJson(initial))
        this.add(prop(path, name), 'initial value must be JSON data (finite numbers)');
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

  private expr(value: unknown, path: string): void {
    this.issues.push(...checkExpression(value, path, { variables: this.knownVariables }));
  }

  private exprMap(value: unknown, path: string, what: string): void {
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

  private declaredVariable(value: unknown, path: string, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') this.add(path, 'must name a declared variable');
    else if (!this.declared.has(value))
      this.add(path, `unknown variable '${value}'; declare it in the flow's variables`);
  }

  private positive(
    value: unknown,
    path: string,
    opts: { min?: number; integer?: boolean } = {},
  ): void {
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

  private prompt(value: unknown, path: string, required: boolean): void {
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

  private queue(value: unknown, path: string): void {
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
    spec: ExitSpec | null,
  ): void {
    const path = prop(at, 'exits');
    if (spec === null) {
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
      this.edge(info, target, prop(path, name), `exit '${name}'`);
    }
  }

  private edge(info: GraphNode, target: unknown, path: string, what: string): void {
    const t = this.checkTarget(target, path, what);
    if (t !== undefined) info.edges.push({ target: t, path });
  }

  private checkNode(n: unknown, at: string): void {
    if (!isRecord(n)) {
      this.add(at, 'a node must be an object { id, kind, ... }');
      return;
    }
    const kind = n.kind;
    if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) {
      this.add(
        prop(at, 'kind'),
        `unknown node kind ${JSON.stringify(kind)}; allowed: ${NODE_KINDS.join(', ')}`,
      );
      return;
    }
    const k = kind as NodeKind;
    const info = typeof n.id === 'string' ? this.nodes.get(n.id) : undefined;
    if (!info || info.path !== at) return; // bad or duplicate id: reported already
    const allowed = new Set(['id', 'kind', 'description', ...FIELDS[k]]);
    for (const key of Object.keys(n))
      if (!allowed.has(key)) this.add(prop(at, key), `unknown property for a ${k} node`);
    if (n.description !== undefined && typeof n.description !== 'string')
      this.add(prop(at, 'description'), 'must be a string');
    if (k !== 'subflow') this.exitsOf(n, at, info, EXITS[k]);
    switch (k) {
      case 'play':
        this.prompt(n.prompt, prop(at, 'prompt'), true);
        break;
      case 'hangup':
      case 'transfer':
      case 'enqueue':
      case 'voicemail':
        this.prompt(n.prompt, prop(at, 'prompt'), false);
        if (k === 'transfer' && (typeof n.target !== 'string' || !TRANSFER_TARGET.test(n.target))) {
          this.add(
            prop(at, 'target'),
            'must be a sip:/sips: URI or a phone number (+, digits, *, #)',
          );
        }
        if (k === 'enqueue') {
          this.queue(n.queue, prop(at, 'queue'));
          if (typeof n.priority === 'string') this.expr(n.priority, prop(at, 'priority'));
          else if (
            n.priority !== undefined &&
            (typeof n.priority !== 'number' || !Number.isFinite(n.priority))
          ) {
            this.add(prop(at, 'priority'), 'must be a number or an expression');
          }
          this.exprMap(n.attributes, prop(at, 'attributes'), 'attribute');
        }
        if (k === 'voicemail') {
          if (typeof n.mailbox !== 'string' || n.mailbox === '')
            this.add(prop(at, 'mailbox'), 'must be a mailbox id');
          this.positive(n.maxDurationMs, prop(at, 'maxDurationMs'));
        }
        break;
      case 'menu':
        this.prompt(n.prompt, prop(at, 'prompt'), true);
        this.gather(n, at);
        this.prompt(n.noMatchPrompt, prop(at, 'noMatchPrompt'), false);
        this.choices(n.choices, prop(at, 'choices'), info);
        break;
      case 'collect': {
        this.prompt(n.prompt, prop(at, 'prompt'), true);
        this.gather(n, at);
        this.prompt(n.invalidPrompt, prop(at, 'invalidPrompt'), false);
        this.declaredVariable(n.variable, prop(at, 'variable'), true);
        if (n.input !== undefined && n.input !== 'dtmf' && n.input !== 'speech')
          this.add(prop(at, 'input'), "must be 'dtmf' or 'speech'");
        this.lengths(n, at, 1, 20);
        if (
          n.terminator !== undefined &&
          (typeof n.terminator !== 'string' || !DTMF_KEY.test(n.terminator))
        ) {
          this.add(prop(at, 'terminator'), 'must be one key: 0-9, * or #');
        }
        if (n.pattern !== undefined) {
          if (typeof n.pattern !== 'string')
            this.add(prop(at, 'pattern'), 'must be a regular expression string');
          else {
            const problem = patternProblem(n.pattern);
            if (problem !== undefined)
              this.add(prop(at, 'pattern'), `invalid regular expression: ${problem}`);
          }
        }
        if (n.sensitive !== undefined && typeof n.sensitive !== 'boolean')
          this.add(prop(at, 'sensitive'), 'must be a boolean');
        break;
      }
      case 'condition': {
        const path = prop(at, 'branches');
        if (!Array.isArray(n.branches) || n.branches.length === 0) {
          this.add(path, 'must be a non-empty array of { when, next }');
          break;
        }
        n.branches.forEach((b: unknown, i) => {
          const bp = index(path, i);
          if (!isRecord(b)) {
            this.add(bp, 'must be an object { when, next }');
            return;
          }
          this.expr(b.when, prop(bp, 'when'));
          this.edge(info, b.next, prop(bp, 'next'), 'branch');
          for (const key of Object.keys(b))
            if (key !== 'when' && key !== 'next') this.add(prop(bp, key), 'unknown property');
        });
        break;
      }
      case 'set': {
        const path = prop(at, 'assign');
        if (!isRecord(n.assign) || Object.keys(n.assign).length === 0) {
          this.add(path, 'must be a non-empty object: variable -> expression');
          break;
        }
        for (const [name, e] of Object.entries(n.assign)) {
          if (!this.declared.has(name))
            this.add(
              prop(path, name),
              `unknown variable '${name}'; declare it in the flow's variables`,
            );
          this.expr(e, prop(path, name));
        }
        break;
      }
      case 'business-hours': {
        const path = prop(at, 'calendar');
        if (typeof n.calendar === 'string') {
          if (!this.calendars.has(n.calendar)) {
            this.add(
              path,
              `unknown calendar '${n.calendar}'; known: ${[...this.calendars].join(', ') || '(none)'}`,
            );
          }
        } else this.issues.push(...validateCalendar(n.calendar, path));
        break;
      }
      case 'hook':
        if (typeof n.name !== 'string' || !ID_PATTERN.test(n.name))
          this.add(prop(at, 'name'), 'must be a hook name');
        else if (this.hooks && !this.hooks.has(n.name)) {
          this.add(
            prop(at, 'name'),
            `unknown hook '${n.name}'; known: ${[...this.hooks].sort().join(', ') || '(none)'}`,
          );
        }
        this.exprMap(n.input, prop(at, 'input'), 'field');
        this.declaredVariable(n.resultVariable, prop(at, 'resultVariable'), false);
        this.positive(n.timeoutMs, prop(at, 'timeoutMs'));
        break;
      case 'language':
        if (typeof n.language !== 'string' || !this.languages.includes(n.language)) {
          this.add(
            prop(at, 'language'),
            `must be one of the flow's languages (${this.languages.join(', ')})`,
          );
        }
        break;
      case 'callback':
        this.queue(n.queue, prop(at, 'queue'));
        this.prompt(n.offerPrompt, prop(at, 'offerPrompt'), true);
        this.prompt(n.numberPrompt, prop(at, 'numberPrompt'), true);
        this.gather(n, at);
        this.declaredVariable(n.variable, prop(at, 'variable'), false);
        for (const key of ['acceptKey', 'declineKey'] as const) {
          if (n[key] !== undefined && (typeof n[key] !== 'string' || !DTMF_KEY.test(n[key]))) {
            this.add(prop(at, key), 'must be one key: 0-9, * or #');
          }
        }
        if ((n.acceptKey ?? '1') === (n.declineKey ?? '2'))
          this.add(prop(at, 'declineKey'), 'must differ from acceptKey');
        this.lengths(n, at, 6, 15);
        this.exprMap(n.attributes, prop(at, 'attributes'), 'attribute');
        break;
      case 'subflow':
        this.subflow(n, at, info);
        break;
      case 'return':
        if (!this.asSubflow)
          this.add(prop(at, 'kind'), 'a return node is only allowed in a flow used as a subflow');
        if (typeof n.outcome === 'string' && unsafeKeyProblem(n.outcome, 'an outcome')) {
          this.add(prop(at, 'outcome'), unsafeKeyProblem(n.outcome, 'an outcome') as string);
        } else if (
          n.outcome !== undefined &&
          (typeof n.outcome !== 'string' || !VARIABLE_PATTERN.test(n.outcome))
        ) {
          this.add(prop(at, 'outcome'), 'must be an outcome name (letters, digits, _)');
        }
        this.exprMap(n.output, prop(at, 'output'), 'field');
        break;
    }
  }

  private gather(n: Record<string, unknown>, at: string): void {
    this.positive(n.timeoutMs, prop(at, 'timeoutMs'));
    this.positive(n.maxRetries, prop(at, 'maxRetries'), { min: 0 });
    if (typeof n.maxRetries === 'number' && n.maxRetries > 10)
      this.add(prop(at, 'maxRetries'), 'must be at most 10');
    this.prompt(n.noInputPrompt, prop(at, 'noInputPrompt'), false);
  }

  private lengths(n: Record<string, unknown>, at: string, defMin: number, defMax: number): void {
    this.positive(n.minLength, prop(at, 'minLength'));
    this.positive(n.maxLength, prop(at, 'maxLength'));
    const min = typeof n.minLength === 'number' ? n.minLength : defMin;
    const max = typeof n.maxLength === 'number' ? n.maxLength : defMax;
    if (min > max)
      this.add(prop(at, 'minLength'), `minLength ${min} is greater than maxLength ${max}`);
    if (max > 64) this.add(prop(at, 'maxLength'), 'must be at most 64');
  }

  private choices(value: unknown, path: string, info: GraphNode): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.add(path, 'must be a non-empty array of { dtmf?, speech?, next }');
      return;
    }
    const keys = new Map<string, string>();
    value.forEach((c: unknown, i) => {
      const cp = index(path, i);
      if (!isRecord(c)) {
        this.add(cp, 'must be an object { dtmf?, speech?, next }');
        return;
      }
      for (const key of Object.keys(c))
        if (!['dtmf', 'speech', 'next'].includes(key)) this.add(prop(cp, key), 'unknown property');
      if (c.dtmf === undefined && c.speech === undefined)
        this.add(cp, 'a choice needs a dtmf key or speech phrases');
      if (c.dtmf !== undefined) {
        if (typeof c.dtmf !== 'string' || !DTMF_KEY.test(c.dtmf))
          this.add(prop(cp, 'dtmf'), 'must be one key: 0-9, * or #');
        else if (keys.has(c.dtmf))
          this.add(prop(cp, 'dtmf'), `key '${c.dtmf}' is already used by ${keys.get(c.dtmf)}`);
        else keys.set(c.dtmf, cp);
      }
      if (c.speech !== undefined) {
        const sp = prop(cp, 'speech');
        if (!isRecord(c.speech)) this.add(sp, 'must be an object: language -> phrases');
        else {
          for (const [lang, phrases] of Object.entries(c.speech)) {
            if (!this.languages.includes(lang))
              this.add(prop(sp, lang), `'${lang}' is not one of the flow's languages`);
            else if (
              !Array.isArray(phrases) ||
              phrases.length === 0 ||
              phrases.some((p) => typeof p !== 'string' || p.trim() === '')
            ) {
              this.add(prop(sp, lang), 'must be a non-empty array of phrases');
            }
          }
        }
      }
      this.edge(info, c.next, prop(cp, 'next'), 'choice');
    });
  }

  private subflow(n: Record<string, unknown>, at: string, info: GraphNode): void {
    const fp = prop(at, 'flow');
    const exitsPath = prop(at, 'exits');
    const def = typeof n.flow === 'string' ? this.lib.defs.get(n.flow) : undefined;
    if (typeof n.flow !== 'string') this.add(fp, 'must be a flow id');
    else if (!def)
      this.add(
        fp,
        `unknown flow '${n.flow}'; add it to subflows or the validation context's flows`,
      );
    const sub = def ? subflowInfo(def, this.lib) : undefined;
    if (sub && typeof n.flow === 'string') {
      (info as { flow?: string }).flow = n.flow;
      if (sub.outcomes.size === 0)
        this.add(fp, `flow '${n.flow}' has no return node, so it cannot be used as a subflow`);
    }
    if (n.params !== undefined) {
      if (!isRecord(n.params))
        this.add(prop(at, 'params'), 'must be an object: subflow variable -> expression');
      else {
        for (const [name, e] of Object.entries(n.params)) {
          if (sub && !sub.variables.has(name)) {
            this.add(
              prop(prop(at, 'params'), name),
              `flow '${String(n.flow)}' declares no variable '${name}'`,
            );
          }
          this.expr(e, prop(prop(at, 'params'), name));
        }
      }
    }
    this.declaredVariable(n.resultVariable, prop(at, 'resultVariable'), false);
    if (!isRecord(n.exits)) {
      this.add(exitsPath, 'missing exits: one per outcome the subflow returns');
      return;
    }
    if (sub) {
      for (const o of sub.outcomes)
        if (!Object.hasOwn(n.exits, o))
          this.add(
            prop(exitsPath, o),
            `missing exit '${o}' for an outcome of flow '${String(n.flow)}'`,
          );
    }
    for (const [name, target] of Object.entries(n.exits)) {
      if (sub && !sub.outcomes.has(name)) {
        this.add(prop(exitsPath, name), `flow '${String(n.flow)}' never returns outcome '${name}'`);
        continue;
      }
      this.edge(info, target, prop(exitsPath, name), `exit '${name}'`);
    }
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
        terminal: (n) => TERMINAL.has(n.kind),
        known: (n) => (NODE_KINDS as readonly string[]).includes(n.kind),
        spins: (n) => {
          if (WAITING_KINDS.has(n.kind) || TERMINAL.has(n.kind)) return false;
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

function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (isRecord(v)) return Object.values(v).every(isJson);
  return false;
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
