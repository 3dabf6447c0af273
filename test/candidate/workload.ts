/**
 * A fast-check arbitrary of op logs for one document, aimed at the corners of the spec: a few
 * clients with reconnects, base lags (incl. stale and bad bases), creates/moves/deletes/sets
 * over a small id pool (so ops collide), geometry with rotation and constraints, frame resizes,
 * malformed payloads, odd ids (`__proto__`), values at the too-large boundary, and loads.
 * Steps are abstract; `materialize` turns them into records by tracking seq and cseq counters,
 * so bases and cseqs mean what they say.
 */
import fc from 'fast-check';
import type { LogRecord } from '../../src/engine/protocol.js';

const CLIENTS = ['a', 'b', 'c', '__proto__'];
const IDS = ['p1', 'p2', 'f1', 'f2', 'f3', 'g1', 'r1', 'r2', 'e1', 't1', 'v1', '__proto__', 'constructor', 'x:9'];
const FRESH = Array.from({ length: 12 }, (_, k) => `n${k}`);
const REFS = [...IDS, ...FRESH, '0:0', 'nope', 'p1', 'f1', 'f1', 'f2', 'f2', 'r1', 'e1', 'g1', 'g1'];
const TYPES = ['PAGE', 'FRAME', 'FRAME', 'FRAME', 'GROUP', 'GROUP', 'RECTANGLE', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR', 'DOCUMENT', 'frame'];

const num = fc.oneof(
  fc.integer({ min: -50, max: 200 }),
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  fc.constantFrom(0, -0, 0.1, 1 / 3, 1e-300, 1e300, 360, 90, -45, 33.3, 1e21),
);
const size = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.constantFrom(0, -0, -1, 0.5));
const constraintName = fc.constantFrom('MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE');
const constraints = fc.oneof(
  { weight: 6, arbitrary: fc.record({ h: constraintName, v: constraintName }) },
  { weight: 1, arbitrary: fc.constantFrom(null, { h: 'MIN' }, { h: 'MIN', v: 'MAX', z: 1 }, { h: 'min', v: 'MAX' }, 'MIN', []) },
);
const big = (n: number, ch: string) => ch.repeat(n);
const ordinary = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    big(65_534, 'a'), // JSON text exactly 65,536 bytes: fits
    big(65_535, 'a'), // one byte over
    big(32_767, 'é'), // 2-byte UTF-8: 65,536 bytes
    big(32_768, 'é'),
    big(10_922, '\u0001'), // escapes \u0001: 6 bytes per unit
    big(10_923, '\u0001'),
    [big(65_530, 'b')],
    JSON.parse('{"__proto__":{"a":[1,-0]}}'),
    -0,
  ),
);
const propName = fc.constantFrom('x', 'y', 'width', 'height', 'rotation', 'constraints', 'name', 'fill', '__proto__', 'id', 'bounds', 'children', '', big(65, 'n'), '1');

function propValue(name: string): fc.Arbitrary<unknown> {
  if (name === 'width' || name === 'height') return fc.oneof({ weight: 5, arbitrary: size }, { weight: 1, arbitrary: fc.constantFrom(null, '10', 1e400) });
  if (name === 'x' || name === 'y' || name === 'rotation') return fc.oneof({ weight: 5, arbitrary: num }, { weight: 1, arbitrary: fc.constantFrom(null, 'a', true) });
  if (name === 'constraints') return constraints;
  return ordinary;
}

const setOp = propName.chain((prop) => propValue(prop).map((value) => ({ type: 'SET_PROPERTY', node: 'REF', prop, value })));
const props = fc.array(propName.chain((k) => propValue(k).map((v) => [k, v] as const)), { maxLength: 5 }).map((pairs) => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
});
const index = fc.oneof({ weight: 8, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.constantFrom(1e20, 2.0, 1.5, -1, '0', null) });

const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      id: fc.constantFrom(...IDS, ...FRESH, ...FRESH), parent: fc.constantFrom(...REFS), index, nodeType: fc.constantFrom(...TYPES),
      props: fc.option(props, { nil: undefined }),
    }).map(({ props: p, ...rest }) => (p === undefined ? { type: 'CREATE_NODE', ...rest } : { type: 'CREATE_NODE', ...rest, props: p })),
  },
  { weight: 6, arbitrary: fc.tuple(setOp, fc.constantFrom(...REFS)).map(([s, node]) => ({ ...s, node })) },
  { weight: 2, arbitrary: fc.constantFrom(...REFS).map((node) => ({ type: 'DELETE_NODE', node })) },
  { weight: 4, arbitrary: fc.record({ node: fc.constantFrom(...REFS), parent: fc.constantFrom(...REFS), index }).map((m) => ({ type: 'MOVE_NODE', ...m })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      null, 7, 'CREATE_NODE', [], {}, { type: 'create_node' }, { type: 'SET_PROPERTY', node: 'p1', prop: 'x' },
      { type: 'CREATE_NODE', id: '', parent: '0:0', index: 0, nodeType: 'PAGE' },
      { type: 'CREATE_NODE', id: 'q', parent: '0:0', index: 0, nodeType: 'PAGE', props: null },
      { type: 'CREATE_NODE', id: 'q', parent: '0:0', index: 0, nodeType: 'PAGE', props: [] },
      { type: 'CREATE_NODE', id: 'q', parent: '0:0', index: 0, nodeType: 'PAGE', props: { '': 1 } },
      { type: 'DELETE_NODE', node: 5 }, { type: 'MOVE_NODE', node: 'r1', parent: 'f1' },
      { type: 'SET_PROPERTY', node: 'r1', prop: 'x', value: 1, extra: true },
    ),
  },
);

export type Step =
  | { kind: 'connect' | 'disconnect'; client: string }
  | { kind: 'op'; client: string; cseq: 'next' | 'same' | 'skip'; base: 'none' | number | 'bad'; op: unknown }
  | { kind: 'load' | 'bogus' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('connect' as const), client: fc.constantFrom(...CLIENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client: fc.constantFrom(...CLIENTS) }) },
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('op' as const),
      client: fc.constantFrom(...CLIENTS),
      cseq: fc.constantFrom<'next' | 'same' | 'skip'>('next', 'next', 'next', 'next', 'next', 'same', 'skip'),
      base: fc.oneof({ weight: 3, arbitrary: fc.constant<'none'>('none') }, { weight: 4, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.constant<'bad'>('bad') }),
      op,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'load' as const }, { kind: 'bogus' as const }) },
);

const opBy = (client: string, o: unknown): Step => ({ kind: 'op', client, cseq: 'next', base: 'none', op: o });

/** Every plan starts from a small live tree with all clients connected, so most ops can apply. */
export const PRELUDE: readonly Step[] = [
  ...CLIENTS.map((client): Step => ({ kind: 'connect', client })),
  opBy('a', { type: 'CREATE_NODE', id: 'p1', parent: '0:0', index: 0, nodeType: 'PAGE', props: { name: 'P' } }),
  opBy('a', { type: 'CREATE_NODE', id: 'f1', parent: 'p1', index: 0, nodeType: 'FRAME', props: { x: 10, y: 20, width: 100, height: 50 } }),
  opBy('b', { type: 'CREATE_NODE', id: 'f2', parent: 'f1', index: 0, nodeType: 'FRAME', props: { x: 5, y: 5, width: 40, height: 30, rotation: 30, constraints: { h: 'SCALE', v: 'STRETCH' } } }),
  opBy('b', { type: 'CREATE_NODE', id: 'r1', parent: 'f1', index: 1, nodeType: 'RECTANGLE', props: { x: 60, y: 10, width: 20, height: 10, constraints: { h: 'MAX', v: 'CENTER' } } }),
  opBy('c', { type: 'CREATE_NODE', id: 'e1', parent: 'f2', index: 0, nodeType: 'ELLIPSE', props: { x: 1, y: 2, width: 3, height: 4, rotation: 45, constraints: { h: 'STRETCH', v: 'SCALE' } } }),
  opBy('c', { type: 'CREATE_NODE', id: 'g1', parent: 'p1', index: 1, nodeType: 'GROUP' }),
];

export const steps = (maxLength: number): fc.Arbitrary<Step[]> =>
  fc.array(step, { minLength: Math.min(10, maxLength), maxLength, size: 'max' }).map((rest) => [...PRELUDE, ...rest]);

/**
 * Turns one step into a record, given the current seq and a way to read the tree (of a
 * reference run so far), so bases and loads refer to the document as it is at that point.
 */
export function toRecord(s: Step, i: number, cseqs: Map<string, number>, seq: number, tree: () => unknown): LogRecord {
  const doc = 'd';
  switch (s.kind) {
    case 'connect':
    case 'disconnect':
      return { doc, kind: s.kind, client: s.client };
    case 'bogus':
      return { doc, kind: 'noise' as 'op' };
    case 'load': {
      const t = tree() as { seq: number };
      // Sometimes bump the seq, as a document migrated from another server would.
      return { doc, kind: 'load', tree: { ...t, seq: i % 3 === 0 ? t.seq + 5 : t.seq } };
    }
    case 'op': {
      const last = cseqs.get(s.client) ?? 0;
      const cseq = s.cseq === 'next' ? last + 1 : s.cseq === 'skip' ? last + 3 : Math.max(1, last);
      cseqs.set(s.client, Math.max(last, cseq));
      const r: LogRecord = { doc, kind: 'op', client: s.client, cseq, op: s.op };
      if (s.base === 'bad') r.base = [null, -1, 1.5, seq + 1, seq - 10_001][i % 5] as number;
      else if (s.base !== 'none') r.base = Math.max(0, seq - s.base);
      return r;
    }
  }
}
