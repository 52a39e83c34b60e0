import type { ExpressionNode } from './ast.js';

/** @internal The direct children of a node, in source order. */
export function childrenOf(node: ExpressionNode): readonly ExpressionNode[] {
  switch (node.type) {
    case 'literal':
    case 'variable':
      return [];
    case 'member':
      return [node.object, node.property];
    case 'array':
      return node.elements;
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'call':
      return node.args;
  }
}

/**
 * @internal Visits every node of a tree in pre-order, with an explicit stack: a tree of any depth
 * is walked without recursion.
 */
export function forEachNode(root: ExpressionNode, visit: (node: ExpressionNode) => void): void {
  const stack: ExpressionNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ExpressionNode;
    visit(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ExpressionNode);
  }
}

/**
 * @internal Whether a tree is deeper than `limit` levels (a leaf is one level). Iterative; stops
 * as soon as the answer is known.
 */
export function deeperThan(root: ExpressionNode, limit: number): boolean {
  const stack: [ExpressionNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [ExpressionNode, number];
    if (depth > limit) return true;
    for (const c of childrenOf(node)) stack.push([c, depth + 1]);
  }
  return false;
}
