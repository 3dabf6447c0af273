/**
 * Constraints (document-model §3): when a SET_PROPERTY changes a FRAME's width (or height), each
 * direct child is adjusted on that axis by its constraint, and a child FRAME whose size on that
 * axis changed is processed the same way, depth-first, pre-order, children in order.
 */
import type { Tree } from './tree.js';

export type Axis = 'h' | 'v';

const AXIS_PROPS = {
  h: { position: 'x', size: 'width' },
  v: { position: 'y', size: 'height' },
} as const;

/** The axis whose size `prop` is, or null when `prop` is neither width nor height. */
export function axisOf(prop: string): Axis | null {
  return prop === 'width' ? 'h' : prop === 'height' ? 'v' : null;
}

/** The constraint of a node on one axis; absent constraints mean MIN. */
function constraintOf(props: Map<string, unknown>, axis: Axis): string {
  const constraints = props.get('constraints') as Record<Axis, string> | undefined;
  return constraints === undefined ? 'MIN' : constraints[axis];
}

/**
 * Runs the constraints of `frameId`'s children after its size on `axis` went from `s0` to `s1`.
 * The caller has already stored `s1` and checked `s0 !== s1`.
 */
export function applyConstraints(tree: Tree, frameId: string, axis: Axis, s0: number, s1: number): void {
  const { position, size } = AXIS_PROPS[axis];
  // Explicit stack instead of recursion, so deep nesting cannot overflow the call stack. A frame's
  // direct children are adjusted before its nested frames are entered; since every adjustment
  // reads only the child's own props and its frame's old and new size, and each node is adjusted
  // at most once, this gives exactly the result of the pre-order walk the spec describes.
  const stack: Array<{ frame: string; s0: number; s1: number }> = [{ frame: frameId, s0, s1 }];
  while (stack.length > 0) {
    const job = stack.pop()!;
    const d = job.s1 - job.s0;
    const nested: Array<{ frame: string; s0: number; s1: number }> = [];
    for (const childId of tree.get(job.frame)!.children) {
      const child = tree.get(childId)!;
      const p = child.props.get(position) as number;
      const s = child.props.get(size) as number;
      switch (constraintOf(child.props, axis)) {
        case 'MAX':
          child.props.set(position, p + d);
          break;
        case 'CENTER':
          child.props.set(position, p + d / 2);
          break;
        case 'STRETCH':
          child.props.set(size, Math.max(0, s + d));
          break;
        case 'SCALE':
          // A zero (or -0) starting size cannot be scaled from: it acts as MIN.
          if (job.s0 !== 0) {
            child.props.set(position, (p * job.s1) / job.s0);
            child.props.set(size, (s * job.s1) / job.s0);
          }
          break;
        default:
          break;
      }
      const after = child.props.get(size) as number;
      if (child.type === 'FRAME' && after !== s) nested.push({ frame: childId, s0: s, s1: after });
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
}
