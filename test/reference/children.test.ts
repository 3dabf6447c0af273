import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChildList } from '../../engines/reference/children.js';

describe('ChildList', () => {
  it('behaves like a plain array under inserts and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ insert: fc.nat() }), fc.record({ remove: fc.nat() })), { maxLength: 400 }),
        (steps) => {
          const list = new ChildList();
          const model: string[] = [];
          let next = 0;
          for (const step of steps) {
            if ('insert' in step) {
              const at = step.insert % (model.length + 1);
              const id = `n${next++}`;
              list.insert(at, id);
              model.splice(at, 0, id);
            } else if (model.length > 0) {
              const id = model[step.remove % model.length]!;
              expect(list.remove(id)).toBe(model.indexOf(id));
              model.splice(model.indexOf(id), 1);
            }
          }
          expect(list.toArray()).toEqual(model);
          expect([...list]).toEqual(model);
          expect(list.length).toBe(model.length);
          for (const [i, id] of model.entries()) expect(list.indexOf(id)).toBe(i);
          expect(list.indexOf('absent')).toBe(-1);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('stays correct across chunk splits (thousands of children)', () => {
    const list = new ChildList();
    const model: string[] = [];
    let state = 7;
    const rand = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 6000; i++) {
      const at = rand(model.length + 1);
      list.insert(at, `c${i}`);
      model.splice(at, 0, `c${i}`);
      if (i % 3 === 0) {
        const id = model[rand(model.length)]!;
        expect(list.remove(id)).toBe(model.indexOf(id));
        model.splice(model.indexOf(id), 1);
      }
    }
    expect(list.toArray()).toEqual(model);
    expect(list.indexOf(model[1234]!)).toBe(1234);
  });
});
