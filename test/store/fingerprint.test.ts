import { describe, expect, it } from 'vitest';
import { fingerprint, normalizePath, relatedBuckets } from '../../src/store/index.js';
import { div } from './fixtures/divergence.js';

describe('normalizePath', () => {
  it('replaces quoted ids with * and indices with #', () => {
    expect(normalizePath('nodes["a:1"].children[3]')).toBe('nodes[*].children[#]');
    expect(normalizePath('messages["bob"][12].op.index')).toBe('messages[*][#].op.index');
    expect(normalizePath('nodes["we\\"ird]"].props.x')).toBe('nodes[*].props.x');
    expect(normalizePath('')).toBe('');
  });
});

describe('fingerprint', () => {
  it('folds duplicates: other documents, node ids, indices, values and records give one fingerprint', () => {
    const a = div();
    const b = div({ doc: 'd9', n: 90, path: 'messages["zed"][4].op.index', reference: 7, candidate: 1, detail: 'other', log: 'b.ndjson' });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps distinct bugs apart: kind, op type, path shape, nack reason and disposition each count', () => {
    const base = div();
    const variants = [
      div({ kind: 'missing' }),
      div({ opType: 'MOVE_NODE' }),
      div({ path: 'messages["alice"][0].op.parent' }),
      div({ nackReason: 'cycle' }),
      div({ disposition: 'float-drift' }),
    ];
    const all = new Set([base, ...variants].map(fingerprint));
    expect(all.size).toBe(6);
  });

  it('tells a null nack reason from the text "null"', () => {
    expect(fingerprint(div({ nackReason: null }))).not.toBe(fingerprint(div({ nackReason: 'null' })));
  });
});

describe('relatedBuckets', () => {
  const b = (id: number, over: Partial<{ kind: string; opType: string | null; normPath: string; nackReason: string | null }>) => ({
    id,
    fingerprint: `f${id}`,
    kind: 'value',
    opType: 'SET_PROPERTY',
    normPath: 'nodes[*].props.x',
    nackReason: null,
    ...over,
  });
  it('suggests the same path after another op first, near paths next, and leaves unrelated ones out', () => {
    const target = b(1, {});
    const others = [b(2, { opType: 'MOVE_NODE' }), b(3, { normPath: 'nodes[*].props.y' }), b(4, { kind: 'missing', normPath: 'messages[*][#]', opType: 'connect' })];
    const related = relatedBuckets(target, [target, ...others]);
    expect(related.map((r) => r.id)).toEqual([2, 3]);
    expect(related[0]!.why).toContain('same kind and path');
  });
});
