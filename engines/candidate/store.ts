/**
 * The node store: node ids interned to integer slots, geometry in struct-of-arrays Float64Arrays
 * that grow by doubling, parent/type/constraint codes in typed arrays, and the rare parts
 * (ordinary props, children lists) in per-slot references present only when needed.
 * A deleted node's id stays in the intern table mapped to RETIRED (ids are never reused), while
 * its slot goes back to a free list: memory follows the live tree, not the edit history.
 */
import { ChildList, type Home } from './children.js';
import { C_MIN, G_H, G_R, G_W, G_X, G_Y, isContainerType } from './types.js';

export const RETIRED = -1;
export const NONE = -1;
const FREE_TYPE = 255;

/** Values of ordinary props are stored as given, except objects and arrays, kept as JSON text. */
export class JsonText {
  constructor(readonly text: string) {}
}

export class NodeStore {
  capacity: number;
  /** Geometry columns, indexed G_X..G_R. */
  readonly geo: Float64Array[];
  parent: Int32Array;
  type: Uint8Array;
  /** Constraint codes: horizontal in the low 3 bits, vertical in the next 3. */
  cons: Uint8Array;
  /** The seq at which the slot's node was created (to tell history entries of earlier occupants apart). */
  born: Float64Array;
  ids: string[] = [];
  props: (Map<string, unknown> | undefined)[] = [];
  kids: (ChildList | null)[] = [];
  /** Type names outside the model (from a load), by slot. */
  otherTypes: Map<number, string> | null = null;
  readonly home: Home = [];
  /** id -> slot for live nodes, RETIRED for deleted or otherwise seen ids. */
  intern = new Map<string, number>();
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(readonly maxBlock: number, capacity = 64) {
    this.capacity = capacity;
    this.geo = [G_X, G_Y, G_W, G_H, G_R].map(() => new Float64Array(capacity));
    this.parent = new Int32Array(capacity);
    this.type = new Uint8Array(capacity).fill(FREE_TYPE);
    this.cons = new Uint8Array(capacity);
    this.born = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** The live slot of `id`, or -1 when it never existed or is deleted. */
  slotOf(id: string): number {
    const s = this.intern.get(id);
    return s === undefined ? NONE : s;
  }

  /** Was `id` ever used in this document (live or retired)? */
  seen(id: string): boolean {
    return this.intern.has(id);
  }

  /** Takes a slot for a new node; geometry starts at 0, no props, no children. */
  allocate(id: string, type: number, parent: number, bornSeq: number): number {
    let s: number;
    if (this.freeCount > 0) s = this.free[--this.freeCount];
    else {
      if (this.used === this.capacity) this.grow();
      s = this.used++;
    }
    const g = this.geo;
    g[G_X][s] = 0;
    g[G_Y][s] = 0;
    g[G_W][s] = 0;
    g[G_H][s] = 0;
    g[G_R][s] = 0;
    this.parent[s] = parent;
    this.type[s] = type;
    this.cons[s] = C_MIN;
    this.born[s] = bornSeq;
    this.ids[s] = id;
    this.props[s] = undefined;
    this.kids[s] = isContainerType(type) ? new ChildList(this.home, this.maxBlock) : null;
    this.home[s] = null;
    this.intern.set(id, s);
    return s;
  }

  /** Retires a node's id and returns its slot to the free list (its children are not touched). */
  release(s: number): void {
    this.intern.set(this.ids[s], RETIRED);
    this.type[s] = FREE_TYPE;
    this.props[s] = undefined;
    this.kids[s] = null;
    this.home[s] = null;
    if (this.otherTypes !== null) this.otherTypes.delete(s);
    if (this.freeCount === this.free.length) {
      const grown = new Int32Array(this.free.length * 2);
      grown.set(this.free);
      this.free = grown;
    }
    this.free[this.freeCount++] = s;
  }

  isLive(s: number): boolean {
    return s >= 0 && this.type[s] !== FREE_TYPE;
  }

  /** Number of slots ever handed out (live or free). */
  get highWater(): number {
    return this.used;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    for (let i = 0; i < this.geo.length; i++) this.geo[i] = growF64(this.geo[i], cap);
    this.parent = growI32(this.parent, cap);
    const type = new Uint8Array(cap).fill(FREE_TYPE);
    type.set(this.type);
    this.type = type;
    const cons = new Uint8Array(cap);
    cons.set(this.cons);
    this.cons = cons;
    this.born = growF64(this.born, cap);
    this.capacity = cap;
  }
}

function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
