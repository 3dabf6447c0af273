/**
 * Constraint propagation (document-model.md §3, §7): a FRAME's width (height) changing from w0
 * to w1 adjusts each direct child by its horizontal (vertical) constraint, in child order, and
 * recurses depth-first, pre-order, into every child FRAME whose size on that axis changed.
 * Iterative, so a deep nest of frames cannot overflow the call stack.
 */
import type { NodeStore } from './store.js';
import { C_CENTER, C_MAX, C_SCALE, C_STRETCH, FRAME, G_H, G_W, G_X, G_Y } from './types.js';

export const HORIZONTAL = 0;
export const VERTICAL = 1;

/**
 * Adjusts one child on one axis; the default is the table of §3. Answers whether the child's
 * size on that axis changed (`!==`), which decides the recursion.
 */
export function constrainChild(store: NodeStore, child: number, axis: number, w0: number, w1: number): boolean {
  const pos = store.geo[axis === HORIZONTAL ? G_X : G_Y];
  const size = store.geo[axis === HORIZONTAL ? G_W : G_H];
  const code = axis === HORIZONTAL ? store.cons[child] & 7 : (store.cons[child] >> 3) & 7;
  const dw = w1 - w0;
  const before = size[child];
  switch (code) {
    case C_MAX:
      pos[child] = pos[child] + dw;
      break;
    case C_CENTER:
      pos[child] = pos[child] + dw / 2;
      break;
    case C_STRETCH:
      size[child] = Math.max(0, size[child] + dw);
      break;
    case C_SCALE:
      if (w0 === 0) break;
      pos[child] = (pos[child] * w1) / w0;
      size[child] = (size[child] * w1) / w0;
      break;
    default:
      break; // MIN
  }
  return size[child] !== before;
}

interface Level {
  kids: Int32Array;
  at: number;
  w0: number;
  w1: number;
}

/** What propagation needs from the document: the per-child step and a way to mark bounds dirty. */
export interface ConstraintHost {
  readonly store: NodeStore;
  constrainChild(child: number, axis: number, w0: number, w1: number): boolean;
  touched(frame: number): void;
}

/** Runs the constraints of `frame` after its size on `axis` went from w0 to w1 (w0 !== w1). */
export function propagate(host: ConstraintHost, frame: number, axis: number, w0: number, w1: number): void {
  const store = host.store;
  const size = axis === HORIZONTAL ? G_W : G_H;
  const stack: Level[] = [{ kids: childrenOf(store, frame), at: 0, w0, w1 }];
  host.touched(frame);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.at === top.kids.length) {
      stack.pop();
      continue;
    }
    const c = top.kids[top.at++];
    const old = store.geo[size][c];
    const changed = host.constrainChild(c, axis, top.w0, top.w1);
    if (changed && store.type[c] === FRAME) {
      host.touched(c);
      stack.push({ kids: childrenOf(store, c), at: 0, w0: old, w1: store.geo[size][c] });
    }
  }
}

function childrenOf(store: NodeStore, slot: number): Int32Array {
  const list = store.kids[slot];
  return list === null || list === undefined ? new Int32Array(0) : list.toArray();
}
