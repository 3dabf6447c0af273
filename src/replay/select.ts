/** Which documents a replay covers: --doc, --shard k/n and --resume, decided once per document. */
import type { ReplayOptions } from './options.js';

/** FNV-1a over the UTF-16 code units: a stable, dependency-free spread of documents over shards. */
export function shardOf(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

export type Selection = 'run' | 'filtered' | 'resumed';

export function selector(opts: Pick<ReplayOptions, 'docs' | 'shard' | 'skipDocument'>): (log: string, doc: string) => Selection {
  const docs = opts.docs && opts.docs.length > 0 ? new Set(opts.docs) : null;
  return (log, doc) => {
    if (docs && !docs.has(doc)) return 'filtered';
    // Shards split by document id alone, so one document lands in the same shard whatever the log's path.
    if (opts.shard && shardOf(doc, opts.shard.n) !== opts.shard.k - 1) return 'filtered';
    if (opts.skipDocument?.(log, doc)) return 'resumed';
    return 'run';
  };
}
