/**
 * The `load` record (document-model.md §7 Records and load): a fresh store built from a
 * canonical tree. Bounds in the tree are ignored (recomputed on demand), missing or non-numeric
 * geometry counts as 0, and every id listed in `nodes` counts as seen even if it is not reachable
 * from the root (such a node is not live; it is simply retired). A tree that is not usable at
 * all (not an object, or a root that is not among its nodes) loads as a fresh empty document.
 */
import { BoundsCache } from './bounds.js';
import { validIndex } from './shape.js';
import { NONE, NodeStore, RETIRED } from './store.js';
import { DOCUMENT, GEOMETRY, OTHER, typeCode } from './types.js';
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

export function loadTree(tree: unknown, maxBlock: number): Loaded {
  const store = new NodeStore(maxBlock);
  const bounds = new BoundsCache(store);
  const t = isObject(tree) ? tree : {};
  const seq = validIndex(t.seq) ? t.seq : 0;
  const nodes = isObject(t.nodes) ? t.nodes : null;
  const rootId = typeof t.root === 'string' ? t.root : null;
  if (nodes === null || rootId === null || !hasOwn.call(nodes, rootId) || !isObject(nodes[rootId])) {
    const root = store.allocate('0:0', DOCUMENT, NONE, seq);
    bounds.adopt(root);
    return { store, bounds, root, seq };
  }
  for (const id of Object.keys(nodes)) store.intern.set(id, RETIRED);
  const root = place(store, bounds, rootId, nodes[rootId] as Obj, NONE, seq);
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    const list = store.kids[s];
    const children = (nodes[store.ids[s]] as Obj).children;
    if (list === null || !Array.isArray(children)) continue;
    for (const id of children) {
      // Only ids listed in `nodes` and not placed yet: a tree that lists a node twice, or in a
      // cycle, cannot make the store inconsistent.
      if (typeof id !== 'string' || !hasOwn.call(nodes, id) || store.intern.get(id) !== RETIRED) continue;
      const node = nodes[id];
      if (!isObject(node)) continue;
      const c = place(store, bounds, id, node, s, seq);
      list.insert(list.length, c);
      stack.push(c);
    }
  }
  return { store, bounds, root, seq };
}

function place(store: NodeStore, bounds: BoundsCache, id: string, node: Obj, parent: number, seq: number): number {
  const name = typeof node.type === 'string' ? node.type : String(node.type);
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
    const v = props[k];
    if (GEOMETRY.includes(k) || v === null || v === undefined) continue;
    if (k === 'constraints') {
      const codes = constraintCodes(v);
      if (codes >= 0) store.cons[slot] = codes;
    }
    (more ??= new Map()).set(k, storable(v));
  }
  store.props[slot] = more;
  return slot;
}
