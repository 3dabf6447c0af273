import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ddmin } from '../../src/minimize/ddmin.js';

describe('ddmin', () => {
  it('finds the failure-inducing items, in order', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const result = await ddmin(items, (s) => s.includes(17) && s.includes(150) && s.includes(3));
    expect(result.items).toEqual([3, 17, 150]);
  });

  it('returns a 1-minimal subset for any monotone failure condition', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat({ max: 99 }), { minLength: 1, maxLength: 5 }), async (needed) => {
        const items = Array.from({ length: 100 }, (_, i) => i);
        const fails = (s: number[]): boolean => needed.every((x) => s.includes(x));
        const result = await ddmin(items, fails);
        expect(fails(result.items)).toBe(true);
        for (let i = 0; i < result.items.length; i++) {
          expect(fails(result.items.filter((_, j) => j !== i))).toBe(false);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('never asks the oracle twice about the same subset', async () => {
    const asked = new Set<string>();
    let repeats = 0;
    const result = await ddmin(Array.from({ length: 64 }, (_, i) => i), (s) => {
      const key = s.join(',');
      if (asked.has(key)) repeats++;
      asked.add(key);
      return s.includes(5) && s.includes(60);
    });
    expect(repeats).toBe(0);
    expect(result.calls).toBe(asked.size);
  });

  it('handles order-dependent failures (a later record needs an earlier one)', async () => {
    // Fails when a "delete" (10) comes before an "edit" (40) of the same node, with its create (2).
    const result = await ddmin(Array.from({ length: 50 }, (_, i) => i), (s) => s.includes(2) && s.includes(10) && s.includes(40) && s.indexOf(10) < s.indexOf(40));
    expect(result.items).toEqual([2, 10, 40]);
  });
});
