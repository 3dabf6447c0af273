/**
 * The canonical tree (document-model §6): the one JSON shape of snapshots, `load` records and
 * exports. Output objects are fresh copies, never views of the engine's state.
 */
import type { CanonicalNode, CanonicalTree } from '../../src/engine/protocol.js';
import { allBounds } from './bounds.js';
import { copyJson, isObject, ownObject } from './json.js';
import { GEOMETRY, isContainer } from './nodes.js';
import { ChildList } from './children.js';
import { Tree, geometryProps, type Node } from './tree.js';

/**
 * The tree as canonical JSON. Nodes are listed in pre-order from the root (the order carries no
 * meaning, but a fixed one lets two engines' texts match byte for byte); keys in the order
 * type, parent, children, props, bounds; props with geometry first.
 */
export function exportTree(tree: Tree, seq: number): CanonicalTree {
  const bounds = allBounds(tree);
  const entries: Array<[string, CanonicalNode]> = [];
  const stack = [tree.root];
  while (stack.length > 0) {
    const node = tree.get(stack.pop()!)!;
    entries.push([
      node.id,
      {
        type: node.type,
        parent: node.parent,
        children: node.children.toArray(),
        props: ownObject([...node.props].map(([k, v]) => [k, copyJson(v)] as const)),
        bounds: bounds.get(node.id) ?? null,
      },
    ]);
    const children = node.children.toArray();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { seq, root: tree.root, nodes: ownObject(entries) as Record<string, CanonicalNode> };
}

/** The seq a loaded tree continues from: its own when an integer >= 0, else 0. */
function loadedSeq(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value + 0 : 0;
}

/** Props of a loaded node: geometry first (missing or non-finite geometry is 0), then the rest in order. */
function loadedProps(value: unknown): Map<string, unknown> {
  const props = geometryProps();
  if (!isObject(value)) return props;
  for (const [key, v] of Object.entries(value)) {
    if ((GEOMETRY as readonly string[]).includes(key)) {
      if (typeof v === 'number' && Number.isFinite(v)) props.set(key, v);
    } else {
      props.set(key, copyJson(v));
    }
  }
  return props;
}

/**
 * Builds a tree from a `load` record's canonical tree, or returns null when it has no usable root.
 * The structure is read from the root down through `children`: `parent` fields and loaded
 * `bounds` are ignored (bounds are always recomputed); a child id that is not in `nodes`, or
 * that was already reached, is skipped; a leaf's children are ignored.
 */
export function loadTree(value: unknown): { tree: Tree; seq: number } | null {
  if (!isObject(value) || !isObject(value.nodes) || typeof value.root !== 'string') return null;
  const nodes = value.nodes;
  const rootId = value.root;
  if (!Object.hasOwn(nodes, rootId)) return null;
  const source = (id: string): Record<string, unknown> | null => {
    const n = nodes[id];
    return isObject(n) && typeof n.type === 'string' ? n : null;
  };
  const rootSource = source(rootId);
  if (rootSource === null) return null;

  const tree = new Tree(rootId, rootSource.type as string);
  tree.get(rootId)!.props = loadedProps(rootSource.props);
  const stack = [rootId];
  while (stack.length > 0) {
    const parent = tree.get(stack.pop()!)!;
    const src = source(parent.id)!;
    if (!isContainer(parent.type) || !Array.isArray(src.children)) continue;
    for (const childId of src.children) {
      if (typeof childId !== 'string' || tree.seen.has(childId) || !Object.hasOwn(nodes, childId)) continue;
      const childSource = source(childId);
      if (childSource === null) continue;
      const child: Node = { id: childId, type: childSource.type as string, parent: parent.id, children: new ChildList(), props: loadedProps(childSource.props) };
      parent.children.insert(parent.children.length, childId);
      tree.add(child);
      stack.push(childId);
    }
  }
  // "Every id in the loaded tree counts as seen": every key of `nodes`, reached or not.
  for (const id of Object.keys(nodes)) tree.seen.add(id);
  return { tree, seq: loadedSeq(value.seq) };
}
