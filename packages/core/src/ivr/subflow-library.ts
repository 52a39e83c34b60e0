import type { ValidationIssue } from '../shared/index.js';
import { isRecord } from './flow-paths.js';
import { FLOW_LIMITS } from './flow-limits.js';
import { WAITING_KINDS } from './nodes/node-specs.js';

/** @internal What a caller needs to know about a flow used as a subflow (computed once per flow). */
export interface SubflowInfo {
  readonly variables: ReadonlySet<string>;
  readonly outcomes: ReadonlySet<string>;
  /** Whether it can return without waiting for input (then a loop through it may spin). */
  readonly returnsWithoutWaiting: boolean;
  /** Flows its subflow nodes call, without duplicates. */
  readonly calls: readonly string[];
}

/** @internal The flows subflow nodes may call, by id, with their analysis memoised. */
export interface Library {
  readonly defs: Map<string, Record<string, unknown>>;
  readonly infos: Map<string, SubflowInfo>;
}

/** @internal The embedded subflows and the context's flows, first definition of an id wins. */
export function collectLibrary(
  root: Record<string, unknown>,
  flows: Iterable<unknown> | undefined,
): Library {
  const defs = new Map<string, Record<string, unknown>>();
  const add = (def: unknown): void => {
    if (isRecord(def) && typeof def.id === 'string' && !defs.has(def.id)) defs.set(def.id, def);
  };
  if (Array.isArray(root.subflows)) root.subflows.forEach(add);
  if (flows) for (const f of flows) add(f);
  return { defs, infos: new Map() };
}

/** @internal Every node id an (unchecked) node's exits, choices and branches point to. */
export function nodeTargets(n: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (isRecord(n.exits))
    for (const v of Object.values(n.exits)) if (typeof v === 'string') out.push(v);
  for (const list of [n.choices, n.branches]) {
    if (Array.isArray(list))
      for (const c of list) if (isRecord(c) && typeof c.next === 'string') out.push(c.next);
  }
  return out;
}

/** @internal A flow's interface as a subflow; analysed once per flow id, then read from the cache. */
export function subflowInfo(def: Record<string, unknown>, lib: Library): SubflowInfo {
  const id = String(def.id);
  const cached = lib.infos.get(id);
  if (cached) return cached;
  const variables = new Set(isRecord(def.variables) ? Object.keys(def.variables) : []);
  const outcomes = new Set<string>();
  const calls = new Set<string>();
  const nodes = new Map<string, Record<string, unknown>>();
  if (Array.isArray(def.nodes) && def.nodes.length <= FLOW_LIMITS.maxNodes) {
    for (const n of def.nodes) if (isRecord(n) && typeof n.id === 'string') nodes.set(n.id, n);
  }
  for (const n of nodes.values()) {
    if (n.kind === 'return') outcomes.add(typeof n.outcome === 'string' ? n.outcome : 'next');
    if (n.kind === 'subflow' && typeof n.flow === 'string') calls.add(n.flow);
  }
  // Can a return be reached from start through non-waiting nodes only?
  const seen = new Set<string>();
  const queue = typeof def.start === 'string' ? [def.start] : [];
  let found = false;
  while (queue.length > 0 && !found) {
    const nid = queue.pop() as string;
    if (seen.has(nid)) continue;
    seen.add(nid);
    const n = nodes.get(nid);
    if (!n || (typeof n.kind === 'string' && WAITING_KINDS.has(n.kind))) continue;
    if (n.kind === 'return') found = true;
    for (const t of nodeTargets(n)) queue.push(t);
  }
  const info: SubflowInfo = {
    variables,
    outcomes,
    returnsWithoutWaiting: found,
    calls: [...calls],
  };
  lib.infos.set(id, info);
  return info;
}

/**
 * @internal Checks the call graph of subflows from the root flow's subflow nodes: no flow may call
 * itself, directly or through others, and calls may not nest deeper than
 * {@link FLOW_LIMITS}.maxSubflowDepth. Each flow is explored once (memoised), so a diamond of many
 * levels takes linear time, not one walk per path.
 */
export function checkCallGraph(
  root: Record<string, unknown>,
  lib: Library,
  issues: ValidationIssue[],
): void {
  if (!Array.isArray(root.nodes) || root.nodes.length > FLOW_LIMITS.maxNodes) return;
  if (lib.defs.size > FLOW_LIMITS.maxFlows) {
    issues.push({
      path: '$.subflows',
      message: `${lib.defs.size} flows are available to subflow nodes; the limit is ${FLOW_LIMITS.maxFlows}`,
    });
    return;
  }
  const rootId = typeof root.id === 'string' ? root.id : '';
  const calls = (id: string): readonly string[] => {
    const def = lib.defs.get(id);
    return def ? subflowInfo(def, lib).calls.filter((c) => lib.defs.has(c) || c === rootId) : [];
  };
  /** Longest chain of nested calls below each flow (0 when it calls nothing); cycle-free flows only. */
  const depth = new Map<string, number>();
  /** Flows from which a cycle is reachable. */
  const cyclic = new Set<string>();
  root.nodes.forEach((n: unknown, i) => {
    if (!isRecord(n) || n.kind !== 'subflow' || typeof n.flow !== 'string') return;
    if (!lib.defs.has(n.flow)) return;
    const path = `$.nodes[${i}].flow`;
    if (n.flow === rootId) {
      issues.push({ path, message: `flow '${n.flow}' calls itself` });
      return;
    }
    const cycles = explore(n.flow, [rootId], calls, depth, cyclic);
    for (const cycle of cycles) {
      issues.push({ path, message: `subflows call each other in a cycle: ${cycle.join(' -> ')}` });
    }
    const nested = 1 + (depth.get(n.flow) ?? 0);
    if (cycles.length === 0 && !cyclic.has(n.flow) && nested > FLOW_LIMITS.maxSubflowDepth) {
      issues.push({
        path,
        message: `subflow calls nest ${nested} deep from here; the limit is ${FLOW_LIMITS.maxSubflowDepth}`,
      });
    }
  });
}

/**
 * Depth-first walk of the call graph from `start` with an explicit stack. Returns the cycles found
 * (each as the trail of calls that closes it); records the nesting depth of every cycle-free flow
 * it finishes and marks flows that reach a cycle, so that later walks skip them.
 */
function explore(
  start: string,
  prefix: readonly string[],
  calls: (id: string) => readonly string[],
  depth: Map<string, number>,
  cyclic: Set<string>,
): string[][] {
  const cycles: string[][] = [];
  if (depth.has(start) || cyclic.has(start)) return cycles;
  const trail = [...prefix];
  const onTrail = new Set(prefix);
  const frames: { id: string; next: number; deepest: number; cycle: boolean }[] = [];
  const enter = (id: string): void => {
    trail.push(id);
    onTrail.add(id);
    frames.push({ id, next: 0, deepest: 0, cycle: false });
  };
  enter(start);
  while (frames.length > 0) {
    const f = frames[frames.length - 1] as (typeof frames)[number];
    const callees = calls(f.id);
    if (f.next < callees.length) {
      const callee = callees[f.next++] as string;
      if (onTrail.has(callee)) {
        cycles.push([...trail, callee]);
        f.cycle = true;
      } else if (cyclic.has(callee)) f.cycle = true;
      else if (depth.has(callee))
        f.deepest = Math.max(f.deepest, 1 + (depth.get(callee) as number));
      else enter(callee);
      continue;
    }
    frames.pop();
    trail.pop();
    onTrail.delete(f.id);
    if (f.cycle) cyclic.add(f.id);
    else depth.set(f.id, f.deepest);
    const parent = frames[frames.length - 1];
    if (parent) {
      if (f.cycle) parent.cycle = true;
      else parent.deepest = Math.max(parent.deepest, 1 + f.deepest);
    }
  }
  return cycles;
}
