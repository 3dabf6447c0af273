import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logArbitrary } from '../../src/generate/arbitraries.js';
import { isWellFormedOp } from '../../src/generate/model.js';
import { runReference } from './reference-run.js';

describe('malformed payloads', () => {
  const logs = fc.sample(logArbitrary(), { seed: 5150, numRuns: 400 });

  it('come at a low rate: between 0.5% and 5% of op records', () => {
    let ops = 0;
    let malformed = 0;
    for (const log of logs) {
      for (const r of log.records) {
        if (r.kind !== 'op') continue;
        ops++;
        if (!isWellFormedOp(r.op)) malformed++;
      }
    }
    expect(ops).toBeGreaterThan(2000);
    expect(malformed / ops).toBeGreaterThanOrEqual(0.005);
    expect(malformed / ops).toBeLessThanOrEqual(0.05);
  });

  it('are exactly the payloads the reference engine nacks malformed (when it gets that far)', () => {
    let checked = 0;
    for (const log of logs) {
      for (const o of runReference(log.records)) {
        if (o.record.kind !== 'op' || o.result === 'not-connected' || o.result === 'duplicate') continue;
        expect(o.result === 'malformed').toBe(!isWellFormedOp(o.record.op));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
