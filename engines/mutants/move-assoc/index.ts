/**
 * Mutant: floating-point association in MOVE. Position preservation computed as
 * `absX(old) + (x - absX(new))` instead of `(absX(old) + x) - absX(new)`: off by an ulp for
 * fractional coordinates.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';
import { G_X, G_Y } from '../../candidate/types.js';

export default createCandidate(
  {
    applyMove(this: CandidateDocument, op: Record<string, unknown>, client: number, base: number) {
      const node = this.liveSlot(op.node as string);
      const target = this.liveSlot(op.parent as string);
      const from = node >= 0 ? this.store.parent[node]! : -1;
      const x = node >= 0 ? this.store.geo[G_X][node]! : 0;
      const y = node >= 0 ? this.store.geo[G_Y][node]! : 0;
      const result = CandidateDocument.prototype.applyMove.call(this, op, client, base);
      if (typeof result !== 'string' && from !== target) {
        this.store.geo[G_X][node] = this.absolute(from, G_X) + (x - this.absolute(target, G_X));
        this.store.geo[G_Y][node] = this.absolute(from, G_Y) + (y - this.absolute(target, G_Y));
      }
      return result;
    },
  },
  { name: 'mutant:move-assoc' },
);
