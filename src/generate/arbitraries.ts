/**
 * fast-check arbitraries for adversarial op logs that are valid by construction.
 *
 * fast-check generates abstract steps (who acts, what kind of action, which numbers); a
 * deterministic interpreter turns them into records by picking targets from the live state of a
 * DocModel. When fast-check shrinks the steps, the interpreter re-picks against the new state, so
 * every shrunk log still replays sensibly instead of degenerating into nacks.
 */
import fc from 'fast-check';
import type { LogRecord } from '../oplog/types.js';
import { classifyRecords, type Coverage } from './coverage.js';
import { CONSTRAINT_KINDS, DocModel, NODE_TYPES } from './model.js';

export const ACTIONS = [
  'create',
  'set-geometry',
  'set-style',
  'rotate',
  'constrain',
  'resize-frame',
  'delete',
  'move',
  'move-into-descendant',
  'xy-split',
  'race-create',
  'race-move',
  'reconnect',
  'retransmit',
  'go-offline',
  'stale',
  'malformed',
  'reserved',
  'oversized',
] as const;
export type Action = (typeof ACTIONS)[number];

/** One abstract step; the numbers are resolved against the live state by `interpret`. */
export interface Step {
  action: Action;
  client: number;
  other: number;
  a: number;
  b: number;
  value: number;
  /**
   * What the acting client receives before it acts: 0-2 catch up to the current seq; 3-9 take
   * `sync - 3` more broadcasts (never past the current seq, never further behind than the
   * client's lag). An offline client reconnects first on 0-2. Default 0.
   */
  sync?: number;
  /** Send without a base, as a client that does not track seqs would. Default false. */
  bare?: boolean;
}

export interface LogShape {
  clients: number;
  docs: number;
  /**
   * Start each document from a load record whose tree has seq `loadSeq` (a document migrated
   * from another server), with a straggler client still holding edits it made there, against a
   * view `staleBy` below the load: the source of genuinely stale bases.
   */
  fromLoad: boolean;
  /** The loaded tree's seq; only read when fromLoad. Default 40. */
  loadSeq?: number;
  /** How far below the load's seq the straggler's view is (at least 1). Default 1. */
  staleBy?: number;
  /** Per client, how many broadcasts behind the current seq its view may fall (0, the default: always current). */
  lags?: number[];
}

export interface GeneratedLog {
  records: LogRecord[];
  coverage: Coverage;
}

/** Relative step weights; docs/arbitraries.md gives the rates they make. */
export const WEIGHTS: Record<Action, number> = {
  create: 14,
  'set-geometry': 14,
  'set-style': 5,
  rotate: 4,
  constrain: 5,
  'resize-frame': 6,
  delete: 4,
  move: 6,
  'move-into-descendant': 2,
  'xy-split': 3,
  'race-create': 3,
  'race-move': 2,
  reconnect: 2,
  retransmit: 2,
  'go-offline': 2,
  stale: 2,
  malformed: 2,
  reserved: 1,
  oversized: 1,
};

/** The client holding edits made before the document was loaded here (fromLoad only). */
export const STRAGGLER = 's0';
/** Seqs a loaded tree starts at: small, on both sides of the 10,000-seq history, and large. */
export const LOAD_SEQS = [40, 10_000, 10_001, 123_456] as const;
/** Straggler views: just below the load, a little below, and outside the history window too. */
export const STALE_BY = [1, 7, 10_001] as const;
const MAX_LAG = 6;
/** Messages a retransmitting client sends again: its last ones, whose acks it may have missed. */
const RESEND_WINDOW = 3;

const COORDS = [0, 1, 10, 12.5, 0.1, 1 / 3, -7.25, 100.75, 1e-7, 250, 33.3];
const SIZES = [0, 1, 10, 20, 0.5, 100, 7.3, 64];
const ROTATIONS = [0, 45, 90, 30, 360, -15, 0.5, 180];
/** Style values, ordinary and odd: engines that special-case shapes of JSON crash on these. */
const STYLE_VALUES: unknown[] = ['#ff0000', 0.5, true, null, { r: 1, g: 0.5, b: 0 }, [], '', {}, [[[1]]], -0, 'ünïcødé ✓', '\u0000', '__proto__', [1, 'two', null], 1e308];
const MALFORMED: unknown[] = [
  null,
  42,
  'CREATE_NODE',
  [],
  { type: 'create_node' },
  { type: 'CREATE_NODE', id: 'm', parent: '0:0', nodeType: 'PAGE' },
  { type: 'CREATE_NODE', id: '', parent: '0:0', index: 0, nodeType: 'PAGE' },
  { type: 'CREATE_NODE', id: 'm:1', parent: '0:0', index: 0, nodeType: 'CIRCLE' },
  { type: 'SET_PROPERTY', node: 1, prop: 'x', value: 1 },
  { type: 'SET_PROPERTY', node: '0:0', prop: 'x' },
  { type: 'MOVE_NODE', node: 'a', parent: 'b', index: 1.5 },
  { type: 'MOVE_NODE', node: 'a', parent: 'b', index: -1 },
  { type: 'MOVE_NODE', node: 'a', parent: 'b', index: '0' },
  { type: 'DELETE_NODE' },
  { type: 'SET_PROPERTY', node: '0:0', prop: 'p'.repeat(65), value: 1 },
];

export function stepArbitrary(clients: number): fc.Arbitrary<Step> {
  const action = fc.oneof(...ACTIONS.map((a) => ({ arbitrary: fc.constant(a), weight: WEIGHTS[a] })));
  return fc.record({
    action,
    client: fc.nat({ max: clients - 1 }),
    other: fc.nat({ max: clients - 1 }),
    a: fc.nat({ max: 1_000 }),
    b: fc.nat({ max: 1_000 }),
    value: fc.nat({ max: 1_000 }),
    sync: fc.nat({ max: 9 }),
    // About one op in eight goes without a base.
    bare: fc.oneof({ arbitrary: fc.constant(false), weight: 7 }, { arbitrary: fc.constant(true), weight: 1 }),
  });
}

export function shapeArbitrary(): fc.Arbitrary<LogShape> {
  return fc.record({
    clients: fc.integer({ min: 2, max: 4 }),
    docs: fc.integer({ min: 1, max: 2 }),
    fromLoad: fc.boolean(),
    loadSeq: fc.constantFrom(...LOAD_SEQS),
    staleBy: fc.constantFrom(...STALE_BY),
    lags: fc.array(fc.nat({ max: MAX_LAG }), { minLength: 4, maxLength: 4 }),
  });
}

/** A whole generated log: its shape and steps, and the records and coverage they interpret to. */
export function logArbitrary(opts: { maxSteps?: number } = {}): fc.Arbitrary<GeneratedLog & { shape: LogShape; steps: Step[] }> {
  return shapeArbitrary().chain((shape) =>
    fc.array(stepArbitrary(shape.clients), { minLength: 1, maxLength: opts.maxSteps ?? 60 }).map((steps) => {
      const log = interpret(shape, steps);
      return { ...log, shape, steps };
    }),
  );
}

/** Turns abstract steps into records, resolving every target against the live state. */
export function interpret(shape: LogShape, steps: readonly Step[]): GeneratedLog {
  const docs = Array.from({ length: shape.docs }, (_, i) => new DocWriter(`doc${i}`, shape));
  const records: LogRecord[] = [];
  for (const d of docs) records.push(...d.start());
  steps.forEach((step, i) => records.push(...docs[i % docs.length]!.step(step)));
  return { records, coverage: classifyRecords(records) };
}

/**
 * One client's side of a document: its own cseq counter, its view (the seq of the last
 * broadcast it has received: the `base` it sends), whether it is connected, what it sent.
 */
interface ClientState {
  id: string;
  cseq: number;
  counter: number;
  view: number;
  connected: boolean;
  /** How far behind the current seq its view may fall before it takes more broadcasts. */
  lag: number;
  /** Its last messages sent while connected, for retransmission after a reconnect. */
  sent: LogRecord[];
  /** Messages sent while not connected (nacked `not-connected`), resent as they are on reconnect. */
  outbox: LogRecord[];
}

/** Interprets steps for one document, keeping a DocModel in step with what it emits. */
class DocWriter {
  private readonly model = new DocModel();
  private readonly clients: ClientState[];
  private readonly straggler: ClientState | null;

  constructor(
    private readonly doc: string,
    private readonly shape: LogShape,
  ) {
    const client = (id: string, lag: number): ClientState => ({ id, cseq: 0, counter: 0, view: 0, connected: false, lag, sent: [], outbox: [] });
    this.clients = Array.from({ length: shape.clients }, (_, i) => client(`c${i}`, shape.lags?.[i] ?? 0));
    this.straggler = shape.fromLoad ? client(STRAGGLER, 0) : null;
  }

  start(): LogRecord[] {
    const out: LogRecord[] = [];
    if (this.shape.fromLoad) out.push(this.emit({ doc: this.doc, kind: 'load', tree: startTree(this.shape.loadSeq ?? 40) }));
    for (const c of this.clients) out.push(this.connect(c));
    if (this.straggler !== null) {
      out.push(this.connect(this.straggler));
      // Its queued edits were made on the old server, from a view below the loaded seq.
      this.straggler.view = Math.max(0, this.model.seq - Math.max(1, this.shape.staleBy ?? 1));
    }
    if (!this.shape.fromLoad) {
      const c0 = this.clients[0]!;
      out.push(this.op(c0, { type: 'CREATE_NODE', id: 'c0:page', parent: this.model.root, index: 0, nodeType: 'PAGE' }, false));
      out.push(this.op(c0, { type: 'CREATE_NODE', id: 'c0:frame', parent: 'c0:page', index: 0, nodeType: 'FRAME', props: { width: 100, height: 100 } }, false));
    }
    return out;
  }

  step(s: Step): LogRecord[] {
    const me = this.clients[s.client]!;
    const other = this.clients[s.other === s.client ? (s.client + 1) % this.clients.length : s.other]!;
    const sync = s.sync ?? 0;
    const out: LogRecord[] = [];
    if (!me.connected && sync < 3 && s.action !== 'go-offline') out.push(...this.reconnect(me));
    this.receive(me, sync);
    out.push(...this.act(s, me, other));
    return out;
  }

  private act(s: Step, me: ClientState, other: ClientState): LogRecord[] {
    const bare = s.bare ?? false;
    const node = this.pick(s.a, (id) => id !== this.model.root);
    switch (s.action) {
      case 'create': {
        const type = NODE_TYPES[s.value % NODE_TYPES.length]!;
        const parent = this.pick(s.b, (id) => this.model.canParent(this.model.nodes.get(id)!.type, type));
        if (parent === undefined) return [];
        const props: Record<string, unknown> = { x: COORDS[s.a % COORDS.length], y: COORDS[s.b % COORDS.length], width: SIZES[s.value % SIZES.length], height: SIZES[s.a % SIZES.length] };
        if (s.value % 3 === 0) props.constraints = constraint(s.a, s.b);
        return [this.op(me, { type: 'CREATE_NODE', id: this.newId(me), parent, index: s.value % 4, nodeType: type, props }, bare)];
      }
      case 'set-geometry':
        if (node === undefined) return [];
        return [this.op(me, { type: 'SET_PROPERTY', node, prop: s.b % 2 === 0 ? 'x' : 'y', value: COORDS[s.value % COORDS.length] }, bare)];
      case 'set-style':
        if (node === undefined) return [];
        return [this.op(me, { type: 'SET_PROPERTY', node, prop: ['fill', 'name', 'opacity', '__proto__'][s.b % 4]!, value: structuredClone(STYLE_VALUES[s.value % STYLE_VALUES.length]) }, bare)];
      case 'rotate':
        if (node === undefined) return [];
        return [this.op(me, { type: 'SET_PROPERTY', node, prop: 'rotation', value: ROTATIONS[s.value % ROTATIONS.length] }, bare)];
      case 'constrain':
        if (node === undefined) return [];
        return [this.op(me, { type: 'SET_PROPERTY', node, prop: 'constraints', value: constraint(s.b, s.value) }, bare)];
      case 'resize-frame': {
        // A frame with children when there is one: constraints only act on children.
        const isFrame = (id: string): boolean => this.model.nodes.get(id)!.type === 'FRAME';
        const frame = this.pick(s.a, (id) => isFrame(id) && this.model.nodes.get(id)!.children.length > 0) ?? this.pick(s.a, isFrame);
        if (frame === undefined) return [];
        return [this.op(me, { type: 'SET_PROPERTY', node: frame, prop: s.b % 2 === 0 ? 'width' : 'height', value: SIZES[s.value % SIZES.length]! * 2 + 1 }, bare)];
      }
      case 'delete':
        if (node === undefined) return [];
        return [this.op(me, { type: 'DELETE_NODE', node }, bare)];
      case 'move': {
        if (node === undefined) return [];
        const type = this.model.nodes.get(node)!.type;
        const parent = this.pick(s.b, (id) => this.model.canParent(this.model.nodes.get(id)!.type, type) && !this.model.isAncestorOrSelf(node, id));
        if (parent === undefined) return [];
        return [this.op(me, { type: 'MOVE_NODE', node, parent, index: s.value % 4 }, bare)];
      }
      case 'move-into-descendant': {
        // A FRAME or GROUP into itself or a container below it: the type rules hold, only the
        // cycle check stops it (a PAGE would be stopped by the type rules first).
        const nested = (id: string): boolean => ['FRAME', 'GROUP'].includes(this.model.nodes.get(id)!.type);
        const hasChildren = (id: string): boolean => id !== this.model.root && this.model.nodes.get(id)!.children.length > 0;
        const container = this.pick(s.a, (id) => nested(id) && hasChildren(id)) ?? this.pick(s.a, hasChildren);
        if (container === undefined) return [];
        const inner = this.pick(s.b, (id) => id !== container && nested(id) && this.model.isAncestorOrSelf(container, id));
        return [this.op(me, { type: 'MOVE_NODE', node: container, parent: inner ?? container, index: 0 }, bare)];
      }
      case 'xy-split': {
        // The seeds' bug class: one client's x and y updates straddle another client's delete.
        // Both start from the current view; neither has received the other's op when it sends.
        if (node === undefined) return [];
        const out = this.race(me, other);
        out.push(this.op(me, { type: 'SET_PROPERTY', node, prop: 'x', value: COORDS[s.value % COORDS.length] }, false));
        out.push(this.op(other, { type: 'DELETE_NODE', node }, false));
        out.push(this.op(me, { type: 'SET_PROPERTY', node, prop: 'y', value: COORDS[s.b % COORDS.length] }, false));
        return out;
      }
      case 'race-create': {
        const parent = this.pick(s.b, (id) => ['PAGE', 'FRAME', 'GROUP'].includes(this.model.nodes.get(id)!.type));
        if (parent === undefined) return [];
        const index = s.value % 3;
        const out = this.race(me, other);
        out.push(this.op(me, { type: 'CREATE_NODE', id: this.newId(me), parent, index, nodeType: 'RECTANGLE' }, false));
        out.push(this.op(other, { type: 'CREATE_NODE', id: this.newId(other), parent, index, nodeType: 'ELLIPSE' }, false));
        return out;
      }
      case 'race-move': {
        if (node === undefined) return [];
        const type = this.model.nodes.get(node)!.type;
        const ok = (id: string): boolean => this.model.canParent(this.model.nodes.get(id)!.type, type) && !this.model.isAncestorOrSelf(node, id);
        const p1 = this.pick(s.b, ok);
        const p2 = this.pick(s.value, ok);
        if (p1 === undefined || p2 === undefined) return [];
        const out = this.race(me, other);
        out.push(this.op(me, { type: 'MOVE_NODE', node, parent: p1, index: 0 }, false));
        if (!this.model.isAncestorOrSelf(node, p2)) out.push(this.op(other, { type: 'MOVE_NODE', node, parent: p2, index: 1 }, false));
        return out;
      }
      case 'reconnect':
        return me.connected ? [this.disconnect(me), ...this.reconnect(me)] : this.reconnect(me);
      case 'retransmit': {
        // A reconnect that resends the last messages exactly as they were (same cseq, op and base):
        // duplicates the engine must nack, not apply twice. Offline, it resends the outbox instead.
        if (!me.connected) return this.reconnect(me);
        const resend = me.sent.slice(-(1 + (s.b % RESEND_WINDOW)));
        return [this.disconnect(me), ...this.reconnect(me), ...resend.map((r) => this.resend(me, r))];
      }
      case 'go-offline':
        // Until it reconnects its ops are nacked `not-connected`, and resent when it does.
        return me.connected ? [this.disconnect(me)] : [];
      case 'stale': {
        // The straggler sends one more edit it made before the load, from its view there: a base
        // below the load's seq. Without a load no base can be stale in a log this short (it would
        // take 10,000 applied ops), so the step does nothing.
        const st = this.straggler;
        if (st === null) return [];
        if (s.b % 3 === 0 || node === undefined) return [this.op(st, { type: 'CREATE_NODE', id: this.newId(st), parent: this.pick(s.value, (id) => this.model.nodes.get(id)!.type === 'PAGE') ?? this.model.root, index: 0, nodeType: 'RECTANGLE' }, false)];
        if (s.b % 3 === 1) return [this.op(st, { type: 'DELETE_NODE', node }, false)];
        return [this.op(st, { type: 'SET_PROPERTY', node, prop: 'x', value: 5 }, false)];
      }
      case 'malformed':
        return [this.op(me, structuredClone(MALFORMED[s.value % MALFORMED.length]), bare)];
      case 'reserved':
        return [this.op(me, { type: 'SET_PROPERTY', node: node ?? this.model.root, prop: ['id', 'type', 'parent', 'children', 'bounds'][s.b % 5]!, value: 1 }, bare)];
      case 'oversized':
        return [this.op(me, { type: 'SET_PROPERTY', node: node ?? this.model.root, prop: 'blob', value: 'x'.repeat(65_535 + (s.value % 3)) }, bare)];
    }
  }

  /**
   * The client takes broadcasts before acting. Its view only moves forward, never past the
   * current seq, and never stays more than its lag behind; `sync` says how far it catches up.
   */
  private receive(c: ClientState, sync: number): void {
    if (!c.connected) return;
    const seq = this.model.seq;
    const target = sync < 3 ? seq : Math.max(c.view + (sync - 3), seq - c.lag);
    c.view = Math.max(c.view, Math.min(seq, target));
  }

  /** Both racers online and up to date: they act from the same view. */
  private race(a: ClientState, b: ClientState): LogRecord[] {
    const out = [...this.reconnect(a), ...this.reconnect(b)];
    this.receive(a, 0);
    this.receive(b, 0);
    return out;
  }

  /** Connects an offline client (snapshot: its view is the current seq) and resends its outbox. */
  private reconnect(c: ClientState): LogRecord[] {
    if (c.connected) return [];
    const out = [this.connect(c)];
    const outbox = c.outbox.splice(0);
    for (const r of outbox) out.push(this.resend(c, r));
    return out;
  }

  private connect(c: ClientState): LogRecord {
    const r = this.emit({ doc: this.doc, kind: 'connect', client: c.id });
    c.connected = true;
    c.view = this.model.seq;
    return r;
  }

  private disconnect(c: ClientState): LogRecord {
    c.connected = false;
    return this.emit({ doc: this.doc, kind: 'disconnect', client: c.id });
  }

  /** The same message again: a copy of the record, cseq, op and base unchanged. */
  private resend(c: ClientState, r: LogRecord): LogRecord {
    const again = this.emit(structuredClone(r));
    if (c.connected) remember(c, again);
    else c.outbox.push(again);
    return again;
  }

  private pick(n: number, keep: (id: string) => boolean): string | undefined {
    const live: string[] = [];
    for (const id of this.model.nodes.keys()) if (keep(id)) live.push(id);
    return live.length === 0 ? undefined : live[n % live.length];
  }

  private newId(c: ClientState): string {
    c.counter++;
    return `${c.id}:${c.counter}`;
  }

  /** A new message from client c: the next cseq, and its view as base unless sent bare. */
  private op(c: ClientState, op: unknown, bare: boolean): LogRecord {
    c.cseq++;
    const record: LogRecord = { doc: this.doc, kind: 'op', client: c.id, cseq: c.cseq };
    if (!bare) record.base = c.view;
    record.op = op;
    this.emit(record);
    if (c.connected) remember(c, record);
    else c.outbox.push(record);
    return record;
  }

  private emit(record: LogRecord): LogRecord {
    this.model.apply(record);
    return record;
  }
}

function remember(c: ClientState, r: LogRecord): void {
  c.sent.push(r);
  if (c.sent.length > RESEND_WINDOW) c.sent.shift();
}

function constraint(h: number, v: number): { h: string; v: string } {
  return { h: CONSTRAINT_KINDS[h % 5]!, v: CONSTRAINT_KINDS[v % 5]! };
}

/**
 * A small loaded document at `seq`: a page holding a frame whose children, with the nested
 * frame's, carry every constraint kind on each axis, so one resize of it meets all five.
 */
function startTree(seq: number): unknown {
  const geo = (x: number, y: number, width: number, height: number): Record<string, number> => ({ x, y, width, height, rotation: 0 });
  return {
    seq,
    root: '0:0',
    nodes: {
      '0:0': { type: 'DOCUMENT', parent: null, children: ['L:page'], props: geo(0, 0, 0, 0), bounds: null },
      'L:page': { type: 'PAGE', parent: '0:0', children: ['L:frame'], props: { ...geo(0, 0, 800, 600), name: 'Loaded' }, bounds: null },
      'L:frame': { type: 'FRAME', parent: 'L:page', children: ['L:inner', 'L:r1', 'L:r3'], props: geo(10.5, 20, 200, 100), bounds: null },
      'L:inner': { type: 'FRAME', parent: 'L:frame', children: ['L:r2', 'L:r4'], props: { ...geo(5, 5, 50, 50), constraints: { h: 'STRETCH', v: 'SCALE' } }, bounds: null },
      'L:r1': { type: 'RECTANGLE', parent: 'L:frame', children: [], props: { ...geo(100, 10, 30, 30), constraints: { h: 'MAX', v: 'CENTER' } }, bounds: null },
      'L:r3': { type: 'TEXT', parent: 'L:frame', children: [], props: { ...geo(60, 70.5, 20, 8), constraints: { h: 'MIN', v: 'STRETCH' } }, bounds: null },
      'L:r2': { type: 'ELLIPSE', parent: 'L:inner', children: [], props: { ...geo(1.5, 2.25, 10, 10), constraints: { h: 'SCALE', v: 'MAX' } }, bounds: null },
      'L:r4': { type: 'RECTANGLE', parent: 'L:inner', children: [], props: { ...geo(20, 30, 12.5, 4), constraints: { h: 'CENTER', v: 'MIN' } }, bounds: null },
    },
  };
}
