/**
 * Open-ended fuzzing (diamond-types' fuzz_forever): round after round, each with a fresh seed,
 * until a round fails, the caller asks to stop (Ctrl-C), or an optional round bound is reached.
 * A round is one ordinary fuzz() run, so every failure found here is reproduced by its own seed.
 */
import type { ConflictClass, Coverage } from '../generate/coverage.js';
import { fuzz, type FuzzOptions, type FuzzResult } from './fuzz.js';

export interface ForeverOptions {
  /** The seed of round i (0-based). */
  seedFor: (round: number) => number;
  /** Stop after this many rounds; undefined: never on a count. */
  rounds?: number;
  /** Checked between rounds: true ends the run after the round in progress (Ctrl-C). */
  shouldStop: () => boolean;
  onRound?: (r: RoundSummary) => void;
}

export interface RoundSummary {
  round: number;
  seed: number;
  result: FuzzResult;
  /** Over every round so far, this one included. */
  totalRuns: number;
  totalRecords: number;
  elapsedMs: number;
}

export interface ForeverResult {
  rounds: number;
  /** failure: the last round diverged; stopped: asked to stop; rounds: the bound was reached. */
  ended: 'failure' | 'stopped' | 'rounds';
  /** The last round, with runs, records, coverage and time summed over all rounds. */
  result: FuzzResult;
  seeds: number[];
}

export async function fuzzForever(base: Omit<FuzzOptions, 'seed' | 'path' | 'timeMs'>, opts: ForeverOptions): Promise<ForeverResult> {
  const started = Date.now();
  const coverage: Coverage = {};
  const seeds: number[] = [];
  let runs = 0;
  let records = 0;
  for (let round = 0; ; round++) {
    const seed = opts.seedFor(round);
    seeds.push(seed);
    const result = await fuzz({ ...base, seed });
    runs += result.runs;
    records += result.records;
    for (const [c, n] of Object.entries(result.coverage)) coverage[c as ConflictClass] = (coverage[c as ConflictClass] ?? 0) + n;
    const elapsedMs = Date.now() - started;
    opts.onRound?.({ round, seed, result, totalRuns: runs, totalRecords: records, elapsedMs });
    const ended = result.failure !== null ? 'failure' : opts.rounds !== undefined && round + 1 >= opts.rounds ? 'rounds' : opts.shouldStop() ? 'stopped' : null;
    if (ended !== null) {
      return { rounds: round + 1, ended, seeds, result: { ...result, runs, records, coverage, elapsedMs, interrupted: ended === 'stopped' } };
    }
  }
}
