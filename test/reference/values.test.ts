import { describe, expect, it } from 'vitest';
import { create, set, withPage } from './helpers.js';

describe('prop values', () => {
  it('too-large is over 65,536 UTF-8 bytes of compact JSON, multi-byte characters counted in bytes', () => {
    const d = withPage();
    // JSON text of a string = 2 quote bytes + 2 bytes per "é".
    const fits = 'é'.repeat(32_767); // 65,536 bytes
    expect(d.reason('a', set('f', 'text', fits))).toBe('applied');
    expect(d.reason('a', set('f', 'text', fits + 'a'))).toBe('too-large'); // 65,537
    // 4 bytes per astral character (2 UTF-16 code units): 16,383 * 4 + 2 = 65,534.
    expect(d.reason('a', set('f', 'emoji', '\u{1F600}'.repeat(16_383) + 'ab'))).toBe('applied');
    expect(d.reason('a', set('f', 'emoji', '\u{1F600}'.repeat(16_383) + 'abc'))).toBe('too-large');
    // Compact JSON: an object's text counts its braces, quotes and colons, no spaces.
    const obj = { k: 'a'.repeat(65_536 - 8) }; // {"k":"…"} = 8 + n bytes
    expect(d.reason('a', set('f', 'obj', obj))).toBe('applied');
    expect(d.reason('a', set('f', 'obj', { k: obj.k + 'a' }))).toBe('too-large');
    // Escapes count as written: "\n" is two bytes inside the JSON text.
    expect(d.reason('a', set('f', 'esc', '\n'.repeat(32_767)))).toBe('applied');
    expect(d.reason('a', set('f', 'esc', '\n'.repeat(32_768)))).toBe('too-large');
  });

  it('geometry: finite numbers only, width and height >= 0, -0 fine, null refused', () => {
    const d = withPage();
    for (const [prop, value] of [['x', '1'], ['x', null], ['y', true], ['rotation', Infinity], ['x', NaN], ['width', -1], ['height', -0.001], ['x', [1]]] as const) {
      expect(d.reason('a', set('f', prop, value))).toBe('invalid-value');
    }
    expect(d.reason('a', set('f', 'x', Number('1e400')))).toBe('invalid-value');
    for (const [prop, value] of [['x', -5.5], ['width', -0], ['height', 0], ['rotation', -720]] as const) {
      expect(d.reason('a', set('f', prop, value))).toBe('applied');
    }
  });

  it('constraints: exactly h and v, each one of the five names; null removes', () => {
    const d = withPage();
    const bad = [{ h: 'MIN' }, { h: 'MIN', v: 'MIN', w: 'MIN' }, { h: 'min', v: 'MIN' }, { h: 'MIN', v: 'LEFT' }, 'MIN', ['MIN', 'MIN'], { h: 'MIN', v: null }, 5];
    for (const value of bad) expect(d.reason('a', set('f', 'constraints', value))).toBe('invalid-value');
    for (const h of ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE']) {
      expect(d.reason('a', set('f', 'constraints', { v: 'MIN', h }))).toBe('applied');
    }
    expect(d.node('f').props.constraints).toEqual({ v: 'MIN', h: 'SCALE' });
    expect(d.reason('a', set('f', 'constraints', null))).toBe('applied');
    expect(d.node('f').props).not.toHaveProperty('constraints');
    expect(d.reason('a', create('r', 'f', 'RECTANGLE', { constraints: { h: 'MAX' } }))).toBe('invalid-value');
  });

  it('reserved names are refused even with null, in SET and in CREATE props', () => {
    const d = withPage();
    for (const name of ['id', 'type', 'parent', 'children', 'bounds']) {
      expect(d.reason('a', set('f', name, null))).toBe('reserved-property');
      expect(d.reason('a', create('n', 'f', 'RECTANGLE', { [name]: 1 }))).toBe('reserved-property');
    }
  });

  it('SET null removes a prop; null on an absent prop and the current value are applied (seq consumed)', () => {
    const d = withPage();
    d.op('a', set('f', 'name', 'F'));
    const seq = d.seq();
    expect(d.reason('a', set('f', 'name', null))).toBe('applied');
    expect(d.node('f').props).not.toHaveProperty('name');
    expect(d.reason('a', set('f', 'name', null))).toBe('applied');
    expect(d.reason('a', set('f', 'width', 100))).toBe('applied');
    expect(d.seq()).toBe(seq + 3);
  });

  it('any JSON value of any depth is storable and comes back equal', () => {
    const d = withPage();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = { k: [deep] };
    const values = [0, -1.25, 'str', true, false, [], {}, [1, [2, [3]]], { a: null }, deep];
    values.forEach((value, i) => d.op('a', set('f', `p${i}`, value)));
    const props = d.node('f').props;
    values.forEach((value, i) => expect(props[`p${i}`]).toEqual(value));
  });

  it('CREATE props: a null ordinary prop is not stored, RESOLVED props are copied as sent, geometry defaults to 0', () => {
    const d = withPage();
    const props = { name: null, x: 3, constraints: null, tag: 'r' };
    const out = d.op('a', create('r', 'f', 'RECTANGLE', props, 0));
    expect(out[0]!.op).toEqual({ type: 'CREATE_NODE', id: 'r', parent: 'f', index: 0, nodeType: 'RECTANGLE', props });
    expect(Object.keys((out[0]!.op as { props: object }).props)).toEqual(['name', 'x', 'constraints', 'tag']);
    expect(d.node('r').props).toEqual({ x: 3, y: 0, width: 0, height: 0, rotation: 0, tag: 'r' });
    const bare = d.op('a', create('s', 'f', 'RECTANGLE'));
    expect(bare[0]!.op).not.toHaveProperty('props');
    const empty = d.op('a', create('t', 'f', 'RECTANGLE', {}));
    expect((empty[0]!.op as { props: object }).props).toEqual({});
  });

  it('CREATE never runs constraints; null geometry in CREATE props is invalid-value', () => {
    const d = withPage();
    expect(d.reason('a', create('r', 'f', 'RECTANGLE', { width: null }))).toBe('invalid-value');
    d.op('a', create('g', 'f', 'FRAME', { width: 50, constraints: { h: 'STRETCH', v: 'STRETCH' } }));
    expect(d.node('g').props.width).toBe(50);
  });

  it('props list geometry first, then others in insertion order; re-adding moves a prop to the end', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE', { b: 1, rotation: 9, a: 2 }));
    d.op('a', set('r', 'c', 3));
    d.op('a', set('r', 'b', 4));
    expect(Object.keys(d.node('r').props)).toEqual(['x', 'y', 'width', 'height', 'rotation', 'b', 'a', 'c']);
    d.op('a', set('r', 'b', null));
    d.op('a', set('r', 'b', 5));
    expect(Object.keys(d.node('r').props)).toEqual(['x', 'y', 'width', 'height', 'rotation', 'a', 'c', 'b']);
  });

  it('__proto__ and constructor are ordinary ids and prop names', () => {
    const d = withPage();
    const props = JSON.parse('{"__proto__":{"polluted":true},"constructor":1}');
    expect(d.reason('a', create('__proto__', 'f', 'RECTANGLE', props))).toBe('applied');
    expect(d.reason('a', set('__proto__', 'toString', 'x'))).toBe('applied');
    const tree = d.tree();
    expect(Object.hasOwn(tree.nodes, '__proto__')).toBe(true);
    const node = tree.nodes['__proto__']!;
    expect(Object.hasOwn(node.props, '__proto__')).toBe(true);
    expect(JSON.stringify(node.props)).toBe('{"x":0,"y":0,"width":0,"height":0,"rotation":0,"__proto__":{"polluted":true},"constructor":1,"toString":"x"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(d.reason('a', create('__proto__', 'f', 'RECTANGLE'))).toBe('duplicate-id');
  });
});
