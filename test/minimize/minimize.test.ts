import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, stepArbitrary } from '../../src/generate/arbitraries.js';
import { classifyRecords } from '../../src/generate/coverage.js';
import { minimizeRecords, NotReproducibleError, sliceRecords, pruneLoad, idsInPath } from '../../src/minimize/index.js';
import type { LogRecord } from '../../src/oplog/types.js';

// A stand-in for a buggy engine pair: "diverges" wherever an edit reaches a deleted node.
// Real engine pairs are exercised in test/fuzz; this isolates the minimizer's own logic.
const oracle = async (records: LogRecord[]): Promise<string | null> => (classifyRecords(records)['delete-races-edit'] ? 'fp-delete-edit' : null);

function bigLog(): LogRecord[] {
  const steps = fc.sample(stepArbitrary(3), { seed: 42, numRuns: 1500 }).map((s) => (s.action === 'xy-split' || s.action === 'delete' ? { ...s, action: 'set-geometry' as const } : s));
  steps.splice(1200, 0, { action: 'xy-split', client: 0, other: 1, a: 3, b: 1, value: 2 });
  return interpret({ clients: 3, docs: 1, fromLoad: false }, steps).records;
}

describe('minimizeRecords', () => {
  it('cuts a long log to the few records that keep the fingerprint', async () => {
    const records = bigLog();
    const target = records.findIndex((_, i) => classifyRecords(records.slice(0, i + 1))['delete-races-edit']);
    expect(target).toBeGreaterThan(1000);
    const { records: out, stats } = await minimizeRecords({ records, target, path: '', fingerprint: 'fp-delete-edit', oracle });
    expect(await oracle(out)).toBe('fp-delete-edit');
    // create page, create target, connect x2, delete, edit: nothing else is needed.
    expect(out.length).toBeLessThanOrEqual(8);
    expect(stats.afterSlice).toBeLessThan(stats.afterCut);
    expect(stats.output).toBe(out.length);
    // 1-minimal: no single record can go.
    for (let i = 0; i < out.length; i++) expect(await oracle(out.filter((_, j) => j !== i))).toBeNull();
  });

  it('refuses a divergence that does not reproduce', async () => {
    const records = bigLog().slice(0, 50);
    await expect(minimizeRecords({ records, target: 49, path: '', fingerprint: 'fp-delete-edit', oracle })).rejects.toBeInstanceOf(NotReproducibleError);
  });
});

describe('slicing', () => {
  const op = (client: string, cseq: number, o: unknown): LogRecord => ({ doc: 'd', kind: 'op', client, cseq, op: o });
  const records: LogRecord[] = [
    { doc: 'd', kind: 'connect', client: 'a' },
    { doc: 'd', kind: 'connect', client: 'b' },
    { doc: 'd', kind: 'connect', client: 'c' },
    op('a', 1, { type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' }),
    op('b', 1, { type: 'CREATE_NODE', id: 'f', parent: 'p', index: 0, nodeType: 'FRAME' }),
    op('c', 1, { type: 'CREATE_NODE', id: 'sib', parent: 'f', index: 0, nodeType: 'RECTANGLE' }),
    op('c', 2, { type: 'SET_PROPERTY', node: 'sib', prop: 'x', value: 1 }),
    op('a', 2, { type: 'CREATE_NODE', id: 'r', parent: 'f', index: 1, nodeType: 'RECTANGLE' }),
    op('a', 3, { type: 'SET_PROPERTY', node: 'r', prop: 'x', value: 2 }),
  ];

  it('narrow keeps the target, its creation chain and its clients sessions', () => {
    const s = sliceRecords(records, 8, [], 'narrow').map((i) => records[i]!);
    expect(s.map((r) => (r.op as { id?: string; node?: string } | undefined)?.id ?? (r.op as { node?: string } | undefined)?.node ?? r.client)).toEqual(['a', 'b', 'p', 'f', 'r', 'r']);
  });

  it('siblings adds what was put into the involved containers', () => {
    const s = sliceRecords(records, 8, [], 'siblings').map((i) => records[i]!);
    expect(s).toContain(records[5]);
    expect(s).not.toContain(records[6]);
    expect(sliceRecords(records, 8, [], 'subtree').map((i) => records[i]!)).toContain(records[6]);
  });

  it('reads node ids from divergence paths, quotes and all', () => {
    expect(idsInPath('nodes["a:1"].props.x')).toEqual(['a:1']);
    expect(idsInPath('nodes["we\\"ird"].children')).toEqual(['we"ird']);
  });

  it('prunes a loaded tree to the mentioned nodes and their ancestors', () => {
    const load: LogRecord = { doc: 'd', kind: 'load', tree: { seq: 3, root: '0:0', nodes: {
      '0:0': { type: 'DOCUMENT', parent: null, children: ['p'], props: {} },
      p: { type: 'PAGE', parent: '0:0', children: ['x', 'y'], props: {} },
      x: { type: 'RECTANGLE', parent: 'p', children: [], props: {} },
      y: { type: 'RECTANGLE', parent: 'p', children: [], props: {} },
    } } };
    const pruned = pruneLoad(load, new Set(['y'])).tree as { nodes: Record<string, { children: string[] }> };
    expect(Object.keys(pruned.nodes).sort()).toEqual(['0:0', 'p', 'y']);
    expect(pruned.nodes.p!.children).toEqual(['y']);
  });
});
