/**
 * Mutant: lost duplicate detection on reconnect. The rewrite keeps cseq counters in the session
 * object, so a reconnect starts from zero and a retransmitted op is applied a second time.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

export default createCandidate(
  {
    connectClient(this: CandidateDocument, client: string): void {
      this.cseqs.delete(client);
      CandidateDocument.prototype.connectClient.call(this, client);
    },
  },
  { name: 'mutant:dup-reconnect' },
);
