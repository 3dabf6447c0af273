/**
 * Disposition: comparing and judging are separate steps (scientist). Every difference is kept
 * and labelled; first match wins: ignored (a rule), noise (the references differ there too),
 * float-drift (within a tolerance), else divergence.
 */
import type { NoiseModel } from './noise.js';
import type { Difference, Disposition, DisposedDifference, RuleSet } from './types.js';

export function dispose(diffs: readonly Difference[], ctx: { ignore: RuleSet; noise?: NoiseModel }): DisposedDifference[] {
  return diffs.map((d) => {
    let disposition: Disposition;
    if (ctx.ignore.matches(d.path)) disposition = 'ignored';
    else if (ctx.noise?.isNoise(d.path)) disposition = 'noise';
    else if (d.kind === 'float-drift') disposition = 'float-drift';
    else disposition = 'divergence';
    return { ...d, disposition };
  });
}

/** Counts per disposition (every one present, zeros included), for summaries. */
export function countDispositions(diffs: ReadonlyArray<{ disposition: Disposition }>): Record<Disposition, number> {
  const out: Record<Disposition, number> = { divergence: 0, ignored: 0, noise: 0, 'float-drift': 0 };
  for (const d of diffs) out[d.disposition]++;
  return out;
}
