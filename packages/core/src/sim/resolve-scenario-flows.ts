const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Replaces every IVR flow given as a path (`arrivals[i].ivr.flow: "flows/main.json"`) with the
 * document `load(path)` returns, without touching `value` (a copy is returned). The simulator reads
 * no files itself: the caller decides how paths resolve (the CLI reads them relative to the
 * scenario file). Anything that is not shaped like a scenario is returned as is, for
 * {@link parseScenario} to report.
 *
 * @param value - A scenario as parsed from JSON (not validated yet).
 * @param load - Returns the parsed flow document for a path; its errors propagate.
 * @example
 * ```ts
 * const raw = JSON.parse(readFileSync(file, 'utf8'));
 * const scenario = parseScenario(
 *   resolveScenarioFlows(raw, (p) => JSON.parse(readFileSync(resolve(dirname(file), p), 'utf8'))),
 * );
 * ```
 */
export function resolveScenarioFlows(value: unknown, load: (path: string) => unknown): unknown {
  if (!isObj(value) || !Array.isArray(value.arrivals)) return value;
  let changed = false;
  const arrivals = value.arrivals.map((a: unknown) => {
    if (!isObj(a) || !isObj(a.ivr) || typeof a.ivr.flow !== 'string') return a;
    changed = true;
    return { ...a, ivr: { ...a.ivr, flow: load(a.ivr.flow) } };
  });
  return changed ? { ...value, arrivals } : value;
}
