/**
 * The chunked children list against a plain-array model under random inserts and removals:
 * same order, same indices, and its block invariants (back-pointers, sizes, no empty blocks)
 * hold after every step — with tiny blocks so splits and merges happen all the time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChildList, type Home } from '../../engines/candidate/children.js';

type Step = { insert: true; at: number } | { insert: false; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(10_000).map((at) => ({ insert: true as const, at })) },
  { weight: 2, arbitrary: fc.nat(10_000).map((pick) => ({ insert: false as const, pick })) },
);

function checkInvariants(list: ChildList, home: Home, model: number[]): void {
  expect(Array.from(list.toArray())).toEqual(model);
  expect(list.length).toBe(model.length);
  let total = 0;
  list.blocks.forEach((b, i) => {
    expect(b.pos).toBe(i);
    if (list.blocks.length > 1) expect(b.size).toBeGreaterThan(0);
    for (let k = 0; k < b.size; k++) expect(home[b.items[k]]).toBe(b);
    total += b.size;
  });
  expect(total).toBe(model.length);
  model.forEach((slot, i) => expect(list.indexOf(slot)).toBe(i));
}

describe('ChildList', () => {
  for (const maxBlock of [4, 8, 64]) {
    it(`matches an array under random inserts and removes (maxBlock ${maxBlock})`, () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
          const home: Home = [];
          const list = new ChildList(home, maxBlock);
          const model: number[] = [];
          let next = 0;
          for (const s of steps) {
            if (s.insert) {
              const at = s.at % (model.length + 1);
              list.insert(at, next);
              model.splice(at, 0, next);
              next++;
            } else if (model.length > 0) {
              const i = s.pick % model.length;
              const slot = model[i];
              expect(list.remove(slot)).toBe(i);
              expect(home[slot]).toBeNull();
              model.splice(i, 1);
            }
          }
          checkInvariants(list, home, model);
        }),
        { seed: 7, numRuns: 200 },
      );
    });
  }

  it('keeps indices right when one list holds 5,000 children edited at arbitrary positions', () => {
    const home: Home = [];
    const list = new ChildList(home, 256);
    const model: number[] = [];
    let rng = 12345;
    const rand = (n: number) => {
      rng = (rng * 1103515245 + 12345) & 0x7fffffff;
      return rng % n;
    };
    for (let slot = 0; slot < 5000; slot++) {
      const at = rand(model.length + 1);
      list.insert(at, slot);
      model.splice(at, 0, slot);
      if (slot % 3 === 0) {
        const i = rand(model.length);
        expect(list.remove(model[i])).toBe(i);
        model.splice(i, 1);
      }
    }
    checkInvariants(list, home, model);
  });

  it('appends past the end clamp to the end', () => {
    const home: Home = [];
    const list = new ChildList(home, 4);
    for (let s = 0; s < 10; s++) list.insert(list.length, s);
    list.insert(1_000, 10);
    expect(Array.from(list.toArray())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
