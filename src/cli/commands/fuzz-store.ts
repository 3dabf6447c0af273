/**
 * A fuzz finding enters the store the way any divergence does: its minimized log is replayed by
 * `replay()` into a run of its own, through the same store wiring as `parity replay`.
 */
import { resolveEngineSpec } from '../../engine/index.js';
import type { FuzzResult } from '../../fuzz/index.js';
import { createLogger } from '../../log.js';
import { replay, type ReplayOptions } from '../../replay/index.js';
import { openRunStore } from './replay-store.js';

export async function storeFinding(path: string, result: FuzzResult, names: { reference: string; candidate: string }): Promise<number | null> {
  const f = result.failure;
  if (f === null) return null;
  const opts: ReplayOptions = {
    reference: resolveEngineSpec(names.reference),
    candidate: resolveEngineSpec(names.candidate),
    logs: [f.file],
    jobs: 1,
    checkpointEvery: 1000,
    stopOnFirst: false,
    timeoutMs: 10_000,
    noise: false,
    ignore: [],
    tolerances: [],
    skipBad: false,
    inline: true,
    reproduceArgs: ['parity', 'replay', '--reference', names.reference, '--candidate', names.candidate],
  };
  const store = await openRunStore(path, opts, undefined, createLogger('warn'));
  if (store === null) return null;
  try {
    store.finish('completed', await replay(opts, store.sink));
  } catch (err) {
    store.finish('failed');
    throw err;
  }
  return store.runId;
}
