/**
 * Per-record latency of one engine: a log2 histogram of every sample plus a fixed-size
 * reservoir for percentiles. Percentiles are exact while the samples fit in the reservoir
 * (the common case for one document) and a uniform sample of them beyond that.
 */
import type { EngineTiming } from './types.js';

const BUCKETS = 48;
const RESERVOIR = 65_536;

export class TimingRecorder {
  records = 0;
  totalNs = 0;
  maxNs = 0;
  readonly histogram: number[] = new Array<number>(BUCKETS).fill(0);
  private readonly sample: number[] = [];
  // A fixed-seed LCG keeps the reservoir, and so the figures, reproducible run to run.
  private rng = 0x2545f491;

  constructor(private readonly capacity = RESERVOIR) {}

  add(ns: number): void {
    const v = ns > 0 ? ns : 0;
    this.records++;
    this.totalNs += v;
    if (v > this.maxNs) this.maxNs = v;
    this.histogram[bucketOf(v)]!++;
    if (this.sample.length < this.capacity) {
      this.sample.push(v);
      return;
    }
    const j = this.next() % this.records;
    if (j < this.capacity) this.sample[j] = v;
  }

  /** Folds another recorder in (a document's into the run's). */
  merge(other: TimingRecorder): void {
    for (let i = 0; i < BUCKETS; i++) this.histogram[i]! += other.histogram[i]!;
    const before = this.records;
    this.records += other.records;
    this.totalNs += other.totalNs;
    if (other.maxNs > this.maxNs) this.maxNs = other.maxNs;
    // Keep each side in proportion to how many samples it stands for.
    for (const v of other.sample) {
      if (this.sample.length < this.capacity) this.sample.push(v);
      else {
        const j = this.next() % (before + other.records);
        if (j < this.capacity) this.sample[j] = v;
      }
    }
  }

  timing(engine: string, peakRssBytes: number): EngineTiming {
    const sorted = Float64Array.from(this.sample).sort();
    return {
      engine,
      records: this.records,
      totalNs: this.totalNs,
      p50Ns: percentile(sorted, 0.5),
      p95Ns: percentile(sorted, 0.95),
      p99Ns: percentile(sorted, 0.99),
      maxNs: this.maxNs,
      peakRssBytes,
      histogram: trimmed(this.histogram),
    };
  }

  private next(): number {
    this.rng = (Math.imul(this.rng, 1103515245) + 12345) >>> 0;
    return this.rng;
  }
}

function bucketOf(ns: number): number {
  if (ns < 1) return 0;
  return Math.min(BUCKETS - 1, Math.floor(Math.log2(ns)));
}

/** Nearest-rank percentile: the smallest sample with at least q of the samples at or below it. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** Trailing empty buckets carry nothing; dropping them keeps stored rows small. */
function trimmed(histogram: number[]): number[] {
  let end = histogram.length;
  while (end > 0 && histogram[end - 1] === 0) end--;
  return histogram.slice(0, end);
}
