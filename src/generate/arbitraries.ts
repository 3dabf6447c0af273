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
import { DocModel, NODE_TYPES } from './model.js';

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
  lag: number;
}

export interface LogShape {
  clients: number;
  docs: number;
  /** Start each document from a load record (exercises load and stale bases below its seq). */
  fromLoad: boolean;
}

export interface GeneratedLog {
  records: LogRecord[];
  coverage: Coverage;
}

const WEIGHTS: Record<Action, number> = {
  create: 14,
  'set-geometry': 14,
  'set-style': 5,
  rotate: 4,
  constrain: 5,
  'resize-frame': 6,
  delete: 4,
  move: 6,
  'move-into-descendant': 1,
  'xy-split': 3,
  'race-create': 3,
  'race-move': 2,
  reconnect: 2,
  retransmit: 2,
  stale: 1,
  malformed: 2,
  reserved: 1,
  oversized: 1,
};

const COORDS = [0, 1, 10, 12.5, 0.1, 1 / 3, -7.25, 100.75, 1e-7, 250, 33.3];
const SIZES = [0, 1, 10, 20, 0.5, 100, 7.3, 64];
const ROTATIONS = [0, 45, 90, 30, 360, -15, 0.5, 180];
const CONSTRAINTS = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'] as const;
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
    lag: fc.nat({ max: 4 }),
  });
}

export function shapeArbitrary(): fc.Arbitrary<LogShape> {
  return fc.record({ clients: fc.integer({ min: 2, max: 4 }), docs: fc.integer({ min: 1, max: 2 }), fromLoad: fc.boolean() });
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

/** Interprets steps for one document, keeping a DocModel in step with what it emits. */
class DocWriter {
  private readonly model = new DocModel();
  private readonly cseq: number[];
  private readonly counters: number[];
  private readonly clients: string[];

  constructor(
    private readonly doc: string,
    private readonly shape: LogShape,
  ) {
    this.clients = Array.from({ length: shape.clients }, (_, i) => `c${i}`);
    this.cseq = this.clients.map(() => 0);
    this.counters = this.clients.map(() => 0);
  }

  start(): LogRecord[] {
    const out: LogRecord[] = [];
    if (this.shape.fromLoad) out.push(this.emit({ doc: this.doc, kind: 'load', tree: startTree() }));
    for (const client of this.clients) out.push(this.emit({ doc: this.doc, kind: 'connect', client }));
    if (!this.shape.fromLoad) {
      out.push(this.op(0, { type: 'CREATE_NODE', id: 'c0:page', parent: this.model.root, index: 0, nodeType: 'PAGE' }));
      out.push(this.op(0, { type: 'CREATE_NODE', id: 'c0:frame', parent: 'c0:page', index: 0, nodeType: 'FRAME', props: { width: 100, height: 100 } }));
    }
    return out;
  }

  step(s: Step): LogRecord[] {
    const c = s.client;
    const o = s.other === c ? (c + 1) % this.clients.length : s.other;
    const node = this.pick(s.a, (id) => id !== this.model.root);
    switch (s.action) {
      case 'create': {
        const type = NODE_TYPES[s.value % NODE_TYPES.length]!;
        const parent = this.pick(s.b, (id) => this.model.canParent(this.model.nodes.get(id)!.type, type));
        if (parent === undefined) return [];
        const props: Record<string, unknown> = { x: COORDS[s.a % COORDS.length], y: COORDS[s.b % COORDS.length], width: SIZES[s.value % SIZES.length], height: SIZES[s.a % SIZES.length] };
        if (s.value % 3 === 0) props.constraints = constraint(s.a, s.b);
        return [this.op(c, { type: 'CREATE_NODE', id: this.newId(c), parent, index: s.value % 4, nodeType: type, props }, s.lag)];
      }
      case 'set-geometry':
        if (node === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node, prop: s.b % 2 === 0 ? 'x' : 'y', value: COORDS[s.value % COORDS.length] }, s.lag)];
      case 'set-style':
        if (node === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node, prop: ['fill', 'name', 'opacity', '__proto__'][s.b % 4]!, value: structuredClone(STYLE_VALUES[s.value % STYLE_VALUES.length]) }, s.lag)];
      case 'rotate':
        if (node === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node, prop: 'rotation', value: ROTATIONS[s.value % ROTATIONS.length] }, s.lag)];
      case 'constrain':
        if (node === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node, prop: 'constraints', value: constraint(s.b, s.value) }, s.lag)];
      case 'resize-frame': {
        const frame = this.pick(s.a, (id) => this.model.nodes.get(id)!.type === 'FRAME');
        if (frame === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node: frame, prop: s.b % 2 === 0 ? 'width' : 'height', value: SIZES[s.value % SIZES.length]! * 2 + 1 }, s.lag)];
      }
      case 'delete':
        if (node === undefined) return [];
        return [this.op(c, { type: 'DELETE_NODE', node }, s.lag)];
      case 'move': {
        if (node === undefined) return [];
        const type = this.model.nodes.get(node)!.type;
        const parent = this.pick(s.b, (id) => this.model.canParent(this.model.nodes.get(id)!.type, type) && !this.model.isAncestorOrSelf(node, id));
        if (parent === undefined) return [];
        return [this.op(c, { type: 'MOVE_NODE', node, parent, index: s.value % 4 }, s.lag)];
      }
      case 'move-into-descendant': {
        const container = this.pick(s.a, (id) => id !== this.model.root && this.model.nodes.get(id)!.children.length > 0);
        if (container === undefined) return [];
        const inner = this.pick(s.b, (id) => id !== container && this.model.isAncestorOrSelf(container, id));
        return [this.op(c, { type: 'MOVE_NODE', node: container, parent: inner ?? container, index: 0 })];
      }
      case 'xy-split': {
        // The seeds' bug class: one client's x and y updates straddle another client's delete.
        if (node === undefined) return [];
        const base = this.model.seq;
        const out = [this.op(c, { type: 'SET_PROPERTY', node, prop: 'x', value: COORDS[s.value % COORDS.length] }, 0, base)];
        out.push(this.op(o, { type: 'DELETE_NODE', node }, 0, base));
        out.push(this.op(c, { type: 'SET_PROPERTY', node, prop: 'y', value: COORDS[s.b % COORDS.length] }, 0, base));
        return out;
      }
      case 'race-create': {
        const parent = this.pick(s.b, (id) => ['PAGE', 'FRAME', 'GROUP'].includes(this.model.nodes.get(id)!.type));
        if (parent === undefined) return [];
        const base = this.model.seq;
        const index = s.value % 3;
        return [
          this.op(c, { type: 'CREATE_NODE', id: this.newId(c), parent, index, nodeType: 'RECTANGLE' }, 0, base),
          this.op(o, { type: 'CREATE_NODE', id: this.newId(o), parent, index, nodeType: 'ELLIPSE' }, 0, base),
        ];
      }
      case 'race-move': {
        if (node === undefined) return [];
        const type = this.model.nodes.get(node)!.type;
        const ok = (id: string): boolean => this.model.canParent(this.model.nodes.get(id)!.type, type) && !this.model.isAncestorOrSelf(node, id);
        const p1 = this.pick(s.b, ok);
        const p2 = this.pick(s.value, ok);
        if (p1 === undefined || p2 === undefined) return [];
        const base = this.model.seq;
        const first = this.op(c, { type: 'MOVE_NODE', node, parent: p1, index: 0 }, 0, base);
        const second = this.model.isAncestorOrSelf(node, p2) ? [] : [this.op(o, { type: 'MOVE_NODE', node, parent: p2, index: 1 }, 0, base)];
        return [first, ...second];
      }
      case 'reconnect':
        return [this.emit({ doc: this.doc, kind: 'disconnect', client: this.clients[c]! }), this.emit({ doc: this.doc, kind: 'connect', client: this.clients[c]! })];
      case 'retransmit': {
        // Reconnect, then resend the last cseq: a duplicate the engine must not apply twice.
        const out = [this.emit({ doc: this.doc, kind: 'disconnect', client: this.clients[c]! }), this.emit({ doc: this.doc, kind: 'connect', client: this.clients[c]! })];
        if (this.cseq[c] === 0 || node === undefined) return out;
        out.push(this.emit({ doc: this.doc, kind: 'op', client: this.clients[c]!, cseq: this.cseq[c]!, op: { type: 'SET_PROPERTY', node, prop: 'x', value: 1 } }));
        return out;
      }
      case 'stale':
        if (node === undefined) return [];
        return [this.op(c, { type: 'SET_PROPERTY', node, prop: 'x', value: 5 }, 0, this.model.loadSeq > 0 ? this.model.loadSeq - 1 : Math.max(0, this.model.seq - 10_001))];
      case 'malformed':
        return [this.op(c, structuredClone(MALFORMED[s.value % MALFORMED.length]))];
      case 'reserved':
        return [this.op(c, { type: 'SET_PROPERTY', node: node ?? this.model.root, prop: ['id', 'type', 'parent', 'children', 'bounds'][s.b % 5]!, value: 1 })];
      case 'oversized':
        return [this.op(c, { type: 'SET_PROPERTY', node: node ?? this.model.root, prop: 'blob', value: 'x'.repeat(65_535 + (s.value % 3)) })];
    }
  }

  private pick(n: number, keep: (id: string) => boolean): string | undefined {
    const live: string[] = [];
    for (const id of this.model.nodes.keys()) if (keep(id)) live.push(id);
    return live.length === 0 ? undefined : live[n % live.length];
  }

  private newId(c: number): string {
    this.counters[c]!++;
    return `${this.clients[c]}:${this.counters[c]}`;
  }

  /** An op from client c; `lag` ops behind the current seq, or from an explicit `base`. */
  private op(c: number, op: unknown, lag = 0, base?: number): LogRecord {
    this.cseq[c]!++;
    const record: LogRecord = { doc: this.doc, kind: 'op', client: this.clients[c]!, cseq: this.cseq[c]! };
    const b = base ?? (lag > 0 ? Math.max(this.model.loadSeq, this.model.seq - lag + 1) : undefined);
    if (b !== undefined) record.base = b;
    record.op = op;
    return this.emit(record);
  }

  private emit(record: LogRecord): LogRecord {
    this.model.apply(record);
    return record;
  }
}

function constraint(h: number, v: number): { h: string; v: string } {
  return { h: CONSTRAINTS[h % 5]!, v: CONSTRAINTS[v % 5]! };
}

/** A small loaded document: a page holding a frame with constrained children, at seq 40. */
function startTree(): unknown {
  const geo = (x: number, y: number, width: number, height: number): Record<string, number> => ({ x, y, width, height, rotation: 0 });
  return {
    seq: 40,
    root: '0:0',
    nodes: {
      '0:0': { type: 'DOCUMENT', parent: null, children: ['L:page'], props: geo(0, 0, 0, 0), bounds: null },
      'L:page': { type: 'PAGE', parent: '0:0', children: ['L:frame'], props: { ...geo(0, 0, 800, 600), name: 'Loaded' }, bounds: null },
      'L:frame': { type: 'FRAME', parent: 'L:page', children: ['L:inner', 'L:r1'], props: geo(10.5, 20, 200, 100), bounds: null },
      'L:inner': { type: 'FRAME', parent: 'L:frame', children: ['L:r2'], props: { ...geo(5, 5, 50, 50), constraints: { h: 'STRETCH', v: 'SCALE' } }, bounds: null },
      'L:r1': { type: 'RECTANGLE', parent: 'L:frame', children: [], props: { ...geo(100, 10, 30, 30), constraints: { h: 'MAX', v: 'CENTER' } }, bounds: null },
      'L:r2': { type: 'ELLIPSE', parent: 'L:inner', children: [], props: { ...geo(1.5, 2.25, 10, 10), constraints: { h: 'SCALE', v: 'MAX' } }, bounds: null },
    },
  };
}
