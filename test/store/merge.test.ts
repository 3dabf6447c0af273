import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, mergeStores, Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';
import { div, META, outcome } from './fixtures/divergence.js';

const shared = div();
const onlyA = div({ kind: 'missing', path: 'nodes["q"]' });
const onlyB = div({ kind: 'extra', path: 'nodes["r"]' });

function shard(file: string, docs: string[], extra: ReturnType<typeof div>): void {
  const s = Store.open(file, { create: true });
  const id = s.beginRun({ ...META, shard: file.endsWith('a.db') ? '1/2' : '2/2' });
  for (const doc of docs) s.completeDocument(id, outcome(doc, 2), [div({ doc }), { ...extra, doc }]);
  s.addNoise(id, { 'nodes.*.bounds': docs.length });
  s.finishRun(id, 'completed', { documents: docs.length });
  s.close();
}

describe('merge', () => {
  it('renumbers runs, copies divergences and documents, and joins buckets by fingerprint with hits summed', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    shard(a, ['d1', 'd2'], onlyA);
    shard(b, ['d3'], onlyB);
    const beforeA = readFileSync(a);
    const out = join(dir, 'all.db');
    const r = await cli('merge', a, b, '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(a).equals(beforeA)).toBe(true);
    const s = Store.open(out, { readonly: true });
    try {
      expect(s.runs().map((x) => [x.id, x.shard])).toEqual([[1, '1/2'], [2, '2/2']]);
      expect(s.runs()[0]!.origin).toMatch(/a\.db#1$/);
      expect(s.divergenceCount()).toBe(6);
      expect(s.documents(2).map((d) => d.doc)).toEqual(['d3']);
      expect(s.noise(1)).toEqual({ 'nodes.*.bounds': 2 });
      const byFp = new Map(s.buckets().map((x) => [x.fingerprint, x]));
      expect(byFp.get(fingerprint(shared))).toMatchObject({ hits: 3, firstRun: 1, lastRun: 2 });
      expect(byFp.get(fingerprint(onlyA))).toMatchObject({ hits: 2, firstRun: 1, lastRun: 1 });
      expect(byFp.get(fingerprint(onlyB))).toMatchObject({ hits: 1, firstRun: 2, lastRun: 2 });
      expect(s.bucketRuns(byFp.get(fingerprint(shared))!.id)).toEqual([{ runId: 1, hits: 2 }, { runId: 2, hits: 1 }]);
      // Every divergence points at its bucket in the merged store.
      for (const d of s.divergences(2)) expect(s.bucket(`#${d.bucketId}`).fingerprint).toBe(d.fingerprint);
    } finally {
      s.close();
    }
    // Merging the same input again copies nothing twice.
    await cli('merge', a, '-o', out);
    const again = Store.open(out, { readonly: true });
    expect(again.divergenceCount()).toBe(6);
    again.close();
  });

  it('keeps the smaller reproducer of a bucket both stores have, whichever store it came from', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    shard(a, ['d1'], onlyA);
    shard(b, ['d2'], onlyB);
    const log = (records: number) => ['{"oplog":1}', ...Array.from({ length: records }, (_, i) => `{"doc":"d","kind":"connect","client":"c${i}"}`)].join('\n') + '\n';
    const put = (file: string, text: string) => {
      const s = Store.open(file);
      expect(s.setReproducer(fingerprint(shared), text)?.outcome).toBe('stored');
      s.close();
    };
    put(a, log(7));
    put(b, log(3));
    const out = join(dir, 'all.db');
    expect((await cli('merge', a, b, '-o', out)).code).toBe(0);
    // The other order: the smaller one is already in the output when the larger arrives.
    const out2 = join(dir, 'all2.db');
    expect((await cli('merge', b, a, '-o', out2)).code).toBe(0);
    for (const file of [out, out2]) {
      const s = Store.open(file, { readonly: true });
      try {
        expect(s.buckets().find((x) => x.fingerprint === fingerprint(shared))!.reproducer, file).toBe(log(3));
      } finally {
        s.close();
      }
    }
  });

  it('keeps triage decisions: the most recent decision wins and the other note is kept', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    shard(a, ['d1'], onlyA);
    shard(b, ['d2'], onlyB);
    const fp = fingerprint(shared);
    const sa = Store.open(a);
    sa.setBucket(fp, { status: 'investigating', note: 'looking at it' });
    sa.setBucket(fingerprint(onlyA), { status: 'accepted', note: 'by design' });
    sa.close();
    await new Promise((r) => setTimeout(r, 5));
    const sb = Store.open(b);
    sb.setBucket(fp, { status: 'wont-fix', note: 'legacy behaviour' });
    sb.close();
    const out = join(dir, 'all.db');
    mergeStores([a, b], out);
    const s = Store.open(out, { readonly: true });
    expect(s.bucket(fp)).toMatchObject({ status: 'wont-fix', note: 'legacy behaviour\n(merged) looking at it' });
    expect(s.bucket(fingerprint(onlyA))).toMatchObject({ status: 'accepted', note: 'by design' });
    expect(s.bucket(fingerprint(onlyB)).status).toBe('new');
    expect(s.history(s.bucket(fp).id).filter((h) => h.event === 'status')).toHaveLength(2);
    s.close();
    // Later runs in the merged store keep the decisions.
    const w = Store.open(out);
    const id = w.beginRun(META);
    w.addDivergences(id, [shared]);
    expect(w.bucket(fp)).toMatchObject({ status: 'wont-fix', hits: 3 });
    w.close();
  });

  it('a fixed decision in one store and a later hit in another merge into a regression', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    shard(a, ['d1'], onlyA);
    const sa = Store.open(a);
    sa.setBucket(fingerprint(shared), { status: 'fixed' });
    sa.close();
    await new Promise((r) => setTimeout(r, 5));
    const b = join(dir, 'b.db');
    shard(b, ['d2'], onlyB);
    const out = join(dir, 'all.db');
    mergeStores([a, b], out);
    const s = Store.open(out, { readonly: true });
    expect(s.bucket(fingerprint(shared))).toMatchObject({ status: 'regressed', regressedRun: 2 });
    s.close();
  });

  it('refuses a bad input before writing anything, and an output that is also an input', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    shard(a, ['d1'], onlyA);
    const bad = join(dir, 'bad.db');
    await import('node:fs').then((fs) => fs.writeFileSync(bad, 'nope'));
    const out = join(dir, 'all.db');
    const r = await cli('merge', a, bad, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.db: not an SQLite database');
    expect(await import('node:fs').then((fs) => fs.existsSync(out))).toBe(false);
    expect((await cli('merge', a, '-o', a)).code).toBe(2);
  });
});
