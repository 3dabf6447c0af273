/**
 * NoiseModel: what the reference disagrees with itself about. Fed the differences between two
 * reference instances (say, one per door); a path shape that ever differed there is noise.
 */
import { normalizePath } from './normalize.js';
import { snapshotTreePath } from './path.js';
import type { Difference } from './types.js';

/**
 * The counter a path falls under: its normalized path, or for a path inside a snapshot message's
 * tree the normalized tree-relative path, so a prop that is noisy at checkpoints is noisy in
 * snapshot messages too (and the other way round), under one counter.
 */
export function noiseKey(path: string): string {
  return normalizePath(snapshotTreePath(path) ?? path);
}

export class NoiseModel {
  private readonly seen = new Map<string, number>();

  /** Counts each difference under its noise key. */
  observe(diffs: readonly Difference[]): void {
    for (const d of diffs) {
      const key = noiseKey(d.path);
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    }
  }

  /** True when this path's shape has differed between two references. */
  isNoise(path: string): boolean {
    return this.seen.size > 0 && this.seen.has(noiseKey(path));
  }

  /** Noise key (normalized path, tree-relative inside snapshot messages) -> how many times the references differed there. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }
}
