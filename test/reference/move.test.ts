import { describe, expect, it } from 'vitest';
import { create, move, set, withPage } from './helpers.js';

describe('MOVE_NODE', () => {
  it('keeps the node in place on the canvas, with absX summed root-down in that order', () => {
    const d = withPage();
    d.op('a', set('0:0', 'x', 0.1));
    d.op('a', set('p', 'x', 0.1));
    d.op('a', set('f', 'x', 0.1));
    d.op('a', set('f', 'y', 0.7));
    d.op('a', create('g', 'p', 'GROUP', { x: 1.1, y: 0.1 }));
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 0.1, y: 2.2 }));
    d.op('a', move('r', 'g', 0));
    // new x = (absX(f) + x) - absX(g), absX = ((x_root + x_page) + x_frame)
    expect(d.node('r').props.x).toBe(-0.9);
    expect(d.node('r').props.x).toBe((((0.1 + 0.1) + 0.1) + 0.1) - ((0.1 + 0.1) + 1.1));
    // Summed leaf-up, or right-associated, it would be -0.9000000000000002: the order is observable.
    expect((((0.1 + 0.1) + 0.1) + 0.1) - ((1.1 + 0.1) + 0.1)).toBe(-0.9000000000000002);
    expect((0.1 + (0.1 + 0.1) + 0.1) - (0.1 + (0.1 + 1.1))).toBe(-0.9000000000000002);
    expect(d.node('r').props.y).toBe((((0 + 0) + 0.7) + 2.2) - ((0 + 0) + 0.1));
  });

  it('leaves x and y untouched within the same parent, and ignores rotation', () => {
    const d = withPage();
    d.op('a', set('f', 'x', 9.5));
    d.op('a', set('f', 'rotation', 45));
    d.op('a', create('r1', 'f', 'RECTANGLE', { x: 1.25 }));
    d.op('a', create('r2', 'f', 'RECTANGLE'));
    d.op('a', move('r1', 'f', 5));
    expect(d.node('r1').props.x).toBe(1.25);
    expect(d.node('f').children).toEqual(['r2', 'r1']);
    d.op('a', move('r1', 'p', 0));
    expect(d.node('r1').props.x).toBe(9.5 + 1.25); // rotation of f ignored
  });

  it('inserts at min(index, length of the list without the node)', () => {
    const d = withPage();
    for (const id of ['n0', 'n1', 'n2', 'n3']) d.op('a', create(id, 'f', 'RECTANGLE'));
    const out = d.op('a', move('n0', 'f', 3));
    expect(out[0]!.op).toEqual({ type: 'MOVE_NODE', node: 'n0', parent: 'f', index: 3 });
    expect(d.node('f').children).toEqual(['n1', 'n2', 'n3', 'n0']);
    const clamped = d.op('a', move('n1', 'f', 99));
    expect((clamped[0]!.op as { index: number }).index).toBe(3);
    expect(d.node('f').children).toEqual(['n2', 'n3', 'n0', 'n1']);
    d.op('a', move('n1', 'f', 0));
    expect(d.node('f').children).toEqual(['n1', 'n2', 'n3', 'n0']);
  });

  it('a MOVE that leaves the node where it was is applied (seq consumed, broadcast)', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE'));
    const seq = d.seq();
    const out = d.op('a', move('r', 'f', 0));
    expect(out[0]).toMatchObject({ kind: 'op', seq: seq + 1 });
  });

  it('of two MOVEs of one node the later one wins', () => {
    const d = withPage();
    d.connect('b');
    d.op('a', create('g1', 'f', 'GROUP'));
    d.op('a', create('g2', 'f', 'GROUP'));
    d.op('a', create('r', 'f', 'RECTANGLE'));
    d.op('a', move('r', 'g1', 0));
    d.op('b', move('r', 'g2', 0));
    expect(d.node('r').parent).toBe('g2');
    expect(d.node('g1').children).toEqual([]);
  });

  it('moves the whole subtree', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP', { x: 2 }));
    d.op('a', create('r', 'g', 'RECTANGLE', { x: 3 }));
    d.op('a', create('f2', 'p', 'FRAME', { x: 10 }));
    d.op('a', move('g', 'f2', 0));
    expect(d.node('g').parent).toBe('f2');
    expect(d.node('g').props.x).toBe(-8);
    expect(d.node('r').props.x).toBe(3);
    expect(d.node('r').parent).toBe('g');
  });
});
