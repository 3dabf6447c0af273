/**
 * Mutant: constraint propagation recursion. When a nested FRAME is resized by its own constraint,
 * the rewrite recurses into it with the OUTER frame's old and new size instead of the nested
 * frame's own, so grandchildren move by the wrong delta.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';
import { FRAME, G_H, G_W } from '../../candidate/types.js';

export default createCandidate(
  {
    propagate(this: CandidateDocument, frame: number, axis: number, w0: number, w1: number): void {
      const size = this.store.geo[axis === 0 ? G_W : G_H];
      this.touched(frame);
      const kids = this.store.kids[frame]?.toArray() ?? new Int32Array(0);
      for (const c of kids) {
        const changed = this.constrainChild(c, axis, w0, w1);
        if (changed && this.store.type[c] === FRAME && size[c] !== undefined) {
          this.propagate(c, axis, w0, w1); // the bug: should be (old size of c, new size of c)
        }
      }
    },
  },
  { name: 'mutant:constraint-recursion' },
);
