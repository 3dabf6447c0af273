import { describe, expect, it } from 'vitest';
import { create, driver, move, set, withPage } from './helpers.js';
import reference from '../../engines/reference/index.js';

describe('output shape', () => {
  it('the module is named reference and makes independent instances', () => {
    expect(reference.name).toBe('reference');
    const one = reference.create('x');
    const two = reference.create('x');
    one.handle({ doc: 'x', kind: 'connect', client: 'a' });
    one.handle({ doc: 'x', kind: 'op', client: 'a', cseq: 1, op: create('p', '0:0', 'PAGE') });
    expect(Object.keys(two.snapshot().nodes)).toEqual(['0:0']);
  });

  it('a new document is the root alone, at seq 0', () => {
    expect(driver().tree()).toEqual({
      seq: 0,
      root: '0:0',
      nodes: { '0:0': { type: 'DOCUMENT', parent: null, children: [], props: { x: 0, y: 0, width: 0, height: 0, rotation: 0 }, bounds: null } },
    });
  });

  it('messages and trees list keys in the agreed order', () => {
    const d = withPage();
    d.connect('b');
    const texts = [
      ...d.connect('a'),
      ...d.op('a', create('r', 'f', 'RECTANGLE', { z: 1, x: 2 }, 0), { base: 2 }),
      ...d.op('a', set('r', 'y', 1)),
      ...d.op('a', move('r', 'f', 0)),
      ...d.op('a', { type: 'DELETE_NODE', node: 'r' }),
      ...d.op('a', set('r', 'y', 1)),
      ...d.disconnect('b'),
    ].map((m) => JSON.stringify(m));
    expect(texts[0]).toMatch(/^\{"to":\["a"\],"kind":"snapshot","seq":2,"tree":\{"seq":2,"root":"0:0","nodes":\{"0:0":\{"type":"DOCUMENT","parent":null,"children":\["p"\],"props":\{"x":0,"y":0,"width":0,"height":0,"rotation":0\},"bounds":\[/);
    expect(texts.slice(1)).toEqual([
      '{"to":["b"],"kind":"presence","client":"a","state":"joined"}',
      '{"to":["a","b"],"kind":"op","seq":3,"from":"a","cseq":3,"op":{"type":"CREATE_NODE","id":"r","parent":"f","index":0,"nodeType":"RECTANGLE","props":{"z":1,"x":2}}}',
      '{"to":["a","b"],"kind":"op","seq":4,"from":"a","cseq":4,"op":{"type":"SET_PROPERTY","node":"r","prop":"y","value":1}}',
      '{"to":["a","b"],"kind":"op","seq":5,"from":"a","cseq":5,"op":{"type":"MOVE_NODE","node":"r","parent":"f","index":0}}',
      '{"to":["a","b"],"kind":"op","seq":6,"from":"a","cseq":6,"op":{"type":"DELETE_NODE","node":"r"}}',
      '{"to":["a"],"kind":"nack","cseq":7,"reason":"unknown-node"}',
      '{"to":["a"],"kind":"presence","client":"b","state":"left"}',
    ]);
  });

  it('nodes are listed in pre-order from the root', () => {
    const d = withPage();
    d.op('a', create('p2', '0:0', 'PAGE'));
    d.op('a', create('g', 'f', 'GROUP'));
    d.op('a', create('r', 'g', 'RECTANGLE'));
    d.op('a', create('s', 'f', 'RECTANGLE', undefined, 0));
    expect(Object.keys(d.tree().nodes)).toEqual(['0:0', 'p', 'f', 's', 'g', 'r', 'p2']);
  });

  it('an index of -0 is reported as 0', () => {
    const d = withPage();
    const out = d.op('a', create('r', 'f', 'RECTANGLE', undefined, -0));
    expect(Object.is((out[0]!.op as { index: number }).index, 0)).toBe(true);
  });
});

describe('no aliasing', () => {
  it('mutating a sent op after handle does not change the engine', () => {
    const d = withPage();
    const props = { tag: { deep: [1] } };
    const op = create('r', 'f', 'RECTANGLE', props);
    d.op('a', op);
    props.tag.deep.push(2);
    const value = { list: [1] };
    d.op('a', set('r', 'v', value));
    value.list.push(2);
    expect(d.node('r').props.tag).toEqual({ deep: [1] });
    expect(d.node('r').props.v).toEqual({ list: [1] });
  });

  it('mutating returned messages and snapshots does not change the engine', () => {
    const d = withPage();
    const out = d.op('a', create('r', 'f', 'RECTANGLE', { tag: { deep: [1] } }));
    ((out[0]!.op as { props: { tag: { deep: number[] } } }).props.tag.deep).push(99);
    const snap = d.tree();
    snap.nodes['r']!.children.push('x');
    (snap.nodes['r']!.props.tag as { deep: number[] }).deep.push(98);
    snap.nodes['f']!.children.length = 0;
    (snap.nodes['f']!.bounds as number[])[0] = -1e9;
    const setOut = d.op('a', set('r', 'v', { a: 1 }));
    ((setOut[0]!.op as { value: { a: number } }).value).a = 2;
    const connectOut = d.connect('a');
    (connectOut[0]!.tree as { nodes: Record<string, { props: Record<string, unknown> }> }).nodes['r']!.props.x = 77;
    const fresh = d.tree();
    expect(fresh.nodes['r']!.props.tag).toEqual({ deep: [1] });
    expect(fresh.nodes['r']!.props.v).toEqual({ a: 1 });
    expect(fresh.nodes['r']!.props.x).toBe(0);
    expect(fresh.nodes['r']!.children).toEqual([]);
    expect(fresh.nodes['f']!.children).toEqual(['r']);
    expect(fresh.nodes['f']!.bounds).toEqual([0, 0, 0, 0]);
  });

  it('mutating a loaded tree after load does not change the engine', () => {
    const d = withPage();
    const tree = d.tree();
    d.handle({ kind: 'load', tree });
    tree.nodes['p']!.props.x = 5;
    tree.nodes['p']!.children.push('zzz');
    expect(d.node('p').props.x).toBe(0);
    expect(d.node('p').children).toEqual(['f']);
  });
});

describe('envelope oddities', () => {
  it('records without a usable client or cseq answer nothing', () => {
    const d = withPage();
    expect(d.handle({ kind: 'connect' })).toEqual([]);
    expect(d.handle({ kind: 'op', client: 'a', op: set('f', 'x', 1) })).toEqual([]);
    expect(d.handle({ kind: 'op', client: 'a', cseq: 0, op: set('f', 'x', 1) })).toEqual([]);
    expect(d.handle({ kind: 'op', client: 'a', cseq: 1.5, op: set('f', 'x', 1) })).toEqual([]);
    expect(d.handle({ kind: 'op', cseq: 9, op: set('f', 'x', 1) })).toEqual([]);
    expect(d.seq()).toBe(2);
  });
});
