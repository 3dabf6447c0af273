import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, LOAD_SEQS, shapeArbitrary, STRAGGLER, stepArbitrary } from '../../src/generate/arbitraries.js';
import { classifyRecords } from '../../src/generate/coverage.js';
import type { LogRecord } from '../../src/oplog/types.js';
import { runReference } from './reference-run.js';

const SEED = 777;

function sample(fromLoad: boolean, runs: number): LogRecord[][] {
  const arb = shapeArbitrary().chain((shape) =>
    fc.array(stepArbitrary(shape.clients), { minLength: 40, maxLength: 80 }).map((steps) => interpret({ ...shape, fromLoad }, steps).records),
  );
  return fc.sample(arb, { seed: SEED, numRuns: runs });
}

describe('stale bases', () => {
  it('the straggler\'s edits are nacked stale by the reference engine, and no other client\'s are', () => {
    let stale = 0;
    const loadSeqs = new Set<number>();
    for (const records of sample(true, 40)) {
      loadSeqs.add((records[0]!.tree as { seq: number }).seq);
      const outcomes = runReference(records);
      for (const o of outcomes) {
        if (o.record.kind !== 'op') continue;
        if (o.record.client === STRAGGLER) {
          expect(o.result).toBe('stale');
          expect(o.record.base).toBeLessThan((records[0]!.tree as { seq: number }).seq);
          stale++;
        } else {
          // Every other client's view comes from a snapshot at or after the load.
          expect(o.result).not.toBe('stale');
        }
      }
      // The classifier agrees with the engine.
      expect(classifyRecords(records)['stale-base'] ?? 0).toBe(outcomes.filter((o) => o.result === 'stale').length);
    }
    expect(stale).toBeGreaterThan(20);
    expect([...loadSeqs].sort()).toEqual([...LOAD_SEQS].sort());
  });

  it('cannot happen without a load in a log this short, so the step emits nothing there', () => {
    for (const records of sample(false, 20)) {
      expect(records.some((r) => r.client === STRAGGLER)).toBe(false);
      expect(runReference(records).some((o) => o.result === 'stale')).toBe(false);
    }
  });

  it('the straggler\'s view is from before the load: just below it, or outside the history window too', () => {
    const steps = Array.from({ length: 4 }, (_, i) => ({ action: 'stale' as const, client: 0, other: 1, a: i, b: i, value: i }));
    for (const [staleBy, base] of [[1, 123_455], [10_001, 113_455]] as const) {
      const log = interpret({ clients: 2, docs: 1, fromLoad: true, loadSeq: 123_456, staleBy }, steps);
      const sent = log.records.filter((r) => r.client === STRAGGLER && r.kind === 'op');
      expect(sent.map((r) => r.base)).toEqual([base, base, base, base]);
      expect(runReference(log.records).filter((o) => o.record.client === STRAGGLER && o.record.kind === 'op').map((o) => o.result)).toEqual(['stale', 'stale', 'stale', 'stale']);
    }
  });
});
