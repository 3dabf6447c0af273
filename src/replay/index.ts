/** The replay stage's public door: drive two engines over op logs, observe, compare, localize. */
export { replay } from './replay.js';
export { replayOptions, type ReplayOptions, type ReplayRequest } from './options.js';
export { DEFAULT_BATCH, DEFAULT_CHECKPOINT_BUDGET, DEFAULT_CHECKPOINT_EVERY, DEFAULT_MAX_DIFFERENCES, DEFAULT_TIMEOUT_MS } from './options.js';
export { BadLogError, planLogs } from './plan.js';
export { reproduceCommand, shellQuote } from './reproduce.js';
export { shardOf } from './select.js';
export { formatSummary } from './summary.js';
export { TimingRecorder } from './timing.js';
export type {
  Divergence,
  DivergenceKind,
  DivergenceScope,
  DocumentOutcome,
  EngineTiming,
  ReplayResult,
  ReplaySink,
  ReplayTotals,
} from './types.js';
