/**
 * NoiseModel: what the reference disagrees with itself about. Fed the differences between two
 * reference instances (say, one per door); a path shape that ever differed there is noise.
 */
import { normalizePath } from './normalize.js';
import type { Difference } from './types.js';

export class NoiseModel {
  private readonly seen = new Map<string, number>();

  /** Counts each difference under its normalized path. */
  observe(diffs: readonly Difference[]): void {
    for (const d of diffs) {
      const key = normalizePath(d.path);
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    }
  }

  /** True when this path's shape has differed between two references. */
  isNoise(path: string): boolean {
    return this.seen.size > 0 && this.seen.has(normalizePath(path));
  }

  /** Normalized path -> how many times the references differed there. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }
}
