/**
 * Mutant: a crash on an unusual value. The rewrite sniffs array values for a paint list by
 * reading the first element's `type`, which throws on an empty array.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

export default createCandidate(
  {
    applySet(this: CandidateDocument, op: Record<string, unknown>, client: number, base: number) {
      const value = op.value;
      if (Array.isArray(value)) {
        const first = value[0] as { type?: unknown };
        if (first.type === 'paint') return 'invalid-value'; // TypeError when value is []
      }
      return CandidateDocument.prototype.applySet.call(this, op, client, base);
    },
  },
  { name: 'mutant:crash-empty-array' },
);
