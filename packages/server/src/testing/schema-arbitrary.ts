import fc from 'fast-check';

type Schema = Record<string, unknown>;

/**
 * A fast-check arbitrary of values that (mostly) satisfy a JSON Schema of the OpenAPI document:
 * `type`, `enum`, `const`, `properties`/`required`, `additionalProperties`, `items`, `oneOf`,
 * `$ref` and numeric/string bounds. Depth-limited. @internal
 */
export function schemaArbitrary(root: unknown, schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const s = (schema ?? {}) as Schema;
  if (typeof s['$ref'] === 'string') return schemaArbitrary(root, resolve(root, s['$ref']), depth);
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s['const']);
  if (Array.isArray(s['enum'])) return fc.constantFrom(...(s['enum'] as unknown[]));
  if (Array.isArray(s['oneOf'])) {
    return fc.oneof(...(s['oneOf'] as unknown[]).map((o) => schemaArbitrary(root, o, depth + 1)));
  }
  const type = s['type'];
  const types = Array.isArray(type) ? (type as string[]) : type ? [type as string] : ['object'];
  return fc.oneof(...types.map((t) => typed(root, s, t, depth)));
}

function typed(root: unknown, s: Schema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(-1e9, Number(s['minimum'] ?? -1e9)),
        max: Math.min(1e9, Number(s['maximum'] ?? 1e9)),
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case 'string': {
      const minLength = Number(s['minLength'] ?? 0);
      const maxLength = Math.min(Number(s['maxLength'] ?? 40), 40);
      if (typeof s['pattern'] === 'string' && !String(s['pattern']).includes('\\S')) {
        return fc
          .stringMatching(new RegExp(s['pattern'] as string))
          .filter((v) => v.length >= minLength && v.length <= Number(s['maxLength'] ?? 1e9));
      }
      return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'array':
      return fc.array(schemaArbitrary(root, s['items'], depth + 1), {
        maxLength: Math.min(Number(s['maxItems'] ?? 4), 4),
      });
    default: {
      const properties = (s['properties'] ?? {}) as Record<string, unknown>;
      const required = new Set((s['required'] as string[] | undefined) ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(properties))
        record[k] = schemaArbitrary(root, v, depth + 1);
      const base = fc.record(record, {
        requiredKeys: [...required].filter((k) => k in properties),
      });
      const extra = s['additionalProperties'];
      if (extra && typeof extra === 'object') {
        return fc
          .tuple(
            base,
            fc.dictionary(
              fc.string({ minLength: 1, maxLength: 8 }),
              schemaArbitrary(root, extra, depth + 1),
              { maxKeys: 3 },
            ),
          )
          .map(([a, b]) => ({ ...b, ...a }));
      }
      return base;
    }
  }
}

function resolve(root: unknown, ref: string): unknown {
  let node = root;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
