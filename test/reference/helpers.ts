/** A small driver for the reference engine in tests: one document, auto-numbered cseqs per client. */
import { expect } from 'vitest';
import reference from '../../engines/reference/index.js';
import type { CanonicalNode, CanonicalTree, ServerMessage } from '../../src/engine/protocol.js';
import type { LogRecord } from '../../src/oplog/types.js';

export interface Driver {
  handle(record: Partial<LogRecord> & Record<string, unknown>): ServerMessage[];
  connect(client: string): ServerMessage[];
  disconnect(client: string): ServerMessage[];
  /** Sends an op with the client's next cseq (or the one given). */
  op(client: string, op: unknown, extra?: { base?: unknown; cseq?: number }): ServerMessage[];
  /** Sends an op and returns the nack reason, or 'applied'. */
  reason(client: string, op: unknown, extra?: { base?: unknown; cseq?: number }): string;
  tree(): CanonicalTree;
  node(id: string): CanonicalNode;
  seq(): number;
}

export function driver(doc = 'd'): Driver {
  const engine = reference.create(doc);
  const cseqs = new Map<string, number>();
  const d: Driver = {
    handle: (record) => engine.handle({ doc, ...record } as LogRecord),
    connect: (client) => d.handle({ kind: 'connect', client }),
    disconnect: (client) => d.handle({ kind: 'disconnect', client }),
    op(client, op, extra = {}) {
      const cseq = extra.cseq ?? (cseqs.get(client) ?? 0) + 1;
      cseqs.set(client, Math.max(cseq, cseqs.get(client) ?? 0));
      const record: Record<string, unknown> = { kind: 'op', client, cseq, op };
      if ('base' in extra) record.base = extra.base;
      return d.handle(record);
    },
    reason(client, op, extra) {
      const out = d.op(client, op, extra);
      const last = out[out.length - 1];
      if (last === undefined) return 'nothing';
      return last.kind === 'nack' ? (last.reason as string) : 'applied';
    },
    tree: () => engine.snapshot(),
    node(id) {
      const node = engine.snapshot().nodes[id];
      if (node === undefined) throw new Error(`no live node ${id}`);
      return node;
    },
    seq: () => engine.snapshot().seq,
  };
  return d;
}

export const create = (id: string, parent: string, nodeType: string, props?: Record<string, unknown>, index = 1e9) =>
  props === undefined
    ? { type: 'CREATE_NODE', id, parent, index, nodeType }
    : { type: 'CREATE_NODE', id, parent, index, nodeType, props };
export const set = (node: string, prop: string, value: unknown) => ({ type: 'SET_PROPERTY', node, prop, value });
export const del = (node: string) => ({ type: 'DELETE_NODE', node });
export const move = (node: string, parent: string, index: number) => ({ type: 'MOVE_NODE', node, parent, index });

/** A document with client `a` connected, page `p` under the root and frame `f` on it. */
export function withPage(): Driver {
  const d = driver();
  d.connect('a');
  expect(d.reason('a', create('p', '0:0', 'PAGE'))).toBe('applied');
  expect(d.reason('a', create('f', 'p', 'FRAME', { width: 100, height: 100 }))).toBe('applied');
  return d;
}
