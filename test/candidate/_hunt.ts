import fc from 'fast-check';
import reference from '../../engines/reference/index.js';
import candidate from '../../engines/candidate/index.js';
import { firstMismatch, describe } from './drive.js';
import { steps, toRecord } from './workload.js';
const seed = Number(process.argv[2]);
fc.assert(fc.property(steps(150), (plan) => {
  const ref = reference.create('d'); const cseqs = new Map(); const recs: any[] = [];
  plan.forEach((s, i) => { const r = toRecord(s, i, cseqs, ref.snapshot().seq, () => ref.snapshot()); recs.push(r); ref.handle(structuredClone(r)); });
  const m = firstMismatch(reference, candidate, recs);
  if (m) throw new Error(describe(m));
}), { seed, numRuns: 3000 });
console.log('ok', seed);
