/**
 * The history ring: the index transform of §4 against a plain list of entries, including when
 * the ring has wrapped many times and when a slot was reused by a node born later.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History, INSERT, REMOVE } from '../../engines/candidate/history.js';

interface Entry { seq: number; parent: number; kind: number; index: number; client: number }

function modelTransform(entries: Entry[], parent: number, index: number, base: number, client: number, born: number): number {
  let i = index;
  for (const e of entries) {
    if (e.seq <= base || e.parent !== parent || e.client === client || e.seq < born) continue;
    if (e.kind === INSERT && e.index <= i) i++;
    else if (e.kind === REMOVE && e.index < i) i--;
  }
  return i;
}

describe('History', () => {
  it('transforms like a plain list of the last entries', () => {
    const entry = fc.record({ parent: fc.nat(3), kind: fc.constantFrom(INSERT, REMOVE), index: fc.nat(8), client: fc.nat(2), two: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 200 }), fc.nat(8), fc.nat(40), fc.nat(3), fc.nat(2), fc.nat(10), (es, index, lag, parent, client, born) => {
        const h = new History();
        const model: Entry[] = [];
        let seq = 0;
        for (const e of es) {
          seq++;
          h.record(seq, e.parent, e.kind, e.index, e.client);
          model.push({ seq, ...e });
          if (e.two) {
            h.record(seq, (e.parent + 1) % 4, INSERT, e.index, e.client);
            model.push({ seq, parent: (e.parent + 1) % 4, kind: INSERT, index: e.index, client: e.client });
          }
        }
        const base = Math.max(0, seq - lag);
        expect(h.transform(parent, index, base, client, born, true)).toBe(modelTransform(model, parent, index, base, client, born));
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('keeps the whole 10,000-seq window after wrapping, with two entries per seq', () => {
    const h = new History();
    let seq = 0;
    for (let n = 0; n < 50_000; n++) {
      seq++;
      h.record(seq, 1, REMOVE, 5, 0);
      h.record(seq, 1, INSERT, 0, 0);
    }
    // Over the last 10,000 seqs: 10,000 insertions at 0 (each shifts i up), removals at 5 (only
    // while i > 5, which holds throughout): net 0 per seq.
    expect(h.transform(1, 7, seq - 10_000, 1, 0, true)).toBe(7);
    // Ties: an insertion at exactly i shifts i up; a removal at exactly i does not shift it.
    const t = new History();
    t.record(1, 2, INSERT, 3, 0);
    t.record(2, 2, REMOVE, 4, 0);
    expect(t.transform(2, 3, 0, 1, 0, true)).toBe(4);
    expect(t.transform(2, 3, 0, 1, 0, false)).toBe(3);
    expect(t.transform(2, 3, 0, 0, 0, true)).toBe(3); // own entries do not count
    expect(t.transform(2, 3, 1, 1, 0, true)).toBe(3); // base 1: only seq 2 (a removal at 4 > 3)
  });

  it('forgets everything on clear (a load)', () => {
    const h = new History();
    h.record(1, 0, INSERT, 0, 0);
    h.clear();
    expect(h.transform(0, 0, 0, 1, 0, true)).toBe(0);
  });
});
