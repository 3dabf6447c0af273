/**
 * Fuzzing: the property "no divergence" over generated logs. A failing log is not shrunk by
 * fast-check (its shrinking re-runs the property ~100,000 times on long sequences) but by
 * parity's minimizer, which keeps the same bucket fingerprint; the result is written as a log
 * whose header carries the seed and counterexample path that regenerate the original.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { EngineSpec } from '../engine/index.js';
import { logArbitrary } from '../generate/arbitraries.js';
import type { ConflictClass, Coverage } from '../generate/coverage.js';
import { minimizeRecords, ReplayOracle, type MinimizeStats } from '../minimize/index.js';
import { createLogWriter } from '../oplog/index.js';
import type { LogRecord } from '../oplog/types.js';
import { shellQuote, type Divergence } from '../replay/index.js';
import { fingerprint } from '../store/fingerprint.js';

export interface FuzzOptions {
  reference: EngineSpec;
  candidate: EngineSpec;
  /** The engine names as the user gave them, for the reproduce command. */
  referenceName: string;
  candidateName: string;
  seed: number;
  /** Stop after this many generated logs (default: unbounded when timeMs is set, else 200). */
  runs?: number;
  /** Stop after this long. */
  timeMs?: number;
  maxSteps: number;
  /** Replay one counterexample of this seed (fast-check's path, as a found log's header gives it). */
  path?: string;
  inline: boolean;
  timeoutMs: number;
  /** Where a minimized failing log is written (corpora/found by default). */
  outDir: string;
  onProgress?: (p: { runs: number; records: number; stage: string; size?: number }) => void;
}

export interface FuzzFailure {
  fingerprint: string;
  /** The divergence as the minimized log shows it. */
  divergence: Divergence;
  /** fast-check's path to the failing log for this seed. */
  counterexamplePath: string;
  originalRecords: number;
  minimized: LogRecord[];
  stats: MinimizeStats;
  /** The minimized log, and the command that replays it. */
  file: string;
  reproduce: string;
  /** The command that regenerates the original, unminimized failing log. */
  regenerate: string;
  /** From the fuzzer's start to the first failing log, and the minimization after it. */
  timeToFailureMs: number;
  minimizeMs: number;
}

export interface FuzzResult {
  seed: number;
  runs: number;
  records: number;
  coverage: Coverage;
  elapsedMs: number;
  /** The run ended on its time limit rather than its run count. */
  interrupted: boolean;
  failure: FuzzFailure | null;
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const oracle = new ReplayOracle({ reference: opts.reference, candidate: opts.candidate, inline: opts.inline, timeoutMs: opts.timeoutMs, checkpointEvery: 0 });
  const started = Date.now();
  const coverage: Coverage = {};
  let runs = 0;
  let records = 0;
  let failing: { records: LogRecord[]; divergence: Divergence; at: number } | null = null;
  try {
    const property = fc.asyncProperty(logArbitrary({ maxSteps: opts.maxSteps }), async (log) => {
      runs++;
      records += log.records.length;
      for (const [c, n] of Object.entries(log.coverage)) coverage[c as ConflictClass] = (coverage[c as ConflictClass] ?? 0) + n;
      opts.onProgress?.({ runs, records, stage: 'fuzz' });
      const d = await oracle.firstDivergence(log.records);
      if (d === null) return true;
      failing = { records: log.records, divergence: d, at: Date.now() - started };
      return false;
    });
    const details = await fc.check(property, {
      seed: opts.seed,
      numRuns: opts.runs ?? (opts.timeMs === undefined ? 200 : Number.MAX_SAFE_INTEGER),
      interruptAfterTimeLimit: opts.timeMs,
      endOnFailure: true,
      ...(opts.path === undefined ? {} : { path: opts.path }),
    });
    const result: FuzzResult = { seed: opts.seed, runs, records, coverage, elapsedMs: Date.now() - started, interrupted: details.interrupted, failure: null };
    if (failing === null) {
      if (details.failed && details.errorInstance !== undefined) throw details.errorInstance;
      return result;
    }
    result.failure = await shrinkAndWrite(opts, oracle, failing, details.counterexamplePath ?? '');
    result.elapsedMs = Date.now() - started;
    return result;
  } finally {
    oracle.dispose();
  }
}

/** The command that finds the same failing log again: same engines, seed, size and fast-check path. */
export function regenerateCommand(opts: Pick<FuzzOptions, 'referenceName' | 'candidateName' | 'seed' | 'maxSteps'>, counterexamplePath: string): string {
  return ['parity', 'fuzz', '--reference', opts.referenceName, '--candidate', opts.candidateName, '--seed', String(opts.seed), '--max-steps', String(opts.maxSteps), '--path', counterexamplePath]
    .map(shellQuote)
    .join(' ');
}

async function shrinkAndWrite(
  opts: FuzzOptions,
  oracle: ReplayOracle,
  failing: { records: LogRecord[]; divergence: Divergence; at: number },
  counterexamplePath: string,
): Promise<FuzzFailure> {
  const t0 = Date.now();
  const d = failing.divergence;
  const fp = fingerprint(d);
  const docRecords = failing.records.filter((r) => r.doc === d.doc);
  const { records: minimized, stats } = await minimizeRecords({
    records: docRecords,
    target: d.docRecord - 1,
    path: d.path,
    fingerprint: fp,
    oracle: (rs) => oracle.fingerprint(rs),
    onProgress: (p) => opts.onProgress?.({ runs: 0, records: 0, stage: `minimize:${p.stage}`, size: p.size }),
  });
  mkdirSync(opts.outDir, { recursive: true });
  const file = join(opts.outDir, `found-${fp.slice(0, 12)}-seed${opts.seed}.ndjson`);
  const regenerate = regenerateCommand(opts, counterexamplePath);
  const writer = createLogWriter(file, {
    header: {
      oplog: 1,
      source: 'fuzz',
      generator: 'parity/fuzz',
      seed: opts.seed,
      path: counterexamplePath,
      maxSteps: opts.maxSteps,
      reference: opts.referenceName,
      candidate: opts.candidateName,
      fingerprint: fp,
      note: `minimized from ${failing.records.length} generated records (${docRecords.length} in document ${JSON.stringify(d.doc)}) to ${minimized.length}; regenerate the original with: ${regenerate}`,
    },
  });
  for (const r of minimized) writer.write(r);
  await writer.close();
  const confirmed = (await oracle.firstDivergence(minimized)) ?? d;
  const reproduce = ['parity', 'replay', '--reference', opts.referenceName, '--candidate', opts.candidateName, file].map(shellQuote).join(' ');
  return {
    fingerprint: fp,
    divergence: { ...confirmed, log: file, reproduce },
    counterexamplePath,
    originalRecords: failing.records.length,
    minimized,
    stats,
    file,
    reproduce,
    regenerate,
    timeToFailureMs: failing.at,
    minimizeMs: Date.now() - t0,
  };
}
