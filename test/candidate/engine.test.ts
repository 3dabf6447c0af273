/**
 * The candidate as a whole, on its own: lazily kept bounds equal a from-scratch computation,
 * messages never alias engine state, odd ids stay own keys, deep values do not crash, and the
 * hook factory builds variants that differ only where a hook was replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import candidate, { CandidateDocument, createCandidate } from '../../engines/candidate/index.js';
import type { EngineInstance, LogRecord, ServerMessage } from '../../src/engine/protocol.js';
import { canonicalText } from './drive.js';
import { steps, toRecord } from './workload.js';

const doc = 'd';
const connect = (client: string): LogRecord => ({ doc, kind: 'connect', client });
let cseq = 0;
const op = (client: string, o: unknown, base?: number): LogRecord =>
  base === undefined ? { doc, kind: 'op', client, cseq: ++cseq, op: o } : { doc, kind: 'op', client, cseq: ++cseq, base, op: o };
const create = (id: string, parent: string, index: number, nodeType: string, props?: Record<string, unknown>) =>
  props === undefined ? { type: 'CREATE_NODE', id, parent, index, nodeType } : { type: 'CREATE_NODE', id, parent, index, nodeType, props };

function run(engine: EngineInstance, records: LogRecord[]): ServerMessage[][] {
  return records.map((r) => engine.handle(r));
}

describe('candidate engine', () => {
  it('keeps bounds equal to a from-scratch computation (a fresh load of its own snapshot)', () => {
    fc.assert(
      fc.property(steps(80), (plan) => {
        const e = candidate.create(doc);
        const cseqs = new Map<string, number>();
        plan.forEach((s, i) => {
          e.handle(toRecord(s, i, cseqs, e.snapshot().seq, () => e.snapshot()));
          if (i % 7 === 0) e.snapshot(); // interleave refreshes with edits
        });
        const tree = e.snapshot();
        const fresh = candidate.create(doc);
        fresh.handle({ doc, kind: 'load', tree: structuredClone(tree) });
        expect(canonicalText(fresh.snapshot())).toBe(canonicalText(tree));
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('answers messages a caller may mutate without touching the document', () => {
    const e = candidate.create(doc);
    const style = { fill: [1, 2, 3] };
    const [[snap]] = run(e, [connect('a')]);
    (snap.tree as { nodes: Record<string, unknown> }).nodes['0:0'] = null;
    const out = run(e, [
      op('a', create('p', '0:0', 0, 'PAGE', { style })),
      op('a', { type: 'SET_PROPERTY', node: 'p', prop: 'meta', value: { a: [1] } }),
    ]);
    style.fill.push(4); // the caller's own record, mutated after the fact
    ((out[1][0].op as { value: { a: number[] } }).value.a).push(2);
    out[0][0].to.push('intruder');
    const tree = e.snapshot();
    expect(tree.nodes['0:0']).not.toBeNull();
    expect(tree.nodes.p.props.style).toEqual({ fill: [1, 2, 3] });
    expect(tree.nodes.p.props.meta).toEqual({ a: [1] });
    (tree.nodes.p.props.meta as { a: number[] }).a.push(9);
    expect(e.snapshot().nodes.p.props.meta).toEqual({ a: [1] });
    const [[ack]] = run(e, [op('a', { type: 'DELETE_NODE', node: 'p' })]);
    expect(ack.to).toEqual(['a']);
  });

  it('keeps __proto__ and constructor as ordinary ids and prop names', () => {
    const e = candidate.create(doc);
    run(e, [
      connect('__proto__'),
      op('__proto__', create('__proto__', '0:0', 0, 'PAGE', JSON.parse('{"__proto__":1,"constructor":2}') as Record<string, unknown>)),
      op('__proto__', create('constructor', '__proto__', 0, 'FRAME')),
    ]);
    const tree = e.snapshot();
    expect(Object.keys(tree.nodes).sort()).toEqual(['0:0', '__proto__', 'constructor']);
    expect(Object.prototype.hasOwnProperty.call(tree.nodes, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(tree.nodes.__proto__.props))).toEqual(JSON.parse('{"x":0,"y":0,"width":0,"height":0,"rotation":0,"__proto__":1,"constructor":2}'));
    expect(tree.nodes.__proto__.children).toEqual(['constructor']);
  });

  it('stores a value nested 30,000 deep and snapshots it', () => {
    const e = candidate.create(doc);
    const depth = 30_000;
    const deep = JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    const out = run(e, [connect('a'), op('a', create('p', '0:0', 0, 'PAGE')), op('a', { type: 'SET_PROPERTY', node: 'p', prop: 'deep', value: deep })]);
    expect(out[2][0].kind).toBe('op');
    let v = e.snapshot().nodes.p.props.deep as unknown[];
    let n = 1;
    while (v.length > 0) {
      v = v[0] as unknown[];
      n++;
    }
    expect(n).toBe(depth);
  });

  it('keeps a 20,000-child frame consistent under arbitrary-position edits and moves', () => {
    const e = candidate.create(doc);
    run(e, [connect('a'), op('a', create('p', '0:0', 0, 'PAGE')), op('a', create('f', 'p', 0, 'FRAME')), op('a', create('g', 'p', 1, 'FRAME'))]);
    const model: string[] = [];
    let rng = 99;
    const rand = (n: number) => ((rng = (rng * 1103515245 + 12345) & 0x7fffffff), rng % n);
    for (let k = 0; k < 20_000; k++) {
      const at = rand(model.length + 1);
      const [[m]] = run(e, [op('a', create(`r${k}`, 'f', at, 'RECTANGLE', { x: k, width: 1, height: 1 }))]);
      expect((m.op as { index: number }).index).toBe(at);
      model.splice(at, 0, `r${k}`);
      if (k % 4 === 0) {
        const i = rand(model.length);
        const [[d]] = run(e, [op('a', { type: 'MOVE_NODE', node: model[i], parent: 'f', index: 0 })]);
        expect(d.kind).toBe('op');
        model.unshift(...model.splice(i, 1));
      }
    }
    const tree = e.snapshot();
    expect(tree.nodes.f.children).toEqual(model);
    expect(tree.nodes.f.bounds).toEqual([0, 0, 20_000, 1]);
  });

  it('builds variants through hooks without changing the default engine', () => {
    expect(() => createCandidate({ nosuch: () => 0 } as never)).toThrow(/unknown hook "nosuch"/);
    // A variant whose reconnect forgets the client's cseq counter (lost duplicate detection).
    const forgetful = createCandidate({
      connectClient(this: CandidateDocument, client: string) {
        this.cseqs.delete(client);
        CandidateDocument.prototype.connectClient.call(this, client);
      },
    }, { name: 'forgetful' });
    expect(forgetful.name).toBe('forgetful');
    const records: LogRecord[] = [
      connect('a'),
      { doc, kind: 'op', client: 'a', cseq: 1, op: create('p', '0:0', 0, 'PAGE') },
      connect('a'),
      { doc, kind: 'op', client: 'a', cseq: 1, op: { type: 'SET_PROPERTY', node: 'p', prop: 'x', value: 1 } },
    ];
    const good = run(candidate.create(doc), records);
    const bad = run(forgetful.create(doc), records);
    expect(good[3][0]).toMatchObject({ kind: 'nack', reason: 'duplicate' });
    expect(bad[3][0]).toMatchObject({ kind: 'op', seq: 2 });
  });
});
