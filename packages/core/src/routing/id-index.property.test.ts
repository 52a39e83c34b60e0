// IdIndex against a Map: same lookups, sizes and insertion order after any mix of operations,
// with ids chosen to collide often (a small pool) and tables that grow, shrink and compact.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IdIndex } from './id-index.js';

interface Rec {
  readonly id: string;
  readonly n: number;
}

type Op = { kind: 'set'; id: number; n: number } | { kind: 'delete'; id: number };

const op = (ids: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.nat(ids), n: fc.nat() }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(ids) }) },
  );

function check(ops: Op[], ids: number): void {
  const index = new IdIndex<Rec>();
  const map = new Map<string, Rec>();
  for (const o of ops) {
    const id = `ix-${o.id}`;
    if (o.kind === 'set') {
      const rec = { id, n: o.n };
      index.set(rec);
      map.set(id, rec);
    } else {
      assert.equal(index.remove(id) !== undefined, map.delete(id));
    }
    assert.equal(index.size, map.size);
  }
  for (let k = 0; k <= ids; k++) {
    const id = `ix-${k}`;
    assert.equal(index.get(id), map.get(id));
    assert.equal(index.has(id), map.has(id));
  }
  assert.deepEqual([...index.values()], [...map.values()]);
  assert.deepEqual(
    [...index.values()].map((r) => r.id),
    [...map.keys()],
  );
}

describe('IdIndex', () => {
  it('behaves like a Map on a few ids (many collisions and reuses)', () => {
    fc.assert(
      fc.property(fc.array(op(40), { maxLength: 400 }), (ops) => check(ops, 40)),
      {
        numRuns: 300,
      },
    );
  });

  it('behaves like a Map through growth and compaction', () => {
    fc.assert(
      fc.property(fc.array(op(6000), { minLength: 3000, maxLength: 8000 }), (ops) =>
        check(ops, 6000),
      ),
      { numRuns: 20 },
    );
  });

  it('keeps 100,000 records findable while most of them come and go', () => {
    const index = new IdIndex<Rec>();
    for (let n = 0; n < 100_000; n++) index.set({ id: `a${n}`, n });
    for (let n = 0; n < 100_000; n += 2) assert.ok(index.remove(`a${n}`));
    for (let n = 100_000; n < 150_000; n++) index.set({ id: `a${n}`, n });
    assert.equal(index.size, 100_000);
    for (let n = 0; n < 150_000; n++)
      assert.equal(index.get(`a${n}`)?.n, n % 2 === 1 || n >= 100_000 ? n : undefined);
  });
});
