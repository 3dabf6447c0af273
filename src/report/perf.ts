/** The figures a rollout is judged on, derived from the two engines' timings. */
import type { PerformanceView, TimingView } from './model.js';

export interface PerfRatios {
  /** Candidate records per second over the reference's: above 1 the candidate is faster. */
  throughput: number | null;
  /** Candidate latency over the reference's, per percentile: below 1 the candidate is faster. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Candidate peak memory over the reference's. */
  memory: number | null;
}

export function throughput(t: TimingView): number | null {
  return t.totalNs > 0 ? (t.records * 1e9) / t.totalNs : null;
}

export function perfRatios(p: PerformanceView): PerfRatios {
  const ref = p.reference;
  const cand = p.candidate;
  const rt = throughput(ref);
  const ct = throughput(cand);
  return {
    throughput: rt !== null && ct !== null ? ct / rt : null,
    p50: ratio(cand.p50Ns, ref.p50Ns),
    p95: ratio(cand.p95Ns, ref.p95Ns),
    p99: ratio(cand.p99Ns, ref.p99Ns),
    max: ratio(cand.maxNs, ref.maxNs),
    memory: ratio(cand.peakRssBytes, ref.peakRssBytes),
  };
}

function ratio(a: number, b: number): number | null {
  return b > 0 && Number.isFinite(a) ? a / b : null;
}
