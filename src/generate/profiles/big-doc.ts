/**
 * big-doc: one large loaded document edited by a few dozen clients. Mostly drags of hot nodes
 * (Zipf), with style edits, creates, deletes, moves, FRAME resizes that run constraints,
 * rotations, reconnects and retransmissions, lagging bases and a little garbage.
 */
import type { LogRecord } from '../../oplog/index.js';
import { buildTree } from './build.js';
import { clock } from './clock.js';
import type { ResolvedOptions } from './options.js';
import { Rng } from './prng.js';
import { DocSim, type SimStats } from './sim.js';
import { Zipf } from './zipf.js';

export const BIG_DOC_MIX = { drag: 62, style: 12, resize: 4, rotate: 3, create: 7, delete: 3, move: 5, garbage: 0.5, conflict: 3.5 };
const LOAD_SEQ = 1000;

export function* bigDoc(o: ResolvedOptions, stats: SimStats): Generator<LogRecord> {
  const rng = new Rng(o.seed);
  const hot = new Zipf(o.nodes * 2 + 1000, 1.1);
  const sim = new DocSim('big-doc', rng, { mix: BIG_DOC_MIX, lagMean: 4, noBase: 0.15, stale: 0.0005, createStyle: 24, hot }, stats, clock(rng, 8));
  yield sim.load(buildTree(rng, sim.tree, { nodes: o.nodes, style: 24, seq: LOAD_SEQ }), LOAD_SEQ);
  yield* driveClients(rng, sim, o, { disconnect: 0.003, offline: 0.05, activity: 0.8 });
}

export interface Churn {
  /** Chance that a picked, connected client disconnects instead of sending. */
  disconnect: number;
  /** Chance that a picked client that was connected before edits offline (sent, refused, resent on reconnect). */
  offline: number;
  /** Zipf exponent of how active clients are. */
  activity: number;
  /** Chance that a picked, connected client reconnects without disconnecting. */
  reconnect?: number;
}

/** The shared loop of single-document profiles: pick a client, churn its session or send an op. */
export function* driveClients(rng: Rng, sim: DocSim, o: ResolvedOptions, churn: Churn): Generator<LogRecord> {
  const clients = Array.from({ length: o.clients }, (_, i) => `u${i + 1}`);
  const activity = new Zipf(o.clients, churn.activity);
  const out: LogRecord[] = [];
  let ops = 0;
  while (ops < o.ops) {
    const client = clients[activity.sample(rng)]!;
    const connected = sim.isConnected(client);
    if (connected && rng.chance(churn.disconnect)) {
      yield sim.disconnect(client);
      continue;
    }
    if (connected && churn.reconnect !== undefined && rng.chance(churn.reconnect)) {
      yield sim.connect(client);
      continue;
    }
    if (!connected && sim.knows(client) && ops + 2 <= o.ops && sim.tree.movable.size > 0 && rng.chance(churn.offline)) sim.offlineEdit(client, out);
    else sim.op(client, out);
    for (const r of out) {
      if (r.kind === 'op') ops++;
      yield r;
    }
    out.length = 0;
  }
}
