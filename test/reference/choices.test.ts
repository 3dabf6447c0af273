/** The reference's choices where the spec is silent (docs/document-model.md, last section). */
import { describe, expect, it } from 'vitest';
import { create, driver, set, withPage } from './helpers.js';

describe('choices where the spec is silent', () => {
  it('a base key holding undefined counts as absent; a SET value of undefined is malformed', () => {
    const d = withPage();
    expect(d.reason('a', set('f', 'x', 1), { base: undefined })).toBe('applied');
    expect(d.reason('a', { type: 'SET_PROPERTY', node: 'f', prop: 'x', value: undefined })).toBe('malformed');
  });

  it('lone surrogates are measured as JSON.stringify escapes them (6 bytes each)', () => {
    const d = withPage();
    const lone = '\uD800';
    expect(Buffer.byteLength(JSON.stringify(lone))).toBe(8);
    // 2 quotes + 10,922 * 6 = 65,534; one more lone surrogate goes over.
    expect(d.reason('a', set('f', 's', lone.repeat(10_922)))).toBe('applied');
    expect(d.reason('a', set('f', 's', lone.repeat(10_923)))).toBe('too-large');
  });

  it('children listed under a leaf in a loaded tree are ignored', () => {
    const d = driver();
    d.handle({
      kind: 'load',
      tree: {
        seq: 0,
        root: 'r',
        nodes: {
          r: { type: 'DOCUMENT', children: ['p'], props: {} },
          p: { type: 'PAGE', children: ['leaf'], props: {} },
          leaf: { type: 'RECTANGLE', children: ['hidden'], props: { width: 2 } },
          hidden: { type: 'RECTANGLE', children: [], props: {} },
        },
      },
    });
    expect(Object.keys(d.tree().nodes)).toEqual(['r', 'p', 'leaf']);
    expect(d.node('leaf').children).toEqual([]);
    expect(d.node('leaf').bounds).toBeNull();
  });

  it('a reconnect of the only connected client answers just the snapshot', () => {
    const d = driver();
    d.connect('a');
    expect(d.connect('a').map((m) => m.kind)).toEqual(['snapshot']);
  });

  it('the cseq counts even when the payload is refused later (stale here)', () => {
    const d = withPage();
    d.handle({ kind: 'load', tree: { ...d.tree(), seq: 50 } });
    expect(d.reason('a', create('n', 'f', 'RECTANGLE'), { base: 1, cseq: 3 })).toBe('stale');
    expect(d.reason('a', create('n', 'f', 'RECTANGLE'), { cseq: 3 })).toBe('duplicate');
  });
});

describe('a loaded root that is not a DOCUMENT', () => {
  it('still cannot be moved: invalid-parent, before the cycle check', () => {
    const d = driver();
    d.connect('a');
    d.handle({ kind: 'load', tree: { seq: 0, root: 'r', nodes: { r: { type: 'FRAME', children: ['g'], props: {} }, g: { type: 'GROUP', children: [], props: {} } } } });
    expect(d.reason('a', { type: 'MOVE_NODE', node: 'r', parent: 'g', index: 0 })).toBe('invalid-parent');
    expect(d.reason('a', { type: 'DELETE_NODE', node: 'r' })).toBe('root');
  });
});
