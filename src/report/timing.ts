/**
 * Timings of one engine over many documents merged into one. Counts, totals, maxima and histograms
 * add up exactly; percentiles cannot be merged from percentiles, so they are read off the merged
 * histogram (each bucket spans [2^i, 2^(i+1)) ns) by interpolating inside the bucket, clamped to
 * the true maximum. They are estimates within a factor of two, used only when the replay did not
 * store run-level percentiles.
 */
import type { TimingView } from './model.js';

export function mergeTimings(list: TimingView[]): TimingView {
  const histogram: number[] = [];
  let records = 0;
  let totalNs = 0;
  let maxNs = 0;
  let peak = 0;
  for (const t of list) {
    records += t.records;
    totalNs += t.totalNs;
    maxNs = Math.max(maxNs, t.maxNs);
    peak = Math.max(peak, t.peakRssBytes);
    t.histogram.forEach((c, i) => (histogram[i] = (histogram[i] ?? 0) + c));
  }
  for (let i = 0; i < histogram.length; i++) histogram[i] ??= 0;
  const at = (q: number) => Math.min(maxNs, percentileFromHistogram(histogram, q));
  return {
    engine: list[0]?.engine ?? '',
    records,
    totalNs,
    p50Ns: at(0.5),
    p95Ns: at(0.95),
    p99Ns: at(0.99),
    maxNs,
    peakRssBytes: peak,
    histogram,
  };
}

/** The q-quantile of samples counted in power-of-two buckets, interpolated within its bucket. */
export function percentileFromHistogram(histogram: number[], q: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const c = histogram[i] ?? 0;
    if (c > 0 && seen + c >= rank) {
      const lo = 2 ** i;
      return lo + (lo * (rank - seen)) / c;
    }
    seen += c;
  }
  return 2 ** histogram.length;
}
