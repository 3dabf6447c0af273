/**
 * Report rendering on a large synthetic run (2,000 buckets, 10,000 documents, 50 runs of trend):
 * each format's render time as a ratio to JSON.stringify of the same model (the baseline, measured
 * in this process), and the size of what it writes.
 */
import { performance } from 'node:perf_hooks';
import { coverageView, decideVerdict, reporterFor, type BucketView, type ReportModel, type TimingView } from '../src/report/index.js';

function timing(engine: string, scale: number): TimingView {
  const histogram = Array.from({ length: 24 }, (_, i) => (i >= 9 && i <= 16 ? Math.round(1000 / (1 + Math.abs(i - 12))) * scale : 0));
  return { engine, records: 1_000_000, totalNs: 4e9 * scale, p50Ns: 3000 * scale, p95Ns: 9000 * scale, p99Ns: 20000 * scale, maxNs: 4e6, peakRssBytes: 2e8, histogram };
}

function node(i: number, x: number): unknown {
  const props: Record<string, unknown> = { x, y: i, width: 10, height: 10, rotation: 0 };
  for (let k = 0; k < 15; k++) props[`p${k}`] = `value ${k} of node ${i}`;
  return { type: 'RECTANGLE', parent: `a:${i % 7}`, children: [], props, bounds: null };
}

function model(): ReportModel {
  const buckets: BucketView[] = Array.from({ length: 2000 }, (_, i) => ({
    id: i + 1,
    fingerprint: (0x1000000 + i).toString(16),
    title: `value at nodes[*].props.x after SET_PROPERTY #${i}`,
    status: i % 5 === 0 ? 'accepted' : 'new',
    kind: i % 9 === 0 ? 'engine-throw' : 'value',
    scope: 'tree',
    count: 1 + (i % 50),
    runCount: i % 3,
    firstSeen: '2026-11-22T07:00:00.000Z',
    lastSeen: '2026-11-22T08:00:00.000Z',
    firstRun: 1,
    lastRun: 50,
    runs: [1, 50],
    isNew: i % 10 === 0,
    gating: true,
    note: null,
    reproducer: null,
    reproduce: `parity replay --reference reference --candidate candidate --doc d${i} logs/l${i % 200}.ndjson`,
    examples: [
      {
        runId: 50, log: `logs/l${i % 200}.ndjson`, doc: `d${i}`, n: i, line: i + 1, scope: 'tree', kind: 'value', path: `nodes["a:${i}"].props.x`,
        opType: 'SET_PROPERTY', nackReason: null, record: { doc: `d${i}`, kind: 'op', client: 'c', cseq: 1, op: { type: 'SET_PROPERTY', node: `a:${i}`, prop: 'x', value: i } },
        reference: node(i, i), candidate: node(i, i + 1), failedEngine: null, detail: 'x differs', reproduce: 'parity replay ...',
      },
    ],
  }));
  const run = { id: 50, status: 'completed' as const, startedAt: '2026-11-22T08:00:00.000Z', finishedAt: null, reference: 'reference', candidate: 'candidate', command: null, logs: 200, documents: 10_000, records: 1_000_000, divergences: 4000 };
  const coverage = coverageView({ rotation: 4, load: 2 });
  return {
    schema: 1,
    generatedAt: run.startedAt,
    run,
    verdict: decideVerdict({ run, buckets, coverage }),
    buckets,
    trend: Array.from({ length: 50 }, (_, i) => ({ runId: i + 1, startedAt: run.startedAt, status: 'completed' as const, divergences: 100 + i, openBuckets: 40 + (i % 7) })),
    performance: { reference: timing('reference', 1), candidate: timing('candidate', 0.5) },
    coverage,
    logs: Array.from({ length: 200 }, (_, l) => ({
      log: `logs/l${l}.ndjson`,
      sha256: null,
      records: 5000,
      documents: Array.from({ length: 50 }, (_, d) => ({
        doc: `d${d}`, records: 100, status: 'diverged' as const, divergences: 1, resyncs: 0, timeNs: 1e6,
        hits: [{ bucket: 1 + ((l * 50 + d) % 2000), n: 5, kind: 'value', path: 'nodes["a:1"].props.x', detail: 'x differs', reproduce: 'parity replay ...' }],
      })),
    })),
    noise: {},
    ignored: 0,
  };
}

/** Median of a few timed runs, in milliseconds. */
function time(fn: () => unknown, rounds = 5): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

export async function run(): Promise<void> {
  const m = model();
  const base = time(() => JSON.stringify(m));
  console.log(`baseline JSON.stringify of the model: ${base.toFixed(1)} ms (2,000 buckets, 10,000 documents)`);
  for (const format of ['html', 'md', 'junit', 'json']) {
    const reporter = reporterFor(format)!;
    let size = 0;
    const ms = time(() => (size = reporter.render(m).length));
    console.log(`${format.padEnd(6)} ${(ms / base).toFixed(2)}× baseline  (${ms.toFixed(1)} ms, ${(size / 1024 / 1024).toFixed(2)} MiB)`);
  }
}
