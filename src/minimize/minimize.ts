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

  const all = records.map((_, i) => i);
  const stats: MinimizeStats = { input: input.records.length, afterCut: all.length, afterSlice: all.length, sliceLevel: 'none', loadPruned: false, output: 0, oracleCalls: 0, cacheHits: 0 };
  progress('cut', all.length);

  // Cut, slice and load pruning are guesses the oracle checks. A loaded tree is one record but
  // can hold 50,000 nodes, and every replay of it costs seconds (each connect answers with a
  // snapshot of the whole tree), while a pruned one costs milliseconds: so the pruned variants
  // go first, narrowest slice first, and the unpruned ones only when none of them reproduces.
  // The last variant is the plain cut, which also proves the divergence reproduces at all.
  const seeds = idsInPath(input.path);
  const loadAt = all.find((i) => records[i]!.kind === 'load');
  const original = loadAt === undefined ? undefined : records[loadAt]!;
  const slices = [...SLICE_LEVELS.map((level) => ({ level, indices: sliceRecords(records, records.length - 1, seeds, level) })), { level: 'none' as const, indices: all }];
  const variants = [...(original === undefined ? [] : slices.map((v) => ({ ...v, prune: true }))), ...slices.map((v) => ({ ...v, prune: false }))];
  const tried = new Set<string>();
  let current: number[] | null = null;
  for (const v of variants) {
    const load = v.prune && original !== undefined ? pruneLoad(original, prunedIds(v.indices, seeds)) : original;
    if (v.prune && nodeCount(load) === nodeCount(original)) continue; // nothing to prune: same as unpruned
    const key = `${v.prune}:${v.indices.join(',')}`;
    if (tried.has(key)) continue;
    tried.add(key);
    if (loadAt !== undefined) records[loadAt] = load!;
    if (await same(v.indices)) {
      current = v.indices;
      stats.sliceLevel = v.level;
      stats.loadPruned = v.prune;
      break;
    }
  }
  if (current === null) {
    if (loadAt !== undefined) records[loadAt] = original!;
    throw new NotReproducibleError(`the divergence (fingerprint ${input.fingerprint}) does not reproduce from the document's records up to record ${input.target + 1}: the engines may not be deterministic`);
  }
  stats.afterSlice = current.length;
  progress('slice', current.length);

  /** The node ids a pruned load must keep for these records: every id they name, and the divergence's. */
  function prunedIds(indices: readonly number[], extra: readonly string[]): Set<string> {
    const ids = mentionedIds(indices.map((i) => records[i]!));
    for (const id of extra) ids.add(id);
    return ids;
  }

  const result = await ddmin(current, same, (p) => progress('ddmin', p.size));
  stats.output = result.items.length;
  stats.oracleCalls = calls;
  stats.cacheHits = result.cacheHits;
  return { records: rebaseSubset(records, trace, result.items), stats };
}

function nodeCount(load: LogRecord | undefined): number {
  const nodes = (load?.tree as { nodes?: unknown } | undefined)?.nodes;
  return nodes !== null && typeof nodes === 'object' ? Object.keys(nodes).length : -1;
}
