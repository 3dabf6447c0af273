import { describe, expect, it } from 'vitest';
import { buildReportModel, mergeTimings, type InputDivergence, type ReportInput, type TimingView } from '../../src/report/index.js';
import { fixtureModel } from './fixtures/model.js';

function timing(engine: string, samples: Record<number, number>, maxNs: number): TimingView {
  const histogram = new Array<number>(20).fill(0);
  let records = 0;
  for (const [i, c] of Object.entries(samples)) {
    histogram[Number(i)] = c;
    records += c;
  }
  return { engine, records, totalNs: records * 1000, p50Ns: 1, p95Ns: 1, p99Ns: 1, maxNs, peakRssBytes: 1000, histogram };
}

function div(over: Partial<InputDivergence>): InputDivergence {
  const base = fixtureModel().buckets[1]!.examples[0]!;
  return { ...base, runId: 2, bucketId: 1, disposition: 'divergence', ...over };
}

function input(): ReportInput {
  const bucket = { ...fixtureModel().buckets[1]!, reproduce: null as string | null };
  const { isNew: _n, runCount: _r, examples: _e, ...row } = bucket;
  return {
    run: { ...fixtureModel().run, id: 2 },
    runs: [
      { id: 2, status: 'completed', startedAt: 'b', divergences: 3 },
      { id: 1, status: 'completed', startedAt: 'a', divergences: 2 },
      { id: 3, status: 'completed', startedAt: 'c', divergences: 9 },
    ],
    buckets: [
      { ...row, id: 1, status: 'new', firstRun: 1, reproduce: 'stored command' },
      { ...row, id: 2, status: 'fixed', firstRun: 1 },
      { ...row, id: 3, status: 'accepted', firstRun: 2 },
      { ...row, id: 4, status: 'investigating', firstRun: 1 },
      { ...row, id: 5, status: 'new', firstRun: 3 },
    ],
    hits: [
      { runId: 1, bucketId: 1, count: 2 },
      { runId: 1, bucketId: 4, count: 1 },
      { runId: 2, bucketId: 1, count: 1 },
      { runId: 2, bucketId: 3, count: 2 },
    ],
    divergences: [
      div({ bucketId: 1, doc: 'b', n: 5 }),
      div({ bucketId: 3, doc: 'a', n: 7, reproduce: 'from example' }),
      div({ bucketId: 3, doc: 'a', n: 3 }),
      div({ bucketId: 9, doc: 'a', n: 8, disposition: 'noise' }),
    ],
    earlierExamples: [div({ runId: 1, bucketId: 4, doc: 'z' })],
    logs: [{ log: 'logs/a.ndjson', sha256: 'ff', records: 30 }],
    documents: [
      { log: 'logs/a.ndjson', doc: 'b', records: 10, divergences: 1, status: 'diverged', resyncs: 0, reference: timing('ref', { 10: 10 }, 1500), candidate: timing('cand', { 11: 10 }, 3000) },
      { log: 'logs/a.ndjson', doc: 'a', records: 20, divergences: 2, status: 'diverged', resyncs: 1, reference: timing('ref', { 10: 18, 12: 2 }, 5000), candidate: timing('cand', { 11: 20 }, 4000) },
    ],
    timings: null,
    coverage: null,
    noise: { 'nodes[*].props.t': 2 },
  };
}

describe('buildReportModel', () => {
  const model = buildReportModel(input(), '2026-11-22T08:00:00.000Z');

  it('keeps buckets the run hit and buckets still open from before, not fixed or later ones', () => {
    expect(model.buckets.map((b) => [b.id, b.runCount, b.isNew])).toEqual([
      [1, 1, false],
      [3, 2, true],
      [4, 0, false],
    ]);
  });

  it('takes the stored reproduce command, else the first example', () => {
    expect(model.buckets.map((b) => b.reproduce)).toEqual(['stored command', 'from example', 'parity replay --reference reference --candidate mutant:x logs/a.ndjson --doc d2']);
    expect(model.buckets[2]!.examples.map((e) => e.doc)).toEqual(['z']);
  });

  it('draws the trend up to the reported run, counting buckets open now', () => {
    expect(model.trend).toEqual([
      { runId: 1, startedAt: 'a', status: 'completed', divergences: 2, openBuckets: 2 },
      { runId: 2, startedAt: 'b', status: 'completed', divergences: 3, openBuckets: 1 },
    ]);
  });

  it('groups documents under logs with their gating hits, and counts the rest as ignored', () => {
    expect(model.logs).toHaveLength(1);
    expect(model.logs[0]!.documents.map((d) => [d.doc, d.hits.map((h) => `${h.bucket}@${h.n}`)])).toEqual([
      ['a', ['3@3', '3@7']],
      ['b', ['1@5']],
    ]);
    expect(model.ignored).toBe(1);
  });

  it('merges document timings when the run stored none, and says coverage unknown', () => {
    expect(model.performance?.reference.records).toBe(30);
    expect(model.performance?.candidate.maxNs).toBe(4000);
    expect(model.coverage.known).toBe(false);
    expect(model.verdict.reasons.map((r) => r.code)).toContain('coverage-unknown');
  });
});

describe('mergeTimings', () => {
  it('adds counts exactly and reads percentiles off the merged histogram, within the true maximum', () => {
    const t = mergeTimings([timing('e', { 10: 50 }, 1800), timing('e', { 12: 50 }, 7000)]);
    expect(t.records).toBe(100);
    expect(t.histogram[10]).toBe(50);
    expect(t.histogram[12]).toBe(50);
    expect(t.p50Ns).toBe(2048);
    expect(t.p95Ns).toBeGreaterThanOrEqual(4096);
    expect(t.p99Ns).toBeLessThanOrEqual(7000);
    expect(t.maxNs).toBe(7000);
  });
});
