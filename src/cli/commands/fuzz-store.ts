/**
 * A fuzz finding enters the store the way any divergence does: its minimized log is replayed by
 * `replay()` into a run of its own, through the same store wiring as `parity replay`. Then the
 * minimized log becomes its bucket's reproducer, and the run keeps what the generated logs
 * exercised (they are never written, so the report could not classify them again).
 * A fuzz run that finds nothing is stored too, as a completed run with no divergence: what it
 * generated and exercised is evidence a release manager's coverage table should show.
 */
import { readFileSync } from 'node:fs';
import { resolveEngineSpec } from '../../engine/index.js';
import type { FuzzResult } from '../../fuzz/index.js';
import { createLogger } from '../../log.js';
import { replay, replayOptions } from '../../replay/index.js';
import { engineHash, Store, type GeneratedCoverage, type ReproducerUpdate } from '../../store/index.js';
import { openRunStore } from './replay-store.js';

export interface StoredFinding {
  runId: number;
  /** null when the replay of the minimized log put nothing in the finding's bucket. */
  reproducer: ReproducerUpdate | null;
}

export async function storeFinding(path: string, result: FuzzResult, names: { reference: string; candidate: string }): Promise<StoredFinding | null> {
  const f = result.failure;
  if (f === null) return null;
  const opts = replayOptions({
    reference: resolveEngineSpec(names.reference),
    candidate: resolveEngineSpec(names.candidate),
    logs: [f.file],
    timeoutMs: 10_000,
    inline: true,
    reproduceArgs: ['parity', 'replay', '--reference', names.reference, '--candidate', names.candidate],
  });
  const run = openRunStore(path, opts, undefined, createLogger('warn'));
  try {
    run.finish('completed', await replay(opts, run.sink));
  } catch (err) {
    run.finish('failed');
    throw err;
  }
  const runId = run.runId;
  if (runId === null) return null;
  const store = Store.open(path);
  try {
    store.recordGeneratedCoverage(runId, generatedCoverage(result));
    return { runId, reproducer: store.setReproducer(f.fingerprint, readFileSync(f.file, 'utf8'), runId) };
  } finally {
    store.close();
  }
}

/** A fuzz run without divergence as a run of its own: no logs or documents, its generated coverage in the totals. */
export function storeCleanRun(path: string, result: FuzzResult, names: { reference: string; candidate: string }, argv: string[]): number {
  const store = Store.open(path, { create: true });
  try {
    const runId = store.beginRun({
      argv,
      reference: names.reference,
      candidate: names.candidate,
      referenceHash: engineHash(resolveEngineSpec(names.reference)),
      candidateHash: engineHash(resolveEngineSpec(names.candidate)),
    });
    store.finishRun(runId, 'completed', { logs: 0, documents: 0, records: 0, divergences: 0, byKind: {}, byDisposition: {}, generated: generatedCoverage(result) });
    return runId;
  } finally {
    store.close();
  }
}

/** The fuzz run's generated coverage in the store's shape (Store.recordGeneratedCoverage). */
function generatedCoverage(result: FuzzResult): GeneratedCoverage {
  return { logs: result.runs, records: result.records, classes: { ...result.coverage } as Record<string, number> };
}
