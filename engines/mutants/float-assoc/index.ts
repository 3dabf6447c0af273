/**
 * Mutant: floating-point association in bounds. The rotated corner is computed as
 * `cx + (dx*cos - dy*sin)` instead of the spec's left-to-right `cx + dx*cos - dy*sin`: equal in
 * real arithmetic, one ulp apart on some inputs. Only a rotated child shows it, only in `bounds`.
 */
import { createCandidate, CandidateDocument } from '../../candidate/index.js';
import { G_H, G_R, G_W, G_X, G_Y } from '../../candidate/types.js';

export default createCandidate(
  {
    ownRect(this: CandidateDocument, slot: number, out: Float64Array): void {
      const g = this.store.geo;
      const r = g[G_R][slot];
      if (r === 0) return CandidateDocument.prototype.ownRect.call(this, slot, out);
      const x = g[G_X][slot], y = g[G_Y][slot], w = g[G_W][slot], h = g[G_H][slot];
      const cx = x + w / 2;
      const cy = y + h / 2;
      const theta = (r * Math.PI) / 180;
      const cos = Math.cos(theta);
      const sin = Math.sin(theta);
      out[0] = Infinity; out[1] = Infinity; out[2] = -Infinity; out[3] = -Infinity;
      for (let corner = 0; corner < 4; corner++) {
        const dx = corner === 0 || corner === 3 ? -(w / 2) : w / 2;
        const dy = corner < 2 ? -(h / 2) : h / 2;
        const px = cx + (dx * cos - dy * sin); // the bug: regrouped
        const py = cy + (dx * sin + dy * cos);
        out[0] = Math.min(out[0], px); out[1] = Math.min(out[1], py);
        out[2] = Math.max(out[2], px); out[3] = Math.max(out[3], py);
      }
    },
  },
  { name: 'mutant:float-assoc' },
);
