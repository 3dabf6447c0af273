/**
 * Op makers: each proposes one client op against the model and says how to apply it. The
 * caller applies it only if the op will be applied by a correct engine (not a retransmission,
 * not stale), so the model keeps following the server.
 */
import type { Rng } from './prng.js';
import { LEAF_TYPES, TreeModel, type NodeType } from './tree.js';
import { STYLE_PROPS, constraints, coord, nodeProps, styleValue } from './values.js';
import type { Zipf } from './zipf.js';

export interface Proposal {
  op: unknown;
  /** Present when a correct engine applies the op: mutates the model accordingly. */
  apply?: () => void;
}

export interface MakerContext {
  rng: Rng;
  tree: TreeModel;
  hot: Zipf;
  client: string;
  /** The client's next node id. */
  newId: () => string;
  /** Style props a created node carries. */
  createStyle: number;
  drag: { node: string; left: number; axis: 'x' | 'y' } | null;
  setDrag: (d: { node: string; left: number; axis: 'x' | 'y' } | null) => void;
}

export type OpKind = 'drag' | 'style' | 'resize' | 'rotate' | 'create' | 'delete' | 'move' | 'garbage' | 'conflict';
export type Maker = (cx: MakerContext) => Proposal | undefined;

const hotNode = (cx: MakerContext): string | undefined =>
  cx.tree.movable.size === 0 ? undefined : cx.tree.movable.get(cx.hot.sample(cx.rng, cx.tree.movable.size));

const set = (node: string, prop: string, value: unknown): unknown => ({ type: 'SET_PROPERTY', node, prop, value });

/** A drag: a run of x/y updates on one (usually hot) node by one client. */
const drag: Maker = (cx) => {
  let d = cx.drag;
  if (d === null || d.left <= 0 || !cx.tree.alive(d.node)) {
    const node = hotNode(cx);
    if (node === undefined) return undefined;
    d = { node, left: cx.rng.range(2, 24), axis: 'x' };
  }
  const n = cx.tree.get(d.node);
  const prop = d.axis;
  const value = Math.round((n[prop] + (cx.rng.float() * 40 - 20)) * 2) / 2;
  const node = d.node;
  cx.setDrag({ node, left: d.left - 1, axis: prop === 'x' ? 'y' : 'x' });
  return { op: set(node, prop, value), apply: () => (cx.tree.alive(node) ? (cx.tree.get(node)[prop] = value) : undefined) };
};

const style: Maker = (cx) => {
  const node = hotNode(cx);
  if (node === undefined) return undefined;
  const type = cx.tree.get(node).type;
  const prop = type === 'TEXT' && cx.rng.chance(0.3) ? 'text' : cx.rng.pick(STYLE_PROPS);
  // Setting a prop to null removes it; setting constraints now and then changes later resizes.
  if (cx.rng.chance(0.04)) return { op: set(node, prop, null), apply: () => undefined };
  if (cx.rng.chance(0.05)) return { op: set(node, 'constraints', constraints(cx.rng)), apply: () => undefined };
  return { op: set(node, prop, styleValue(cx.rng, prop)), apply: () => undefined };
};

/** A FRAME resize: runs the children's constraints (and recursion into child FRAMEs). */
const resize: Maker = (cx) => {
  const frame = cx.tree.frames.pick(cx.rng);
  if (frame === undefined) return undefined;
  const n = cx.tree.get(frame);
  const prop = cx.rng.chance(0.5) ? 'width' : 'height';
  const value = Math.max(0, Math.round(n[prop] * (0.6 + cx.rng.float()) * 2) / 2);
  return { op: set(frame, prop, value), apply: () => (cx.tree.alive(frame) ? (cx.tree.get(frame)[prop] = value) : undefined) };
};

const rotate: Maker = (cx) => {
  const node = hotNode(cx);
  if (node === undefined) return undefined;
  const value = cx.rng.chance(0.7) ? cx.rng.pick([0, 15, 30, 45, 90, 180, 270, 360, -45]) : Math.round(cx.rng.float() * 36000) / 100;
  return { op: set(node, 'rotation', value), apply: () => undefined };
};

function pickIndex(rng: Rng, length: number): number {
  const r = rng.float();
  if (r < 0.4) return length; // on top: the common case
  if (r < 0.55) return 0;
  if (r < 0.98) return rng.int(length + 1);
  return length + rng.range(1, 50); // past the end: clamped
}

const create: Maker = (cx) => {
  const { rng, tree } = cx;
  const r = rng.float();
  let type: NodeType = r < 0.72 ? rng.pick(LEAF_TYPES) : r < 0.86 ? 'FRAME' : r < 0.99 ? 'GROUP' : 'PAGE';
  let parent = tree.containers.size === 0 ? undefined : tree.pickParent(rng, type);
  if (parent === undefined) {
    type = 'PAGE';
    parent = tree.root;
  }
  const p = tree.get(parent);
  const id = cx.newId();
  const index = pickIndex(rng, p.children.length);
  const props = nodeProps(rng, type, p.type, p.width, p.height, rng.range(0, cx.createStyle));
  const op = { type: 'CREATE_NODE', id, parent, index, nodeType: type, props };
  const geo = { x: props.x as number, y: props.y as number, width: props.width as number, height: props.height as number };
  return { op, apply: () => (tree.alive(parent) ? tree.insert(id, { type, ...geo }, parent, index) : undefined) };
};

const remove: Maker = (cx) => {
  for (let tries = 0; tries < 4; tries++) {
    const node = cx.tree.movable.pick(cx.rng);
    if (node === undefined) return undefined;
    // Mostly leaves and small containers: deleting a big frame would empty the hot set.
    // Shared parents (and whatever holds them) stay: they are the point of hot-doc.
    if (cx.tree.get(node).children.length > 5 || cx.tree.holdsShared(node)) continue;
    return { op: { type: 'DELETE_NODE', node }, apply: () => (cx.tree.alive(node) ? cx.tree.delete(node) : undefined) };
  }
  return undefined;
};

const move: Maker = (cx) => {
  const { rng, tree } = cx;
  const node = tree.movable.pick(rng);
  if (node === undefined) return undefined;
  const type = tree.get(node).type;
  for (let tries = 0; tries < 6; tries++) {
    const parent = tree.pickParent(rng, type);
    if (parent === undefined) return undefined;
    if (tree.within(parent, node)) continue; // would be a cycle
    const length = tree.get(parent).children.length - (tree.get(node).parent === parent ? 1 : 0);
    const index = pickIndex(rng, length);
    return {
      op: { type: 'MOVE_NODE', node, parent, index },
      apply: () => (tree.alive(node) && tree.alive(parent) && !tree.within(parent, node) ? tree.move(node, parent, index) : undefined),
    };
  }
  return undefined;
};

/** Payloads a correct engine nacks `malformed`: the shapes buggy or hostile clients send. */
const garbage: Maker = (cx) => {
  const { rng } = cx;
  const node = hotNode(cx) ?? cx.tree.root;
  const shapes: Array<() => unknown> = [
    () => rng.pick([null, 42, 'SET_PROPERTY', true, []]),
    () => ({ type: rng.pick(['set_property', 'RESIZE', '', 'DELETE']), node }),
    () => ({ type: 'SET_PROPERTY', node, prop: 'x' }), // no value key
    () => ({ type: 'SET_PROPERTY', node: 17, prop: 'x', value: 1 }),
    () => ({ type: 'SET_PROPERTY', node, prop: 'p'.repeat(65), value: 1 }),
    () => ({ type: 'CREATE_NODE', id: cx.newId(), parent: node, index: rng.pick(['0', -1, 1.5, null]), nodeType: 'RECTANGLE' }),
    () => ({ type: 'CREATE_NODE', id: cx.newId(), parent: node, index: 0, nodeType: rng.pick(['SQUARE', 'rectangle', 'DOCUMENT_', '']) }),
    () => ({ type: 'CREATE_NODE', id: '', parent: node, index: 0, nodeType: 'RECTANGLE' }),
    () => ({ type: 'CREATE_NODE', id: cx.newId(), parent: node, index: 0, nodeType: 'TEXT', props: rng.pick(['x', 7, true]) }),
    () => ({ type: 'MOVE_NODE', node, parent: cx.tree.root }),
    () => ({ type: 'DELETE_NODE' }),
    () => [{ type: 'DELETE_NODE', node }],
  ];
  return { op: rng.pick(shapes)() };
};

/** Well-formed ops a correct engine refuses for a reason other than `malformed`. */
const conflict: Maker = (cx) => {
  const { rng, tree } = cx;
  const node = hotNode(cx);
  const gone = tree.recentlyDeleted.length > 0 ? rng.pick(tree.recentlyDeleted) : `${cx.client}:0`;
  const container = tree.containers.pick(rng);
  const cases: Array<() => unknown> = [
    () => set(gone, rng.pick(['x', 'y', 'fill']), coord(rng, 0, 500)), // unknown-node: lost a race with a DELETE
    () => ({ type: 'MOVE_NODE', node: gone, parent: container ?? tree.root, index: 0 }),
    // duplicate-id, or invalid-parent (a PAGE below a container, a leaf below the root)
    () => ({ type: 'CREATE_NODE', id: gone, parent: container ?? tree.root, index: 0, nodeType: container === undefined ? 'RECTANGLE' : 'PAGE' }),
    () => ({ type: 'CREATE_NODE', id: cx.newId(), parent: tree.root, index: 0, nodeType: 'RECTANGLE' }), // invalid-parent
    () => (node === undefined ? set(tree.root, 'id', 'x') : set(node, rng.pick(['id', 'type', 'parent', 'children', 'bounds']), 1)), // reserved-property
    () => set(node ?? tree.root, rng.pick(['width', 'height']), rng.pick([-5, '12', null])), // invalid-value
    () => set(node ?? tree.root, 'constraints', { h: 'LEFT', v: 'MIN' }), // invalid-value
    () => ({ type: 'DELETE_NODE', node: tree.root }), // root
    () => (container === undefined ? { type: 'DELETE_NODE', node: tree.root } : { type: 'MOVE_NODE', node: container, parent: container, index: 0 }), // cycle
  ];
  return { op: rng.pick(cases)() };
};

export const MAKERS: Record<OpKind, Maker> = { drag, style, resize, rotate, create, delete: remove, move, garbage, conflict };
