/**
 * From plain rows (what a store holds about a run) to the ReportModel. Pure: the store loader reads
 * rows, this decides what they mean, so the meaning is tested without a database.
 */
import { coverageView, type GeneratedCoverageInput } from './coverage.js';
import { mergeTimings } from './timing.js';
import { OPEN_STATUSES, type BucketExample, type BucketView, type DocumentView, type LogView, type ReportModel, type RunStatus, type RunView, type TimingView, type TrendPoint } from './model.js';
import { decideVerdict } from './verdict.js';

/** One divergence row of the reported run, as stored. */
export interface InputDivergence extends Omit<BucketExample, 'runId'> {
  runId: number;
  bucketId: number;
  /** `divergence` counts; `ignored`, `noise` and `float-drift` are stored but do not gate. */
  disposition: string;
}

export interface InputBucket extends Omit<BucketView, 'isNew' | 'runCount' | 'runs' | 'examples' | 'reproduce'> {
  reproduce: string | null;
}

export interface InputDocument {
  log: string;
  doc: string;
  records: number;
  divergences: number;
  status: DocumentView['status'];
  resyncs: number;
  reference: TimingView;
  candidate: TimingView;
}

export interface ReportInput {
  run: RunView;
  /** Every run up to and including the reported one, for the trend. */
  runs: Array<{ id: number; status: RunStatus; startedAt: string; divergences: number }>;
  buckets: InputBucket[];
  /** Distinct (run, bucket) pairs with how many divergences that run put in that bucket. */
  hits: Array<{ runId: number; bucketId: number; count: number }>;
  /** The reported run's divergences (examples and JUnit failures come from these). */
  divergences: InputDivergence[];
  /** Earlier examples for buckets the reported run did not hit, at most a few per bucket. */
  earlierExamples: InputDivergence[];
  logs: Array<{ log: string; sha256: string | null; records: number }>;
  documents: InputDocument[];
  /** Run-level timings when the replay stored them; otherwise merged from the documents. */
  timings: { reference: TimingView; candidate: TimingView } | null;
  /** Records per conflict class over the run's logs; null when unknown. */
  coverage: Record<string, number> | null;
  /** Why coverage is unknown, when it is. */
  coverageNote?: string | null;
  /** For a fuzz run: what its generated logs exercised, as the run stored it. */
  generatedCoverage?: GeneratedCoverageInput | null;
  /** Divergences of the run that do not gate; counted from `divergences` when absent. */
  ignoredCount?: number;
  noise: Record<string, number>;
}

/** How many examples a bucket carries into the report. */
const EXAMPLES = 6;

export function buildReportModel(input: ReportInput, generatedAt = new Date().toISOString()): ReportModel {
  const { run } = input;
  const hitsThisRun = new Map(input.hits.filter((h) => h.runId === run.id).map((h) => [h.bucketId, h.count]));
  const examples = groupExamples([...input.divergences, ...input.earlierExamples]);
  const runsOf = new Map<number, Set<number>>();
  for (const h of input.hits) if (h.runId <= run.id && h.count > 0) runsOf.set(h.bucketId, (runsOf.get(h.bucketId) ?? new Set()).add(h.runId));
  const buckets: BucketView[] = input.buckets
    // A bucket the run hit, or one still open from before: both bear on this run's cutover.
    .filter((b) => b.firstRun <= run.id && (hitsThisRun.has(b.id) || OPEN_STATUSES.includes(b.status)))
    .map((b) => {
      const ex = examples.get(b.id) ?? [];
      return {
        ...b,
        runCount: hitsThisRun.get(b.id) ?? 0,
        // A store without per-run hits for the bucket still knows where it was first and last seen.
        runs: [...(runsOf.get(b.id) ?? new Set([b.firstRun, b.lastRun].filter((r) => r <= run.id)))].sort((x, y) => x - y),
        isNew: b.firstRun === run.id,
        reproduce: b.reproduce ?? ex[0]?.reproduce ?? '',
        examples: ex,
      };
    })
    .sort((a, b) => a.id - b.id);
  const coverage = coverageView(input.coverage, input.coverageNote ?? null, input.generatedCoverage ?? null);
  const gatingOpen = new Set(input.buckets.filter((b) => b.gating && OPEN_STATUSES.includes(b.status)).map((b) => b.id));
  const trend: TrendPoint[] = input.runs
    .filter((r) => r.id <= run.id)
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      runId: r.id,
      startedAt: r.startedAt,
      status: r.status,
      divergences: r.divergences,
      openBuckets: input.hits.filter((h) => h.runId === r.id && gatingOpen.has(h.bucketId)).length,
    }));
  const timings = input.timings ?? documentTimings(input.documents);
  return {
    schema: 1,
    generatedAt,
    run,
    verdict: decideVerdict({ run, buckets, coverage }),
    buckets,
    trend,
    performance: timings,
    coverage,
    logs: logViews(input),
    noise: input.noise,
    ignored: input.ignoredCount ?? input.divergences.filter((d) => d.disposition !== 'divergence').length,
  };
}

function groupExamples(divs: InputDivergence[]): Map<number, BucketExample[]> {
  const out = new Map<number, BucketExample[]>();
  for (const d of divs) {
    const list = out.get(d.bucketId) ?? [];
    if (list.length < EXAMPLES) {
      const { bucketId: _bucket, disposition: _disposition, ...example } = d;
      list.push(example);
    }
    out.set(d.bucketId, list);
  }
  return out;
}

function documentTimings(docs: InputDocument[]): { reference: TimingView; candidate: TimingView } | null {
  if (docs.length === 0) return null;
  return { reference: mergeTimings(docs.map((d) => d.reference)), candidate: mergeTimings(docs.map((d) => d.candidate)) };
}

function logViews(input: ReportInput): LogView[] {
  const byLog = new Map<string, LogView>();
  for (const l of input.logs) byLog.set(l.log, { log: l.log, sha256: l.sha256, records: l.records, documents: [] });
  const hits = new Map<string, DocumentView['hits']>();
  for (const d of input.divergences) {
    if (d.disposition !== 'divergence') continue;
    const key = `${d.log}\u0000${d.doc}`;
    const list = hits.get(key) ?? [];
    list.push({ bucket: d.bucketId, n: d.n, kind: d.kind, path: d.path, detail: d.detail, reproduce: d.reproduce });
    hits.set(key, list);
  }
  for (const d of input.documents) {
    let view = byLog.get(d.log);
    if (view === undefined) {
      view = { log: d.log, sha256: null, records: 0, documents: [] };
      byLog.set(d.log, view);
    }
    view.documents.push({
      doc: d.doc,
      records: d.records,
      status: d.status,
      divergences: d.divergences,
      resyncs: d.resyncs,
      timeNs: d.reference.totalNs + d.candidate.totalNs,
      hits: (hits.get(`${d.log}\u0000${d.doc}`) ?? []).sort((a, b) => a.n - b.n),
    });
  }
  for (const view of byLog.values()) view.documents.sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
  return [...byLog.values()].sort((a, b) => (a.log < b.log ? -1 : a.log > b.log ? 1 : 0));
}
