/**
 * One simulated document: its tree model, its clients' sessions and counters, and the server
 * seq (the number of ops a correct engine applied, which bases are chosen against).
 */
import type { LogRecord } from '../../oplog/index.js';
import { MAKERS, type MakerContext, type OpKind, type Proposal } from './ops.js';
import type { Rng } from './prng.js';
import { IdList } from './id-list.js';
import { TreeModel } from './tree.js';
import type { Zipf } from './zipf.js';

export interface SimConfig {
  /** Relative weights of the op kinds. */
  mix: Record<OpKind, number>;
  /** Mean lag (in seqs) of a client's view behind the server when it sends. */
  lagMean: number;
  /** Share of ops sent without a `base`. */
  noBase: number;
  /** Share of ops whose `base` is too old (nacked `stale`). */
  stale: number;
  /** Most style props a created node carries. */
  createStyle: number;
  hot: Zipf;
}

interface Client {
  connected: boolean;
  cseq: number;
  nextId: number;
  last: LogRecord | null;
  drag: MakerContext['drag'];
}

/** Counts of what was generated, for tests and the CLI's summary. */
export interface SimStats {
  kinds: Record<OpKind | 'retransmit' | 'offline', number>;
  applied: number;
}

export function emptyStats(): SimStats {
  return { kinds: { drag: 0, style: 0, resize: 0, rotate: 0, create: 0, delete: 0, move: 0, garbage: 0, conflict: 0, retransmit: 0, offline: 0 }, applied: 0 };
}

export class DocSim {
  readonly tree: TreeModel;
  readonly connected = new IdList();
  seq = 0;
  private loadSeq = 0;
  private readonly clients = new Map<string, Client>();
  private readonly kinds: OpKind[];
  private readonly cumulative: number[];

  constructor(readonly doc: string, private readonly rng: Rng, private readonly cfg: SimConfig, private readonly stats: SimStats, private readonly clock: () => number) {
    this.tree = new TreeModel();
    this.kinds = Object.keys(cfg.mix) as OpKind[];
    let total = 0;
    this.cumulative = this.kinds.map((k) => (total += cfg.mix[k]));
  }

  /** The `load` record for a tree built into this.tree; the document continues from `seq`. */
  load(tree: unknown, seq: number): LogRecord {
    this.seq = this.loadSeq = seq;
    return { doc: this.doc, kind: 'load', tree, t: this.clock() };
  }

  /** Whether the client has had a session in this document (connected now or earlier). */
  knows(client: string): boolean {
    return this.clients.has(client);
  }

  isConnected(client: string): boolean {
    return this.clients.get(client)?.connected === true;
  }

  connect(client: string): LogRecord {
    this.client(client).connected = true;
    this.connected.add(client);
    return { doc: this.doc, kind: 'connect', client, t: this.clock() };
  }

  disconnect(client: string): LogRecord {
    this.client(client).connected = false;
    this.connected.remove(client);
    return { doc: this.doc, kind: 'disconnect', client, t: this.clock() };
  }

  /** One op from `client` (connecting it first if needed), pushed onto `out`. */
  op(client: string, out: LogRecord[]): void {
    const c = this.client(client);
    if (!c.connected) out.push(this.connect(client));
    // After a reconnect a client sometimes resends its last op: a `duplicate` nack.
    if (c.last !== null && this.rng.chance(0.002)) {
      this.stats.kinds.retransmit++;
      out.push({ ...c.last, t: this.clock() });
      return;
    }
    const { kind, proposal } = this.propose(client, c);
    this.stats.kinds[kind]++;
    const stale = this.rng.chance(this.cfg.stale) && this.seq > 10_000;
    const record = this.record(client, ++c.cseq, proposal.op, stale);
    c.last = record;
    if (!stale) this.applied(proposal);
    out.push(record);
  }

  /**
   * An edit made while offline: sent while disconnected (`not-connected`, which does not count
   * against the cseq), then the client reconnects and sends it again, and it applies.
   */
  offlineEdit(client: string, out: LogRecord[]): void {
    const c = this.client(client);
    if (c.connected) out.push(this.disconnect(client));
    const { proposal } = this.propose(client, c, 'drag');
    this.stats.kinds.offline++;
    const record = this.record(client, c.cseq + 1, proposal.op, false);
    out.push(record, this.connect(client), { ...record, t: this.clock() });
    c.cseq++;
    c.last = record;
    this.applied(proposal);
  }

  private applied(p: Proposal): void {
    if (p.apply === undefined) return;
    p.apply();
    this.seq++;
    this.stats.applied++;
  }

  private propose(client: string, c: Client, forced?: OpKind): { kind: OpKind; proposal: Proposal } {
    const cx: MakerContext = {
      rng: this.rng,
      tree: this.tree,
      hot: this.cfg.hot,
      client,
      newId: () => `${client}:${c.nextId++}`,
      createStyle: this.cfg.createStyle,
      drag: c.drag,
      setDrag: (d) => (c.drag = d),
    };
    let kind = forced ?? this.pickKind();
    let proposal = MAKERS[kind](cx);
    // Nothing to drag or delete in an empty document: creating is always possible.
    if (proposal === undefined) {
      kind = 'create';
      proposal = MAKERS.create(cx)!;
    }
    return { kind, proposal };
  }

  private pickKind(): OpKind {
    const u = this.rng.float() * this.cumulative[this.cumulative.length - 1]!;
    let i = 0;
    while (this.cumulative[i]! <= u) i++;
    return this.kinds[i]!;
  }

  private record(client: string, cseq: number, op: unknown, stale: boolean): LogRecord {
    const r: LogRecord = { doc: this.doc, kind: 'op', client, cseq };
    if (stale) r.base = Math.max(0, this.seq - 10_001 - this.rng.lag(50));
    else if (!this.rng.chance(this.cfg.noBase)) r.base = Math.max(this.loadSeq, this.seq - this.rng.lag(this.cfg.lagMean));
    r.op = op;
    r.t = this.clock();
    return r;
  }

  private client(id: string): Client {
    let c = this.clients.get(id);
    if (c === undefined) this.clients.set(id, (c = { connected: false, cseq: 0, nextId: 1, last: null, drag: null }));
    return c;
  }
}
