/**
 * The differ: walks two JSON values side by side and records differences keyed by path.
 * Built for 50,000-node trees: equal primitives cost one `===`, the current path is a stack of
 * segments, and a path string is only built when a difference is found.
 */
import { diffArrays } from 'diff';
import { accepted, compileTolerances, drift, type CompiledTolerance } from './drift.js';
import { deepEqual, elementKey, jsonType } from './json.js';
import { formatPath, type Segment } from './path.js';
import type { CompareOptions, Difference, DifferenceKind } from './types.js';

type Obj = Record<string, unknown>;

/** Edits (insertions + deletions) past which two arrays are too different to align (see `length`). */
export const ALIGN_BUDGET = 200;

const hasOwn = Object.hasOwn;
const OBJECT_PROTO: unknown = Object.prototype;

/** Pair a removed element with an added one (compare field by field) rather than report missing + extra. */
function pairable(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return Array.isArray(a) === Array.isArray(b);
}

export class Walker {
  readonly out: Difference[] = [];
  /** True once the cap was hit: every walk returns at once. */
  stopped = false;
  private readonly path: Segment[] = [];
  private readonly max: number;
  private readonly tolerances: CompiledTolerance[];

  constructor(opts: CompareOptions, root: readonly Segment[] = []) {
    const max = opts.maxDifferences;
    if (!(max >= 1)) throw new RangeError(`maxDifferences must be >= 1 (or Infinity), got ${String(max)}`);
    this.max = max;
    this.tolerances = compileTolerances(opts.tolerances);
    this.path.push(...root);
  }

  /** Compare `a` and `b` at `segment` under the current path. */
  at(segment: Segment, a: unknown, b: unknown): void {
    this.path.push(segment);
    this.value(a, b);
    this.path.pop();
  }

  value(a: unknown, b: unknown): void {
    if (a === b) return;
    if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
      const aa = Array.isArray(a);
      if (aa !== Array.isArray(b)) return this.emit('type', a, b);
      return aa ? this.arrays(a as unknown[], b as unknown[]) : this.objects(a as Obj, b as Obj);
    }
    if (typeof a === 'number' && typeof b === 'number') return this.numbers(a, b);
    this.emit(jsonType(a) === jsonType(b) ? 'value' : 'type', a, b);
  }

  private numbers(a: number, b: number): void {
    if (a !== a && b !== b) return; // NaN is not JSON; two of them are the same nothing
    if (!Number.isFinite(a) || !Number.isFinite(b)) return this.emit('value', a, b);
    const d = drift(a, b);
    const within = this.tolerances.length > 0 && accepted(this.tolerances, this.path, d);
    this.emit(within ? 'float-drift' : 'value', a, b, d);
  }

  private objects(a: Obj, b: Obj): void {
    // for-in over JSON.parse output visits own keys only (Object.prototype has no enumerable keys),
    // and it is markedly faster than Object.keys on same-shaped objects.
    let matched = 0;
    for (const k in a) {
      const av = a[k];
      const bv = b[k];
      // JSON values are never undefined or functions: those mean "absent" or "inherited from
      // Object.prototype" (`constructor`, `__proto__`...), and only then is hasOwn worth its cost.
      if (bv === undefined || ((typeof bv === 'function' || bv === OBJECT_PROTO) && !hasOwn(b, k))) {
        this.emitAt(k, 'missing', av, undefined);
        if (this.stopped) return;
        continue;
      }
      matched++;
      if (av === bv) continue;
      this.path.push(k);
      this.value(av, bv);
      this.path.pop();
      if (this.stopped) return;
    }
    let count = 0;
    for (const _ in b) count++;
    if (count === matched) return;
    for (const k in b) {
      if (hasOwn(a, k)) continue;
      this.emitAt(k, 'extra', undefined, b[k]);
      if (this.stopped) return;
    }
  }

  private arrays(a: unknown[], b: unknown[]): void {
    const n = a.length;
    const m = b.length;
    let s = 0;
    const lim = Math.min(n, m);
    while (s < lim && (a[s] === b[s] || deepEqual(a[s], b[s]))) s++;
    if (s === n && s === m) return;
    let ea = n;
    let eb = m;
    while (ea > s && eb > s && (a[ea - 1] === b[eb - 1] || deepEqual(a[ea - 1], b[eb - 1]))) {
      ea--;
      eb--;
    }
    const ka = new Array<string>(ea - s);
    const kb = new Array<string>(eb - s);
    for (let i = s; i < ea; i++) ka[i - s] = elementKey(a[i]);
    for (let i = s; i < eb; i++) kb[i - s] = elementKey(b[i]);
    if (ka.length === kb.length && sameMultiset(ka, kb)) return this.emit('order', a, b);
    const changes = diffArrays(ka, kb, { maxEditLength: ALIGN_BUDGET });
    if (!changes) return this.unaligned(a, b, s, ea, eb);
    let i = s;
    let j = s;
    let removed: number[] = [];
    let added: number[] = [];
    for (const c of changes) {
      if (c.removed) for (let x = 0; x < c.count; x++) removed.push(i++);
      else if (c.added) for (let x = 0; x < c.count; x++) added.push(j++);
      else {
        this.hunk(a, b, removed, added);
        if (this.stopped) return;
        removed = [];
        added = [];
        i += c.count;
        j += c.count;
      }
    }
    this.hunk(a, b, removed, added);
  }

  /** One changed stretch: pair elements position by position where pairable, the rest missing/extra. */
  private hunk(a: unknown[], b: unknown[], removed: number[], added: number[]): void {
    const pairs = Math.min(removed.length, added.length);
    for (let x = 0; x < Math.max(removed.length, added.length); x++) {
      const ri = removed[x];
      const ci = added[x];
      if (x < pairs && pairable(a[ri!], b[ci!])) {
        this.at(ri!, a[ri!], b[ci!]);
      } else {
        if (ri !== undefined) this.emitAt(ri, 'missing', a[ri], undefined);
        if (this.stopped) return;
        if (ci !== undefined) this.emitAt(ci, 'extra', undefined, b[ci]);
      }
      if (this.stopped) return;
    }
  }

  /** Too different to align: one `length` difference if the lengths differ, then position by position. */
  private unaligned(a: unknown[], b: unknown[], s: number, ea: number, eb: number): void {
    if (a.length !== b.length) this.emit('length', a.length, b.length);
    const end = s + Math.min(ea - s, eb - s);
    for (let i = s; i < end && !this.stopped; i++) this.at(i, a[i], b[i]);
  }

  private emitAt(segment: Segment, kind: DifferenceKind, reference: unknown, candidate: unknown): void {
    this.path.push(segment);
    this.emit(kind, reference, candidate);
    this.path.pop();
  }

  private emit(kind: DifferenceKind, reference: unknown, candidate: unknown, d?: { abs: number; rel: number; ulps: number }): void {
    if (this.stopped) return;
    if (this.out.length >= this.max) {
      this.out[this.out.length - 1]!.capped = true;
      this.stopped = true;
      return;
    }
    const diff: Difference = { kind, path: formatPath(this.path) };
    if (kind !== 'extra') diff.reference = reference;
    if (kind !== 'missing') diff.candidate = candidate;
    if (d) diff.drift = d;
    this.out.push(diff);
  }
}

function sameMultiset(a: string[], b: string[]): boolean {
  const counts = new Map<string, number>();
  for (const k of a) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const k of b) {
    const c = counts.get(k);
    if (!c) return false;
    counts.set(k, c - 1);
  }
  return true;
}
