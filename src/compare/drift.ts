/**
 * How far apart two numbers are, and whether a tolerance accepts it. ULP distance is exact:
 * doubles are mapped onto a monotone integer line through their bit patterns.
 */
import { parseTokens, treeStart, type Segment, type Token } from './path.js';
import { matchTokens } from './rules.js';
import type { Tolerance } from './types.js';

export interface Drift {
  abs: number;
  rel: number;
  ulps: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const SIGN = 1n << 63n;

/** A double's place on the integer line: adjacent doubles are 1 apart, -0 and 0 are both 0. */
function ordinal(x: number): bigint {
  f64[0] = x;
  const bits = u64[0]!;
  return bits & SIGN ? -(bits ^ SIGN) : bits;
}

/** Representable doubles between a and b (exact as a BigInt; finite inputs). */
export function ulpDistance(a: number, b: number): bigint {
  const d = ordinal(a) - ordinal(b);
  return d < 0n ? -d : d;
}

/** Drift of two finite numbers; `ulps` is a Number (exact below 2^53, which is all that matters). */
export function drift(a: number, b: number): Drift {
  const abs = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return { abs, rel: scale === 0 ? 0 : abs / scale, ulps: Number(ulpDistance(a, b)) };
}

export interface CompiledTolerance {
  pattern: Token[];
  tolerance: Tolerance;
}

const compiledCache = new WeakMap<readonly Tolerance[], CompiledTolerance[]>();

/** Compiled once per tolerance list (callers pass the same array at every checkpoint). */
export function compileTolerances(list: readonly Tolerance[]): CompiledTolerance[] {
  let compiled = compiledCache.get(list);
  if (!compiled) {
    compiled = list.map((tolerance) => {
      for (const k of ['abs', 'rel', 'ulps'] as const) {
        const v = tolerance[k];
        if (v !== undefined && !(typeof v === 'number' && v >= 0)) {
          throw new RangeError(`tolerance ${JSON.stringify(tolerance.pattern)}: ${k} must be a number >= 0, got ${String(v)}`);
        }
      }
      return { pattern: parseTokens(tolerance.pattern, true), tolerance };
    });
    compiledCache.set(list, compiled);
  }
  return compiled;
}

/**
 * Within: some tolerance matching the path has some bound that holds (bounds are inclusive).
 * Inside a snapshot message's tree the tree-relative path matches too, as for ignore rules.
 */
export function accepted(tolerances: readonly CompiledTolerance[], path: ReadonlyArray<Segment>, d: Drift): boolean {
  const start = treeStart(path);
  const inTree = start < 0 ? null : path.slice(start);
  for (const { pattern, tolerance: t } of tolerances) {
    if (!matchTokens(pattern, path) && !(inTree && matchTokens(pattern, inTree))) continue;
    if (t.abs !== undefined && d.abs <= t.abs) return true;
    if (t.rel !== undefined && d.rel <= t.rel) return true;
    if (t.ulps !== undefined && d.ulps <= t.ulps) return true;
  }
  return false;
}
