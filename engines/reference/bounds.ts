/**
 * Derived bounds (document-model §2), computed on demand as a pure function of the tree rather
 * than kept up to date after every op: an op then costs nothing here, and a snapshot walks the
 * tree once. The arithmetic is written exactly as the spec evaluates it, left to right.
 */
import { isContainer } from './nodes.js';
import type { Node, Tree } from './tree.js';

export type Bounds = [number, number, number, number];

/** A node's own rectangle, rotated about its centre unless rotation is exactly 0 (-0 too). */
export function ownRect(node: Node): Bounds {
  const x = node.props.get('x') as number;
  const y = node.props.get('y') as number;
  const width = node.props.get('width') as number;
  const height = node.props.get('height') as number;
  const rotation = node.props.get('rotation') as number;
  if (rotation === 0) return [x, y, x + width, y + height];
  const theta = (rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = x + width / 2;
  const cy = y + height / 2;
  const corners: Array<[number, number]> = [
    [-(width / 2), -(height / 2)],
    [width / 2, -(height / 2)],
    [width / 2, height / 2],
    [-(width / 2), height / 2],
  ];
  let box: Bounds | null = null;
  for (const [dx, dy] of corners) {
    const px = cx + dx * cos - dy * sin;
    const py = cy + dx * sin + dy * cos;
    box = box === null ? [px, py, px, py] : [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)];
  }
  return box!;
}

function union(into: Bounds | null, add: Bounds): Bounds {
  if (into === null) return [add[0], add[1], add[2], add[3]];
  return [Math.min(into[0], add[0]), Math.min(into[1], add[1]), Math.max(into[2], add[2]), Math.max(into[3], add[3])];
}

/** The bounds of one container from its children's rectangles and their own bounds. */
function containerBounds(tree: Tree, node: Node, known: Map<string, Bounds | null>): Bounds | null {
  let bounds: Bounds | null = null;
  for (const childId of node.children) {
    const child = tree.get(childId)!;
    bounds = union(bounds, ownRect(child));
    const inner = known.get(childId);
    if (inner) {
      // Translation only: a child's rotation does not apply to its descendants.
      const x = child.props.get('x') as number;
      const y = child.props.get('y') as number;
      bounds = union(bounds, [x + inner[0], y + inner[1], x + inner[2], y + inner[3]]);
    }
  }
  return bounds;
}

/**
 * Bounds of every live node (null for leaves and childless containers), children before
 * parents, with an explicit stack so a deeply nested tree cannot overflow the call stack.
 */
export function allBounds(tree: Tree): Map<string, Bounds | null> {
  const known = new Map<string, Bounds | null>();
  const stack: Array<{ id: string; expanded: boolean }> = [{ id: tree.root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = tree.get(top.id)!;
    if (!isContainer(node.type) || node.children.length === 0) {
      known.set(node.id, null);
    } else if (top.expanded) {
      known.set(node.id, containerBounds(tree, node, known));
    } else {
      stack.push({ id: node.id, expanded: true });
      for (const child of node.children) stack.push({ id: child, expanded: false });
    }
  }
  return known;
}
