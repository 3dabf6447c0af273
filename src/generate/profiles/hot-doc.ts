/**
 * hot-doc: thousands of clients on one small document. Sessions churn (connects, reconnects,
 * disconnects: presence traffic), views lag far behind, and most CREATEs and MOVEs go into a
 * few shared parents, which is what exercises the index transform.
 */
import type { LogRecord } from '../../oplog/index.js';
import { buildTree } from './build.js';
import { clock } from './clock.js';
import { driveClients } from './big-doc.js';
import type { ResolvedOptions } from './options.js';
import { Rng } from './prng.js';
import { DocSim, type SimStats } from './sim.js';
import { Zipf } from './zipf.js';

export const HOT_DOC_MIX = { drag: 25, style: 8, resize: 3, rotate: 2, create: 22, delete: 12, move: 20, garbage: 0.5, conflict: 3 };
const LOAD_SEQ = 0;
const SHARED_PARENTS = 6;

export function* hotDoc(o: ResolvedOptions, stats: SimStats): Generator<LogRecord> {
  const rng = new Rng(o.seed);
  const hot = new Zipf(10_000, 1.0);
  const sim = new DocSim('hot-doc', rng, { mix: HOT_DOC_MIX, lagMean: 25, noBase: 0.05, stale: 0.0005, createStyle: 6, hot }, stats, clock(rng, 2));
  yield sim.load(buildTree(rng, sim.tree, { nodes: o.nodes, style: 6, seq: LOAD_SEQ }), LOAD_SEQ);
  // A few of the starting tree's FRAMEs and GROUPs are the shared parents everyone inserts into.
  for (const [id, n] of sim.tree.nodes) if ((n.type === 'FRAME' || n.type === 'GROUP') && sim.tree.shared.size < SHARED_PARENTS) sim.tree.shared.add(id);
  yield* driveClients(rng, sim, o, { disconnect: 0.06, offline: 0.01, activity: 0.5, reconnect: 0.02 });
}
