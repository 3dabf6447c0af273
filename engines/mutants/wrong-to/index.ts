/**
 * Mutant: wrong `to` lists. The rewrite broadcasts an applied op to everyone but its sender,
 * forgetting that the sender's copy is its ack.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

export default createCandidate(
  {
    everyone(this: CandidateDocument, sender: string): string[] {
      return this.connected.filter((c) => c !== sender);
    },
  },
  { name: 'mutant:wrong-to' },
);
