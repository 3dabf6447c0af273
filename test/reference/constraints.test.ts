import { describe, expect, it } from 'vitest';
import { create, set, withPage } from './helpers.js';

const c = (h: string, v = 'MIN') => ({ h, v });

describe('constraints', () => {
  it('each kind on the horizontal axis, children in order, children of every type', () => {
    const d = withPage(); // f is 100 x 100
    d.op('a', create('min', 'f', 'RECTANGLE', { x: 10, width: 20, constraints: c('MIN') }));
    d.op('a', create('none', 'f', 'ELLIPSE', { x: 10, width: 20 }));
    d.op('a', create('max', 'f', 'TEXT', { x: 10, width: 20, constraints: c('MAX') }));
    d.op('a', create('center', 'f', 'VECTOR', { x: 10, width: 20, constraints: c('CENTER') }));
    d.op('a', create('stretch', 'f', 'GROUP', { x: 10, width: 20, constraints: c('STRETCH') }));
    d.op('a', create('scale', 'f', 'RECTANGLE', { x: 10, width: 20, constraints: c('SCALE') }));
    d.op('a', set('f', 'width', 150));
    const p = (id: string) => d.node(id).props;
    expect([p('min').x, p('min').width]).toEqual([10, 20]);
    expect([p('none').x, p('none').width]).toEqual([10, 20]);
    expect([p('max').x, p('max').width]).toEqual([60, 20]);
    expect([p('center').x, p('center').width]).toEqual([35, 20]);
    expect([p('stretch').x, p('stretch').width]).toEqual([10, 70]);
    expect([p('scale').x, p('scale').width]).toEqual([(10 * 150) / 100, (20 * 150) / 100]);
    // The vertical axis was not touched.
    expect(p('max').y).toBe(0);
  });

  it('the vertical axis uses constraints.v with y and height', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { y: 3, height: 7, constraints: c('MAX', 'SCALE') }));
    d.op('a', set('f', 'height', 30));
    expect(d.node('r').props).toMatchObject({ x: 0, width: 0, y: (3 * 30) / 100, height: (7 * 30) / 100 });
  });

  it('exact float arithmetic: x = (x * w1) / w0', () => {
    const d = withPage();
    d.op('a', set('f', 'width', 3));
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 0.1, width: 0.7, constraints: c('SCALE') }));
    d.op('a', set('f', 'width', 10));
    expect(d.node('r').props.x).toBe(0.3333333333333333); // (0.1 * 10) / 3
    expect(d.node('r').props.width).toBe((0.7 * 10) / 3);
    expect(0.1 * (10 / 3)).toBe(0.33333333333333337); // the other association differs
  });

  it('STRETCH clamps at 0', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { width: 30, constraints: c('STRETCH') }));
    d.op('a', set('f', 'width', 40));
    expect(d.node('r').props.width).toBe(0);
    d.op('a', set('f', 'width', 45));
    expect(d.node('r').props.width).toBe(5);
  });

  it('SCALE from a width of 0 or -0 changes nothing', () => {
    for (const zero of [0, -0]) {
      const d = withPage();
      d.op('a', set('f', 'width', zero));
      d.op('a', create('r', 'f', 'RECTANGLE', { x: 4, width: 5, constraints: c('SCALE') }));
      d.op('a', set('f', 'width', 50));
      expect(d.node('r').props).toMatchObject({ x: 4, width: 5 });
    }
  });

  it('setting the same width runs nothing; 0 to -0 is the same width', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 4, constraints: c('MAX') }));
    d.op('a', set('f', 'width', 100));
    expect(d.node('r').props.x).toBe(4);
    d.op('a', set('f', 'width', 0));
    expect(d.node('r').props.x).toBe(-96);
    d.op('a', set('f', 'width', -0));
    expect(d.node('r').props.x).toBe(-96);
  });

  it('only a FRAME triggers them: a GROUP, PAGE or root width change does not', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP', { width: 10 }));
    d.op('a', create('r', 'g', 'RECTANGLE', { x: 1, constraints: c('MAX', 'MAX') }));
    d.op('a', set('g', 'width', 20));
    d.op('a', set('g', 'height', 20));
    expect(d.node('r').props).toMatchObject({ x: 1, y: 0 });
    d.op('a', create('f2', 'p', 'FRAME', { x: 1, constraints: c('MAX', 'MAX') }));
    d.op('a', set('p', 'width', 20));
    expect(d.node('f2').props.x).toBe(1);
  });

  it('recurses into nested FRAMEs whose size changed, on that axis only, and not into GROUPs', () => {
    const d = withPage();
    d.op('a', create('inner', 'f', 'FRAME', { width: 50, height: 50, constraints: c('STRETCH', 'STRETCH') }));
    d.op('a', create('deep', 'inner', 'RECTANGLE', { x: 1, y: 1, constraints: c('MAX', 'MAX') }));
    d.op('a', create('fixed', 'f', 'FRAME', { width: 50, constraints: c('MAX') }));
    d.op('a', create('under-fixed', 'fixed', 'RECTANGLE', { x: 1, constraints: c('MAX') }));
    d.op('a', create('grp', 'f', 'GROUP', { width: 50, constraints: c('STRETCH') }));
    d.op('a', create('under-grp', 'grp', 'RECTANGLE', { x: 1, constraints: c('MAX') }));
    d.op('a', set('f', 'width', 110));
    expect(d.node('inner').props).toMatchObject({ width: 60, height: 50 });
    expect(d.node('deep').props).toMatchObject({ x: 11, y: 1 }); // vertical untouched
    expect(d.node('fixed').props).toMatchObject({ x: 10, width: 50 });
    expect(d.node('under-fixed').props.x).toBe(1); // size of `fixed` did not change
    expect(d.node('grp').props.width).toBe(60);
    expect(d.node('under-grp').props.x).toBe(1); // groups are not recursed into
  });

  it('nested SCALE inside STRETCH inside SCALE', () => {
    const d = withPage();
    d.op('a', create('a1', 'f', 'FRAME', { x: 10, width: 40, constraints: c('SCALE') }));
    d.op('a', create('a2', 'a1', 'FRAME', { width: 20, constraints: c('STRETCH') }));
    d.op('a', create('a3', 'a2', 'RECTANGLE', { x: 2, width: 4, constraints: c('SCALE') }));
    d.op('a', create('a4', 'a2', 'RECTANGLE', { x: 2, width: 4, constraints: c('CENTER') }));
    d.op('a', set('f', 'width', 250));
    expect(d.node('a1').props).toMatchObject({ x: 25, width: 100 });
    expect(d.node('a2').props.width).toBe(80); // 20 + 60
    expect(d.node('a3').props).toMatchObject({ x: (2 * 80) / 20, width: (4 * 80) / 20 });
    expect(d.node('a4').props.x).toBe(2 + 60 / 2);
  });

  it('constraints act only on SET: not on CREATE, MOVE or load', () => {
    const d = withPage();
    d.op('a', create('f2', 'p', 'FRAME', { width: 10 }));
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 1, constraints: c('MAX') }));
    d.op('a', { type: 'MOVE_NODE', node: 'r', parent: 'f2', index: 0 });
    expect(d.node('r').props.x).toBe(1);
    d.handle({ kind: 'load', tree: d.tree() });
    expect(d.node('r').props.x).toBe(1);
  });
});
