import { describe, expect, it } from 'vitest';
import { create, del, driver, set, withPage } from './helpers.js';

const loaded = {
  seq: 41,
  root: 'root',
  nodes: {
    root: { type: 'DOCUMENT', parent: null, children: ['pg'], props: {}, bounds: [9, 9, 9, 9] },
    pg: { type: 'PAGE', parent: 'root', children: ['fr'], props: { name: 'P', x: 1 }, bounds: null },
    fr: { type: 'FRAME', parent: 'pg', children: ['r1'], props: { width: 10, height: 10 }, bounds: [0, 0, 0, 0] },
    r1: { type: 'RECTANGLE', parent: 'fr', children: [], props: { x: 2, y: 3, width: 4, height: 5, rotation: 0, tag: 'kept' }, bounds: null },
  },
};

describe('load', () => {
  it('replaces the tree, takes its seq, defaults missing geometry and recomputes bounds', () => {
    const d = withPage();
    expect(d.handle({ kind: 'load', tree: loaded })).toEqual([]);
    const tree = d.tree();
    expect(tree.seq).toBe(41);
    expect(tree.root).toBe('root');
    expect(Object.keys(tree.nodes)).toEqual(['root', 'pg', 'fr', 'r1']);
    expect(tree.nodes['pg']!.props).toEqual({ x: 1, y: 0, width: 0, height: 0, rotation: 0, name: 'P' });
    expect(tree.nodes['root']!.bounds).toEqual([1, 0, 11, 10]);
    expect(tree.nodes['fr']!.bounds).toEqual([2, 3, 6, 8]);
    expect(tree.nodes['r1']!.props.tag).toBe('kept');
  });

  it('the next applied op gets seq + 1; a snapshot after load carries the loaded seq', () => {
    const d = withPage();
    d.handle({ kind: 'load', tree: loaded });
    expect(d.connect('b')[0]!.seq).toBe(41);
    expect(d.op('a', set('r1', 'x', 5))[0]!.seq).toBe(42);
  });

  it('keeps sessions and cseq counters', () => {
    const d = withPage(); // a used cseq 1 and 2
    d.connect('b');
    d.handle({ kind: 'load', tree: loaded });
    expect(d.reason('a', set('r1', 'x', 5), { cseq: 2 })).toBe('duplicate');
    const out = d.op('a', set('r1', 'x', 6), { cseq: 3 });
    expect(out[0]!.to).toEqual(['a', 'b']);
  });

  it('resets retired ids to the ids of the loaded tree', () => {
    const d = withPage();
    d.op('a', create('gone', 'f', 'RECTANGLE'));
    d.op('a', del('gone'));
    d.handle({ kind: 'load', tree: loaded });
    expect(d.reason('a', create('gone', 'fr', 'RECTANGLE'))).toBe('applied');
    expect(d.reason('a', create('r1', 'fr', 'RECTANGLE'))).toBe('duplicate-id');
    expect(d.reason('a', create('f', 'fr', 'RECTANGLE'))).toBe('applied'); // f was only in the old tree
  });

  it('a base below the loaded seq is stale; at it is fine; history is emptied', () => {
    const d = withPage();
    d.connect('b');
    d.handle({ kind: 'load', tree: loaded });
    expect(d.reason('a', set('r1', 'x', 1), { base: 40 })).toBe('stale');
    expect(d.reason('a', set('r1', 'x', 1), { base: 41 })).toBe('applied');
    const out = d.op('b', create('n', 'fr', 'RECTANGLE', undefined, 0), { base: 41 });
    expect((out[0]!.op as { index: number }).index).toBe(0);
  });

  it('seq is 0 when absent or not an integer >= 0', () => {
    for (const seq of [undefined, -1, 2.5, '7', null]) {
      const d = withPage();
      d.handle({ kind: 'load', tree: { ...loaded, seq } });
      expect(d.seq()).toBe(0);
    }
  });

  it('a root named "0:0" is not required, and the root may be the target of ops', () => {
    const d = withPage();
    d.handle({ kind: 'load', tree: loaded });
    expect(d.reason('a', del('root'))).toBe('root');
    expect(d.reason('a', create('p2', 'root', 'PAGE'))).toBe('applied');
    expect(d.reason('a', create('p3', '0:0', 'PAGE'))).toBe('unknown-node');
  });

  it('a load without a usable root changes nothing', () => {
    const d = withPage();
    const before = d.tree();
    for (const tree of [undefined, null, 5, { nodes: {} }, { root: 'x', nodes: {} }, { root: 'x', nodes: { x: { type: 7 } } }]) {
      expect(d.handle({ kind: 'load', tree })).toEqual([]);
    }
    expect(d.tree()).toEqual(before);
  });

  it('the structure is read from the root down through children; unknown and repeated child ids are skipped', () => {
    const d = driver();
    d.handle({
      kind: 'load',
      tree: {
        seq: 1,
        root: 'r',
        nodes: {
          r: { type: 'DOCUMENT', children: ['p', 'ghost', 'p'], props: {} },
          p: { type: 'PAGE', parent: 'wrong', children: [], props: { x: 'bad', y: Infinity } },
          orphan: { type: 'PAGE', parent: 'r', children: [], props: {} },
        },
      },
    });
    const tree = d.tree();
    expect(Object.keys(tree.nodes)).toEqual(['r', 'p']);
    expect(tree.nodes['r']!.children).toEqual(['p']);
    expect(tree.nodes['p']!.parent).toBe('r');
    expect(tree.nodes['p']!.props).toMatchObject({ x: 0, y: 0 });
    // Every key of nodes counts as seen, reached or not.
    d.connect('a');
    expect(d.reason('a', create('orphan', 'p', 'FRAME'))).toBe('duplicate-id');
    expect(d.reason('a', create('fresh', 'p', 'FRAME'))).toBe('applied');
  });

  it('a snapshot loaded back gives the same snapshot', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { x: 1.5, rotation: 30, width: 3, height: 4, deep: { a: [1, { b: null }] } }));
    const before = d.tree();
    d.handle({ kind: 'load', tree: before });
    expect(d.tree()).toEqual(before);
  });
});

describe('load empties the transform history', () => {
  it('changes recorded before a load never transform an op after it, even when the loaded seq is lower', () => {
    const d = withPage();
    for (const id of ['c0', 'c1', 'c2']) d.op('a', create(id, 'f', 'RECTANGLE')); // seq 5
    const tree = d.tree();
    d.connect('b');
    for (let i = 0; i < 5; i++) d.op('a', create(`n${i}`, 'f', 'RECTANGLE', undefined, 0)); // seqs 6..10, inserts at 0
    d.handle({ kind: 'load', tree }); // back to seq 5: f holds c0..c2
    const out = d.op('b', create('y', 'f', 'RECTANGLE', undefined, 0), { base: 5 });
    // With the old history kept, a's five inserts at 0 would push 0 to 5, clamped to 3.
    expect((out[0]!.op as { index: number }).index).toBe(0);
    expect(d.node('f').children).toEqual(['y', 'c0', 'c1', 'c2']);
  });
});
