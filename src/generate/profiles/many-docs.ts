/**
 * many-docs: thousands of small documents interleaved record by record, each starting empty or
 * from a small load, each with a handful of clients. Exercises per-document isolation and the
 * cost of many engine instances rather than one big tree.
 */
import type { LogRecord } from '../../oplog/index.js';
import { buildTree } from './build.js';
import { clock } from './clock.js';
import type { ResolvedOptions } from './options.js';
import { Rng } from './prng.js';
import { DocSim, type SimStats } from './sim.js';
import { Zipf } from './zipf.js';

export const MANY_DOCS_MIX = { drag: 40, style: 15, resize: 5, rotate: 3, create: 20, delete: 6, move: 7, garbage: 0.5, conflict: 3.5 };

interface Doc {
  sim: DocSim;
  clients: string[];
  started: boolean;
  load: boolean;
}

export function* manyDocs(o: ResolvedOptions, stats: SimStats): Generator<LogRecord> {
  const rng = new Rng(o.seed);
  const hot = new Zipf(5_000, 1.1);
  const time = clock(rng, 1);
  const width = String(o.docs).length;
  const docs: Doc[] = Array.from({ length: o.docs }, (_, i) => ({
    sim: new DocSim(`doc-${String(i + 1).padStart(width, '0')}`, rng, { mix: MANY_DOCS_MIX, lagMean: 2, noBase: 0.3, stale: 0.0005, createStyle: 4, hot }, stats, time),
    clients: Array.from({ length: rng.range(Math.min(2, o.clients), o.clients) }, (_, k) => `u${k + 1}`),
    started: false,
    load: rng.chance(0.5),
  }));
  const busy = new Zipf(o.docs, 0.6);
  const out: LogRecord[] = [];
  let ops = 0;
  while (ops < o.ops) {
    const d = docs[busy.sample(rng)]!;
    if (!d.started) {
      d.started = true;
      // A load must be its document's first record.
      if (d.load) {
        const seq = rng.chance(0.5) ? 0 : rng.range(1, 500);
        yield d.sim.load(buildTree(rng, d.sim.tree, { nodes: rng.range(5, Math.max(5, o.nodes)), style: 4, seq }), seq);
      }
    }
    const client = rng.pick(d.clients);
    if (d.sim.isConnected(client) && rng.chance(0.02)) {
      yield d.sim.disconnect(client);
      continue;
    }
    d.sim.op(client, out);
    for (const r of out) {
      if (r.kind === 'op') ops++;
      yield r;
    }
    out.length = 0;
  }
}
