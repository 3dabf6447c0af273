import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logArbitrary } from '../../src/generate/arbitraries.js';
import { classifyRecords, CONFLICT_CLASSES, RESIZE_CLASSES, type Coverage } from '../../src/generate/coverage.js';
import type { LogRecord } from '../../src/oplog/types.js';

let cseq = 0;
const op = (o: unknown): LogRecord => ({ doc: 'd', kind: 'op', client: 'a', cseq: ++cseq, op: o });
const create = (id: string, parent: string, nodeType: string, props: Record<string, unknown> = {}): LogRecord =>
  op({ type: 'CREATE_NODE', id, parent, index: 99, nodeType, props });
const set = (node: string, prop: string, value: unknown): LogRecord => op({ type: 'SET_PROPERTY', node, prop, value });

/** A page with a 100x100 frame; one child per constraint kind, horizontal and vertical kinds differing. */
function frameWithEveryConstraint(): LogRecord[] {
  const kinds = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'];
  return [
    { doc: 'd', kind: 'connect', client: 'a' },
    create('p', '0:0', 'PAGE'),
    create('f', 'p', 'FRAME', { width: 100, height: 100 }),
    ...kinds.map((h, i) => create(`r${i}`, 'f', 'RECTANGLE', { width: 10, height: 10, constraints: { h, v: 'MIN' } })),
  ];
}

const resizeClasses = (c: Coverage): string[] => Object.keys(c).filter((k) => k.startsWith('resize-')).sort();
const delta = (before: LogRecord[], more: LogRecord[]): Coverage => {
  const a = classifyRecords(before);
  const b = classifyRecords([...before, ...more]);
  const out: Coverage = {};
  for (const [k, n] of Object.entries(b)) if (n !== (a[k as keyof Coverage] ?? 0)) out[k as keyof Coverage] = n - (a[k as keyof Coverage] ?? 0);
  return out;
};

describe('per-constraint resize coverage', () => {
  it('names each explicit constraint a width resize meets, on the horizontal axis only', () => {
    const base = frameWithEveryConstraint();
    expect(resizeClasses(delta(base, [set('f', 'width', 150)]))).toEqual(['resize-h-center', 'resize-h-max', 'resize-h-min', 'resize-h-scale', 'resize-h-stretch']);
    expect(resizeClasses(delta(base, [set('f', 'height', 150)]))).toEqual(['resize-v-min']);
  });

  it('counts nothing when the size does not change, or the value is refused', () => {
    const base = [...frameWithEveryConstraint(), set('f', 'width', 150)];
    expect(resizeClasses(delta(base, [set('f', 'width', 150)]))).toEqual([]);
    expect(resizeClasses(delta(base, [set('f', 'width', -1)]))).toEqual([]);
    expect(resizeClasses(delta(base, [set('f', 'width', 'wide')]))).toEqual([]);
  });

  it('names recursion only when a child frame\'s size on that axis changed, and follows it down', () => {
    const base: LogRecord[] = [
      { doc: 'd', kind: 'connect', client: 'a' },
      create('p', '0:0', 'PAGE'),
      create('f', 'p', 'FRAME', { width: 100, height: 100 }),
      create('g', 'f', 'FRAME', { width: 50, height: 0, constraints: { h: 'STRETCH', v: 'SCALE' } }),
      create('leaf', 'g', 'RECTANGLE', { width: 5, height: 5, constraints: { h: 'CENTER', v: 'MAX' } }),
    ];
    // Width: g stretches, so the walk enters g and meets its child's CENTER.
    const w = delta(base, [set('f', 'width', 120)]);
    expect(w['nested-constraints']).toBe(1);
    expect(resizeClasses(w)).toEqual(['resize-h-center', 'resize-h-stretch']);
    // Height: g SCALEs from 0, which changes nothing, so there is no recursion and no MAX.
    const h = delta(base, [set('f', 'height', 120)]);
    expect(h['nested-constraints']).toBeUndefined();
    expect(resizeClasses(h)).toEqual(['resize-v-scale']);
    // The model keeps sizes: after the stretch g is 70 wide, so setting it to 70 runs nothing.
    expect(resizeClasses(delta([...base, set('f', 'width', 120)], [set('g', 'width', 70)]))).toEqual([]);
    expect(resizeClasses(delta([...base, set('f', 'width', 120)], [set('g', 'width', 71)]))).toEqual(['resize-h-center']);
  });

  it('a fixed-seed sample of generated logs exercises every constraint kind on both axes, and recursion', () => {
    const total: Record<string, number> = {};
    for (const log of fc.sample(logArbitrary(), { seed: 31337, numRuns: 300 })) {
      for (const [k, n] of Object.entries(log.coverage)) total[k] = (total[k] ?? 0) + n;
    }
    expect(RESIZE_CLASSES.filter((c) => (total[c] ?? 0) < 3)).toEqual([]);
    expect(total['nested-constraints'] ?? 0).toBeGreaterThanOrEqual(3);
    // The original class list is unchanged: reports and stored coverage are keyed by it.
    expect(CONFLICT_CLASSES).toHaveLength(16);
    expect(RESIZE_CLASSES.some((c) => (CONFLICT_CLASSES as readonly string[]).includes(c))).toBe(false);
  });
});
