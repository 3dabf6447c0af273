/**
 * Mutant: a delete landing between two related property updates. The rewrite checks a SET
 * against the sender's view: a node that was alive at the op's `base` is "still there for that
 * client", so the y update after another client's delete is acked (and consumes a seq) instead of
 * being nacked unknown-node.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

const deletedAt = new WeakMap<CandidateDocument, Map<string, number>>();

export default createCandidate(
  {
    applyDelete(this: CandidateDocument, op: Record<string, unknown>, client: number, base: number) {
      const result = CandidateDocument.prototype.applyDelete.call(this, op, client, base);
      if (typeof result !== 'string') {
        let m = deletedAt.get(this);
        if (m === undefined) deletedAt.set(this, (m = new Map()));
        m.set(op.node as string, this.seq);
      }
      return result;
    },
    applySet(this: CandidateDocument, op: Record<string, unknown>, client: number, base: number) {
      const result = CandidateDocument.prototype.applySet.call(this, op, client, base);
      const gone = deletedAt.get(this)?.get(op.node as string);
      if (result === 'unknown-node' && base >= 0 && gone !== undefined && gone > base) {
        this.seq += 1;
        return { type: 'SET_PROPERTY', node: op.node, prop: op.prop, value: op.value };
      }
      return result;
    },
  },
  { name: 'mutant:delete-between-updates' },
);
