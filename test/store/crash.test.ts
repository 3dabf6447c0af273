import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.js';
import { tempDir } from './fixtures/cli.js';
import { startWriter } from './fixtures/spawn.js';

const DOCS = 16;
const PER_DOC = 9;

/** Store invariants that must hold whatever moment a writer died at. */
function checkConsistent(s: Store): void {
  expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(s.db.pragma('foreign_key_check')).toEqual([]);
  const sums = s.db.prepare('SELECT (SELECT coalesce(sum(hits), 0) FROM buckets) AS buckets, (SELECT coalesce(sum(hits), 0) FROM bucket_runs) AS runs, (SELECT count(*) FROM divergences) AS divs').get();
  expect(sums).toEqual({ buckets: expect.any(Number), runs: expect.any(Number), divs: expect.any(Number) });
  const { buckets, runs, divs } = sums as { buckets: number; runs: number; divs: number };
  expect(buckets).toBe(divs);
  expect(runs).toBe(divs);
}

describe('a writer killed with SIGKILL mid-run', () => {
  it('leaves a consistent store, the run interrupted, and a resume finishes only the remaining documents', async () => {
    const db = join(tempDir(), 'parity.db');
    const w = startWriter({ db, mode: 'new', docs: DOCS, perDoc: PER_DOC, batch: 3, delayMs: 15, prefix: 'doc' });
    // Kill once four documents are done and the fifth has a flushed batch but is not complete.
    await w.until((l) => l.filter((x) => x.startsWith('done ')).length >= 4 && l.at(-1)!.startsWith('partial '));
    w.child.kill('SIGKILL');
    const died = await w.exited;
    expect(died.signal).toBe('SIGKILL');
    const finishedBefore = w.lines.filter((x) => x.startsWith('done ')).map((x) => x.slice(5));

    const s = Store.open(db);
    const run = s.run(1)!;
    expect(run.status).toBe('interrupted');
    checkConsistent(s);
    const completed = s.completedDocuments(1);
    // Every document the child reported done is complete in the store, with all its divergences.
    expect(completed.size).toBeGreaterThanOrEqual(finishedBefore.length);
    const perDoc = new Map((s.db.prepare('SELECT doc, count(*) AS c FROM divergences GROUP BY doc').all() as Array<{ doc: string; c: number }>).map((r) => [r.doc, r.c]));
    for (const key of completed) expect(perDoc.get(key.split('\u0000')[1]!)).toBe(PER_DOC);
    // The half-written document's first batch is there (it is what a resume must drop).
    const halfDone = [...perDoc.entries()].filter(([doc]) => !completed.has(`logs/a.ndjson\u0000${doc}`));
    expect(halfDone.length).toBe(1);
    expect(halfDone[0]![1]).toBeLessThan(PER_DOC);
    const doneBefore = completed.size;
    s.close();

    const r = startWriter({ db, mode: 'resume:1', docs: DOCS, perDoc: PER_DOC, batch: 3, delayMs: 0, prefix: 'doc' });
    const end = await r.exited;
    expect(end.code, end.stderr).toBe(0);
    const redone = r.lines.filter((x) => x.startsWith('done '));
    expect(redone).toHaveLength(DOCS - doneBefore);
    for (const d of finishedBefore) expect(redone).not.toContain(`done ${d}`);

    const after = Store.open(db, { readonly: true });
    expect(after.run(1)!.status).toBe('completed');
    expect(after.completedDocuments(1).size).toBe(DOCS);
    expect(after.divergenceCount(1)).toBe(DOCS * PER_DOC);
    const counts = after.db.prepare('SELECT count(DISTINCT doc) AS docs, min(c) AS lo, max(c) AS hi FROM (SELECT doc, count(*) AS c FROM divergences GROUP BY doc)').get();
    expect(counts).toEqual({ docs: DOCS, lo: PER_DOC, hi: PER_DOC });
    checkConsistent(after);
    after.close();
  }, 60_000);
});

describe('two processes writing one store at once', () => {
  it('lose nothing', async () => {
    const db = join(tempDir(), 'parity.db');
    const args = { db, mode: 'new', docs: 30, perDoc: 20, batch: 7, delayMs: 0 };
    const a = startWriter({ ...args, prefix: 'a' });
    const b = startWriter({ ...args, prefix: 'b' });
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, ea.stderr).toBe(0);
    expect(eb.code, eb.stderr).toBe(0);
    const s = Store.open(db, { readonly: true });
    expect(s.runs().map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(s.divergenceCount()).toBe(1200);
    expect(s.divergenceCount(1)).toBe(600);
    expect(s.divergenceCount(2)).toBe(600);
    expect(s.completedDocuments(1).size + s.completedDocuments(2).size).toBe(60);
    // Both runs fold into the same three buckets (kind x path shape): 20 per document as 7, 7, 6.
    expect(s.buckets().map((x) => x.hits)).toEqual([420, 420, 360]);
    checkConsistent(s);
    s.close();
  }, 60_000);
});
