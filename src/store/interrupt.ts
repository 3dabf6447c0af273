/** SIGINT/SIGTERM during a run: mark it interrupted, so the store says so, then exit as signalled. */
import type { Store } from './store.js';

const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Returns a function that removes the handlers (call it when the run ends normally). */
export function installInterruptHandler(store: Store, runId: number, onSignal?: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    try {
      onSignal?.(signal);
      store.finishRun(runId, 'interrupted');
      store.close();
    } finally {
      process.exit(CODES[signal] ?? 1);
    }
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
