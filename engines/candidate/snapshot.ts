/**
 * The canonical tree (document-model.md §6) built fresh from the store on each call, so a
 * caller may mutate it freely. Nodes are listed in pre-order from the root (order carries no
 * meaning); ids and prop names such as `__proto__` stay ordinary own keys.
 */
import type { CanonicalNode, CanonicalTree } from '../../src/engine/protocol.js';
import type { BoundsCache } from './bounds.js';
import type { NodeStore } from './store.js';
import { G_H, G_R, G_W, G_X, G_Y, OTHER, TYPE_NAMES } from './types.js';
import { materialize } from './values.js';

/** Sets an own enumerable property even when the key is `__proto__`. */
export function putOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function typeName(store: NodeStore, slot: number): string {
  const t = store.type[slot];
  return t === OTHER ? (store.otherTypes?.get(slot) ?? 'OTHER') : TYPE_NAMES[t];
}

export function propsOf(store: NodeStore, slot: number): Record<string, unknown> {
  const g = store.geo;
  const props: Record<string, unknown> = {
    x: g[G_X][slot],
    y: g[G_Y][slot],
    width: g[G_W][slot],
    height: g[G_H][slot],
    rotation: g[G_R][slot],
  };
  const more = store.props[slot];
  if (more !== undefined) for (const [k, v] of more) putOwn(props, k, materialize(v));
  return props;
}

/** The tree now; bounds must already be refreshed. */
export function buildTree(store: NodeStore, bounds: BoundsCache, root: number, seq: number): CanonicalTree {
  const nodes: Record<string, CanonicalNode> = {};
  const ids = store.ids;
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    const list = store.kids[s];
    const kids = list === null || list === undefined ? null : list.toArray();
    const children: string[] = [];
    if (kids !== null) for (let i = 0; i < kids.length; i++) children.push(ids[kids[i]]);
    const p = store.parent[s];
    const node: CanonicalNode = {
      type: typeName(store, s),
      parent: p < 0 ? null : ids[p],
      children,
      props: propsOf(store, s),
      bounds: bounds.read(s),
    };
    putOwn(nodes as Record<string, unknown>, ids[s], node);
    if (kids !== null) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { seq, root: ids[root], nodes };
}
