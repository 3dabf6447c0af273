/** Arrival times (`t`) for generated records: a fixed start and seeded gaps, so logs stay deterministic. */
import type { Rng } from './prng.js';

/** 2026-01-01T00:00:00Z. */
const START = 1_767_225_600_000;

export function clock(rng: Rng, meanGapMs: number): () => number {
  let now = START;
  return () => (now += rng.lag(meanGapMs));
}
