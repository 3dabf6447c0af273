/**
 * Applying an op that passed every check (document-model §4). Each function changes the tree,
 * records children-list changes in the transform history under the op's seq, and returns the
 * RESOLVED op: the op as applied, keys in a fixed order, with `index` replaced by the index used.
 */
import { ChildList } from './children.js';
import { applyConstraints, axisOf } from './constraints.js';
import { copyJson } from './json.js';
import type { CreateOp, DeleteOp, MoveOp, Op, SetOp } from './shape.js';
import type { History } from './transform.js';
import { geometryProps, type Tree } from './tree.js';

/** What applying one op needs to know besides the op. */
export interface ApplyContext {
  tree: Tree;
  history: History;
  /** The seq this op gets. */
  seq: number;
  client: string;
  /** The sender's base, or undefined when it sent none (then no index is transformed). */
  base: number | undefined;
}

export function applyOp(ctx: ApplyContext, op: Op): Record<string, unknown> {
  switch (op.type) {
    case 'CREATE_NODE':
      return applyCreate(ctx, op);
    case 'SET_PROPERTY':
      return applySet(ctx, op);
    case 'DELETE_NODE':
      return applyDelete(ctx, op);
    case 'MOVE_NODE':
      return applyMove(ctx, op);
  }
}

/** Transform first (only with a base), clamp second. */
function transformed(ctx: ApplyContext, index: number, parent: string): number {
  return ctx.base === undefined ? index : ctx.history.transform(index, parent, ctx.client, ctx.base);
}

function applyCreate(ctx: ApplyContext, op: CreateOp): Record<string, unknown> {
  const parent = ctx.tree.get(op.parent)!;
  const index = Math.min(transformed(ctx, op.index, op.parent), parent.children.length);
  const props = geometryProps();
  for (const [name, value] of Object.entries(op.props ?? {})) {
    // A null ordinary prop (or constraints) in CREATE is simply not stored.
    if (value !== null) props.set(name, copyJson(value));
  }
  ctx.tree.insert({ id: op.id, type: op.nodeType, parent: op.parent, children: new ChildList(), props }, op.parent, index);
  ctx.history.record(ctx.seq, ctx.client, op.parent, 'insert', index);
  const resolved: Record<string, unknown> = { type: op.type, id: op.id, parent: op.parent, index, nodeType: op.nodeType };
  if (op.props !== undefined) resolved.props = copyJson(op.props);
  return resolved;
}

function applySet(ctx: ApplyContext, op: SetOp): Record<string, unknown> {
  const node = ctx.tree.get(op.node)!;
  if (op.value === null) {
    // Geometry never gets here: null geometry was refused as invalid-value.
    node.props.delete(op.prop);
  } else {
    const before = node.props.get(op.prop);
    node.props.set(op.prop, copyJson(op.value));
    const axis = axisOf(op.prop);
    if (axis !== null && node.type === 'FRAME' && op.value !== before) {
      applyConstraints(ctx.tree, node.id, axis, before as number, op.value as number);
    }
  }
  return { type: op.type, node: op.node, prop: op.prop, value: copyJson(op.value) };
}

function applyDelete(ctx: ApplyContext, op: DeleteOp): Record<string, unknown> {
  const parent = ctx.tree.get(op.node)!.parent!;
  const at = ctx.tree.remove(op.node);
  ctx.history.record(ctx.seq, ctx.client, parent, 'remove', at);
  return { type: op.type, node: op.node };
}

function applyMove(ctx: ApplyContext, op: MoveOp): Record<string, unknown> {
  const { tree } = ctx;
  const node = tree.get(op.node)!;
  const oldParent = node.parent!;
  const requested = transformed(ctx, op.index, op.parent);
  if (oldParent !== op.parent) {
    // Keep the node where it was on the canvas (rotation ignored), using sums taken root-down.
    for (const axis of ['x', 'y'] as const) {
      const moved = tree.absolute(oldParent, axis) + (node.props.get(axis) as number) - tree.absolute(op.parent, axis);
      node.props.set(axis, moved);
    }
  }
  const at = tree.detach(op.node);
  // The clamp is against the new parent's list without the node.
  const index = Math.min(requested, tree.get(op.parent)!.children.length);
  tree.insert(node, op.parent, index);
  ctx.history.record(ctx.seq, ctx.client, oldParent, 'remove', at);
  ctx.history.record(ctx.seq, ctx.client, op.parent, 'insert', index);
  return { type: op.type, node: op.node, parent: op.parent, index };
}
