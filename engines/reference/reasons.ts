/** Nack reasons, in precedence order: when several apply, the earliest one wins (§5). */
export const REASONS = [
  'not-connected',
  'duplicate',
  'malformed',
  'stale',
  'unknown-node',
  'duplicate-id',
  'invalid-parent',
  'cycle',
  'root',
  'reserved-property',
  'invalid-value',
  'too-large',
] as const;

export type Reason = (typeof REASONS)[number];

/** The reason that wins among several (null when there are none). */
export function earliest(reasons: Iterable<Reason | null>): Reason | null {
  let best: Reason | null = null;
  for (const reason of reasons) {
    if (reason !== null && (best === null || REASONS.indexOf(reason) < REASONS.indexOf(best))) best = reason;
  }
  return best;
}
