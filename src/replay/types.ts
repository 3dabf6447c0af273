/** What a shadow replay produces: divergences, per-document outcomes and engine timings. */
import type { Difference, DifferenceKind, Disposition } from '../compare/types.js';
import type { EngineFailureKind } from '../engine/types.js';
import type { LogRecord } from '../oplog/types.js';

export type DivergenceScope = 'messages' | 'tree' | 'engine';

/** `engine-hang`, `engine-throw`, ... for an engine failure; a difference kind otherwise. */
export type DivergenceKind = DifferenceKind | `engine-${EngineFailureKind}`;

/** One place where the engines parted, localized to the first record where they did. */
export interface Divergence {
  log: string;
  doc: string;
  /** 1-based record number in the log of the first record where the engines parted. */
  n: number;
  line: number;
  /** 1-based position of that record among its document's records. */
  docRecord: number;
  /** Record number at which it was detected (a tree checkpoint may come later than `n`). */
  detectedAt: number;
  scope: DivergenceScope;
  kind: DivergenceKind;
  /** Path of the first difference (empty for engine failures). */
  path: string;
  reference: unknown;
  candidate: unknown;
  /** The op's `type` for an op record, else the record kind (`connect`, ...). */
  opType: string | null;
  /** The nack reason either engine gave at this record, reference first; null if none. */
  nackReason: string | null;
  record: LogRecord;
  /** Every difference at this record (capped), each with its disposition. */
  differences: Array<Difference & { disposition: Disposition }>;
  /** divergence unless every difference was ignored, noise or accepted drift. */
  disposition: Disposition;
  /** For engine failures, which side failed. */
  failedEngine: 'reference' | 'candidate' | null;
  /** Human summary: the failure message and stderr tail, or the diff headline. */
  detail: string;
  /** One command line that reproduces it. */
  reproduce: string;
}

/** Latency and memory of one engine over some records. */
export interface EngineTiming {
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

export interface DocumentOutcome {
  log: string;
  doc: string;
  records: number;
  divergences: number;
  /** `ok`, `diverged`, `failed` (an engine failure ended it) or `stopped` (--stop-on-first). */
  status: 'ok' | 'diverged' | 'failed' | 'stopped';
  resyncs: number;
  reference: EngineTiming;
  candidate: EngineTiming;
}

/** Where a replay reports as it goes; the CLI plugs the store, progress and logs in here. */
export interface ReplaySink {
  onLogStart?(info: { log: string; sha256: string; records: number; documents: number }): void;
  onDivergence?(d: Divergence): void;
  onDocumentDone?(outcome: DocumentOutcome): void;
  onProgress?(p: { records: number; totalRecords: number }): void;
  /** Noise counters: path pattern -> times the two references differed there. */
  onNoise?(counts: Record<string, number>): void;
}

/** Counts over a whole replay (added by replay: the result's `totals`). */
export interface ReplayTotals {
  logs: number;
  documents: number;
  /** Records fed to the engines (documents left out by --doc, --shard or --resume not counted). */
  records: number;
  /** Divergences whose disposition is `divergence`: the ones that fail a run. */
  divergences: number;
  /** Every recorded divergence, per kind and per disposition (ignored, noise and drift included). */
  byKind: Record<string, number>;
  byDisposition: Record<string, number>;
  resyncs: number;
  /** Documents left out by --resume (already done in the resumed run). */
  skippedDocuments: number;
  /** Bad log lines left out under --skip-bad (0 without it: a bad log is refused instead). */
  skippedLines: number;
  /** Divergences reported to the sink but not kept in `divergences` (the result keeps a capped list). */
  droppedDivergences: number;
  wallMs: number;
}

/** What `replay()` returns: a value, never a throw, for anything the engines did. */
export interface ReplayResult {
  divergences: Divergence[];
  documents: DocumentOutcome[];
  totals: ReplayTotals;
  timings: { reference: EngineTiming; candidate: EngineTiming };
  noise: Record<string, number>;
}
