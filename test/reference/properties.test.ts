import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../../engines/reference/index.js';
import type { CanonicalTree, ServerMessage } from '../../src/engine/protocol.js';
import type { LogRecord } from '../../src/oplog/types.js';

// Every run starts with page p and frame f; ops then pick among a few ids so they often collide.
const NEW = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'];
const PARENTS = ['f', 'p', 'n1', 'n2', 'n3'];
const TARGETS = ['f', '0:0', ...NEW];
const TYPES = ['FRAME', 'FRAME', 'GROUP', 'RECTANGLE', 'TEXT', 'PAGE'];
const CLIENTS = ['a', 'b'];
const num = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(-0));
const size = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 100, noNaN: true }));
const constraint = fc.constantFrom('MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE');

const op = fc.oneof(
  fc.record({
    type: fc.constant('CREATE_NODE'), id: fc.constantFrom(...NEW), parent: fc.constantFrom(...PARENTS),
    index: fc.nat(6), nodeType: fc.constantFrom(...TYPES),
    props: fc.record({ x: num, width: size, rotation: fc.constantFrom(0, 45, 90, 360, 30.5), constraints: fc.record({ h: constraint, v: constraint }) }, { requiredKeys: [] }),
  }),
  fc.oneof(
    fc.record({ type: fc.constant('SET_PROPERTY'), node: fc.constantFrom(...TARGETS), prop: fc.constantFrom('x', 'y'), value: num }),
    fc.record({ type: fc.constant('SET_PROPERTY'), node: fc.constantFrom(...TARGETS), prop: fc.constantFrom('width', 'height'), value: size }),
    fc.record({ type: fc.constant('SET_PROPERTY'), node: fc.constantFrom(...TARGETS), prop: fc.constantFrom('rotation'), value: fc.constantFrom(0, 15, 90, 180) }),
  ),
  fc.record({ type: fc.constant('DELETE_NODE'), node: fc.constantFrom(...NEW) }),
  fc.record({ type: fc.constant('MOVE_NODE'), node: fc.constantFrom(...TARGETS), parent: fc.constantFrom(...PARENTS), index: fc.nat(6) }),
);
const record = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('op'), client: fc.constantFrom(...CLIENTS), op, base: fc.option(fc.nat(12), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('connect', 'disconnect'), client: fc.constantFrom(...CLIENTS) }) },
);

/** Bounds recomputed from scratch by plain recursion, independently of the engine's walk. */
function expectedBounds(tree: CanonicalTree, id: string): number[] | null {
  const node = tree.nodes[id]!;
  let out: number[] | null = null;
  const add = (b: number[]) => {
    out = out === null ? [...b] : [Math.min(out[0]!, b[0]!), Math.min(out[1]!, b[1]!), Math.max(out[2]!, b[2]!), Math.max(out[3]!, b[3]!)];
  };
  for (const childId of node.children) {
    const p = tree.nodes[childId]!.props as Record<string, number>;
    const { x, y, width: w, height: h, rotation: r } = p as { x: number; y: number; width: number; height: number; rotation: number };
    if (r === 0) add([x, y, x + w, y + h]);
    else {
      const t = (r * Math.PI) / 180;
      const pts = [[-(w / 2), -(h / 2)], [w / 2, -(h / 2)], [w / 2, h / 2], [-(w / 2), h / 2]].map(([dx, dy]) => [
        x + w / 2 + dx! * Math.cos(t) - dy! * Math.sin(t), y + h / 2 + dx! * Math.sin(t) + dy! * Math.cos(t)]);
      add([Math.min(...pts.map((q) => q[0]!)), Math.min(...pts.map((q) => q[1]!)), Math.max(...pts.map((q) => q[0]!)), Math.max(...pts.map((q) => q[1]!))]);
    }
    const inner = expectedBounds(tree, childId);
    if (inner !== null) add([x + inner[0]!, y + inner[1]!, x + inner[2]!, y + inner[3]!]);
  }
  return out;
}

function checkInvariants(tree: CanonicalTree): void {
  const seen = new Set<string>();
  const walk = (id: string, parent: string | null) => {
    expect(seen.has(id)).toBe(false);
    seen.add(id);
    const node = tree.nodes[id]!;
    expect(node).toBeDefined();
    expect(node.parent).toBe(parent);
    for (const g of ['x', 'y', 'width', 'height', 'rotation']) expect(Number.isFinite(node.props[g])).toBe(true);
    expect(node.props.width as number).toBeGreaterThanOrEqual(0);
    expect(node.props.height as number).toBeGreaterThanOrEqual(0);
    expect(node.bounds).toEqual(expectedBounds(tree, id));
    for (const child of node.children) walk(child, id);
  };
  walk(tree.root, null);
  expect(seen.size).toBe(Object.keys(tree.nodes).length);
}

describe('properties over random op sequences', () => {
  it('keep every invariant, are deterministic, survive a snapshot-load round trip', () => {
    // Applied ops per type over all runs: the property must not hold only because everything is nacked.
    const applied = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(record, { minLength: 10, maxLength: 50, size: 'medium' }), (records) => {
        const one = reference.create('d');
        const two = reference.create('d');
        const cseq = new Map<string, number>();
        const setup: LogRecord[] = [
          ...CLIENTS.map((client): LogRecord => ({ doc: 'd', kind: 'connect', client })),
          { doc: 'd', kind: 'op', client: 'a', cseq: 1, op: { type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' } },
          { doc: 'd', kind: 'op', client: 'a', cseq: 2, op: { type: 'CREATE_NODE', id: 'f', parent: 'p', index: 0, nodeType: 'FRAME', props: { width: 40, height: 40 } } },
        ];
        for (const r of setup) {
          one.handle(r);
          two.handle(r);
        }
        cseq.set('a', 2);
        let lastSeq = 2;
        for (const r of records) {
          const full: LogRecord = { doc: 'd', ...r } as LogRecord;
          if (r.kind === 'op') {
            const n = (cseq.get(r.client) ?? 0) + 1;
            cseq.set(r.client, n);
            full.cseq = n;
            if (r.base === undefined) delete full.base;
            else full.base = Math.min(r.base, lastSeq);
          }
          const out: ServerMessage[] = one.handle(full);
          expect(JSON.stringify(two.handle(JSON.parse(JSON.stringify(full))))).toBe(JSON.stringify(out));
          for (const m of out) {
            if (m.kind === 'op') {
              const type = (m.op as { type: string }).type;
              applied.set(type, (applied.get(type) ?? 0) + 1);
              expect(m.seq).toBe(lastSeq + 1);
              lastSeq = m.seq as number;
            }
          }
          checkInvariants(one.snapshot());
        }
        const snap = one.snapshot();
        const three = reference.create('d');
        three.handle({ doc: 'd', kind: 'load', tree: snap });
        expect(JSON.stringify(three.snapshot())).toBe(JSON.stringify(snap));
      }),
      { seed: 20261122, numRuns: 150 },
    );
    for (const type of ['CREATE_NODE', 'SET_PROPERTY', 'DELETE_NODE', 'MOVE_NODE']) {
      expect(applied.get(type) ?? 0, `${type} ${JSON.stringify([...applied])}`).toBeGreaterThan(30);
    }
  });
});
