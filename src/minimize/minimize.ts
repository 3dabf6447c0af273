/**
 * The minimizer's pipeline for one diverging document: cut after the first divergent record,
 * slice away what cannot matter, prune a loaded tree, then ddmin to a 1-minimal log that still
 * shows the same bucket fingerprint. Every step is checked by the oracle, so a wrong guess costs
 * one call, never a wrong result.
 */
import type { LogRecord } from '../oplog/types.js';
import { ddmin } from './ddmin.js';
import { rebaseSubset, traceSeqs, type SeqTrace } from './rebase.js';
import { SLICE_LEVELS, idsInPath, mentionedIds, pruneLoad, sliceRecords, type SliceLevel } from './slice.js';

/** Replays records (one document) and answers the fingerprint of the first divergence, or null. */
export type FingerprintOracle = (records: LogRecord[]) => Promise<string | null>;

export interface MinimizeInput {
  /** The diverging document's records, in log order. */
  records: LogRecord[];
  /** 0-based index in `records` of the first record where the engines parted. */
  target: number;
  /** Path of the divergence (node ids in it seed the slice). */
  path: string;
  /** The bucket fingerprint the result must keep. */
  fingerprint: string;
  oracle: FingerprintOracle;
  /** Which records the reference applied, and the seq after each; by default a light model's guess. */
  trace?: SeqTrace;
  onProgress?: (p: { stage: string; size: number; calls: number }) => void;
}

export interface MinimizeStats {
  input: number;
  afterCut: number;
  afterSlice: number;
  sliceLevel: SliceLevel | 'none';
  loadPruned: boolean;
  output: number;
  oracleCalls: number;
  cacheHits: number;
}

export class NotReproducibleError extends Error {
  override name = 'NotReproducibleError';
}

export async function minimizeRecords(input: MinimizeInput): Promise<{ records: LogRecord[]; stats: MinimizeStats }> {
  const records = input.records.slice(0, input.target + 1);
  const trace = input.trace ?? traceSeqs(records);
  let calls = 0;
  const same = async (indices: readonly number[]): Promise<boolean> => {
    calls++;
    return (await input.oracle(rebaseSubset(records, trace, indices))) === input.fingerprint;
  };
  const progress = (stage: string, size: number): void => input.onProgress?.({ stage, size, calls });

  let current = records.map((_, i) => i);
  const stats: MinimizeStats = { input: input.records.length, afterCut: current.length, afterSlice: current.length, sliceLevel: 'none', loadPruned: false, output: 0, oracleCalls: 0, cacheHits: 0 };
  progress('cut', current.length);
  if (!(await same(current))) {
    throw new NotReproducibleError(`the divergence (fingerprint ${input.fingerprint}) does not reproduce from the document's records up to record ${input.target + 1}: the engines may not be deterministic`);
  }

  const seeds = idsInPath(input.path);
  for (const level of SLICE_LEVELS) {
    const sliced = sliceRecords(records, records.length - 1, seeds, level);
    if (sliced.length < current.length && (await same(sliced))) {
      current = sliced;
      stats.sliceLevel = level;
      break;
    }
  }
  stats.afterSlice = current.length;
  progress('slice', current.length);

  // A loaded tree is one record but can hold 50,000 nodes: keep only those the ops mention.
  const loadAt = current.find((i) => records[i]!.kind === 'load');
  if (loadAt !== undefined) {
    const mentioned = mentionedIds(current.map((i) => records[i]!));
    for (const id of seeds) mentioned.add(id);
    const original = records[loadAt]!;
    const pruned = pruneLoad(original, mentioned);
    if (pruned !== original) {
      records[loadAt] = pruned;
      if (await same(current)) stats.loadPruned = true;
      else records[loadAt] = original;
    }
    progress('prune-load', current.length);
  }

  const result = await ddmin(current, same, (p) => progress('ddmin', p.size));
  stats.output = result.items.length;
  stats.oracleCalls = calls;
  stats.cacheHits = result.cacheHits;
  return { records: rebaseSubset(records, trace, result.items), stats };
}
