import { describe, expect, it } from 'vitest';
import { create, del, move, set, withPage } from './helpers.js';

/** The spec's corner formula, written out independently of the engine. */
function rotated(x: number, y: number, w: number, h: number, r: number): number[] {
  const t = (r * Math.PI) / 180;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [dx, dy] of [[-(w / 2), -(h / 2)], [w / 2, -(h / 2)], [w / 2, h / 2], [-(w / 2), h / 2]] as const) {
    xs.push(cx + dx * Math.cos(t) - dy * Math.sin(t));
    ys.push(cy + dx * Math.sin(t) + dy * Math.cos(t));
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe('bounds', () => {
  it('leaves have null bounds; a childless container has null bounds', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { width: 5, height: 5 }));
    d.op('a', create('g', 'f', 'GROUP'));
    expect(d.node('r').bounds).toBeNull();
    expect(d.node('g').bounds).toBeNull();
  });

  it('union of children rectangles; the root counts its PAGEs own rectangles', () => {
    const d = withPage();
    d.op('a', create('r1', 'f', 'RECTANGLE', { x: 10, y: 20, width: 5, height: 6 }));
    d.op('a', create('r2', 'f', 'RECTANGLE', { x: -3, y: 30, width: 1, height: 1 }));
    expect(d.node('f').bounds).toEqual([-3, 20, 15, 31]);
    // The page has rect 0,0,0,0 and the frame f (0,0,100,100) plus f's bounds translated by (0,0).
    expect(d.node('p').bounds).toEqual([-3, 0, 100, 100]);
    // The root: page p's own rectangle only (0,0,0,0), plus p's bounds translated by p's x,y.
    expect(d.node('0:0').bounds).toEqual([-3, 0, 100, 100]);
    d.op('a', set('p', 'x', 1000));
    expect(d.node('0:0').bounds).toEqual([997, 0, 1100, 100]);
  });

  it('nested containers contribute by translation only (rotation does not apply to descendants)', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP', { x: 50, y: 50, rotation: 90 }));
    d.op('a', create('r', 'g', 'RECTANGLE', { x: 10, y: 0, width: 10, height: 2 }));
    expect(d.node('g').bounds).toEqual([10, 0, 20, 2]);
    // g's own rectangle is a 0x0 box at (50,50) rotated: its four corners coincide at 50,50.
    const own = rotated(50, 50, 0, 0, 90);
    expect(d.node('f').bounds).toEqual([Math.min(own[0]!, 60), Math.min(own[1]!, 50), Math.max(own[2]!, 70), Math.max(own[3]!, 52)]);
  });

  it('a childless child container still contributes its own rectangle', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP', { x: 200, y: 300, width: 1, height: 2 }));
    expect(d.node('f').bounds).toEqual([200, 300, 201, 302]);
  });

  it('rotation 0 and -0 use the plain rectangle; 45 and 360 use the corner formula exactly', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 1.5, y: 2.25, width: 10, height: 4, rotation: -0 }));
    expect(d.node('f').bounds).toEqual([1.5, 2.25, 11.5, 6.25]);
    d.op('a', set('r', 'rotation', 45));
    expect(d.node('f').bounds).toEqual(rotated(1.5, 2.25, 10, 4, 45));
    d.op('a', set('r', 'rotation', 360));
    const b360 = rotated(1.5, 2.25, 10, 4, 360);
    expect(d.node('f').bounds).toEqual(b360);
    // 360 degrees is not exactly the plain rectangle in floating point: proof the formula ran.
    expect(b360).not.toEqual([1.5, 2.25, 11.5, 6.25]);
    d.op('a', set('r', 'rotation', 30));
    expect(d.node('f').bounds).toEqual(rotated(1.5, 2.25, 10, 4, 30));
  });

  it('θ is (rotation * π) / 180 as written, not rotation * (π / 180): the last bits show', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 0, y: 0, width: 100, height: 50, rotation: 41 }));
    // At 41 degrees the two groupings give different doubles for θ, and every corner shows it.
    expect((41 * Math.PI) / 180).not.toBe(41 * (Math.PI / 180));
    const asWritten = [-4.136954735901281, -26.67069095509466, 104.13695473590128, 76.67069095509466];
    const regrouped = [-4.136954735901284, -26.670690955094667, 104.1369547359013, 76.67069095509467];
    expect(rotated(0, 0, 100, 50, 41)).toEqual(asWritten);
    expect(d.node('f').bounds).toEqual(asWritten);
    expect(d.node('f').bounds).not.toEqual(regrouped);
  });

  it('bounds follow deletes and moves, and a container emptied goes back to null', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP', { x: 5 }));
    d.op('a', create('r', 'g', 'RECTANGLE', { width: 1, height: 1 }));
    expect(d.node('f').bounds).toEqual([5, 0, 6, 1]);
    d.op('a', move('r', 'f', 0));
    expect(d.node('g').bounds).toBeNull();
    expect(d.node('f').bounds).toEqual([5, 0, 6, 1]); // r kept its place on the canvas: x 0 -> 5
    d.op('a', del('r'));
    d.op('a', del('g'));
    expect(d.node('f').bounds).toBeNull();
  });

  it('changing a deep leaf changes every ancestor', () => {
    const d = withPage();
    d.op('a', create('g1', 'f', 'GROUP', { x: 1 }));
    d.op('a', create('g2', 'g1', 'GROUP', { x: 2 }));
    d.op('a', create('r', 'g2', 'RECTANGLE', { x: 3, width: 1, height: 1 }));
    expect(d.node('g2').bounds).toEqual([3, 0, 4, 1]);
    expect(d.node('g1').bounds).toEqual([2, 0, 6, 1]);
    d.op('a', set('r', 'y', -7));
    expect(d.node('g1').bounds).toEqual([2, -7, 6, 0]);
    expect(d.node('f').bounds).toEqual([1, -7, 7, 0]);
  });
});
