import { describe, expect, it } from 'vitest';
import { REASONS } from '../../engines/reference/reasons.js';
import { create, del, move, set, withPage } from './helpers.js';

const id64 = 'i'.repeat(64);
const id65 = 'i'.repeat(65);

describe('malformed', () => {
  const shapes: Array<[string, unknown]> = [
    ['not an object', 'CREATE_NODE'],
    ['null', null],
    ['an array', [create('n', 'f', 'RECTANGLE')]],
    ['unknown type', { type: 'RENAME', node: 'f' }],
    ['type case differs', { type: 'delete_node', node: 'f' }],
    ['CREATE without id', { type: 'CREATE_NODE', parent: 'f', index: 0, nodeType: 'RECTANGLE' }],
    ['CREATE id number', { type: 'CREATE_NODE', id: 5, parent: 'f', index: 0, nodeType: 'RECTANGLE' }],
    ['CREATE id empty', create('', 'f', 'RECTANGLE')],
    ['CREATE id 65 code units', create(id65, 'f', 'RECTANGLE')],
    ['CREATE unknown nodeType', create('n', 'f', 'CIRCLE')],
    ['CREATE nodeType lower case', create('n', 'f', 'rectangle')],
    ['CREATE props null', { ...create('n', 'f', 'RECTANGLE'), props: null }],
    ['CREATE props array', { ...create('n', 'f', 'RECTANGLE'), props: [1] }],
    ['CREATE props empty key', create('n', 'f', 'RECTANGLE', { '': 1 })],
    ['CREATE props 65-unit key', create('n', 'f', 'RECTANGLE', { [id65]: 1 })],
    ['CREATE index 1.5', create('n', 'f', 'RECTANGLE', undefined, 1.5)],
    ['CREATE index -1', create('n', 'f', 'RECTANGLE', undefined, -1)],
    ['CREATE index "0"', { ...create('n', 'f', 'RECTANGLE'), index: '0' }],
    ['CREATE index missing', { type: 'CREATE_NODE', id: 'n', parent: 'f', nodeType: 'RECTANGLE' }],
    ['CREATE index Infinity', create('n', 'f', 'RECTANGLE', undefined, Infinity)],
    ['SET without value key', { type: 'SET_PROPERTY', node: 'f', prop: 'x' }],
    ['SET prop number', set('f', 5 as never, 1)],
    ['SET prop empty', set('f', '', 1)],
    ['SET prop 65 units', set('f', id65, 1)],
    ['SET node number', set(7 as never, 'x', 1)],
    ['DELETE node missing', { type: 'DELETE_NODE' }],
    ['MOVE index 1.5', move('f', 'p', 1.5)],
    ['MOVE parent null', { type: 'MOVE_NODE', node: 'f', parent: null, index: 0 }],
    // References must be strings even though they are not length-checked (a number is not an id).
    ['CREATE parent number', { type: 'CREATE_NODE', id: 'n', parent: 5, index: 0, nodeType: 'RECTANGLE' }],
    ['CREATE parent null', { type: 'CREATE_NODE', id: 'n', parent: null, index: 0, nodeType: 'RECTANGLE' }],
    ['CREATE parent missing', { type: 'CREATE_NODE', id: 'n', index: 0, nodeType: 'RECTANGLE' }],
    ['CREATE parent an array holding a live id', { type: 'CREATE_NODE', id: 'n', parent: ['f'], index: 0, nodeType: 'RECTANGLE' }],
    ['MOVE node number', { type: 'MOVE_NODE', node: 7, parent: 'p', index: 0 }],
    ['MOVE node null', { type: 'MOVE_NODE', node: null, parent: 'p', index: 0 }],
    ['MOVE node missing', { type: 'MOVE_NODE', parent: 'p', index: 0 }],
    ['MOVE node an array holding a live id', { type: 'MOVE_NODE', node: ['f'], parent: 'p', index: 0 }],
  ];
  for (const [name, op] of shapes) {
    it(name, () => expect(withPage().reason('a', op)).toBe('malformed'));
  }

  it('index is checked by value: 2.0 and 1e20 are integers, 1e20 is clamped', () => {
    const d = withPage();
    expect(d.reason('a', create('n', 'f', 'RECTANGLE', undefined, 2.0))).toBe('applied');
    const out = d.op('a', create('m', 'f', 'RECTANGLE', undefined, 1e20));
    expect((out[0]!.op as { index: number }).index).toBe(1);
  });

  it('ids and prop names of exactly 64 code units are fine; references are not length-checked', () => {
    const d = withPage();
    expect(d.reason('a', create(id64, 'f', 'RECTANGLE', { [id64]: 1 }))).toBe('applied');
    expect(d.reason('a', set(id64, id64, 2))).toBe('applied');
    expect(d.reason('a', set(id65, 'x', 2))).toBe('unknown-node');
    expect(d.reason('a', set('f', '\u{1F600}'.repeat(32), 1))).toBe('applied'); // 64 code units
    expect(d.reason('a', set('f', '\u{1F600}'.repeat(32) + 'x', 1))).toBe('malformed');
  });

  it('base: null, negative, fractional, string, or above current seq is malformed; current seq is fine', () => {
    const d = withPage(); // seq 2
    for (const base of [null, -1, 1.5, '1', 3]) expect(d.reason('a', set('f', 'x', 1), { base })).toBe('malformed');
    expect(d.reason('a', set('f', 'x', 1), { base: 2 })).toBe('applied');
    expect(d.reason('a', set('f', 'x', 1), { base: 0 })).toBe('applied');
  });

  it('base is checked on DELETE and SET too, not only CREATE/MOVE', () => {
    const d = withPage();
    expect(d.reason('a', del('f'), { base: 99 })).toBe('malformed');
  });

  it('extra fields are dropped from RESOLVED', () => {
    const d = withPage();
    const out = d.op('a', { ...del('f'), extra: 1, base: 0 });
    expect(out[0]!.op).toEqual({ type: 'DELETE_NODE', node: 'f' });
  });
});

describe('reasons of each op', () => {
  it('unknown-node for a target or parent never seen or deleted', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE'));
    d.op('a', del('r'));
    expect(d.reason('a', set('r', 'x', 1))).toBe('unknown-node');
    expect(d.reason('a', del('r'))).toBe('unknown-node');
    expect(d.reason('a', create('n', 'r', 'RECTANGLE'))).toBe('unknown-node');
    expect(d.reason('a', move('r', 'f', 0))).toBe('unknown-node');
    expect(d.reason('a', move('f', 'r', 0))).toBe('unknown-node');
    expect(d.reason('a', set('ghost', 'x', 1))).toBe('unknown-node');
  });

  it('duplicate-id for a live id, a retired id and the root id', () => {
    const d = withPage();
    expect(d.reason('a', create('f', 'p', 'FRAME'))).toBe('duplicate-id');
    d.op('a', create('r', 'f', 'RECTANGLE'));
    d.op('a', del('f')); // retires f and r
    expect(d.reason('a', create('r', 'p', 'RECTANGLE'))).toBe('duplicate-id');
    expect(d.reason('a', create('f', 'p', 'FRAME'))).toBe('duplicate-id');
    expect(d.reason('a', create('0:0', 'p', 'FRAME'))).toBe('duplicate-id');
  });

  it('invalid-parent for each broken type rule', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE'));
    expect(d.reason('a', create('x1', 'f', 'PAGE'))).toBe('invalid-parent'); // PAGE only under DOCUMENT
    expect(d.reason('a', create('x2', '0:0', 'FRAME'))).toBe('invalid-parent'); // DOCUMENT holds PAGEs only
    expect(d.reason('a', create('x3', 'p', 'DOCUMENT'))).toBe('invalid-parent'); // DOCUMENT is root only
    expect(d.reason('a', create('x4', 'r', 'RECTANGLE'))).toBe('invalid-parent'); // leaves have no children
    expect(d.reason('a', move('r', '0:0', 0))).toBe('invalid-parent');
    expect(d.reason('a', move('p', 'f', 0))).toBe('invalid-parent');
    for (const t of ['FRAME', 'GROUP', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR']) {
      expect(d.reason('a', create(`ok-${t}`, 'f', t))).toBe('applied');
    }
    expect(d.reason('a', create('g', 'p', 'GROUP'))).toBe('applied');
    expect(d.reason('a', create('in-group', 'g', 'ELLIPSE'))).toBe('applied');
  });

  it('cycle: a MOVE into itself or its descendant', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'GROUP'));
    d.op('a', create('g2', 'g', 'FRAME'));
    expect(d.reason('a', move('f', 'f', 0))).toBe('cycle');
    expect(d.reason('a', move('f', 'g2', 0))).toBe('cycle');
    expect(d.reason('a', move('g', 'g2', 0))).toBe('cycle');
  });

  it('root: only a DELETE of the root; a MOVE of the root is invalid-parent', () => {
    const d = withPage();
    expect(d.reason('a', del('0:0'))).toBe('root');
    expect(d.reason('a', move('0:0', 'p', 0))).toBe('invalid-parent');
    expect(d.reason('a', move('0:0', '0:0', 0))).toBe('invalid-parent');
  });

  it('the root may be the target of SET_PROPERTY, geometry included', () => {
    const d = withPage();
    expect(d.reason('a', set('0:0', 'x', 5))).toBe('applied');
    expect(d.reason('a', set('0:0', 'name', 'doc'))).toBe('applied');
    expect(d.node('0:0').props).toMatchObject({ x: 5, name: 'doc' });
  });
});

describe('precedence between reasons', () => {
  it('the reason list is in the documented order', () => {
    expect(REASONS).toEqual(['not-connected', 'duplicate', 'malformed', 'stale', 'unknown-node', 'duplicate-id',
      'invalid-parent', 'cycle', 'root', 'reserved-property', 'invalid-value', 'too-large']);
  });

  it('duplicate before malformed; malformed before stale; stale before unknown-node', () => {
    const d = withPage();
    expect(d.reason('a', 'junk', { cseq: 1 })).toBe('duplicate');
    for (let i = 0; i < 10_001; i++) d.op('a', set('f', 'x', i));
    expect(d.reason('a', 'junk', { base: 0 })).toBe('malformed');
    expect(d.reason('a', set('ghost', 'x', 1), { base: 0 })).toBe('stale');
  });

  it('CREATE: unknown-node before duplicate-id before invalid-parent before props', () => {
    const d = withPage();
    d.op('a', create('r', 'f', 'RECTANGLE'));
    expect(d.reason('a', create('r', 'ghost', 'PAGE', { id: 1 }))).toBe('unknown-node');
    expect(d.reason('a', create('r', 'f', 'PAGE', { id: 1 }))).toBe('duplicate-id');
    expect(d.reason('a', create('n', 'f', 'PAGE', { id: 1 }))).toBe('invalid-parent');
  });

  it('CREATE props: the earliest reason wins whatever the props order', () => {
    const d = withPage();
    const big = 'x'.repeat(70_000);
    expect(d.reason('a', create('n', 'f', 'RECTANGLE', { big, width: -1, type: 'X' }))).toBe('reserved-property');
    expect(d.reason('a', create('n', 'f', 'RECTANGLE', { big, width: -1 }))).toBe('invalid-value');
    expect(d.reason('a', create('n', 'f', 'RECTANGLE', { big, width: 1 }))).toBe('too-large');
  });

  it('MOVE: unknown-node before invalid-parent before cycle', () => {
    const d = withPage();
    d.op('a', create('g', 'f', 'FRAME'));
    expect(d.reason('a', move('p', 'ghost', 0))).toBe('unknown-node');
    expect(d.reason('a', move('p', 'g', 0))).toBe('invalid-parent'); // also a cycle, but the type rule comes first
    expect(d.reason('a', move('f', 'g', 0))).toBe('cycle');
  });

  it('SET: unknown-node before reserved-property before invalid-value', () => {
    const d = withPage();
    expect(d.reason('a', set('ghost', 'id', null))).toBe('unknown-node');
    expect(d.reason('a', set('f', 'bounds', null))).toBe('reserved-property');
    expect(d.reason('a', set('f', 'width', 'wide'))).toBe('invalid-value');
  });
});
