/**
 * The four operations (document-model.md §4, §7): each checks its own reasons in the order of
 * §5 and either answers the reason (nothing changed) or applies the op and answers RESOLVED.
 * They run after the session, duplicate, malformed and stale checks, with the op's shape known good.
 */
import type { CandidateDocument } from './document.js';
import { INSERT, REMOVE } from './history.js';
import { JsonText, NONE, type NodeStore } from './store.js';
import {
  FRAME, G_H, G_W, G_X, G_Y, type Reason, geometryIndex, isReserved, parentAllows, typeCode,
} from './types.js';
import { constraintCodes, storable, stringify, tooLarge, utf8Length, validGeometry, MAX_VALUE_BYTES } from './values.js';
import { HORIZONTAL, VERTICAL } from './constraints.js';

export type Resolved = Record<string, unknown>;
type Op = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

/** The worst reason among a CREATE's props (earliest in §5's list), or null when all are fine. */
export function checkCreateProps(props: Op): Reason | null {
  let worst: Reason | null = null;
  for (const k of Object.keys(props)) {
    const v = props[k];
    if (isReserved(k)) return 'reserved-property';
    const g = geometryIndex(k);
    if (g >= 0) {
      if (!validGeometry(g, v)) worst = 'invalid-value';
    } else if (k === 'constraints') {
      if (v !== null && constraintCodes(v) < 0) worst = 'invalid-value';
    } else if (worst === null && v !== null && tooLarge(v)) {
      worst = 'too-large';
    }
  }
  return worst;
}

function ordinaryProps(store: NodeStore, slot: number): Map<string, unknown> {
  let m = store.props[slot];
  if (m === undefined) {
    m = new Map();
    store.props[slot] = m;
  }
  return m;
}

export function applyCreate(doc: CandidateDocument, op: Op, client: number, base: number): Reason | Resolved {
  const store = doc.store;
  const parent = doc.liveSlot(op.parent as string);
  if (parent < 0) return 'unknown-node';
  const id = op.id as string;
  if (store.seen(id)) return 'duplicate-id';
  const t = typeCode(op.nodeType as string);
  if (!parentAllows(store.type[parent], t)) return 'invalid-parent';
  const sent = hasOwn.call(op, 'props');
  const props = sent ? (op.props as Op) : null;
  if (props !== null) {
    const bad = checkCreateProps(props);
    if (bad !== null) return bad;
  }
  let index = (op.index as number) + 0; // -0 is reported as 0
  if (base >= 0) index = doc.transformIndex(parent, index, base, client);
  const list = store.kids[parent]!;
  index = Math.min(index, list.length);
  const seq = doc.seq + 1;
  const slot = store.allocate(id, t, parent, seq);
  doc.bounds.adopt(slot);
  if (props !== null) {
    for (const k of Object.keys(props)) {
      const v = props[k];
      const g = geometryIndex(k);
      if (g >= 0) store.geo[g][slot] = v as number;
      else if (v !== null) {
        if (k === 'constraints') store.cons[slot] = constraintCodes(v);
        ordinaryProps(store, slot).set(k, storable(v));
      }
    }
  }
  list.insert(index, slot);
  doc.seq = seq;
  doc.history.record(seq, parent, INSERT, index, client);
  doc.bounds.mark(parent);
  const resolved: Resolved = { type: 'CREATE_NODE', id, parent: op.parent, index, nodeType: op.nodeType };
  if (sent) resolved.props = op.props;
  return resolved;
}

export function applySet(doc: CandidateDocument, op: Op): Reason | Resolved {
  const store = doc.store;
  const slot = doc.liveSlot(op.node as string);
  if (slot < 0) return 'unknown-node';
  const prop = op.prop as string;
  if (isReserved(prop)) return 'reserved-property';
  const value = op.value;
  const g = geometryIndex(prop);
  if (g >= 0) {
    if (!validGeometry(g, value)) return 'invalid-value';
    const column = store.geo[g];
    const old = column[slot];
    column[slot] = value;
    doc.bounds.mark(store.parent[slot]);
    if ((g === G_W || g === G_H) && store.type[slot] === FRAME && old !== value) {
      doc.propagate(slot, g === G_W ? HORIZONTAL : VERTICAL, old, value);
    }
  } else if (prop === 'constraints') {
    if (value === null) {
      store.cons[slot] = 0;
      store.props[slot]?.delete(prop);
    } else {
      const codes = constraintCodes(value);
      if (codes < 0) return 'invalid-value';
      store.cons[slot] = codes;
      ordinaryProps(store, slot).set(prop, storable(value));
    }
  } else if (value === null) {
    store.props[slot]?.delete(prop);
  } else if (typeof value === 'object') {
    // Stringify once: the text decides too-large and is also what the store keeps.
    const text = stringify(value);
    if (utf8Length(text) > MAX_VALUE_BYTES) return 'too-large';
    ordinaryProps(store, slot).set(prop, new JsonText(text));
  } else {
    if (tooLarge(value)) return 'too-large';
    ordinaryProps(store, slot).set(prop, value);
  }
  doc.seq += 1;
  return { type: 'SET_PROPERTY', node: op.node, prop, value };
}

export function applyDelete(doc: CandidateDocument, op: Op, client: number): Reason | Resolved {
  const store = doc.store;
  const slot = doc.liveSlot(op.node as string);
  if (slot < 0) return 'unknown-node';
  if (slot === doc.root) return 'root';
  const parent = store.parent[slot];
  const index = store.kids[parent]!.remove(slot);
  releaseSubtree(store, slot);
  doc.seq += 1;
  doc.history.record(doc.seq, parent, REMOVE, index, client);
  doc.bounds.mark(parent);
  return { type: 'DELETE_NODE', node: op.node };
}

/** Retires every id of the subtree and frees its slots. */
function releaseSubtree(store: NodeStore, top: number): void {
  const stack = [top];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    const list = store.kids[s];
    if (list !== null && list !== undefined && list.length > 0) {
      for (const b of list.blocks) for (let k = 0; k < b.size; k++) stack.push(b.items[k]);
    }
    store.release(s);
  }
}

export function applyMove(doc: CandidateDocument, op: Op, client: number, base: number): Reason | Resolved {
  const store = doc.store;
  const node = doc.liveSlot(op.node as string);
  const target = doc.liveSlot(op.parent as string);
  if (node < 0 || target < 0) return 'unknown-node';
  // The root never moves, whatever type a load gave it.
  if (node === doc.root || !parentAllows(store.type[target], store.type[node])) return 'invalid-parent';
  for (let s = target; s !== NONE; s = store.parent[s]) if (s === node) return 'cycle';
  const from = store.parent[node];
  let index = (op.index as number) + 0; // -0 is reported as 0
  if (base >= 0) index = doc.transformIndex(target, index, base, client);
  const dest = store.kids[target]!;
  index = Math.min(index, from === target ? dest.length - 1 : dest.length);
  if (from !== target) {
    // Keep the node where it was on the canvas (rotation ignored, §7).
    const xs = store.geo[G_X];
    const ys = store.geo[G_Y];
    xs[node] = doc.absolute(from, G_X) + xs[node] - doc.absolute(target, G_X);
    ys[node] = doc.absolute(from, G_Y) + ys[node] - doc.absolute(target, G_Y);
  }
  const removedAt = store.kids[from]!.remove(node);
  dest.insert(index, node);
  store.parent[node] = target;
  doc.seq += 1;
  doc.history.record(doc.seq, from, REMOVE, removedAt, client);
  doc.history.record(doc.seq, target, INSERT, index, client);
  doc.bounds.mark(from);
  doc.bounds.mark(target);
  return { type: 'MOVE_NODE', node: op.node, parent: op.parent, index };
}
