/**
 * Reads one run, its history and its buckets out of the store into the plain rows buildReportModel
 * takes. Only reads: a report never changes the store, so it opens it read-only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Store, StoreError, type BucketRow, type DivergenceRow, type RunRow } from '../store/index.js';
import { buildReportModel, type InputDivergence, type ReportInput } from './build.js';
import type { GeneratedCoverageInput } from './coverage.js';
import { fileCoverageCache, type CoverageCache } from './coverage-cache.js';
import { coverageOfLogs, type CoverageResult, type RecordClassifier } from './coverage-logs.js';
import type { ReportModel, RunStatus, RunView } from './model.js';

/** Examples kept per bucket and first hits kept per document: enough to read, bounded in memory. */
const EXAMPLES = 6;
/** A reproducer file larger than this is shown truncated. */
const MAX_REPRODUCER_BYTES = 256 * 1024;

export class ReportError extends Error {
  override name = 'ReportError';
}

export interface LoadOptions {
  /**
   * Makes a conflict-class classifier for the run's log files; null (the default until the
   * generator exports its counter) reports coverage unknown, with the reason.
   */
  classifier?: (() => RecordClassifier) | null;
  /**
   * Names the classifier and its version in the coverage cache, so counts made by one classifier
   * are never read back for another. Without it nothing is cached.
   */
  classifierId?: string;
  /** Where classified counts are kept between reports; default: coverage-cache.json beside the store. */
  coverageCache?: CoverageCache | null;
  generatedAt?: string;
}

/** Opens the store read-only, builds the model of one run (or the last), and closes it. */
export async function loadReportModel(storePath: string, run: number | 'last', opts: LoadOptions = {}): Promise<ReportModel> {
  let store: Store;
  try {
    store = Store.open(storePath, { readonly: true });
  } catch (err) {
    if (err instanceof StoreError) throw new ReportError(err.message);
    throw err;
  }
  try {
    const runId = run === 'last' ? store.lastRunId() : run;
    if (runId === null) throw new ReportError(`${storePath}: the store holds no runs yet; run parity replay first`);
    const input = await readReportInput(store, runId, opts);
    return buildReportModel(input, opts.generatedAt);
  } finally {
    store.close();
  }
}

export async function readReportInput(store: Store, runId: number, opts: LoadOptions = {}): Promise<ReportInput> {
  const row = store.run(runId);
  if (row === undefined) throw new ReportError(`${store.path}: no run ${runId} in this store`);
  const documents = store.documents(runId);
  const logs = store.logs(runId);
  const gatingCounts = gatingDivergencesPerRun(store);
  const { divergences, ignored } = runDivergences(store, runId);
  const hits = store.allBucketRuns().map((h) => ({ runId: h.runId, bucketId: h.bucketId, count: h.hits }));
  const buckets = store.buckets();
  const hitNow = new Set(hits.filter((h) => h.runId === runId).map((h) => h.bucketId));
  const earlierExamples = buckets
    .filter((b) => !hitNow.has(b.id) && b.firstRun <= runId && ['new', 'investigating', 'regressed'].includes(b.status))
    .flatMap((b) => store.examples(b.id, 3).map(toInputDivergence));
  const docs = new Set(documents.map((d) => `${d.log}\u0000${d.doc}`));
  const coverage: CoverageResult = await coverageOfLogs(
    logs.map((l) => ({ path: l.path, sha256: l.sha256 })),
    docs,
    opts.classifier ?? null,
    cacheFor(store, opts),
  );
  const totals = row.totals ?? {};
  const run: RunView = {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    reference: row.reference,
    candidate: row.candidate,
    command: row.argv.length > 0 ? row.argv.map(shellQuote).join(' ') : null,
    logs: num(totals.logs) ?? logs.length,
    documents: num(totals.documents) ?? documents.length,
    records: num(totals.records) ?? documents.reduce((n, d) => n + d.records, 0),
    divergences: num(totals.divergences) ?? gatingCounts.get(runId) ?? 0,
  };
  return {
    run,
    runs: store.runs().map((r) => ({ id: r.id, status: r.status as RunStatus, startedAt: r.startedAt, divergences: runDivergenceCount(r, gatingCounts) })),
    buckets: buckets.map(toInputBucket),
    hits,
    divergences: divergences,
    ignoredCount: ignored,
    earlierExamples,
    logs: logs.map((l) => ({ log: l.path, sha256: l.sha256, records: l.records })),
    documents: documents.map((d) => ({ log: d.log, doc: d.doc, records: d.records, divergences: d.divergences, status: d.status, resyncs: d.resyncs, reference: d.reference, candidate: d.candidate })),
    timings: store.timings(runId),
    coverage: coverage.counts,
    coverageNote: coverage.note,
    generatedCoverage: generatedCoverage(totals.generated),
    noise: store.noise(runId),
  };
}

function cacheFor(store: Store, opts: LoadOptions): { store: CoverageCache; classifierId: string } | null {
  if (opts.classifierId === undefined) return null;
  const cache = opts.coverageCache === undefined ? fileCoverageCache(join(dirname(store.path), 'coverage-cache.json')) : opts.coverageCache;
  return cache === null ? null : { store: cache, classifierId: opts.classifierId };
}

/**
 * The run's divergences, bounded: the first few of each bucket (examples) and the first of each
 * bucket in each document (JUnit failures); the rest are only counted.
 */
function runDivergences(store: Store, runId: number): { divergences: InputDivergence[]; ignored: number } {
  const perBucket = new Map<number, number>();
  const perDocBucket = new Set<string>();
  const kept: InputDivergence[] = [];
  let ignored = 0;
  for (const d of store.divergences(runId)) {
    if (d.disposition !== 'divergence') ignored++;
    const key = `${d.log}\u0000${d.doc}\u0000${d.bucketId}`;
    const n = perBucket.get(d.bucketId) ?? 0;
    const firstInDoc = !perDocBucket.has(key);
    perDocBucket.add(key);
    if (n < EXAMPLES || firstInDoc) kept.push(toInputDivergence(d));
    perBucket.set(d.bucketId, n + 1);
  }
  return { divergences: kept, ignored };
}

function toInputDivergence(d: DivergenceRow): InputDivergence {
  return {
    runId: d.runId,
    bucketId: d.bucketId,
    disposition: d.disposition,
    log: d.log,
    doc: d.doc,
    n: d.n,
    line: d.line,
    scope: d.scope,
    kind: d.kind,
    path: d.path,
    opType: d.opType,
    nackReason: d.nackReason,
    record: d.record,
    reference: d.reference,
    candidate: d.candidate,
    failedEngine: d.failedEngine,
    detail: d.detail,
    reproduce: d.reproduce,
  };
}

function toInputBucket(b: BucketRow): ReportInput['buckets'][number] {
  return {
    id: b.id,
    fingerprint: b.fingerprint,
    title: b.title,
    status: b.status,
    kind: b.kind,
    scope: b.scope,
    count: b.hits,
    firstSeen: b.firstSeen,
    lastSeen: b.lastSeen,
    firstRun: b.firstRun,
    lastRun: b.lastRun,
    gating: b.gating,
    note: b.note,
    reproducer: reproducerText(b.reproducer),
    reproduce: null,
  };
}

/** Gating divergences per run, for runs whose totals were never written (interrupted ones). */
function gatingDivergencesPerRun(store: Store): Map<number, number> {
  const rows = store.db.prepare(`SELECT run_id AS run, count(*) AS c FROM divergences WHERE disposition = 'divergence' GROUP BY run_id`).all() as Array<{ run: number; c: number }>;
  return new Map(rows.map((r) => [r.run, r.c]));
}

function runDivergenceCount(r: RunRow, counts: Map<number, number>): number {
  return num(r.totals?.divergences) ?? counts.get(r.id) ?? 0;
}

/** The stored reproducer is either the log text itself or the path of a log file. */
function reproducerText(value: string | null): string | null {
  if (value === null || value === '') return null;
  if (value.includes('\n') || value.trimStart().startsWith('{')) return value;
  try {
    if (!existsSync(value) || !statSync(value).isFile()) return `(reproducer file ${value} is no longer on disk)`;
    let bytes = readFileSync(value);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const text = bytes.subarray(0, MAX_REPRODUCER_BYTES).toString('utf8');
    return bytes.length > MAX_REPRODUCER_BYTES ? `${text}\n… (truncated; the whole log is ${value})` : text;
  } catch (err) {
    return `(reproducer file ${value} could not be read: ${err instanceof Error ? err.message : String(err)})`;
  }
}

/** A fuzz run's `totals.generated` (Store.recordGeneratedCoverage); anything malformed is ignored. */
function generatedCoverage(v: unknown): GeneratedCoverageInput | null {
  if (v === null || typeof v !== 'object') return null;
  const g = v as { logs?: unknown; records?: unknown; classes?: unknown };
  const logs = num(g.logs);
  const records = num(g.records);
  if (logs === null || records === null || g.classes === null || typeof g.classes !== 'object') return null;
  const classes: Record<string, number> = {};
  for (const [name, n] of Object.entries(g.classes as Record<string, unknown>)) {
    const count = num(n);
    if (count !== null) classes[name] = count;
  }
  return { logs, records, classes };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** POSIX shell quoting, so the stored command line can be pasted back. */
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
