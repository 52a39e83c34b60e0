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

/** Nodes numbered in document order, with their edges and reverse edges as flat integer arrays. */
interface Indexed {
  readonly list: readonly GraphNode[];
  /** Node id -> its number. */
  readonly number: ReadonlyMap<string, number>;
  /** Edges of node i: `adj[offsets[i]] .. adj[offsets[i + 1] - 1]`. */
  readonly offsets: Int32Array;
  readonly adj: Int32Array;
  /** Reverse edges, laid out the same way. */
  readonly rOffsets: Int32Array;
  readonly rAdj: Int32Array;
}

function indexGraph(nodes: ReadonlyMap<string, GraphNode>): Indexed {
  const list = [...nodes.values()];
  const n = list.length;
  const number = new Map<string, number>();
  list.forEach((node, i) => number.set(node.id, i));
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = m;
    m += (list[i] as GraphNode).edges.length;
  }
  offsets[n] = m;
  const adj = new Int32Array(m);
  const inDegree = new Int32Array(n + 1);
  let k = 0;
  for (const node of list) {
    for (const e of node.edges) {
      const t = number.get(e.target) ?? -1;
      adj[k++] = t;
      if (t >= 0) inDegree[t] = (inDegree[t] as number) + 1;
    }
  }
  const rOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rOffsets[i + 1] = (rOffsets[i] as number) + (inDegree[i] as number);
  const fill = rOffsets.slice(0, n);
  const rAdj = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
      const t = adj[j] as number;
      if (t < 0) continue;
      rAdj[fill[t] as number] = i;
      fill[t] = (fill[t] as number) + 1;
    }
  }
  return { list, number, offsets, adj, rOffsets, rAdj };
}

/** Marks every node reachable from `starts` along `adj` (iterative). */
function reach(
  n: number,
  starts: readonly number[],
  offsets: Int32Array,
  adj: Int32Array,
): Uint8Array {
  const seen = new Uint8Array(n);
  const stack: number[] = [...starts];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v < 0 || seen[v]) continue;
    seen[v] = 1;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      const w = adj[j] as number;
      if (w >= 0 && !seen[w]) stack.push(w);
    }
  }
  return seen;
}

/**
 * @internal Reachability from the roots, a path to an end from every reachable node, and no loop of
 * nodes that never wait. Nodes are numbered once and every walk is iterative over integer arrays,
 * linear in nodes plus edges.
 */
export function checkFlowGraph(g: FlowGraph, out: ValidationIssue[]): void {
  const graph = indexGraph(g.nodes);
  const { list } = graph;
  const n = list.length;
  const roots = g.roots.map((id) => graph.number.get(id) ?? -1);
  const reachable = reach(n, roots, graph.offsets, graph.adj);
  for (let i = 0; i < n; i++) {
    const node = list[i] as GraphNode;
    if (!reachable[i])
      out.push({
        path: node.path,
        message: `node '${node.id}' is unreachable from start '${g.start}'`,
      });
  }
  // Every reachable node must be able to reach an end of the flow: walk edges backwards from the ends.
  const ends: number[] = [];
  for (let i = 0; i < n; i++) if (g.terminal(list[i] as GraphNode)) ends.push(i);
  const canEnd = reach(n, ends, graph.rOffsets, graph.rAdj);
  const endKinds = g.asSubflow
    ? 'return, hangup, transfer, enqueue or voicemail'
    : 'hangup, transfer, enqueue or voicemail';
  for (let i = 0; i < n; i++) {
    const node = list[i] as GraphNode;
    if (reachable[i] && !canEnd[i] && g.known(node)) {
      out.push({
        path: node.path,
        message: `no path from node '${node.id}' ends with ${endKinds}: callers would be stuck`,
      });
    }
  }
  checkSpinLoops(g, graph, out);
}

/**
 * Cycles of nodes that never wait for input would spin forever: strongly connected components
 * (Tarjan's algorithm, with an explicit stack) of the nodes that do not wait.
 */
function checkSpinLoops(g: FlowGraph, graph: Indexed, out: ValidationIssue[]): void {
  const { list, offsets, adj } = graph;
  const n = list.length;
  const candidate = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (g.spins(list[i] as GraphNode)) candidate[i] = 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack = new Int32Array(n);
  let sccTop = 0;
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!candidate[root] || index[root] !== -1) continue;
    let top = 0;
    const open = (v: number): void => {
      index[v] = counter;
      low[v] = counter++;
      sccStack[sccTop++] = v;
      onStack[v] = 1;
      frameNode[top] = v;
      frameEdge[top++] = offsets[v] as number;
    };
    open(root);
    while (top > 0) {
      const v = frameNode[top - 1] as number;
      const j = frameEdge[top - 1] as number;
      if (j < (offsets[v + 1] as number)) {
        frameEdge[top - 1] = j + 1;
        const w = adj[j] as number;
        if (w < 0 || !candidate[w]) continue;
        if (index[w] === -1) open(w);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      top--;
      if (top > 0) {
        const parent = frameNode[top - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = sccStack[--sccTop] as number;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      let selfLoop = false;
      for (let e = offsets[v] as number; e < (offsets[v + 1] as number); e++)
        if (adj[e] === v) selfLoop = true;
      if (component.length > 1 || selfLoop) {
        component.sort((a, b) => a - b);
        const ids = component.map((i) => (list[i] as GraphNode).id);
        const first = list[component[0] as number] as GraphNode;
        out.push({
          path: first.path,
          message: `loop ${[...ids, first.id].join(' -> ')} can repeat forever without waiting for caller input`,
        });
      }
    }
  }
}
