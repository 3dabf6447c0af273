import { describe, expect, it } from 'vitest';
import type { CanonicalTree } from '../../src/engine/protocol.js';
import {
  compareMessages,
  compareTrees,
  compileRules,
  dispose,
  NoiseModel,
  renderDiff,
  summarizeDifference,
  ulpDistance,
  wasCapped,
  type CompareOptions,
} from '../../src/compare/index.js';

const opts: CompareOptions = { tolerances: [], maxDifferences: 100 };
const node = (type: string, parent: string | null, children: string[], props: Record<string, unknown> = {}) => ({
  type,
  parent,
  children,
  props: { x: 0, y: 0, width: 10, height: 10, rotation: 0, ...props },
  bounds: children.length ? ([0, 0, 10, 10] as [number, number, number, number]) : null,
});
const tree = (): CanonicalTree => ({
  seq: 3,
  root: '0:0',
  nodes: {
    '0:0': node('DOCUMENT', null, ['a:1']),
    'a:1': node('PAGE', '0:0', ['a:2', 'a:3'], { name: 'Page 1', fill: { r: 1, g: 0 } }),
    'a:2': node('RECTANGLE', 'a:1', []),
    'a:3': node('ELLIPSE', 'a:1', []),
  },
});
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('compareTrees', () => {
  it('finds nothing between equal trees, whatever the key and node order', () => {
    const a = tree();
    const b = copy(a);
    const shuffled = { nodes: Object.fromEntries(Object.entries(b.nodes).reverse().map(([k, v]) => [k, { bounds: v.bounds, props: v.props, children: v.children, parent: v.parent, type: v.type }])), root: b.root, seq: b.seq };
    expect(compareTrees(a, shuffled as CanonicalTree, opts)).toEqual([]);
  });

  it('reports a node only one side has once, at nodes["id"]', () => {
    const a = tree();
    const b = copy(a);
    delete b.nodes['a:3'];
    b.nodes['a:1']!.children = ['a:2'];
    b.nodes['b:9'] = node('TEXT', 'a:1', []);
    const diffs = compareTrees(a, b, opts);
    expect(diffs.find((d) => d.path === 'nodes["a:3"]')).toMatchObject({ kind: 'missing', reference: a.nodes['a:3'] });
    expect(diffs.find((d) => d.path === 'nodes["b:9"]')).toMatchObject({ kind: 'extra', candidate: b.nodes['b:9'] });
    expect(diffs.find((d) => d.path === 'nodes["a:1"].children[1]')).toMatchObject({ kind: 'missing', reference: 'a:3' });
    expect(diffs.filter((d) => d.path.startsWith('nodes["a:3"]'))).toHaveLength(1);
  });

  it('reports a reordered children list as one order difference with both lists', () => {
    const a = tree();
    const b = copy(a);
    b.nodes['a:1']!.children.reverse();
    expect(compareTrees(a, b, opts)).toEqual([
      { kind: 'order', path: 'nodes["a:1"].children', reference: ['a:2', 'a:3'], candidate: ['a:3', 'a:2'] },
    ]);
  });

  it('reports a changed child as the missing and the extra child', () => {
    const a = tree();
    const b = copy(a);
    b.nodes['a:1']!.children = ['a:2', 'z:1'];
    expect(compareTrees(a, b, opts).filter((d) => d.path.includes('children'))).toEqual([
      { kind: 'missing', path: 'nodes["a:1"].children[1]', reference: 'a:3' },
      { kind: 'extra', path: 'nodes["a:1"].children[1]', candidate: 'z:1' },
    ]);
  });

  it('reports type, parent, props (recursively), bounds, seq and root', () => {
    const a = tree();
    const b = copy(a);
    b.seq = 4;
    b.root = 'x';
    b.nodes['a:2']!.type = 'ELLIPSE';
    b.nodes['a:3']!.parent = '0:0';
    b.nodes['a:1']!.props.fill = { r: 1, g: '0' };
    delete b.nodes['a:1']!.props.name;
    b.nodes['a:2']!.props.extra = true;
    b.nodes['a:1']!.bounds = null;
    const byPath = Object.fromEntries(compareTrees(a, b, opts).map((d) => [d.path, d]));
    expect(byPath['seq']).toMatchObject({ kind: 'value', reference: 3, candidate: 4 });
    expect(byPath['root']).toMatchObject({ kind: 'value', reference: '0:0', candidate: 'x' });
    expect(byPath['nodes["a:2"].type']).toMatchObject({ kind: 'value', reference: 'RECTANGLE', candidate: 'ELLIPSE' });
    expect(byPath['nodes["a:3"].parent']).toMatchObject({ kind: 'value', reference: 'a:1', candidate: '0:0' });
    expect(byPath['nodes["a:1"].props.fill.g']).toMatchObject({ kind: 'type', reference: 0, candidate: '0' });
    expect(byPath['nodes["a:1"].props.name']).toEqual({ kind: 'missing', path: 'nodes["a:1"].props.name', reference: 'Page 1' });
    expect(byPath['nodes["a:2"].props.extra']).toEqual({ kind: 'extra', path: 'nodes["a:2"].props.extra', candidate: true });
    expect(byPath['nodes["a:1"].bounds']).toMatchObject({ kind: 'type', reference: [0, 0, 10, 10], candidate: null });
  });

  it('treats __proto__ and constructor as ordinary ids and prop names', () => {
    const a = JSON.parse('{"seq":0,"root":"r","nodes":{"__proto__":{"props":{"constructor":1}}}}') as CanonicalTree;
    const b = JSON.parse('{"seq":0,"root":"r","nodes":{"constructor":{"props":{}}}}') as CanonicalTree;
    const diffs = compareTrees(a, b, opts);
    expect(diffs.map((d) => [d.kind, d.path])).toEqual([
      ['missing', 'nodes["__proto__"]'],
      ['extra', 'nodes["constructor"]'],
    ]);
    const c = JSON.parse('{"nodes":{"n":{"props":{"__proto__":1}}}}') as CanonicalTree;
    const d = JSON.parse('{"nodes":{"n":{"props":{"__proto__":2}}}}') as CanonicalTree;
    expect(compareTrees(c, d, opts)).toMatchObject([{ kind: 'value', path: 'nodes["n"].props.__proto__' }]);
  });

  it('compares garbage of the right syntax: a type difference at the root', () => {
    expect(compareTrees(tree(), [] as unknown as CanonicalTree, opts)).toMatchObject([{ kind: 'type', path: '' }]);
    expect(compareTrees(tree(), 'x' as unknown as CanonicalTree, opts)).toMatchObject([{ kind: 'type', path: '' }]);
  });

  it('treats -0 as 0, and compares other numbers exactly with drift information', () => {
    const a = tree();
    const b = copy(a);
    b.nodes['a:2']!.props.x = -0;
    expect(compareTrees(a, b, opts)).toEqual([]);
    b.nodes['a:2']!.props.x = 5e-324;
    expect(compareTrees(a, b, opts)).toEqual([
      { kind: 'value', path: 'nodes["a:2"].props.x', reference: 0, candidate: 5e-324, drift: { abs: 5e-324, rel: 1, ulps: 1 } },
    ]);
  });

  it('applies tolerances by pattern: abs, rel and ulps, boundaries inclusive', () => {
    const a = tree();
    const b = copy(a);
    b.nodes['a:2']!.props.x = 0.1 + 0.2 - 0.3; // 5.55e-17
    b.nodes['a:2']!.props.width = 10 + 1e-12;
    b.nodes['a:2']!.props.y = 1;
    const kinds = (tolerances: CompareOptions['tolerances']) =>
      Object.fromEntries(compareTrees(a, b, { tolerances, maxDifferences: 100 }).map((d) => [d.path.split('.').pop(), d.kind]));
    expect(kinds([])).toEqual({ x: 'value', width: 'value', y: 'value' });
    expect(kinds([{ pattern: 'nodes[*].props.*', abs: 1e-9 }])).toEqual({ x: 'float-drift', width: 'float-drift', y: 'value' });
    expect(kinds([{ pattern: 'nodes[*].props.*', abs: 1 }])).toEqual({ x: 'float-drift', width: 'float-drift', y: 'float-drift' });
    expect(kinds([{ pattern: 'nodes[*].props.*', abs: 0.999 }]).y).toBe('value');
    expect(kinds([{ pattern: 'nodes[*].props.width', rel: 1e-12 }])).toEqual({ x: 'value', width: 'float-drift', y: 'value' });
    expect(kinds([{ pattern: 'nodes[*].props.y', rel: 1 }]).y).toBe('float-drift'); // |0-1| / 1 = 1, inclusive
    const ulps = Number(ulpDistance(10, 10 + 1e-12));
    expect(kinds([{ pattern: '**', ulps }]).width).toBe('float-drift');
    expect(kinds([{ pattern: '**', ulps: ulps - 1 }]).width).toBe('value');
    expect(kinds([{ pattern: 'nodes[*].props.height', abs: 1 }]).y).toBe('value');
  });

  it('computes ULP distances exactly across zero and signs', () => {
    expect(ulpDistance(1, 1 + Number.EPSILON)).toBe(1n);
    expect(ulpDistance(-0, 0)).toBe(0n);
    expect(ulpDistance(-5e-324, 5e-324)).toBe(2n);
    expect(ulpDistance(Number.MAX_VALUE, Infinity)).toBe(1n);
  });

  it('caps at maxDifferences and flags the last kept difference', () => {
    const a = { nodes: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`n${i}`, { v: i }])) };
    const b = { nodes: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`n${i}`, { v: -i - 1 }])) };
    const capped = compareTrees(a as never, b as never, { tolerances: [], maxDifferences: 3 });
    expect(capped).toHaveLength(3);
    expect(capped[2]!.capped).toBe(true);
    expect(wasCapped(capped)).toBe(true);
    const exact = compareTrees(a as never, b as never, { tolerances: [], maxDifferences: 10 });
    expect(exact).toHaveLength(10);
    expect(wasCapped(exact)).toBe(false);
    expect(() => compareTrees(a as never, b as never, { tolerances: [], maxDifferences: 0 })).toThrow(RangeError);
  });

  it('reports length when arrays are too different to align', () => {
    const a = { nodes: { n: { props: { list: Array.from({ length: 300 }, (_, i) => `a${i}`) } } } };
    const b = { nodes: { n: { props: { list: Array.from({ length: 250 }, (_, i) => `b${i}`) } } } };
    const diffs = compareTrees(a as never, b as never, { tolerances: [], maxDifferences: 5 });
    expect(diffs[0]).toEqual({ kind: 'length', path: 'nodes["n"].props.list', reference: 300, candidate: 250 });
    expect(diffs[1]).toMatchObject({ kind: 'value', path: 'nodes["n"].props.list[0]' });
  });
});

describe('compareMessages', () => {
  const op = (to: string[], seq: number, index = 0) => ({ to, kind: 'op', seq, from: 'alice', cseq: seq, op: { type: 'MOVE_NODE', node: 'n', parent: 'p', index } });
  const nack = (to: string, cseq: number) => ({ to: [to], kind: 'nack', cseq, reason: 'stale' });

  it('finds nothing between equal lists, whatever the key order', () => {
    const a = [op(['alice', 'bob'], 1)];
    const b = [{ op: { index: 0, parent: 'p', node: 'n', type: 'MOVE_NODE' }, cseq: 1, from: 'alice', seq: 1, kind: 'op', to: ['alice', 'bob'] }];
    expect(compareMessages(a, b, opts)).toEqual([]);
  });

  it('compares per recipient, in order', () => {
    const diffs = compareMessages([op(['alice', 'bob'], 1, 2)], [op(['alice', 'bob'], 1, 3)], opts);
    expect(diffs.map((d) => d.path)).toEqual(['messages["alice"][0].op.index', 'messages["bob"][0].op.index']);
    expect(diffs[0]).toMatchObject({ kind: 'value', reference: 2, candidate: 3 });
  });

  it('reports a missing and an extra message at the recipient where it lands', () => {
    const ref = [op(['alice'], 1), nack('bob', 7)];
    const cand = [op(['alice'], 1), nack('carol', 7)];
    expect(compareMessages(ref, cand, opts)).toEqual([
      { kind: 'missing', path: 'messages["bob"][0]', reference: nack('bob', 7) },
      { kind: 'extra', path: 'messages["carol"][0]', candidate: nack('carol', 7) },
    ]);
    const inserted = compareMessages([op(['a'], 1), op(['a'], 3)], [op(['a'], 1), op(['a'], 2), op(['a'], 3)], opts);
    expect(inserted).toEqual([{ kind: 'extra', path: 'messages["a"][1]', candidate: op(['a'], 2) }]);
  });

  it('reports messages a recipient gets in another order as one order difference', () => {
    const diffs = compareMessages([op(['a'], 1), op(['a'], 2)], [op(['a'], 2), op(['a'], 1)], opts);
    expect(diffs).toEqual([{ kind: 'order', path: 'messages["a"]', reference: [op(['a'], 1), op(['a'], 2)], candidate: [op(['a'], 2), op(['a'], 1)] }]);
  });

  it('reports a to list in another order, and a recipient left out', () => {
    const unsorted = compareMessages([op(['a', 'b'], 1)], [op(['b', 'a'], 1)], opts);
    expect(unsorted.map((d) => [d.kind, d.path])).toEqual([
      ['order', 'messages["a"][0].to'],
      ['order', 'messages["b"][0].to'],
    ]);
    const lost = compareMessages([op(['a', 'b'], 1)], [op(['a'], 1)], opts);
    expect(lost.map((d) => [d.kind, d.path])).toEqual([
      ['missing', 'messages["a"][0].to[1]'],
      ['missing', 'messages["b"][0]'],
    ]);
  });

  it('pairs a changed message field by field: value, type, missing and extra fields', () => {
    const diffs = compareMessages([op(['a'], 1)], [{ ...nack('a', 1), seq: '1' }], opts);
    expect(Object.fromEntries(diffs.map((d) => [d.path, d.kind]))).toEqual({
      'messages["a"][0].kind': 'value',
      'messages["a"][0].seq': 'type',
      'messages["a"][0].from': 'missing',
      'messages["a"][0].op': 'missing',
      'messages["a"][0].reason': 'extra',
    });
  });

  it('handles garbage: non-arrays at the root, unaddressed messages as a plain list', () => {
    expect(compareMessages([], { not: 'a list' }, opts)).toEqual([{ kind: 'type', path: 'messages', reference: [], candidate: { not: 'a list' } }]);
    expect(compareMessages(null, 3, opts)).toMatchObject([{ kind: 'type', path: 'messages' }]);
    expect(compareMessages([op(['a'], 1)], [op(['a'], 1), { to: [], kind: 'op' }], opts)).toEqual([
      { kind: 'extra', path: 'messages[1]', candidate: { to: [], kind: 'op' } },
    ]);
    expect(compareMessages([op(['a'], 1)], [op(['a'], 1), 7], opts)).toMatchObject([{ kind: 'extra', path: 'messages[1]' }]);
  });
});

describe('dispositions and noise', () => {
  it('keeps every difference and labels it: ignored, noise, float-drift, divergence', () => {
    const noise = new NoiseModel();
    noise.observe([{ kind: 'value', path: 'nodes["z:1"].props.t' }]);
    const diffs = [
      { kind: 'value' as const, path: 'nodes["a"].props.id' },
      { kind: 'value' as const, path: 'nodes["a"].props.idx' },
      { kind: 'value' as const, path: 'nodes["b:2"].props.t' },
      { kind: 'float-drift' as const, path: 'nodes["a"].props.x' },
      { kind: 'value' as const, path: 'nodes["a"].props.y' },
    ];
    const out = dispose(diffs, { ignore: compileRules(['nodes[*].props.id']), noise });
    expect(out.map((d) => d.disposition)).toEqual(['ignored', 'divergence', 'noise', 'float-drift', 'divergence']);
    expect(out).toHaveLength(diffs.length);
    expect(dispose(diffs, { ignore: compileRules([]) }).map((d) => d.disposition)).toEqual([
      'divergence',
      'divergence',
      'divergence',
      'float-drift',
      'divergence',
    ]);
  });

  it('counts reference-vs-reference differences per normalized path', () => {
    const noise = new NoiseModel();
    expect(noise.isNoise('seq')).toBe(false);
    noise.observe([
      { kind: 'value', path: 'messages["alice"][0].seq' },
      { kind: 'value', path: 'messages["bob"][2].seq' },
      { kind: 'value', path: 'nodes["a"].props.t' },
    ]);
    expect(noise.counts()).toEqual({ 'messages[*][#].seq': 2, 'nodes[*].props.t': 1 });
    expect(noise.isNoise('messages["carol"][9].seq')).toBe(true);
    expect(noise.isNoise('messages["carol"][9].cseq')).toBe(false);
  });
});

describe('rendering', () => {
  it('renders a unified diff of stable pretty JSON, key order not showing', () => {
    const text = renderDiff({ b: 1, a: { y: 2, x: 1 } }, { a: { x: 1, y: 3 }, b: 1 });
    expect(text).toBe(
      ['--- reference', '+++ candidate', '@@ -1,7 +1,7 @@', ' {', '   "a": {', '     "x": 1,', '-    "y": 2', '+    "y": 3', '   },', '   "b": 1', ' }', ''].join('\n'),
    );
    expect(renderDiff({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe('');
    expect(renderDiff(undefined, 1)).toContain('+1');
  });

  it('summarizes a difference in one line', () => {
    expect(
      summarizeDifference({ kind: 'value', path: 'nodes["a:1"].props.x', reference: 12.75, candidate: 12.750000000000002, drift: { abs: 1.7763568394002505e-15, rel: 1.4e-16, ulps: 1 } }),
    ).toBe('nodes["a:1"].props.x: reference 12.75, candidate 12.750000000000002 (drift 1.8e-15, 1 ulp)');
    expect(summarizeDifference({ kind: 'missing', path: 'nodes["a"]', reference: { type: 'PAGE' } })).toBe('nodes["a"]: only the reference has {"type":"PAGE"}');
    expect(summarizeDifference({ kind: 'type', path: '', reference: {}, candidate: [] })).toBe('(root): reference object {}, candidate array []');
  });
});
