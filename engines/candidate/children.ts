/**
 * An ordered list of child slots that stays fast with ~100,000 children edited at arbitrary
 * positions (the real traces): a list of small blocks with per-block sizes, plus a back-pointer
 * from every child slot to the block holding it. Insert-at-index and remove cost
 * O(blocks + blockSize) instead of O(n) array shifting, and index-of-child is a scan of one
 * block plus a sum of the sizes of the blocks before it, instead of an O(n) indexOf.
 * A container with few children has a single block, which behaves like a plain Int32Array.
 */

/** One run of consecutive children. `pos` is its index in the owning list's `blocks`. */
export class Block {
  items: Int32Array;
  size = 0;
  pos = 0;
  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
  }
}

/** Where each slot sits: shared by all lists of one document (a slot has at most one parent). */
export type Home = (Block | null)[];

const FIRST_CAPACITY = 4;

export class ChildList {
  blocks: Block[] = [];
  length = 0;

  constructor(
    private readonly home: Home,
    /** Largest block; a full block splits in two. */
    private readonly maxBlock: number,
  ) {}

  /** Inserts `slot` at `index` (0 <= index <= length). */
  insert(index: number, slot: number): void {
    const blocks = this.blocks;
    if (blocks.length === 0) {
      blocks.push(new Block(Math.min(FIRST_CAPACITY, this.maxBlock)));
    }
    // Find the block: appending goes to the last block, the traces' most common edit.
    let bi: number;
    let k: number;
    if (index >= this.length) {
      bi = blocks.length - 1;
      k = blocks[bi].size;
    } else {
      bi = 0;
      k = index;
      // k === size of block bi means "end of block bi", which is as good as the next's start.
      while (k > blocks[bi].size) {
        k -= blocks[bi].size;
        bi++;
      }
    }
    let b = blocks[bi];
    if (b.size === this.maxBlock) {
      this.split(bi);
      if (k > b.size) {
        k -= b.size;
        b = blocks[bi + 1];
      }
    } else if (b.size === b.items.length) {
      const grown = new Int32Array(Math.min(this.maxBlock, b.items.length * 2));
      grown.set(b.items);
      b.items = grown;
    }
    const items = b.items;
    if (k < b.size) items.copyWithin(k + 1, k, b.size);
    items[k] = slot;
    b.size++;
    this.length++;
    this.home[slot] = b;
  }

  /** Removes `slot` (which must be in this list) and returns the index it had. */
  remove(slot: number): number {
    const b = this.home[slot] as Block;
    const items = b.items;
    let k = 0;
    while (items[k] !== slot) k++;
    const index = this.prefix(b.pos) + k;
    items.copyWithin(k, k + 1, b.size);
    b.size--;
    this.length--;
    this.home[slot] = null;
    if (b.size < this.maxBlock >> 2) this.shrink(b);
    return index;
  }

  /** The index of `slot`, which must be in this list. */
  indexOf(slot: number): number {
    const b = this.home[slot] as Block;
    const items = b.items;
    let k = 0;
    while (items[k] !== slot) k++;
    return this.prefix(b.pos) + k;
  }

  /** Children in order, as a fresh array (for callers that iterate while mutating). */
  toArray(): Int32Array {
    const out = new Int32Array(this.length);
    let o = 0;
    for (const b of this.blocks) {
      out.set(b.items.subarray(0, b.size), o);
      o += b.size;
    }
    return out;
  }

  private prefix(pos: number): number {
    const blocks = this.blocks;
    let sum = 0;
    for (let i = 0; i < pos; i++) sum += blocks[i].size;
    return sum;
  }

  private split(bi: number): void {
    const b = this.blocks[bi];
    const half = b.size >> 1;
    const nb = new Block(this.maxBlock);
    nb.items.set(b.items.subarray(half, b.size));
    nb.size = b.size - half;
    b.size = half;
    for (let i = 0; i < nb.size; i++) this.home[nb.items[i]] = nb;
    this.blocks.splice(bi + 1, 0, nb);
    this.renumber(bi + 1);
  }

  /** Keeps blocks from fragmenting under deletions: drop empty blocks, merge small neighbours. */
  private shrink(b: Block): void {
    const blocks = this.blocks;
    if (blocks.length === 1) return;
    if (b.size === 0) {
      blocks.splice(b.pos, 1);
      this.renumber(b.pos);
      return;
    }
    const next = b.pos + 1 < blocks.length ? blocks[b.pos + 1] : null;
    const limit = (this.maxBlock >> 1) + (this.maxBlock >> 2);
    if (next !== null && b.size + next.size <= limit) {
      this.absorb(b, next);
      return;
    }
    const prev = b.pos > 0 ? blocks[b.pos - 1] : null;
    if (prev !== null && prev.size + b.size <= limit) this.absorb(prev, b);
  }

  /** Appends `right`'s items to `left` (its left neighbour) and drops `right`. */
  private absorb(left: Block, right: Block): void {
    const need = left.size + right.size;
    if (left.items.length < need) {
      const grown = new Int32Array(this.maxBlock);
      grown.set(left.items.subarray(0, left.size));
      left.items = grown;
    }
    left.items.set(right.items.subarray(0, right.size), left.size);
    for (let i = 0; i < right.size; i++) this.home[right.items[i]] = left;
    left.size = need;
    this.blocks.splice(right.pos, 1);
    this.renumber(right.pos);
  }

  private renumber(from: number): void {
    const blocks = this.blocks;
    for (let i = from; i < blocks.length; i++) blocks[i].pos = i;
  }
}
