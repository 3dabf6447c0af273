/** The store's public door: SQLite runs, divergences, buckets and triage decisions. */
export { Store, DEFAULT_STORE_PATH, docKey } from './store.js';
export { StoreError, asStoreError, type StoreErrorCode } from './errors.js';
export type { OpenOptions } from './open.js';
export { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';
export { fingerprint, fingerprintParts, fingerprintOf, normalizePath, isGating, defaultTitle, FINGERPRINT_LENGTH, type FingerprintParts } from './fingerprint.js';
export { relatedBuckets, jaccard, SIMILARITY_THRESHOLD, type Related } from './similar.js';
export { storeSink, DEFAULT_SINK_BATCH, type StoreSink } from './sink.js';
export { inShard } from './shard.js';
export { installInterruptHandler } from './interrupt.js';
export { decideGate, combineGates, type GateResult, type GateReason, type GateCode } from './gate.js';
export { buildBaseline, readBaseline, type Baseline, type BaselineEntry } from './baseline.js';
export { mergeStores, type MergeSummary } from './merge.js';
export { gitCommit, engineHash, pidAlive } from './host.js';
export {
  BUCKET_STATUSES,
  reproducerRecords,
  type BucketFilter,
  type BucketRow,
  type BucketStatus,
  type DivergenceRow,
  type DocumentRow,
  type GeneratedCoverage,
  type HistoryRow,
  type LogRow,
  type ReproducerUpdate,
  type RunMeta,
  type RunRow,
  type RunStatus,
  type TriageStatus,
} from './rows.js';
