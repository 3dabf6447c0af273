/**
 * ReportModel: everything a report shows, computed once from the store. Every renderer reads only
 * this, so the formats cannot disagree with each other, and they can be tested against hand-built
 * models without a database. Values that came from a log or an engine are kept raw here; each
 * renderer escapes them for its own format.
 */

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

/** Bucket triage states; a store may use others, which render as they are and do not gate. */
export type BucketStatus = 'new' | 'investigating' | 'regressed' | 'accepted' | 'fixed' | 'wont-fix' | (string & {});

/** Statuses that block a cutover when the bucket is gating. */
export const OPEN_STATUSES: readonly string[] = ['new', 'investigating', 'regressed'];

export interface RunView {
  id: number;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  reference: string;
  candidate: string;
  /** The command line that started the run, when the store knows it. */
  command: string | null;
  logs: number;
  documents: number;
  records: number;
  divergences: number;
}

export type VerdictCode =
  | 'run-incomplete'
  | 'open-buckets'
  | 'regressions'
  | 'engine-failures'
  | 'coverage-gap'
  | 'coverage-unknown'
  | 'no-evidence';

export interface VerdictReason {
  code: VerdictCode;
  message: string;
  /** Buckets behind the reason, for links in the page. */
  buckets: number[];
}

export interface Verdict {
  ready: boolean;
  headline: string;
  reasons: VerdictReason[];
}

/** One concrete divergence that landed in a bucket: enough to read and to reproduce it. */
export interface BucketExample {
  runId: number;
  log: string;
  doc: string;
  /** 1-based record number in the log. */
  n: number;
  line: number;
  scope: string;
  kind: string;
  path: string;
  opType: string | null;
  nackReason: string | null;
  /** The first divergent record, as it was in the log. */
  record: unknown;
  /** What each engine produced there: node states or message lists. */
  reference: unknown;
  candidate: unknown;
  failedEngine: 'reference' | 'candidate' | null;
  detail: string;
  reproduce: string;
}

export interface BucketView {
  id: number;
  fingerprint: string;
  title: string;
  status: BucketStatus;
  /** Divergence kind, e.g. `value`, `missing`, `engine-hang`. */
  kind: string;
  scope: string;
  /** Divergences in this bucket, over every run. */
  count: number;
  /** Divergences in this bucket in the reported run. */
  runCount: number;
  firstSeen: string;
  lastSeen: string;
  firstRun: number;
  lastRun: number;
  /** Runs up to the reported one that put divergences in this bucket, ascending. */
  runs: number[];
  /** First seen in the reported run. */
  isNew: boolean;
  /** Counts toward the verdict (a real divergence, not noise or ignored drift). */
  gating: boolean;
  note: string | null;
  /** A minimized reproducer log (NDJSON text), when one was made. */
  reproducer: string | null;
  /** The command that replays the reproducer (or the example) and shows the divergence. */
  reproduce: string;
  examples: BucketExample[];
}

export interface TrendPoint {
  runId: number;
  startedAt: string;
  status: RunStatus;
  divergences: number;
  /** Gating buckets in an open status at the end of that run. */
  openBuckets: number;
}

/** Latency and memory of one engine over a run; the same shape as replay's EngineTiming. */
export interface TimingView {
  engine: string;
  records: number;
  totalNs: number;
  p50Ns: number;
  p95Ns: number;
  p99Ns: number;
  maxNs: number;
  peakRssBytes: number;
  /** Counts per latency bucket; bucket i holds samples in [2^i, 2^(i+1)) ns. */
  histogram: number[];
}

export interface PerformanceView {
  reference: TimingView;
  candidate: TimingView;
}

export interface CoverageClass {
  name: string;
  description: string;
  /** Records that exercised this class in the run's logs (replayed; 0 when those are unknown). */
  count: number;
  /** Records that exercised it in the logs a fuzz run generated and replayed (0 for other runs). */
  generated: number;
}

export interface CoverageView {
  /** false when nothing is known about coverage, replayed or generated: the verdict then says so. */
  known: boolean;
  /** The run's own log files were classified (counts in `count`). */
  replayedKnown: boolean;
  classes: CoverageClass[];
  /** Why the replayed logs' coverage is unknown, when it is. */
  note: string | null;
  /** The generated logs of a fuzz run, when the run is one (counts in `generated`). */
  generated: { logs: number; records: number } | null;
}

/** One document's outcome, with the buckets it hit: a JUnit test case. */
export interface DocumentView {
  doc: string;
  records: number;
  status: 'ok' | 'diverged' | 'failed' | 'stopped';
  divergences: number;
  resyncs: number;
  /** Engine time spent on this document (reference + candidate), in nanoseconds. */
  timeNs: number;
  hits: Array<{ bucket: number; n: number; kind: string; path: string; detail: string; reproduce: string }>;
}

/** One log of the run: a JUnit test suite. */
export interface LogView {
  log: string;
  sha256: string | null;
  records: number;
  documents: DocumentView[];
}

export interface ReportModel {
  /** Bumped when a field changes meaning; JSON consumers check it. */
  schema: 1;
  generatedAt: string;
  run: RunView;
  verdict: Verdict;
  buckets: BucketView[];
  trend: TrendPoint[];
  performance: PerformanceView | null;
  coverage: CoverageView;
  logs: LogView[];
  /** Differences the noise model discounted, per path pattern. */
  noise: Record<string, number>;
  /** Divergences recorded in the run whose every difference was ignored, noise or accepted drift. */
  ignored: number;
}
