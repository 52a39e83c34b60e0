import type { ValidationIssue } from '../shared/index.js';

/** @internal An exit of a node, once its target is known to exist. */
export interface Edge {
  readonly target: string;
  readonly path: string;
}

/** @internal What the graph checks need of a node. */
export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly path: string;
  readonly edges: Edge[];
  /** Subflow id for subflow nodes whose flow is known. */
  flow?: string;
}

/** @internal Inputs of {@link checkFlowGraph}. */
export interface FlowGraph {
  /** Nodes in document order. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly start: string;
  /** The start and, when set, the onError node. */
  readonly roots: readonly string[];
  /** Whether a node ends the (sub)flow. */
  readonly terminal: (node: GraphNode) => boolean;
  /** Whether a node moves on without waiting for the caller or the host. */
  readonly spins: (node: GraphNode) => boolean;
  /** Whether a node is of a known kind (unknown kinds are reported elsewhere). */
  readonly known: (node: GraphNode) => boolean;
  readonly asSubflow: boolean;
}

/**
 * @internal Reachability from the roots, a path to an end from every reachable node, and no loop of
 * nodes that never wait. Every walk is iterative and linear in nodes plus edges.
 */
export function checkFlowGraph(g: FlowGraph, out: ValidationIssue[]): void {
  const reachable = new Set<string>();
  const stack = [...g.roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const e of g.nodes.get(id)?.edges ?? []) stack.push(e.target);
  }
  for (const n of g.nodes.values()) {
    if (!reachable.has(n.id))
      out.push({ path: n.path, message: `node '${n.id}' is unreachable from start '${g.start}'` });
  }
  // Every reachable node must be able to reach an end of the flow: walk edges backwards from the ends.
  const reverse = new Map<string, string[]>();
  for (const n of g.nodes.values()) {
    for (const e of n.edges) {
      const from = reverse.get(e.target);
      if (from) from.push(n.id);
      else reverse.set(e.target, [n.id]);
    }
  }
  const canEnd = new Set<string>();
  const work: string[] = [];
  for (const n of g.nodes.values()) if (g.terminal(n)) work.push(n.id);
  while (work.length > 0) {
    const id = work.pop() as string;
    if (canEnd.has(id)) continue;
    canEnd.add(id);
    for (const from of reverse.get(id) ?? []) work.push(from);
  }
  const ends = g.asSubflow
    ? 'return, hangup, transfer, enqueue or voicemail'
    : 'hangup, transfer, enqueue or voicemail';
  for (const n of g.nodes.values()) {
    if (reachable.has(n.id) && !canEnd.has(n.id) && g.known(n)) {
      out.push({
        path: n.path,
        message: `no path from node '${n.id}' ends with ${ends}: callers would be stuck`,
      });
    }
  }
  checkSpinLoops(g, out);
}

/**
 * Cycles of nodes that never wait for input would spin forever: strongly connected components
 * (Tarjan's algorithm, with an explicit stack) of the nodes that do not wait.
 */
function checkSpinLoops(g: FlowGraph, out: ValidationIssue[]): void {
  const order = new Map<string, number>();
  for (const n of g.nodes.values()) if (g.spins(n)) order.set(n.id, order.size);
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const sccStack: string[] = [];
  let counter = 0;
  for (const root of order.keys()) {
    if (indexOf.has(root)) continue;
    // Frames: node id and the position of the next edge to look at.
    const frames: [string, number][] = [[root, 0]];
    indexOf.set(root, counter);
    low.set(root, counter++);
    sccStack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [string, number];
      const [v, i] = frame;
      const edges = g.nodes.get(v)?.edges ?? [];
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = (edges[i] as Edge).target;
        if (!order.has(w)) continue;
        if (!indexOf.has(w)) {
          indexOf.set(w, counter);
          low.set(w, counter++);
          sccStack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(v) as number));
      if (low.get(v) !== indexOf.get(v)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = sccStack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && edges.some((e) => e.target === v);
      if (component.length > 1 || selfLoop) {
        component.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
        const first = g.nodes.get(component[0] as string) as GraphNode;
        out.push({
          path: first.path,
          message: `loop ${[...component, first.id].join(' -> ')} can repeat forever without waiting for caller input`,
        });
      }
    }
  }
}
