/**
 * The `load` record (document-model.md §7 Records and load, and the documented choices for what
 * the spec leaves open): a fresh store built from a canonical tree, read from the root down
 * through `children`. Loaded bounds are ignored (every container is marked dirty, so the first
 * snapshot computes them); geometry that is missing or not a finite number is 0; other props are
 * copied as they are. A child id missing from `nodes`, already reached, or whose node has no
 * string `type` is skipped with its subtree; unreachable nodes are dropped; an unknown type is a
 * leaf. Every id listed in `nodes` counts as seen, reachable or not. An unusable tree (not an
 * object, no `nodes` object, or a `root` that does not name a node with a string `type`) gives
 * null: the load changes nothing.
 */
import { BoundsCache } from './bounds.js';
import { validIndex } from './shape.js';
import { NONE, NodeStore, RETIRED } from './store.js';
import { GEOMETRY, OTHER, typeCode } from './types.js';
import { constraintCodes, storable } from './values.js';

export interface Loaded {
  store: NodeStore;
  bounds: BoundsCache;
  root: number;
  seq: number;
}

type Obj = Record<string, unknown>;
const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The node named `id`, when it is usable (an object with a string `type`). */
function usable(nodes: Obj, id: unknown): Obj | null {
  if (typeof id !== 'string' || !hasOwn.call(nodes, id)) return null;
  const node = nodes[id];
  return isObject(node) && typeof node.type === 'string' ? node : null;
}

export function loadTree(tree: unknown, maxBlock: number): Loaded | null {
  if (!isObject(tree) || !isObject(tree.nodes)) return null;
  const nodes = tree.nodes;
  const rootNode = usable(nodes, tree.root);
  if (rootNode === null) return null;
  const seq = validIndex(tree.seq) ? tree.seq + 0 : 0;
  const store = new NodeStore(maxBlock);
  const bounds = new BoundsCache(store);
  // Every id listed in `nodes` counts as seen (spec §7: "every id in the loaded tree"), even one
  // not reachable from the root; RETIRED until placed.
  for (const id of Object.keys(nodes)) store.intern.set(id, RETIRED);
  const root = place(store, bounds, tree.root as string, rootNode, NONE, seq);
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    const list = store.kids[s];
    const children = (nodes[store.ids[s]] as Obj).children;
    if (list === null || list === undefined || !Array.isArray(children)) continue;
    for (const id of children) {
      const node = usable(nodes, id);
      if (node === null || store.intern.get(id as string) !== RETIRED) continue;
      const c = place(store, bounds, id as string, node, s, seq);
      list.insert(list.length, c);
      stack.push(c);
    }
  }
  return { store, bounds, root, seq };
}

function place(store: NodeStore, bounds: BoundsCache, id: string, node: Obj, parent: number, seq: number): number {
  const name = node.type as string;
  const code = typeCode(name);
  const slot = store.allocate(id, code < 0 ? OTHER : code, parent, seq);
  if (code < 0) (store.otherTypes ??= new Map()).set(slot, name);
  bounds.adopt(slot);
  // Every loaded container's bounds are computed on the first snapshot.
  if (store.kids[slot] !== null) bounds.dirty[slot] = 1;
  const props = isObject(node.props) ? node.props : {};
  for (let g = 0; g < GEOMETRY.length; g++) {
    const v = props[GEOMETRY[g]];
    if (typeof v === 'number' && Number.isFinite(v)) store.geo[g][slot] = v;
  }
  let more: Map<string, unknown> | undefined;
  for (const k of Object.keys(props)) {
    if (GEOMETRY.includes(k)) continue;
    const v = props[k];
    if (k === 'constraints') {
      const codes = constraintCodes(v);
      if (codes >= 0) store.cons[slot] = codes;
    }
    (more ??= new Map()).set(k, storable(v));
  }
  store.props[slot] = more;
  return slot;
}
