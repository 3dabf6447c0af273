/**
 * Delta debugging (Zeller's ddmin): the smallest subset of items that still fails, 1-minimal
 * (removing any single item makes it pass). Subsets already tried are cached by their index
 * set, since ddmin revisits the same complements as the granularity changes.
 */

export interface DdminProgress {
  size: number;
  granularity: number;
  calls: number;
}

export interface DdminResult<T> {
  items: T[];
  /** Oracle calls actually made (cache hits not counted). */
  calls: number;
  cacheHits: number;
}

export type Oracle<T> = (subset: T[]) => Promise<boolean> | boolean;

export async function ddmin<T>(items: readonly T[], fails: Oracle<T>, onProgress?: (p: DdminProgress) => void): Promise<DdminResult<T>> {
  const cache = new Map<string, boolean>();
  let calls = 0;
  let cacheHits = 0;
  const test = async (indices: number[]): Promise<boolean> => {
    const key = indices.join(',');
    const known = cache.get(key);
    if (known !== undefined) {
      cacheHits++;
      return known;
    }
    calls++;
    const result = await fails(indices.map((i) => items[i]!));
    cache.set(key, result);
    return result;
  };

  let current = items.map((_, i) => i);
  let n = 2;
  while (current.length >= 2) {
    onProgress?.({ size: current.length, granularity: n, calls });
    const chunks = split(current, n);
    let reduced = false;
    for (const chunk of chunks) {
      if (await test(chunk)) {
        current = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && n > 2) {
      for (let i = 0; i < chunks.length; i++) {
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (await test(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  onProgress?.({ size: current.length, granularity: n, calls });
  return { items: current.map((i) => items[i]!), calls, cacheHits };
}

/** n nearly equal contiguous chunks, order kept. */
function split(indices: number[], n: number): number[][] {
  const chunks: number[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((indices.length - start) / (n - i));
    if (end > start) chunks.push(indices.slice(start, end));
    start = end;
  }
  return chunks;
}
