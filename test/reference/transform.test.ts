import { describe, expect, it } from 'vitest';
import { create, del, move, set, withPage, type Driver } from './helpers.js';

const indexOf = (out: ReturnType<Driver['op']>) => (out[0]!.op as { index: number }).index;

/** Page p, frame f with children n0..n4 created by `a`; `b` connected. seq = 7. */
function five(): Driver {
  const d = withPage();
  for (let i = 0; i < 5; i++) d.op('a', create(`n${i}`, 'f', 'RECTANGLE'));
  d.connect('b');
  return d;
}

describe('index transform', () => {
  it('two clients create at index 2 from the same view: the later one lands at 3', () => {
    const d = five();
    expect(indexOf(d.op('a', create('x', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(2);
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(3);
    expect(d.node('f').children).toEqual(['n0', 'n1', 'x', 'y', 'n2', 'n3', 'n4']);
  });

  it('without base no transform is made', () => {
    const d = five();
    d.op('a', create('x', 'f', 'RECTANGLE', undefined, 2));
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2)))).toBe(2);
  });

  it('an insertion above the index does not shift it; one at or below does', () => {
    const d = five();
    d.op('a', create('x', 'f', 'RECTANGLE', undefined, 3), { base: 7 });
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(2);
    expect(indexOf(d.op('b', create('z', 'f', 'RECTANGLE', undefined, 3), { base: 7 }))).toBe(4);
  });

  it('removals strictly below the index shift it down; at the index they do not', () => {
    const d = five();
    d.op('a', del('n1'));
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 3), { base: 7 }))).toBe(2);
    const e = five();
    e.op('a', del('n3'));
    expect(indexOf(e.op('b', create('y', 'f', 'RECTANGLE', undefined, 3), { base: 7 }))).toBe(3);
  });

  it('own ops are not transformed against, even across a reconnect', () => {
    const d = five();
    d.op('b', create('x', 'f', 'RECTANGLE', undefined, 0), { base: 7 });
    d.disconnect('b');
    d.connect('b');
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(2);
  });

  it('only changes after base count, and only in the same parent', () => {
    const d = five();
    d.op('a', create('x', 'f', 'RECTANGLE', undefined, 0)); // seq 8
    d.op('a', create('g', 'p', 'GROUP', undefined, 0)); // seq 9, another parent
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 8 }))).toBe(2);
    expect(indexOf(d.op('b', create('z', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(3); // x counts; y is b's own
  });

  it('a MOVE within P counts as its removal followed by its insertion', () => {
    const d = five();
    d.op('a', move('n0', 'f', 4)); // remove at 0, insert at 4: [n1 n2 n3 n4 n0]
    // b wanted index 2 (between n1 and n2 in its view): removal at 0 < 2 -> 1; insertion at 4 > 1 -> stays.
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(1);
    expect(d.node('f').children).toEqual(['n1', 'y', 'n2', 'n3', 'n4', 'n0']);
  });

  it('a MOVE out of P is a removal, into P an insertion; DELETE records one removal from the parent', () => {
    const d = five();
    d.op('a', create('g', 'p', 'GROUP')); // seq 8
    d.op('a', create('gc', 'g', 'RECTANGLE')); // seq 9
    d.op('a', move('n1', 'g', 0)); // seq 10: removal from f at 1
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 3), { base: 9 }))).toBe(2);
    d.op('a', move('n3', 'g', 0)); // seq 12: insertion into g at 0
    expect(indexOf(d.op('b', create('z', 'g', 'RECTANGLE', undefined, 1), { base: 11 }))).toBe(2);
    d.op('a', del('g')); // seq 14: one removal from p at 1 (g's children are not recorded)
    expect(indexOf(d.op('b', create('w', 'p', 'GROUP', undefined, 2), { base: 13 }))).toBe(1);
  });

  it("a MOVE's own removal is not in the history; its clamp is against the list without it", () => {
    const d = five();
    // b moves n0 to 5 from its view; nothing happened since: 5 clamps to 4 (list without n0).
    expect(indexOf(d.op('b', move('n0', 'f', 5), { base: 7 }))).toBe(4);
    // transform first, clamp second: a inserted at 0, so 4 -> 5, then clamped to 5 (6 children, minus n1).
    d.op('a', create('x', 'f', 'RECTANGLE', undefined, 0));
    expect(indexOf(d.op('b', move('n1', 'f', 4), { base: 8 }))).toBe(5);
  });

  it('a MOVE that leaves a node where it was is still applied and recorded', () => {
    const d = five(); // seq 7, f: [n0 n1 n2 n3 n4]
    const out = d.op('a', move('n2', 'f', 2)); // seq 8: removal at 2, insertion at 2
    expect(out.map((m) => m.kind)).toEqual(['op']);
    expect(out[0]).toMatchObject({ to: ['a', 'b'], seq: 8, op: { type: 'MOVE_NODE', node: 'n2', parent: 'f', index: 2 } });
    expect(d.seq()).toBe(8);
    expect(d.node('f').children).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    // Recorded: against base 7, b's index 2 passes the removal at 2 (not below 2) and then the
    // insertion at 2 (at or below): 3. Were the MOVE left out of the history, it would stay 2.
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(3);
    // Above it the pair cancels out (4 -> 3 -> 4); below it neither counts.
    expect(indexOf(d.op('b', create('z', 'f', 'RECTANGLE', undefined, 4), { base: 7 }))).toBe(4);
    expect(indexOf(d.op('b', create('w', 'f', 'RECTANGLE', undefined, 1), { base: 7 }))).toBe(1);
  });

  it('a parent created after base has history like any other', () => {
    const d = five();
    d.op('a', create('g', 'f', 'GROUP')); // seq 8
    d.op('a', create('g1', 'g', 'RECTANGLE')); // seq 9
    expect(indexOf(d.op('b', create('y', 'g', 'RECTANGLE', undefined, 0), { base: 7 }))).toBe(1);
  });

  it('stale: base below current - 10000; exactly current - 10000 is accepted', () => {
    const d = five(); // seq 7
    for (let i = 0; i < 10_000; i++) d.op('a', set('f', 'x', i)); // seq 10,007
    expect(d.reason('b', create('y', 'f', 'RECTANGLE', undefined, 0), { base: 6 })).toBe('stale');
    expect(d.reason('b', create('y', 'f', 'RECTANGLE', undefined, 0), { base: 7 })).toBe('applied');
  });

  it('history still transforms correctly at the edge of the window', () => {
    const d = five(); // seq 7
    d.op('a', create('x', 'f', 'RECTANGLE', undefined, 0)); // seq 8
    for (let i = 0; i < 9_999; i++) d.op('a', set('f', 'x', i)); // seq 10,007
    // base 7: seqs 8..10007 are within the window, so x's insertion still counts.
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 2), { base: 7 }))).toBe(3);
  });

  it('transform then clamp: 1e20 stays huge until clamped', () => {
    const d = five();
    d.op('a', del('n0'));
    expect(indexOf(d.op('b', create('y', 'f', 'RECTANGLE', undefined, 1e20), { base: 7 }))).toBe(4);
  });
});
