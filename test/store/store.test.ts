import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { docKey, fingerprint, Store, storeSink } from '../../src/store/index.js';
import { tempDir } from './fixtures/cli.js';
import { div, META, outcome } from './fixtures/divergence.js';

const open: Store[] = [];
function fresh(): Store {
  const s = Store.open(join(tempDir(), 'parity.db'), { create: true });
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('Store: runs and divergences', () => {
  it('records a run with its metadata and closes it with totals', () => {
    const s = fresh();
    const id = s.beginRun({ ...META, referenceHash: 'abc', shard: '1/2' });
    expect(s.run(id)).toMatchObject({ id, status: 'running', reference: 'reference', referenceHash: 'abc', shard: '1/2', pid: process.pid, argv: META.argv });
    s.recordLog(id, { log: 'logs/a.ndjson', sha256: 'ff', records: 10, documents: 2 });
    s.finishRun(id, 'completed', { documents: 2 });
    expect(s.run(id)).toMatchObject({ status: 'completed', totals: { documents: 2 } });
    expect(s.logs(id)).toEqual([{ runId: id, path: 'logs/a.ndjson', sha256: 'ff', records: 10, documents: 2 }]);
    expect(s.lastRunId()).toBe(id);
  });

  it('folds duplicates into one bucket with a hit count, keeping every divergence and its values as JSON', () => {
    const s = fresh();
    const id = s.beginRun(META);
    s.addDivergences(id, [div({ doc: 'a' }), div({ doc: 'b', path: 'messages["bob"][2].op.index', reference: { deep: [1] } }), div({ kind: 'missing' })]);
    const buckets = s.buckets();
    expect(buckets.map((b) => b.hits)).toEqual([2, 1]);
    expect(buckets[0]).toMatchObject({ status: 'new', gating: true, normPath: 'messages[*][#].op.index', firstRun: id, lastRun: id, title: 'value at messages[*][#].op.index after CREATE_NODE' });
    const rows = [...s.divergences(id)];
    expect(rows).toHaveLength(3);
    expect(rows[1]!.reference).toEqual({ deep: [1] });
    expect(rows[1]!.record).toMatchObject({ doc: 'b', kind: 'op' });
    expect(s.examples(buckets[0]!.id, 5).map((d) => d.doc)).toEqual(['b', 'a']);
  });

  it('stores ignored, noise and drift divergences in buckets of their own that do not gate', () => {
    const s = fresh();
    const id = s.beginRun(META);
    s.addDivergences(id, [div(), div({ disposition: 'float-drift', kind: 'float-drift' }), div({ disposition: 'noise' })]);
    expect(s.buckets({ gating: true })).toHaveLength(1);
    expect(s.buckets({ gating: false }).map((b) => b.disposition).sort()).toEqual(['float-drift', 'noise']);
  });

  it('writes a completed document and its buffered divergences together through the sink', () => {
    const s = fresh();
    const id = s.beginRun(META);
    const sink = storeSink(s, id, { batch: 1000 });
    sink.onDivergence!(div({ doc: 'x' }));
    expect(s.divergenceCount(id)).toBe(0);
    sink.onDocumentDone!(outcome('x', 1));
    expect(s.divergenceCount(id)).toBe(1);
    expect(s.completedDocuments(id)).toEqual(new Set([docKey('logs/a.ndjson', 'x')]));
    expect(s.documents(id)[0]).toMatchObject({ doc: 'x', status: 'diverged', reference: { engine: 'reference' } });
    sink.onNoise!({ 'nodes.*.bounds': 2 });
    sink.onNoise!({ 'nodes.*.bounds': 1 });
    expect(s.noise(id)).toEqual({ 'nodes.*.bounds': 3 });
  });

  it('resuming drops divergences of documents the run had not completed, so nothing is counted twice', () => {
    const s = fresh();
    const id = s.beginRun(META);
    s.completeDocument(id, outcome('done', 1), [div({ doc: 'done' })]);
    s.addDivergences(id, [div({ doc: 'half' }), div({ doc: 'half' })]);
    s.finishRun(id, 'interrupted');
    expect(s.buckets()[0]!.hits).toBe(3);
    const done = s.resumeRun(id);
    expect(done).toEqual(new Set([docKey('logs/a.ndjson', 'done')]));
    expect(s.run(id)!.status).toBe('running');
    expect(s.buckets()[0]!.hits).toBe(1);
    expect(s.buckets({ run: id })[0]!.runHits).toBe(1);
    expect([...s.divergences(id)].map((d) => d.doc)).toEqual(['done']);
  });

  it('refuses to resume a completed run', () => {
    const s = fresh();
    const id = s.beginRun(META);
    s.finishRun(id, 'completed');
    expect(() => s.resumeRun(id)).toThrow(/already completed/);
  });
});

describe('Store: triage', () => {
  it('finds buckets by an unambiguous fingerprint prefix or #id, and names ambiguity', () => {
    const s = fresh();
    const id = s.beginRun(META);
    // Two divergences whose fingerprints share their first 4 digits (found by search, deterministic).
    const seen = new Map<string, ReturnType<typeof div>>();
    let pair: [ReturnType<typeof div>, ReturnType<typeof div>] | null = null;
    for (let i = 0; pair === null; i++) {
      const d = div({ path: `nodes["a"].props.p${i}` });
      const p = fingerprint(d).slice(0, 4);
      const other = seen.get(p);
      if (other) pair = [other, d];
      else seen.set(p, d);
    }
    s.addDivergences(id, pair);
    const [a, b] = pair.map(fingerprint) as [string, string];
    expect(() => s.bucket(a.slice(0, 4))).toThrow(/matches several buckets/);
    expect(s.bucket(a.slice(0, 12)).fingerprint).toBe(a);
    expect(s.bucket(b.toUpperCase()).fingerprint).toBe(b);
    expect(s.bucket(`#${s.bucket(a).id}`).fingerprint).toBe(a);
    expect(() => s.bucket('zz')).toThrow(/not a bucket id/);
    expect(() => s.bucket('0000000000000000')).toThrow(/no bucket matches/);
  });

  it('keeps a decision across later runs and counts new hits into the same bucket', () => {
    const s = fresh();
    const r1 = s.beginRun(META);
    s.addDivergences(r1, [div()]);
    const fp = fingerprint(div());
    s.setBucket(fp, { status: 'accepted', note: 'known rounding' });
    const r2 = s.beginRun(META);
    s.addDivergences(r2, [div({ doc: 'other' })]);
    expect(s.bucket(fp)).toMatchObject({ status: 'accepted', note: 'known rounding', hits: 2, firstRun: r1, lastRun: r2 });
    expect(s.history(s.bucket(fp).id).map((h) => h.event)).toEqual(['created', 'status', 'note']);
  });

  it('turns a fixed bucket that is hit again into a regression, naming the run', () => {
    const s = fresh();
    const r1 = s.beginRun(META);
    s.addDivergences(r1, [div()]);
    const fp = fingerprint(div());
    s.setBucket(fp, { status: 'fixed' });
    const r2 = s.beginRun(META);
    s.addDivergences(r2, [div()]);
    expect(s.bucket(fp)).toMatchObject({ status: 'regressed', regressedRun: r2 });
    s.setBucket(fp, { status: 'fixed' });
    expect(s.bucket(fp)).toMatchObject({ status: 'fixed', regressedRun: null });
  });

  it('refuses an unknown status', () => {
    const s = fresh();
    const r1 = s.beginRun(META);
    s.addDivergences(r1, [div()]);
    expect(() => s.setBucket(fingerprint(div()), { status: 'done' })).toThrow(/unknown status "done"/);
  });
});
