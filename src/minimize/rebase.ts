/**
 * Keeping `base` meaningful in a subset. A base is an absolute seq ("I had seen the first b ops"),
 * so removing applied ops before it would leave it pointing past the end (malformed) or at the
 * wrong op. Each kept op's base is re-mapped to the number of kept applied ops it had seen.
 */
import type { LogRecord } from '../oplog/types.js';
import { DocModel } from '../generate/model.js';

/** For each record of one document: whether it advanced the seq, and the seq after it. */
export interface SeqTrace {
  applied: boolean[];
  seqAfter: number[];
}

/** The seq trace as a light model of the document sees it (engines agree on all but odd inputs). */
export function traceSeqs(records: readonly LogRecord[]): SeqTrace {
  const model = new DocModel();
  const applied: boolean[] = [];
  const seqAfter: number[] = [];
  for (const r of records) {
    const before = model.seq;
    model.apply(r);
    applied.push(r.kind === 'op' && model.seq === before + 1);
    seqAfter.push(model.seq);
  }
  return { applied, seqAfter };
}

/** The records at `indices` (ascending) with every base re-mapped onto the subset. */
export function rebaseSubset(records: readonly LogRecord[], trace: SeqTrace, indices: readonly number[]): LogRecord[] {
  const load = indices.map((i) => records[i]!).find((r) => r.kind === 'load');
  const originalLoadSeq = loadSeq(records.find((r) => r.kind === 'load'));
  const start = load === undefined ? 0 : loadSeq(load);
  const keptApplied: number[] = []; // original seqAfter of each kept applied op, ascending
  const out: LogRecord[] = [];
  for (const i of indices) {
    const r = records[i]!;
    if (r.kind === 'op' && typeof r.base === 'number' && r.base >= originalLoadSeq) {
      const seen = countAtMost(keptApplied, r.base);
      out.push(seen + start === r.base ? r : { ...r, base: start + seen });
    } else {
      out.push(r);
    }
    if (trace.applied[i]) keptApplied.push(trace.seqAfter[i]!);
  }
  return out;
}

function loadSeq(load: LogRecord | undefined): number {
  const seq = (load?.tree as { seq?: unknown } | undefined)?.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
}

function countAtMost(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
