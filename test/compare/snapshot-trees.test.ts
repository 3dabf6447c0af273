/**
 * A tree inside a `snapshot` message is judged like a checkpoint tree: one tolerance, ignore or
 * noise pattern written for the tree (`nodes[*].bounds[#]`) covers both, and a pattern that does
 * not match leaves both reported.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalTree } from '../../src/engine/protocol.js';
import {
  compareMessages,
  compareTrees,
  compileRules,
  dispose,
  NoiseModel,
  noiseKey,
  snapshotTreePath,
  type CompareOptions,
  type Tolerance,
} from '../../src/compare/index.js';

const tree = (w: number, stamp = 'a'): CanonicalTree => ({
  seq: 2,
  root: '0:0',
  nodes: {
    '0:0': { type: 'DOCUMENT', parent: null, children: ['a:1'], props: {}, bounds: [0, 0, w, 10] },
    'a:1': { type: 'RECTANGLE', parent: '0:0', children: [], props: { width: w, stamp }, bounds: [0, 0, w, 10] },
  },
});
const snapshot = (t: CanonicalTree) => [{ to: ['alice'], kind: 'snapshot', seq: t.seq, tree: t }];
const opts = (tolerances: Tolerance[]): CompareOptions => ({ tolerances, maxDifferences: 100 });

// 0.1 * 3 and 0.3 are one ulp apart.
const ref = tree(0.3);
const cand = tree(0.1 * 3);

function both(tolerances: Tolerance[], ignore: string[], r = ref, c = cand) {
  const rules = compileRules(ignore);
  const checkpoint = dispose(compareTrees(r, c, opts(tolerances)), { ignore: rules });
  const message = dispose(compareMessages(snapshot(r), snapshot(c), opts(tolerances)), { ignore: rules });
  return { checkpoint, message };
}

describe('trees inside snapshot messages', () => {
  it('report paths as the message path followed by the tree path', () => {
    const { checkpoint, message } = both([], []);
    expect(checkpoint.map((d) => d.path)).toEqual(['nodes["0:0"].bounds[2]', 'nodes["a:1"].props.width', 'nodes["a:1"].bounds[2]']);
    expect(message.map((d) => d.path)).toEqual(checkpoint.map((d) => `messages["alice"][0].tree.${d.path}`));
    expect(message.map((d) => snapshotTreePath(d.path))).toEqual(checkpoint.map((d) => d.path));
    // Same walk, same kinds and drift.
    expect(message.map(({ kind, drift }) => ({ kind, drift }))).toEqual(checkpoint.map(({ kind, drift }) => ({ kind, drift })));
  });

  it('one tolerance pattern accepts the drift in both; a non-matching one leaves both diverging', () => {
    const accepted = both([{ pattern: 'nodes.*.bounds[#]', ulps: 4 }], []);
    for (const list of [accepted.checkpoint, accepted.message]) {
      expect(list.map((d) => d.disposition)).toEqual(['float-drift', 'divergence', 'float-drift']);
    }
    const other = both([{ pattern: 'nodes.*.props.height', ulps: 4 }], []);
    for (const list of [other.checkpoint, other.message]) {
      expect(list.map((d) => [d.kind, d.disposition])).toEqual([
        ['value', 'divergence'],
        ['value', 'divergence'],
        ['value', 'divergence'],
      ]);
    }
  });

  it('one ignore pattern covers both; a non-matching one (a substring) leaves both reported', () => {
    const ignored = both([], ['nodes[*].props.width']);
    for (const list of [ignored.checkpoint, ignored.message]) expect(list.map((d) => d.disposition)).toEqual(['divergence', 'ignored', 'divergence']);
    const none = both([], ['nodes[*].props.wid', 'props.width']);
    for (const list of [none.checkpoint, none.message]) expect(list.map((d) => d.disposition)).toEqual(['divergence', 'divergence', 'divergence']);
    // A pattern written for messages still works on the full path.
    expect(both([], ['messages[*][#].tree.**']).message.every((d) => d.disposition === 'ignored')).toBe(true);
  });

  it('share noise with checkpoint trees: noise seen in either counts under the tree path', () => {
    const r = tree(1, 'x');
    const c = tree(2, 'y');
    const fromCheckpoint = new NoiseModel();
    fromCheckpoint.observe(compareTrees(tree(1, 'x'), tree(1, 'z'), opts([])));
    const fromMessage = new NoiseModel();
    fromMessage.observe(compareMessages(snapshot(tree(1, 'x')), snapshot(tree(1, 'z')), opts([])));
    expect(fromCheckpoint.counts()).toEqual({ 'nodes[*].props.stamp': 1 });
    expect(fromMessage.counts()).toEqual({ 'nodes[*].props.stamp': 1 });
    for (const noise of [fromCheckpoint, fromMessage]) {
      const rules = compileRules([]);
      const checkpoint = dispose(compareTrees(r, c, opts([])), { ignore: rules, noise });
      const message = dispose(compareMessages(snapshot(r), snapshot(c), opts([])), { ignore: rules, noise });
      for (const list of [checkpoint, message]) {
        expect(list.filter((d) => d.disposition === 'noise').map((d) => snapshotTreePath(d.path) ?? d.path)).toEqual(['nodes["a:1"].props.stamp']);
        expect(list.filter((d) => d.disposition === 'divergence')).toHaveLength(3);
      }
    }
  });

  it('only a tree under a recipient view counts: other paths keep their own shape', () => {
    expect(snapshotTreePath('messages["alice"][0].tree')).toBe('');
    expect(snapshotTreePath('messages["alice"][0].op.tree.nodes["a"]')).toBeNull();
    expect(snapshotTreePath('messages[2].tree.nodes["a"]')).toBeNull();
    expect(snapshotTreePath('nodes["a"].props.tree')).toBeNull();
    expect(snapshotTreePath('not a path')).toBeNull();
    expect(noiseKey('messages["bob"][3].seq')).toBe('messages[*][#].seq');
    expect(noiseKey('messages["bob"][3].tree.nodes["x:9"].bounds[2]')).toBe('nodes[*].bounds[#]');
    // Plain-array fallback lists are not recipient views: a tree pattern does not reach them.
    expect(compileRules(['nodes[*].props.width']).matches('messages[0].tree.nodes["a:1"].props.width')).toBe(false);
  });
});
