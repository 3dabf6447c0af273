/**
 * Mutant: stale last-writer-wins. The rewrite resolves property conflicts by the sender's view:
 * a SET whose `base` predates another write of the same property is acked but dropped, so the
 * earlier write wins where the server's order says the later one must.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';

const lastWrite = new WeakMap<CandidateDocument, Map<string, number>>();

export default createCandidate(
  {
    applySet(this: CandidateDocument, op: Record<string, unknown>, client: number, base: number) {
      let writes = lastWrite.get(this);
      if (writes === undefined) lastWrite.set(this, (writes = new Map()));
      const key = `${String(op.node)}\u0000${String(op.prop)}`;
      const last = writes.get(key);
      if (base >= 0 && last !== undefined && last > base && this.liveSlot(op.node as string) >= 0) {
        this.seq += 1; // acked as applied, but the value is dropped
        writes.set(key, this.seq);
        return { type: 'SET_PROPERTY', node: op.node, prop: op.prop, value: op.value };
      }
      const result = CandidateDocument.prototype.applySet.call(this, op, client, base);
      if (typeof result !== 'string') writes.set(key, this.seq);
      return result;
    },
  },
  { name: 'mutant:stale-lww' },
);
