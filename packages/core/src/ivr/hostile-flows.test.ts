import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { compileFlow } from './compile-flow.js';
import { NODE_KINDS } from './flow-definition.js';
import { FLOW_LIMITS } from './flow-limits.js';
import { FlowValidationError } from './flow-validation-error.js';
import {
  chainFlow,
  diamondFlow,
  fanInFlow,
  flowOf,
  largeFlow,
  nestedFlow,
} from './fixtures/hostile-flows.js';
import { IvrSession } from './ivr-session.js';
import { validateFlow } from './validate-flow.js';

type Json = Record<string, unknown>;

const supportLine = JSON.parse(
  readFileSync(new URL('../../../../examples/ivr/support-line/flow.json', import.meta.url), 'utf8'),
) as Json;

function messages(flow: unknown): string[] {
  return validateFlow(flow).map((i) => `${i.path}: ${i.message}`);
}

/** A flow collecting up to 64 digits against `pattern`. */
function collectFlow(pattern: string): Json {
  return flowOf(
    'collect',
    [
      {
        id: 'ask',
        kind: 'collect',
        prompt: { en: 'Digits?' },
        variable: 'digits',
        maxLength: 64,
        maxRetries: 0,
        pattern,
        exits: { next: 'ok', noInput: 'bye', invalid: 'bye' },
      },
      { id: 'ok', kind: 'hangup', prompt: { en: 'ok' } },
      { id: 'bye', kind: 'hangup', prompt: { en: 'bye' } },
    ],
    { variables: { digits: '' } },
  );
}

describe('hostile flows (issue 11): graph walks and limits', () => {
  it('validates a chain of 5,000 non-waiting nodes without overflowing the stack', () => {
    assert.deepEqual(messages(chainFlow(5000)), []);
    assert.ok(compileFlow(chainFlow(5000)).nodes.size === 5001);
  });

  it('runs a long chain up to the per-event step limit, then hangs up with outcome error', () => {
    const session = new IvrSession(compileFlow(chainFlow(FLOW_LIMITS.maxStepsPerEvent + 10)));
    const r = session.start();
    assert.equal(r.outcome, 'error');
    assert.deepEqual(r.commands.at(-1), {
      type: 'hangup',
      nodeId: `n${FLOW_LIMITS.maxStepsPerEvent}`,
      reason: 'error',
    });
    const short = new IvrSession(compileFlow(chainFlow(FLOW_LIMITS.maxStepsPerEvent - 1)));
    assert.equal(short.start().outcome, 'hangup');
  });

  it('validates a 40,000-node fan-in (linear, not quadratic)', () => {
    assert.deepEqual(messages(fanInFlow(40_000)), []);
  });

  it('validates a 28-level subflow diamond in a 7 KB file (memoised, not exponential)', () => {
    const flow = diamondFlow(28);
    assert.ok(JSON.stringify(flow).length < 8_000);
    assert.deepEqual(messages(flow), []);
    assert.ok(compileFlow(flow).library.size === 28);
  });

  it('validates and compiles a 100,000-node flow', () => {
    const flow = largeFlow(FLOW_LIMITS.maxNodes);
    assert.equal((flow.nodes as unknown[]).length, FLOW_LIMITS.maxNodes);
    assert.deepEqual(messages(flow), []);
  });

  it('refuses a flow past the node limit, naming it, without checking its nodes', () => {
    const flow = chainFlow(FLOW_LIMITS.maxNodes);
    assert.deepEqual(messages(flow), [
      `$.nodes: ${FLOW_LIMITS.maxNodes + 1} nodes; the limit is ${FLOW_LIMITS.maxNodes} per flow (split it into subflows)`,
    ]);
  });

  it('refuses subflow calls nested past the depth limit, and accepts them at the limit', () => {
    assert.deepEqual(messages(nestedFlow(FLOW_LIMITS.maxSubflowDepth)), []);
    assert.deepEqual(messages(nestedFlow(FLOW_LIMITS.maxSubflowDepth + 1)), [
      `$.nodes[0].flow: subflow calls nest ${FLOW_LIMITS.maxSubflowDepth + 1} deep from here; the limit is ${FLOW_LIMITS.maxSubflowDepth}`,
    ]);
  });

  it('reports a call cycle inside a diamond once, with its trail', () => {
    const flow = diamondFlow(6) as { subflows: Json[] };
    const last = flow.subflows[5] as Json;
    last.nodes = [
      { id: 'back', kind: 'subflow', flow: 'l2', exits: { next: 'r' } },
      { id: 'r', kind: 'return' },
    ];
    const cycles = messages(flow).filter((m) => m.includes('cycle'));
    assert.deepEqual(cycles, [
      '$.nodes[0].flow: subflows call each other in a cycle: diamond -> l0 -> l1 -> l2 -> l3 -> l4 -> l5 -> l2',
    ]);
  });

  it('refuses deeply nested initial values with an issue, not a RangeError', () => {
    const nest = (depth: number): unknown =>
      JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    const deep = flowOf('deep', [{ id: 'bye', kind: 'hangup' }], {
      variables: { ok: nest(FLOW_LIMITS.maxValueDepth), deep: nest(200_000) },
    });
    assert.deepEqual(messages(deep), [
      `$.variables.deep: initial value must be JSON data (finite numbers) nested at most ${FLOW_LIMITS.maxValueDepth} levels`,
    ]);
    const odd = flowOf('odd', [{ id: 'bye', kind: nest(200_000) }], { timezone: nest(200_000) });
    assert.deepEqual(messages(odd).slice(0, 2), [
      '$.timezone: unknown IANA timezone a list',
      `$.nodes[0].kind: unknown node kind a list; allowed: ${NODE_KINDS.join(', ')}`,
    ]);
    const flow = flowOf('ok', [{ id: 'bye', kind: 'hangup' }], {
      variables: { ok: nest(FLOW_LIMITS.maxValueDepth) },
    });
    const session = new IvrSession(compileFlow(flow));
    session.start();
    assert.equal(
      JSON.stringify(session.getState().variables.ok),
      JSON.stringify(nest(FLOW_LIMITS.maxValueDepth)),
    );
  });

  it('lists every limit problem at once', () => {
    const flow = nestedFlow(FLOW_LIMITS.maxSubflowDepth + 1) as Json & { nodes: Json[] };
    flow.variables = JSON.parse('{"__proto__": 1, "ok": "x"}') as Json;
    flow.nodes.push({ id: 'extra', kind: 'hangup' });
    const found = messages(flow);
    assert.ok(found.some((m) => m.includes('nest 33 deep')));
    assert.ok(
      found.some((m) => m.startsWith("$.variables.__proto__: '__proto__' cannot name a variable")),
    );
    assert.ok(found.some((m) => m.includes("node 'extra' is unreachable")));
  });
});

describe('hostile flows (issue 11): patterns', () => {
  it("collect '^(1+)+$' with 34 digits answers at once", () => {
    const flow = compileFlow(collectFlow('^(1+)+$'));
    const bad = new IvrSession(flow);
    bad.start();
    const r = bad.send({ type: 'dtmf', digits: `${'1'.repeat(33)}2#` });
    assert.equal(r.outcome, 'hangup');
    assert.equal(bad.getState().nodeId, 'bye');
    const good = new IvrSession(flow);
    good.start();
    good.send({ type: 'dtmf', digits: `${'1'.repeat(34)}#` });
    assert.equal(good.getState().nodeId, 'ok');
  });

  it('refuses unsupported or oversized patterns at validation, with their path', () => {
    for (const [pattern, why] of [
      ['^(\\d)\\1$', 'backreferences are not supported'],
      ['^(?=1)\\d+$', 'lookahead is not supported'],
      ['\\d{1000}', 'repetition count above the limit of 100'],
      ['1'.repeat(501), 'pattern longer than the limit of 500'],
      ['((\\d{100}){100}){2}', 'pattern expands to more than the limit of 10000 automaton states'],
    ]) {
      const found = messages(collectFlow(pattern as string));
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(
        found[0] as string,
        new RegExp(`^\\$\\.nodes\\[0\\]\\.pattern: invalid regular expression: ${why}`),
      );
    }
  });

  it('checks matches() literals in flow expressions', () => {
    const flow = collectFlow('^[0-9]+$');
    (flow.nodes as Json[])[1] = {
      id: 'ok',
      kind: 'condition',
      branches: [{ when: "matches(digits, '(a)\\\\1')", next: 'bye' }],
      exits: { otherwise: 'bye' },
    };
    assert.match(
      messages(flow).join('\n'),
      /\$\.nodes\[1\]\.branches\[0\]\.when: matches\(\) pattern .* backreferences/,
    );
  });
});

describe('hostile flows (issue 11): object keys', () => {
  it('refuses __proto__, constructor and prototype wherever flow data becomes object keys', () => {
    const flow = JSON.parse(
      JSON.stringify(
        flowOf(
          'keys',
          [
            {
              id: 'hook',
              kind: 'hook',
              name: 'lookup',
              input: { KEY_A: '1' },
              exits: { ok: 'q', error: 'q' },
            },
            { id: 'q', kind: 'enqueue', queue: 'support', attributes: { KEY_B: '1' } },
          ],
          {
            variables: { KEY_C: 1 },
            attributes: ['constructor'],
            calendars: { KEY_D: { timezone: 'UTC', weekly: {} } },
          },
        ),
      )
        .replace('KEY_A', '__proto__')
        .replace('KEY_B', 'constructor')
        .replace('KEY_C', 'prototype')
        .replace('KEY_D', '__proto__'),
    ) as unknown;
    const found = messages(flow);
    for (const want of [
      "$.nodes[0].input.__proto__: '__proto__' cannot name a field",
      "$.nodes[1].attributes.constructor: 'constructor' cannot name an attribute",
      "$.variables.prototype: 'prototype' cannot name a variable",
      "$.attributes[0]: 'constructor' cannot name an attribute",
      "$.calendars.__proto__: '__proto__' cannot name a calendar",
    ]) {
      assert.ok(
        found.some((m) => m.startsWith(want)),
        `${want}\n got:\n${found.join('\n')}`,
      );
    }
    assert.throws(() => compileFlow(flow), FlowValidationError);
  });

  it("keeps a JSON '__proto__' attribute as data: getState() works and nothing inherits it", () => {
    const flow = compileFlow(supportLine);
    const attributes = JSON.parse('{"__proto__": {"polluted": true}, "ani": "+1"}') as Record<
      string,
      never
    >;
    const session = new IvrSession(flow, { attributes });
    session.start();
    const state = session.getState();
    assert.equal(Object.getPrototypeOf(state.attributes), Object.prototype);
    assert.equal((state.attributes as Record<string, unknown>).polluted, undefined);
    assert.equal(JSON.stringify(state.attributes), JSON.stringify(attributes));
    assert.equal(JSON.stringify(session.getState()), JSON.stringify(state));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

/** JSON text whose objects often use the keys JavaScript treats specially. */
const jsonText = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('null', 'true', '1', '"x"', '[]', '{}'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a', 'b'),
          tie('value'),
        ),
        { maxLength: 4 },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

const objectText = jsonText.filter((t) => t.startsWith('{'));

describe('object keys, property-tested', () => {
  const flow = compileFlow(supportLine);

  it('session attributes of random JSON with special keys: getState() and resume round-trip', () => {
    fc.assert(
      fc.property(objectText, (text) => {
        const attributes = JSON.parse(text) as Record<string, never>;
        const session = new IvrSession(flow, { attributes });
        session.start();
        const state = session.getState();
        assert.equal(JSON.stringify(state.attributes), JSON.stringify(attributes));
        const again = IvrSession.resume(flow, JSON.parse(JSON.stringify(session)));
        assert.equal(JSON.stringify(again.getState()), JSON.stringify(state));
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('flow variables and attribute maps of random JSON: reported, never thrown', () => {
    fc.assert(
      fc.property(objectText, objectText, (vars, attrs) => {
        const doc = JSON.parse(JSON.stringify(supportLine)) as Json;
        doc.variables = JSON.parse(vars);
        const nodes = doc.nodes as Json[];
        const enqueue = nodes.find((n) => n.kind === 'enqueue') as Json;
        enqueue.attributes = JSON.parse(attrs);
        const issues = validateFlow(doc);
        for (const key of ['__proto__', 'constructor', 'prototype']) {
          if (Object.hasOwn(doc.variables as object, key))
            assert.ok(issues.some((i) => i.message.startsWith(`'${key}' cannot name a variable`)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('flow validator fuzzing (counted runs)', () => {
  const nodes = supportLine.nodes as Json[];
  it('random JSON in random places of a valid flow: issues only, and what validates compiles', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: nodes.length - 1 }),
        fc.constantFrom(
          'kind',
          'exits',
          'prompt',
          'choices',
          'branches',
          'assign',
          'pattern',
          'next',
          'id',
          'flow',
          'variable',
        ),
        jsonText,
        fc.boolean(),
        (i, field, text, top) => {
          const doc = JSON.parse(JSON.stringify(supportLine)) as Json;
          const value = JSON.parse(text) as unknown;
          if (top) doc[field === 'id' ? 'start' : field] = value;
          else ((doc.nodes as Json[])[i] as Json)[field] = value;
          const issues = validateFlow(doc);
          assert.ok(Array.isArray(issues));
          for (const issue of issues) assert.equal(typeof issue.message, 'string');
          if (issues.length === 0) compileFlow(doc);
          else assert.throws(() => compileFlow(doc), FlowValidationError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random JSON documents: issues only', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        assert.ok(Array.isArray(validateFlow(JSON.parse(text))));
      }),
      { numRuns: 500 },
    );
  });
});
