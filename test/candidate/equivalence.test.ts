/**
 * The candidate against the reference (N-version check): same records in, the same message
 * texts per record and the same final tree out — on every scenario of corpora/scenarios and on
 * random op logs aimed at the spec's corners.
 */
import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import type { EngineModule, LogRecord } from '../../src/engine/protocol.js';
import candidate from '../../engines/candidate/index.js';
import { byDocument, describe, firstMismatch, readCorpus } from './drive.js';
import { steps, toRecord, type Step } from './workload.js';

const referencePath = new URL('../../engines/reference/index.ts', import.meta.url);
const hasReference = existsSync(referencePath);
const scenarioDir = new URL('../../corpora/scenarios/', import.meta.url);

async function loadReference(): Promise<EngineModule> {
  return ((await import(referencePath.href)) as { default: EngineModule }).default;
}

/** Records for `plan`, made against a live reference run so bases and loads are meaningful. */
function recordsFor(reference: EngineModule, plan: Step[]): LogRecord[] {
  const ref = reference.create('d');
  const cseqs = new Map<string, number>();
  const out: LogRecord[] = [];
  plan.forEach((s, i) => {
    const r = toRecord(s, i, cseqs, ref.snapshot().seq, () => ref.snapshot());
    out.push(r);
    ref.handle(structuredClone(r));
  });
  return out;
}

group.runIf(hasReference)('candidate vs reference', () => {
  it('agrees on every scenario in corpora/scenarios', async () => {
    const reference = await loadReference();
    const files = existsSync(scenarioDir)
      ? readdirSync(scenarioDir).filter((f) => /\.ndjson(\.gz)?$/.test(f)).sort()
      : [];
    for (const f of files) {
      for (const [doc, records] of byDocument(readCorpus(new URL(f, scenarioDir).pathname))) {
        const m = firstMismatch(reference, candidate, records, doc);
        expect(m === null ? null : `${f} doc ${doc}: ${describe(m)}`).toBeNull();
      }
    }
  });

  it('agrees on odd loads and unusable envelopes (choices where the spec is silent)', async () => {
    const reference = await loadReference();
    const trees: unknown[] = [
      null, 5, {}, { nodes: {} }, { root: 'r', nodes: { r: { type: 5 } } },
      { seq: 7, root: 'r', nodes: { r: { type: 'FRAME', children: ['a', 'b', 'a', 'zz', 'c', 'r'], props: { x: 1, w: null, constraints: { h: 'MAX', v: 'MIN' }, id: 3, bounds: 'q', width: 'big', height: 1e300 } }, a: { type: 'BOGUS', children: ['c'], props: { x: 5, width: 3 } }, b: { type: 'RECTANGLE', props: null }, c: { type: 'TEXT', props: { rotation: 30, width: 2, height: 2 } }, orphan: { type: 'PAGE' } } },
      { seq: -1, root: 'r', nodes: { r: { type: 'RECTANGLE', children: ['a'] }, a: { type: 'PAGE' } } },
      { seq: 2.5, root: '__proto__', nodes: JSON.parse('{"__proto__":{"type":"DOCUMENT","children":["p"],"props":{"__proto__":{"a":1}}},"p":{"type":"PAGE","parent":"nonsense","props":{"x":-0}}}') },
    ];
    for (const tree of trees) {
      const records: LogRecord[] = [
        { doc: 'd', kind: 'connect', client: 'a' },
        { doc: 'd', kind: 'op', client: 'a', cseq: 1, op: { type: 'CREATE_NODE', id: 'p0', parent: '0:0', index: 0, nodeType: 'PAGE' } },
        { doc: 'd', kind: 'load', tree },
        { doc: 'd', kind: 'connect', client: 'b' },
        { doc: 'd', kind: 'op', client: 'a', cseq: 2, op: { type: 'CREATE_NODE', id: 'orphan', parent: 'r', index: 0, nodeType: 'RECTANGLE' } },
        { doc: 'd', kind: 'op', client: 'a', cseq: 3, op: { type: 'CREATE_NODE', id: 'p0', parent: '0:0', index: 0, nodeType: 'PAGE' } },
        { doc: 'd', kind: 'op', client: 'a', cseq: 4, op: { type: 'MOVE_NODE', node: 'r', parent: 'r', index: 0 } },
        { doc: 'd', kind: 'op', client: 'a', cseq: 5, base: 6, op: { type: 'SET_PROPERTY', node: 'r', prop: 'width', value: 50 } },
        { doc: 'd', kind: 'op', client: 'a', cseq: 6, op: { type: 'CREATE_NODE', id: 'zz', parent: 'a', index: 0, nodeType: 'RECTANGLE' } },
        { doc: 'd', kind: 'op', cseq: 7, client: 5 as unknown as string },
        { doc: 'd', kind: 'op', client: 'a', cseq: 0 },
        { doc: 'd', kind: 'op', client: 'a', cseq: 8, op: { type: 'SET_PROPERTY', node: 'r', prop: 'q', value: undefined } },
        { doc: 'd', kind: 'op', client: 'a', cseq: 9, op: { type: 'MOVE_NODE', node: 'c', parent: 'r', index: -0 } },
      ];
      const m = firstMismatch(reference, candidate, records);
      expect(m === null ? null : describe(m)).toBeNull();
    }
  });

  it('agrees on random op logs (several clients, lags, conflicts, bad payloads, loads)', async () => {
    const reference = await loadReference();
    fc.assert(
      fc.property(steps(60), (plan) => {
        const records = recordsFor(reference, plan);
        const m = firstMismatch(reference, candidate, records);
        if (m !== null) throw new Error(describe(m));
      }),
      { seed: 20261122, numRuns: 400 },
    );
  });
});
