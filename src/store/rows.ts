/** What the store hands out: plain rows, JSON columns already parsed. */
import type { EngineTiming } from '../replay/index.js';

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

/** Statuses a person sets. `regressed` is set by the store alone: a fixed bucket that came back. */
export const BUCKET_STATUSES = ['new', 'investigating', 'accepted', 'fixed', 'wont-fix'] as const;
export type TriageStatus = (typeof BUCKET_STATUSES)[number];
export type BucketStatus = TriageStatus | 'regressed';

export interface RunMeta {
  /** The command line, as given. */
  argv: string[];
  /** Engine labels, as shown in reports. */
  reference: string;
  candidate: string;
  /** Content hash of each engine's code (see engineHash); null when it cannot be computed. */
  referenceHash?: string | null;
  candidateHash?: string | null;
  /** undefined: ask `git rev-parse HEAD` in the current folder (null when that fails). */
  gitCommit?: string | null;
  /** `k/n` for a sharded run. */
  shard?: string | null;
}

export interface RunRow {
  id: number;
  argv: string[];
  reference: string;
  referenceHash: string | null;
  candidate: string;
  candidateHash: string | null;
  gitCommit: string | null;
  shard: string | null;
  pid: number | null;
  hostname: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  totals: Record<string, unknown> | null;
  origin: string | null;
}

export interface BucketRow {
  id: number;
  fingerprint: string;
  title: string;
  kind: string;
  scope: string;
  opType: string | null;
  normPath: string;
  nackReason: string | null;
  disposition: string;
  gating: boolean;
  status: BucketStatus;
  note: string | null;
  statusChangedAt: string | null;
  firstRun: number;
  lastRun: number;
  firstSeen: string;
  lastSeen: string;
  hits: number;
  regressedRun: number | null;
  reproducer: string | null;
}

export interface DivergenceRow {
  id: number;
  runId: number;
  bucketId: number;
  log: string;
  doc: string;
  n: number;
  line: number;
  docRecord: number;
  detectedAt: number;
  scope: string;
  kind: string;
  path: string;
  opType: string | null;
  nackReason: string | null;
  reference: unknown;
  candidate: unknown;
  record: unknown;
  differences: unknown[];
  disposition: string;
  failedEngine: 'reference' | 'candidate' | null;
  detail: string;
  reproduce: string;
  fingerprint: string;
}

export interface DocumentRow {
  runId: number;
  log: string;
  doc: string;
  records: number;
  divergences: number;
  status: 'ok' | 'diverged' | 'failed' | 'stopped';
  resyncs: number;
  reference: EngineTiming;
  candidate: EngineTiming;
  completedAt: string;
}

export interface LogRow {
  runId: number;
  path: string;
  sha256: string | null;
  records: number;
  documents: number;
}

export interface HistoryRow {
  at: string;
  runId: number | null;
  event: string;
  detail: string | null;
}

/** What setReproducer did: stored a first one, replaced a larger one, or kept the smaller stored one. */
export interface ReproducerUpdate {
  bucket: BucketRow;
  outcome: 'stored' | 'replaced' | 'kept';
  records: number;
  /** Records of the reproducer the bucket held before, or null when it had none. */
  previousRecords: number | null;
}

/** Conflict classes a fuzz run's generated logs exercised (records per class), over all of them. */
export interface GeneratedCoverage {
  logs: number;
  records: number;
  classes: Record<string, number>;
}

/** Records in a reproducer log's text: its non-blank lines, less a leading `{"oplog": ...}` header. */
export function reproducerRecords(text: string): number {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  try {
    const first = JSON.parse(lines[0]!) as unknown;
    if (first !== null && typeof first === 'object' && !Array.isArray(first) && 'oplog' in first) return lines.length - 1;
  } catch {
    // Not JSON: a record line all the same, as far as counting goes.
  }
  return lines.length;
}

/** Whether `text` is a better reproducer than `current`: fewer records, or as many in fewer bytes. */
export function isSmallerReproducer(text: string, current: string | null): boolean {
  if (current === null || current === '') return true;
  const records = reproducerRecords(text);
  const previous = reproducerRecords(current);
  return records < previous || (records === previous && text.length < current.length);
}

export interface BucketFilter {
  status?: string[];
  /** Only buckets with hits in this run (their `runHits` is filled). */
  run?: number;
  gating?: boolean;
}

const parse = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : null);

/* eslint-disable @typescript-eslint/no-explicit-any */
export function toRun(r: any): RunRow {
  return {
    id: r.id,
    argv: parse(r.argv) as string[],
    reference: r.reference,
    referenceHash: r.reference_hash,
    candidate: r.candidate,
    candidateHash: r.candidate_hash,
    gitCommit: r.git_commit,
    shard: r.shard,
    pid: r.pid,
    hostname: r.hostname,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    totals: parse(r.totals) as Record<string, unknown> | null,
    origin: r.origin,
  };
}

export function toBucket(r: any): BucketRow {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    title: r.title,
    kind: r.kind,
    scope: r.scope,
    opType: r.op_type,
    normPath: r.norm_path,
    nackReason: r.nack_reason,
    disposition: r.disposition,
    gating: r.gating === 1,
    status: r.status,
    note: r.note,
    statusChangedAt: r.status_changed_at,
    firstRun: r.first_run,
    lastRun: r.last_run,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    hits: r.hits,
    regressedRun: r.regressed_run,
    reproducer: r.reproducer,
  };
}

export function toDivergence(r: any): DivergenceRow {
  return {
    id: r.id,
    runId: r.run_id,
    bucketId: r.bucket_id,
    log: r.log,
    doc: r.doc,
    n: r.n,
    line: r.line,
    docRecord: r.doc_record,
    detectedAt: r.detected_at,
    scope: r.scope,
    kind: r.kind,
    path: r.path,
    opType: r.op_type,
    nackReason: r.nack_reason,
    reference: parse(r.reference),
    candidate: parse(r.candidate),
    record: parse(r.record),
    differences: parse(r.differences) as unknown[],
    disposition: r.disposition,
    failedEngine: r.failed_engine,
    detail: r.detail,
    reproduce: r.reproduce,
    fingerprint: r.fingerprint,
  };
}

export function toDocument(r: any): DocumentRow {
  return {
    runId: r.run_id,
    log: r.log,
    doc: r.doc,
    records: r.records,
    divergences: r.divergences,
    status: r.status,
    resyncs: r.resyncs,
    reference: parse(r.reference_timing) as EngineTiming,
    candidate: parse(r.candidate_timing) as EngineTiming,
    completedAt: r.completed_at,
  };
}
