/**
 * Builds a starting document into a TreeModel and returns it as a canonical tree for a `load`:
 * PAGEs under the root, FRAMEs and GROUPs nested below them, leaves throughout, 3 to 8 levels.
 */
import type { Rng } from './prng.js';
import { LEAF_TYPES, MAX_DEPTH, TreeModel, type NodeType } from './tree.js';
import { nodeProps } from './values.js';

export interface CanonicalNode {
  type: NodeType;
  parent: string | null;
  children: string[];
  props: Record<string, unknown>;
  bounds: null;
}

export interface BuildOptions {
  /** Nodes in all, the root included. */
  nodes: number;
  /** Style props per node (plus 5 geometry props, text and constraints where they apply). */
  style: number;
  seq: number;
}

/** Recently created containers get most new children, so subtrees grow deep rather than flat. */
const RECENT = 40;

export function buildTree(rng: Rng, tree: TreeModel, opts: BuildOptions): { seq: number; root: string; nodes: Record<string, CanonicalNode> } {
  const props = new Map<string, Record<string, unknown>>();
  props.set(tree.root, { x: 0, y: 0, width: 0, height: 0, rotation: 0 });
  const recent: string[] = [];
  let next = 1;
  const add = (type: NodeType, parent: string): string => {
    const p = tree.get(parent);
    const id = `0:${next++}`;
    const pr = nodeProps(rng, type, p.type, p.width, p.height, opts.style);
    tree.insert(id, { type, x: pr.x as number, y: pr.y as number, width: pr.width as number, height: pr.height as number }, parent, p.children.length);
    props.set(id, pr);
    if (type !== 'RECTANGLE' && type !== 'ELLIPSE' && type !== 'TEXT' && type !== 'VECTOR') {
      recent.push(id);
      if (recent.length > RECENT) recent.shift();
    }
    return id;
  };
  const pages = Math.max(1, Math.min(20, Math.round(opts.nodes / 2500)));
  for (let i = 0; i < pages && next < opts.nodes; i++) add('PAGE', tree.root);
  while (next < opts.nodes) {
    const parent = rng.chance(0.7) && recent.length > 0 ? rng.pick(recent) : tree.containers.pick(rng)!;
    const depth = tree.depth(parent);
    const r = rng.float();
    // Pages hold frames (so documents are at least three levels deep); deeper down, mostly leaves.
    let type: NodeType;
    if (depth === 1) type = r < 0.85 ? 'FRAME' : r < 0.95 ? 'GROUP' : rng.pick(LEAF_TYPES);
    else if (depth + 1 >= MAX_DEPTH) type = rng.pick(LEAF_TYPES);
    else type = r < 0.12 ? 'FRAME' : r < 0.18 ? 'GROUP' : rng.pick(LEAF_TYPES);
    add(type, parent);
  }
  const nodes: Record<string, CanonicalNode> = {};
  for (const [id, n] of tree.nodes) nodes[id] = { type: n.type, parent: n.parent, children: [...n.children], props: props.get(id)!, bounds: null };
  return { seq: opts.seq, root: tree.root, nodes };
}
