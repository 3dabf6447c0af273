/**
 * The replay's sink into the store. Divergences are buffered and written in batches; a document's
 * completion is written in the same transaction as whatever is still buffered, so a document the
 * store calls completed always has all its divergences.
 */
import type { Divergence, ReplayResult, ReplaySink } from '../replay/index.js';
import type { Store } from './store.js';

export interface StoreSink extends ReplaySink {
  /** Write what is buffered now. */
  flush(): void;
  /** Flush, store the result's totals and timings, and close the run with this status. */
  finish(status: 'completed' | 'interrupted' | 'failed', result?: ReplayResult): void;
}

export const DEFAULT_SINK_BATCH = 1000;

export function storeSink(store: Store, runId: number, opts: { batch?: number } = {}): StoreSink {
  const batch = opts.batch ?? DEFAULT_SINK_BATCH;
  let buffer: Divergence[] = [];
  const flush = (): void => {
    if (buffer.length === 0) return;
    const out = buffer;
    buffer = [];
    store.addDivergences(runId, out);
  };
  return {
    onLogStart: (info) => store.recordLog(runId, info),
    onDivergence: (d) => {
      buffer.push(d);
      if (buffer.length >= batch) flush();
    },
    onDocumentDone: (outcome) => {
      const out = buffer;
      buffer = [];
      store.completeDocument(runId, outcome, out);
    },
    onNoise: (counts) => store.addNoise(runId, counts),
    flush,
    finish: (status, result) => {
      flush();
      if (result !== undefined) store.recordTimings(runId, result.timings);
      store.finishRun(runId, status, result?.totals);
    },
  };
}
