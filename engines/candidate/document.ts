/**
 * One document of the candidate engine: sessions, the cseq filter, the op pipeline and load.
 * The methods marked "hook" are the seams mutants replace (engine.ts, README.md); everything
 * else is plumbing. State lives in the node store (store.ts), the children lists
 * (children.ts), the bounds cache (bounds.ts) and the history ring (history.ts).
 */
import type { CanonicalTree, EngineInstance, LogRecord, ServerMessage } from '../../src/engine/protocol.js';
import { BoundsCache, type RectSource } from './bounds.js';
import { type ConstraintHost, constrainChild, propagate } from './constraints.js';
import { History, WINDOW } from './history.js';
import { loadTree } from './load.js';
import { applyCreate, applyDelete, applyMove, applySet, type Resolved } from './ops.js';
import { CREATE, DELETE, MALFORMED, MOVE, SET, opKind, validIndex } from './shape.js';
import { buildTree } from './snapshot.js';
import { NONE, NodeStore } from './store.js';
import { DOCUMENT, G_H, G_R, G_W, G_X, G_Y, type Reason } from './types.js';

export interface DocumentOptions {
  /** Largest block of a children list (children.ts); huge values make it a plain array. */
  maxBlock: number;
}

const hasOwn = Object.prototype.hasOwnProperty;

export class CandidateDocument implements EngineInstance, RectSource, ConstraintHost {
  store: NodeStore;
  bounds: BoundsCache;
  readonly history = new History();
  root = 0;
  seq = 0;
  /** The seq of the last load: history before it is unknown, so an older `base` is stale. */
  loadSeq = 0;
  /** Connected clients, sorted by UTF-16 code units (the order of every `to` list). */
  connected: string[] = [];
  /** Per client: the highest cseq applied or nacked (not-connected nacks aside). */
  readonly cseqs = new Map<string, number>();
  private readonly clientNumbers = new Map<string, number>();
  private path = new Int32Array(64);

  constructor(readonly doc: string, readonly options: DocumentOptions) {
    this.store = new NodeStore(options.maxBlock);
    this.bounds = new BoundsCache(this.store);
    this.root = this.store.allocate('0:0', DOCUMENT, NONE, 0);
    this.bounds.adopt(this.root);
  }

  handle(record: LogRecord): ServerMessage[] {
    // An unusable envelope (only possible in-process: the log reader refuses it) is answered
    // like an unknown kind, as the reference does (docs/document-model.md, choice 1).
    switch (record.kind) {
      case 'connect':
        return typeof record.client === 'string' ? this.onConnect(record.client) : [];
      case 'disconnect':
        return typeof record.client === 'string' ? this.onDisconnect(record.client) : [];
      case 'op':
        if (typeof record.client !== 'string' || !Number.isInteger(record.cseq) || (record.cseq as number) < 1) return [];
        return this.onOp(record);
      case 'load':
        this.load(record.tree);
        return [];
      default: return [];
    }
  }

  snapshot(): CanonicalTree {
    this.bounds.refresh(this.root, this);
    return buildTree(this.store, this.bounds, this.root, this.seq);
  }

  close(): void {}

  // ---- sessions ----

  private onConnect(client: string): ServerMessage[] {
    const out: ServerMessage[] = [{ to: [client], kind: 'snapshot', seq: this.seq, tree: this.snapshot() }];
    const others = this.othersOf(client);
    if (others.length > 0) out.push({ to: others, kind: 'presence', client, state: 'joined' });
    this.connectClient(client);
    return out;
  }

  private onDisconnect(client: string): ServerMessage[] {
    const at = this.connected.indexOf(client);
    if (at < 0) return [];
    this.connected.splice(at, 1);
    const others = this.othersOf(client);
    return others.length > 0 ? [{ to: others, kind: 'presence', client, state: 'left' }] : [];
  }

  /** Hook: start (or replace) a client's session. */
  connectClient(client: string): void {
    const list = this.connected;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid] < client) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] !== client) list.splice(lo, 0, client);
  }

  /** Hook: the recipients of a presence message about `client`. */
  othersOf(client: string): string[] {
    const out: string[] = [];
    for (const c of this.connected) if (c !== client) out.push(c);
    return out;
  }

  /** Hook: the recipients of an applied op (every connected client, the sender included). */
  everyone(_sender: string): string[] {
    return this.connected.slice();
  }

  /** Hook: is this cseq a retransmission? */
  isDuplicate(client: string, cseq: number): boolean {
    const last = this.cseqs.get(client);
    return last !== undefined && !(cseq > last);
  }

  // ---- ops ----

  private onOp(record: LogRecord): ServerMessage[] {
    const client = record.client as string;
    const cseq = record.cseq as number;
    if (!this.isConnected(client)) return [nack(client, cseq, 'not-connected')];
    if (this.isDuplicate(client, cseq)) return [nack(client, cseq, 'duplicate')];
    this.cseqs.set(client, cseq);
    const op = record.op as Record<string, unknown>;
    const kind = opKind(op);
    if (kind === MALFORMED) return [nack(client, cseq, 'malformed')];
    let base = -1;
    if (hasOwn.call(record, 'base') && record.base !== undefined) {
      const b: unknown = record.base;
      if (!validIndex(b) || b > this.seq) return [nack(client, cseq, 'malformed')];
      if (b < this.seq - WINDOW || b < this.loadSeq) return [nack(client, cseq, 'stale')];
      base = b;
    }
    const result = this.apply(kind, op, this.clientNumber(client), base);
    if (typeof result === 'string') return [nack(client, cseq, result)];
    return [{ to: this.everyone(client), kind: 'op', seq: this.seq, from: client, cseq, op: result }];
  }

  /** Runs one well-shaped op; `base` is -1 when the record had none. */
  apply(kind: number, op: Record<string, unknown>, client: number, base: number): Reason | Resolved {
    switch (kind) {
      case CREATE: return this.applyCreate(op, client, base);
      case SET: return this.applySet(op, client, base);
      case DELETE: return this.applyDelete(op, client, base);
      case MOVE: return this.applyMove(op, client, base);
      default: return 'malformed';
    }
  }

  /** Hook. */
  applyCreate(op: Record<string, unknown>, client: number, base: number): Reason | Resolved {
    return applyCreate(this, op, client, base);
  }

  /** Hook. */
  applySet(op: Record<string, unknown>, _client: number, _base: number): Reason | Resolved {
    return applySet(this, op);
  }

  /** Hook. */
  applyDelete(op: Record<string, unknown>, client: number, _base: number): Reason | Resolved {
    return applyDelete(this, op, client);
  }

  /** Hook. */
  applyMove(op: Record<string, unknown>, client: number, base: number): Reason | Resolved {
    return applyMove(this, op, client, base);
  }

  /** Hook: the live slot of a referenced id, or -1 (never existed, or deleted). */
  liveSlot(id: string): number {
    return this.store.slotOf(id);
  }

  /** Hook: the index transform of §4 (before clamping). */
  transformIndex(parent: number, index: number, base: number, client: number): number {
    return this.history.transform(parent, index, base, client, this.store.born[parent], true);
  }

  /** Hook: one child's constraint step (constraints.ts); answers whether its size changed. */
  constrainChild(child: number, axis: number, w0: number, w1: number): boolean {
    return constrainChild(this.store, child, axis, w0, w1);
  }

  /** Hook: constraint propagation after a FRAME's size on `axis` changed from w0 to w1. */
  propagate(frame: number, axis: number, w0: number, w1: number): void {
    propagate(this, frame, axis, w0, w1);
  }

  /** A container whose children moved or resized: its bounds (and its ancestors') are stale. */
  touched(frame: number): void {
    this.bounds.mark(frame);
  }

  /** Hook: a child's own rectangle in its parent's space (§2), written to out[0..3]. */
  ownRect(slot: number, out: Float64Array): void {
    const g = this.store.geo;
    const x = g[G_X][slot];
    const y = g[G_Y][slot];
    const w = g[G_W][slot];
    const h = g[G_H][slot];
    const r = g[G_R][slot];
    if (r === 0) {
      out[0] = x;
      out[1] = y;
      out[2] = x + w;
      out[3] = y + h;
      return;
    }
    const cx = x + w / 2;
    const cy = y + h / 2;
    const theta = (r * Math.PI) / 180;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const hw = w / 2;
    const hh = h / 2;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let corner = 0; corner < 4; corner++) {
      const dx = corner === 0 || corner === 3 ? -hw : hw;
      const dy = corner < 2 ? -hh : hh;
      const px = cx + dx * cos - dy * sin;
      const py = cy + dx * sin + dy * cos;
      minX = Math.min(minX, px);
      minY = Math.min(minY, py);
      maxX = Math.max(maxX, px);
      maxY = Math.max(maxY, py);
    }
    out[0] = minX;
    out[1] = minY;
    out[2] = maxX;
    out[3] = maxY;
  }

  /** absX (or absY) of §4: the sum of the column from the root down to `slot`, in that order. */
  absolute(slot: number, column: number): number {
    const parent = this.store.parent;
    let d = 0;
    for (let s = slot; s !== NONE; s = parent[s]) {
      if (d === this.path.length) {
        const grown = new Int32Array(d * 2);
        grown.set(this.path);
        this.path = grown;
      }
      this.path[d++] = s;
    }
    const v = this.store.geo[column];
    let acc = v[this.path[d - 1]];
    for (let i = d - 2; i >= 0; i--) acc = acc + v[this.path[i]];
    return acc;
  }

  // ---- load ----

  /** Hook: replace the tree (§7 Records and load); sessions and cseq counters stay. */
  load(tree: unknown): void {
    const loaded = loadTree(tree, this.options.maxBlock);
    if (loaded === null) return; // an unusable tree changes nothing
    this.store = loaded.store;
    this.bounds = loaded.bounds;
    this.root = loaded.root;
    this.seq = loaded.seq;
    this.loadSeq = loaded.seq;
    this.history.clear();
  }

  private isConnected(client: string): boolean {
    return this.connected.includes(client);
  }

  private clientNumber(client: string): number {
    let n = this.clientNumbers.get(client);
    if (n === undefined) {
      n = this.clientNumbers.size;
      this.clientNumbers.set(client, n);
    }
    return n;
  }
}

function nack(client: string, cseq: number, reason: Reason): ServerMessage {
  return { to: [client], kind: 'nack', cseq, reason };
}
