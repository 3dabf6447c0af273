/**
 * The store side of `parity replay`. Until the store lands this records nothing, so a run works
 * with or without it; `--no-store` skips it either way.
 */
import type { Logger } from '../../log.js';
import type { ReplayOptions, ReplayResult, ReplaySink } from '../../replay/index.js';

export interface RunStore {
  runId: number | null;
  sink: ReplaySink;
  finish(status: 'completed' | 'failed', result?: ReplayResult): void;
}

export async function openRunStore(_path: string, _opts: ReplayOptions, _resume: string | undefined, _logger: Logger): Promise<RunStore | null> {
  return null;
}
