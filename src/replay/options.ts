/** What a replay is asked to do, fully resolved: nothing downstream checks for undefined. */
import type { Tolerance } from '../compare/index.js';
import type { EngineSpec } from '../engine/types.js';
import type { Logger } from '../log.js';

export interface ReplayOptions {
  reference: EngineSpec;
  candidate: EngineSpec;
  /** Log files (already collected from folders). */
  logs: string[];
  /** Pairs of engine hosts; documents are spread over them. */
  jobs: number;
  /** Tree checkpoint every N records of a document (and always at its end); 0 = only at the end. */
  checkpointEvery: number;
  /**
   * Periodic checkpoints are skipped while snapshots have cost more than this fraction of the
   * engines' record time (default 0.1); 0 takes every checkpoint (exact detectedAt, for tests).
   */
  checkpointBudget?: number;
  stopOnFirst: boolean;
  timeoutMs: number;
  /** Run a second reference through the other door and discount paths where the two differ. */
  noise: boolean;
  ignore: string[];
  tolerances: Tolerance[];
  skipBad: boolean;
  /** Engines in this thread (no isolation, no hang detection): for tests and debugging. */
  inline?: boolean;
  shard?: { k: number; n: number };
  /** true = leave this document out (used by --resume for documents already done). */
  skipDocument?: (log: string, doc: string) => boolean;
  /** The command prefix that reproduces this run (`parity replay --reference X --candidate Y ...`), without logs. */
  reproduceArgs: string[];
  /** Only these documents (--doc); empty or absent = all. */
  docs?: string[];
  /** Most records sent to an engine in one call (default 1024). */
  batchSize?: number;
  /** Per-difference cap when comparing one record or tree (default 50). */
  maxDifferences?: number;
  logger?: Logger;
}

export const DEFAULT_BATCH = 1024;
export const DEFAULT_MAX_DIFFERENCES = 50;
export const DEFAULT_CHECKPOINT_EVERY = 1000;
export const DEFAULT_CHECKPOINT_BUDGET = 0.1;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What a caller must say: the two engines and the logs. Everything else has a default. */
export type ReplayRequest = Pick<ReplayOptions, 'reference' | 'candidate' | 'logs'> & Partial<ReplayOptions>;

/**
 * A complete ReplayOptions from the engines, the logs and any overrides: the CLI's defaults (one
 * pair, checkpoints every 1000 records, keep going after a divergence, no rules, no noise).
 * Programmatic callers (fuzz, minimize, benchmarks, tests) use this instead of spelling out
 * every field, so a new option gets its default in one place.
 */
export function replayOptions(request: ReplayRequest): ReplayOptions {
  return {
    jobs: 1,
    checkpointEvery: DEFAULT_CHECKPOINT_EVERY,
    stopOnFirst: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    noise: false,
    ignore: [],
    tolerances: [],
    skipBad: false,
    reproduceArgs: [],
    ...request,
  };
}
