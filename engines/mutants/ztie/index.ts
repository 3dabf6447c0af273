/**
 * Mutant: z-order transform ties. Another client's insertion at exactly the requested index does
 * not push the index up (`j < i` instead of `j <= i`), so of two concurrent creates at one index
 * the later one lands below the earlier one instead of above.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

export default createCandidate(
  {
    transformIndex(this: CandidateDocument, parent: number, index: number, base: number, client: number): number {
      return this.history.transform(parent, index, base, client, this.store.born[parent]!, false);
    },
  },
  { name: 'mutant:ztie' },
);
