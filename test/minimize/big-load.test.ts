/**
 * A log that starts from a big loaded tree: every replay of the unpruned load is expensive (each
 * connect answers with a snapshot of the whole tree), so the minimizer must try the pruned load
 * first and never pay for the full tree when a pruned one reproduces. The bug (mutant stale-lww:
 * a SET from a view older than the prop's last write is acked but dropped) shows only in the
 * tree; pruning the target's siblings makes its parent's bounds differ too, and the bucket must
 * stay the same (the node's own prop names the divergence, not the derived bounds).
 */
import { describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { minimizeRecords, ReplayOracle } from '../../src/minimize/index.js';
import type { LogRecord } from '../../src/oplog/types.js';
import { fingerprint } from '../../src/store/fingerprint.js';

const SIBLINGS = 2_000;

function records(): LogRecord[] {
  const geometry = (x: number) => ({ x, y: 0, width: 10, height: 10, rotation: 0 });
  const nodes: Record<string, unknown> = {
    '0:0': { type: 'DOCUMENT', parent: null, children: ['p'], props: geometry(0), bounds: null },
    p: { type: 'PAGE', parent: '0:0', children: [] as string[], props: geometry(0), bounds: null },
  };
  const page = nodes.p as { children: string[] };
  for (let i = 0; i < SIBLINGS; i++) {
    const id = i === 1_000 ? 'target' : `s${i}`;
    page.children.push(id);
    // The target sits inside its siblings' box: with them gone, the page's bounds follow it.
    nodes[id] = { type: 'RECTANGLE', parent: 'p', children: [], props: { ...geometry(i === 1_000 ? 500 : i), name: `n${i}` }, bounds: null };
  }
  const out: LogRecord[] = [{ doc: 'd', kind: 'load', tree: { seq: 50, root: '0:0', nodes } }];
  const clients = ['a', 'b', 'c', 'e'];
  for (const c of clients) out.push({ doc: 'd', kind: 'connect', client: c });
  // Noise around the bug: edits of other nodes by other clients.
  for (let i = 0; i < 30; i++) out.push({ doc: 'd', kind: 'op', client: 'c', cseq: i + 1, base: 50 + i, op: { type: 'SET_PROPERTY', node: `s${i * 7}`, prop: 'name', value: `m${i}` } });
  // Both from the view at seq 80: the later one wins; the mutant drops it.
  out.push({ doc: 'd', kind: 'op', client: 'a', cseq: 1, base: 80, op: { type: 'SET_PROPERTY', node: 'target', prop: 'x', value: 501 } });
  out.push({ doc: 'd', kind: 'op', client: 'b', cseq: 1, base: 80, op: { type: 'SET_PROPERTY', node: 'target', prop: 'x', value: 502 } });
  return out;
}

describe('minimizing a log that starts from a big loaded tree', () => {
  it('prunes the load first, keeps the bucket, and ends 1-minimal', async () => {
    const oracle = new ReplayOracle({ reference: resolveEngineSpec('reference'), candidate: resolveEngineSpec('mutant:stale-lww'), inline: true, timeoutMs: 10_000, checkpointEvery: 0 });
    try {
      const all = records();
      const first = await oracle.firstDivergence(all);
      expect(first).toMatchObject({ kind: 'value', path: 'nodes["target"].props.x', docRecord: all.length });
      const fp = fingerprint(first!);
      const loadSizes: number[] = [];
      const { records: out, stats } = await minimizeRecords({
        records: all,
        target: first!.docRecord - 1,
        path: first!.path,
        fingerprint: fp,
        oracle: (rs) => {
          const load = rs.find((r) => r.kind === 'load');
          loadSizes.push(load === undefined ? 0 : Object.keys((load.tree as { nodes: object }).nodes).length);
          return oracle.fingerprint(rs);
        },
      });
      expect(stats.loadPruned).toBe(true);
      // Not one call paid for the whole tree: the pruned variant reproduced first.
      expect(Math.max(...loadSizes)).toBeLessThanOrEqual(3);
      expect(out.map((r) => r.kind)).toEqual(['load', 'connect', 'connect', 'op', 'op']);
      expect(Object.keys((out[0]!.tree as { nodes: object }).nodes).sort()).toEqual(['0:0', 'p', 'target']);
      // Replayed alone, the output shows the same bucket (its bounds differ too, the prop names it).
      const again = await oracle.firstDivergence(out);
      expect(again!.path).toBe('nodes["target"].props.x');
      expect(again!.differences.some((d) => d.path.endsWith('.bounds[0]'))).toBe(true);
      expect(fingerprint(again!)).toBe(fp);
    } finally {
      oracle.dispose();
    }
  });
});
