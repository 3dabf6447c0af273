/**
 * Container bounds (document-model.md §2), kept lazily: a change marks the container dirty and
 * the mark climbs to the root, stopping at the first ancestor already dirty (so a burst of edits
 * under one frame costs O(1) each after the first). A snapshot — the only reader of bounds —
 * recomputes just the dirty containers, bottom-up, from the same formulas a from-scratch walk
 * uses, so the result is exactly the from-scratch value (min and max do not depend on order).
 */
import { NONE, type NodeStore } from './store.js';

/** What the bounds walk needs from the document: the own rectangle of one child (a hook). */
export interface RectSource {
  ownRect(slot: number, out: Float64Array): void;
}

export class BoundsCache {
  /** minX, minY, maxX, maxY per slot (valid for clean containers with children). */
  values = new Float64Array(0);
  /** 0 clean; 1 dirty; 2 dirty and its dirty children already queued. Dirty implies dirty ancestors. */
  dirty = new Uint8Array(0);
  private stack = new Int32Array(64);
  private readonly rect = new Float64Array(4);

  constructor(private readonly store: NodeStore) {}

  /** Makes room for every slot the store has handed out; a fresh slot starts clean. */
  fit(): void {
    const cap = this.store.capacity;
    if (this.dirty.length >= cap) return;
    const v = new Float64Array(cap * 4);
    v.set(this.values);
    this.values = v;
    const d = new Uint8Array(cap);
    d.set(this.dirty);
    this.dirty = d;
  }

  /** A freshly allocated slot: clean (no children yet), whatever its previous occupant left. */
  adopt(slot: number): void {
    if (slot >= this.dirty.length) this.fit();
    this.dirty[slot] = 0;
  }

  /** Marks `slot` (a container whose children or their geometry changed) and its ancestors. */
  mark(slot: number): void {
    const dirty = this.dirty;
    const parent = this.store.parent;
    let s = slot;
    while (s !== NONE && dirty[s] === 0) {
      dirty[s] = 1;
      s = parent[s];
    }
  }

  /** Brings every dirty container under `root` up to date. */
  refresh(root: number, source: RectSource): void {
    if (this.dirty[root] === 0) return;
    const kids = this.store.kids;
    const dirty = this.dirty;
    let sp = 0;
    this.push(sp++, root);
    // Iterative post-order: deep trees must not overflow the call stack.
    while (sp > 0) {
      const s = this.stack[sp - 1];
      if (dirty[s] === 1) {
        dirty[s] = 2;
        const list = kids[s];
        if (list === null || list === undefined) continue;
        for (const b of list.blocks) {
          for (let k = 0; k < b.size; k++) {
            const c = b.items[k];
            if (dirty[c] !== 0) this.push(sp++, c);
          }
        }
      } else {
        sp--;
        this.compute(s, source);
        dirty[s] = 0;
      }
    }
  }

  /** Null for a leaf or a childless container. */
  read(slot: number): [number, number, number, number] | null {
    const list = this.store.kids[slot];
    if (list === null || list === undefined || list.length === 0) return null;
    const v = this.values;
    const o = slot * 4;
    return [v[o], v[o + 1], v[o + 2], v[o + 3]];
  }

  private compute(s: number, source: RectSource): void {
    const store = this.store;
    const list = store.kids[s];
    if (list === null || list.length === 0) return;
    const x = store.geo[0];
    const y = store.geo[1];
    const v = this.values;
    const r = this.rect;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // Math.min/max rather than `<`: they propagate NaN (from overflowing geometry) like the spec's min/max.
    for (const b of list.blocks) {
      for (let k = 0; k < b.size; k++) {
        const c = b.items[k];
        source.ownRect(c, r);
        minX = Math.min(minX, r[0]);
        minY = Math.min(minY, r[1]);
        maxX = Math.max(maxX, r[2]);
        maxY = Math.max(maxY, r[3]);
        const ck = store.kids[c];
        if (ck !== null && ck.length > 0) {
          const o = c * 4;
          const a0 = x[c] + v[o];
          const a1 = y[c] + v[o + 1];
          const a2 = x[c] + v[o + 2];
          const a3 = y[c] + v[o + 3];
          minX = Math.min(minX, a0);
          minY = Math.min(minY, a1);
          maxX = Math.max(maxX, a2);
          maxY = Math.max(maxY, a3);
        }
      }
    }
    const o = s * 4;
    v[o] = minX;
    v[o + 1] = minY;
    v[o + 2] = maxX;
    v[o + 3] = maxY;
  }

  private push(at: number, slot: number): void {
    if (at === this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[at] = slot;
  }
}
