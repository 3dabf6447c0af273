/**
 * Zipf-distributed ranks: rank r (0-based) is drawn with weight 1 / (r + 1)^s. Hot nodes in real
 * documents follow roughly this law: a few objects are dragged over and over, most never.
 */
import type { Rng } from './prng.js';

export class Zipf {
  private readonly cdf: Float64Array;

  constructor(readonly max: number, readonly s: number) {
    this.cdf = new Float64Array(max);
    let total = 0;
    for (let r = 0; r < max; r++) this.cdf[r] = total += 1 / (r + 1) ** s;
  }

  /** A rank in [0, min(limit, max)): the distribution cut at the current population size. */
  sample(rng: Rng, limit = this.max): number {
    const n = Math.min(limit, this.max);
    if (n <= 1) return 0;
    const u = rng.float() * this.cdf[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
