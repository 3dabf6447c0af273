/** Which documents a shard takes: by a hash of the document id alone, the same in every process. */
import { shardOf } from '../replay/index.js';

/** True when document `doc` belongs to shard k of n (1-based k). Same function as `--shard`. */
export function inShard(doc: string, k: number, n: number): boolean {
  return shardOf(doc, n) === k - 1;
}
