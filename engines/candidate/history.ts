/**
 * The index-transform history (document-model.md §4): for recent applied ops, each change to a
 * children list — (seq, parent slot, insertion or removal, index, client number) — in a fixed
 * ring of typed arrays. Nothing is allocated per op. A MOVE writes two entries (its removal,
 * then its insertion) under one seq, so the ring holds twice the 10,000-seq window.
 */

export const WINDOW = 10_000;
const CAPACITY = 32_768; // > 2 * WINDOW, a power of two for cheap wrap-around
const MASK = CAPACITY - 1;

export const INSERT = 1;
export const REMOVE = 2;

export class History {
  private readonly seqs = new Float64Array(CAPACITY);
  private readonly parents = new Int32Array(CAPACITY);
  private readonly kinds = new Uint8Array(CAPACITY);
  private readonly indexes = new Float64Array(CAPACITY);
  private readonly clients = new Int32Array(CAPACITY);
  /** Entries ever written; the live ones are [max(0, count - CAPACITY), count). */
  private count = 0;

  clear(): void {
    this.count = 0;
  }

  record(seq: number, parent: number, kind: number, index: number, client: number): void {
    const i = this.count & MASK;
    this.seqs[i] = seq;
    this.parents[i] = parent;
    this.kinds[i] = kind;
    this.indexes[i] = index;
    this.clients[i] = client;
    this.count++;
  }

  /**
   * Transforms a requested index into `parent` against every entry after `base` from another
   * client (§4): an insertion at j <= i shifts i up, a removal at j < i shifts it down.
   * `bornSeq` hides entries of an earlier node that used the same slot. `tieUp` is the z-order
   * rule for an insertion at exactly i (true in the spec; a hook for mutants).
   */
  transform(parent: number, index: number, base: number, client: number, bornSeq: number, tieUp: boolean): number {
    let i = index;
    const first = this.firstAfter(base);
    const seqs = this.seqs;
    const parents = this.parents;
    for (let n = first; n < this.count; n++) {
      const e = n & MASK;
      if (parents[e] !== parent || this.clients[e] === client || seqs[e] < bornSeq) continue;
      const j = this.indexes[e];
      if (this.kinds[e] === INSERT) {
        if (j < i || (tieUp && j === i)) i = i + 1;
      } else if (j < i) {
        i = i - 1;
      }
    }
    return i;
  }

  /** The first live entry with seq > base (seqs never decrease along the ring). */
  private firstAfter(base: number): number {
    let lo = this.count > CAPACITY ? this.count - CAPACITY : 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid & MASK] > base) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
