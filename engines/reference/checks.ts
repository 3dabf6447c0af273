/**
 * An op's own checks against the tree (document-model §5 and §7 "Reasons between themselves"):
 * the reason list applied as written, so when several reasons apply the earliest one wins.
 */
import { mayContain } from './nodes.js';
import { earliest, type Reason } from './reasons.js';
import type { Op } from './shape.js';
import type { Tree } from './tree.js';
import { checkProp } from './values.js';

export function checkOp(tree: Tree, op: Op): Reason | null {
  switch (op.type) {
    case 'CREATE_NODE': {
      const parent = tree.get(op.parent);
      if (parent === undefined) return 'unknown-node';
      if (tree.seen.has(op.id)) return 'duplicate-id';
      if (!mayContain(parent.type, op.nodeType)) return 'invalid-parent';
      // Among several bad props the earliest reason wins, whatever the props' order.
      return earliest(Object.entries(op.props ?? {}).map(([name, value]) => checkProp(name, value)));
    }
    case 'SET_PROPERTY':
      if (tree.get(op.node) === undefined) return 'unknown-node';
      return checkProp(op.prop, op.value);
    case 'DELETE_NODE':
      if (tree.get(op.node) === undefined) return 'unknown-node';
      return op.node === tree.root ? 'root' : null;
    case 'MOVE_NODE': {
      const node = tree.get(op.node);
      const parent = tree.get(op.parent);
      if (node === undefined || parent === undefined) return 'unknown-node';
      // The root has no parent at all, so moving it breaks the type rules before anything else.
      if (node.id === tree.root || !mayContain(parent.type, node.type)) return 'invalid-parent';
      return tree.isWithin(parent.id, node.id) ? 'cycle' : null;
    }
  }
}
