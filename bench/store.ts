/**
 * The store's write rate and triage latency. Figures are ratios against baselines measured in
 * this process: batched writes against one transaction per divergence (what a naive sink does),
 * and `triage list` on a 1,000,000-divergence store against a bare `SELECT count(*)` and against
 * grouping the divergences table directly (what the bucket summary tables save).
 * The 1M store is built once under the OS temp folder and reused by later runs.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Divergence } from '../src/replay/index.js';
import { Store } from '../src/store/index.js';

const BIG = Number(process.env.PARITY_BENCH_STORE_DIVERGENCES ?? 1_000_000);
const WRITE = 50_000;
const UNBATCHED = 5_000;
const META = { argv: ['bench'], reference: 'reference', candidate: 'candidate', gitCommit: null };

/** A small but complete divergence; 250 path shapes x 3 kinds give 750 buckets. */
function divergence(i: number): Divergence {
  const doc = `doc-${i % 5000}`;
  const kind = (['value', 'missing', 'extra'] as const)[i % 3];
  const path = `nodes["c${i % 97}:${i}"].props.p${i % 250}`;
  return {
    log: 'bench/log.ndjson', doc, n: i + 1, line: i + 2, docRecord: (i % 1000) + 1, detectedAt: i + 1, scope: 'tree', kind, path,
    reference: i, candidate: i + 1, opType: 'SET_PROPERTY', nackReason: null,
    record: { doc, kind: 'op', client: 'c1', cseq: i + 1, op: { type: 'SET_PROPERTY', node: `c1:${i}`, prop: 'x', value: i } },
    differences: [{ kind, path, reference: i, candidate: i + 1, disposition: 'divergence' }],
    disposition: 'divergence', failedEngine: null, detail: `${i} vs ${i + 1}`,
    reproduce: `parity replay --reference reference --candidate candidate --doc ${doc} bench/log.ndjson`,
  };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Median of `n` timings of fn, in ms. */
function median(n: number, fn: () => unknown): number {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(time(fn).ms);
  return out.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

function writeRates(dir: string): void {
  const divs = Array.from({ length: WRITE }, (_, i) => divergence(i));
  const batched = Store.open(join(dir, 'batched.db'), { create: true });
  const r1 = batched.beginRun(META);
  const b = time(() => {
    for (let i = 0; i < divs.length; i += 1000) batched.addDivergences(r1, divs.slice(i, i + 1000));
  });
  batched.close();
  const single = Store.open(join(dir, 'single.db'), { create: true });
  const r2 = single.beginRun(META);
  const s = time(() => {
    for (let i = 0; i < UNBATCHED; i++) single.addDivergences(r2, [divs[i]!]);
  });
  single.close();
  const batchedRate = WRITE / (b.ms / 1000);
  const singleRate = UNBATCHED / (s.ms / 1000);
  console.log(`divergences stored per second, batches of 1000: ${Math.round(batchedRate).toLocaleString('en-US')}`);
  console.log(`  baseline, one transaction per divergence:      ${Math.round(singleRate).toLocaleString('en-US')}  (batched is ${(batchedRate / singleRate).toFixed(1)}x)`);
}

/** The 1M store, cached between bench runs (built under a temp name, renamed when complete). */
function bigStore(): string {
  const file = join(tmpdir(), `parity-bench-store-${BIG}-v2.db`);
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const store = Store.open(building, { create: true });
  const run = store.beginRun(META);
  const built = time(() => {
    const batch: Divergence[] = [];
    for (let i = 0; i < BIG; i++) {
      batch.push(divergence(i));
      if (batch.length === 10_000) store.addDivergences(run, batch.splice(0));
    }
    store.addDivergences(run, batch);
    store.finishRun(run, 'completed');
  });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  renameSync(building, file);
  console.log(`built the ${BIG.toLocaleString('en-US')}-divergence store in ${(built.ms / 1000).toFixed(1)} s (${Math.round(BIG / (built.ms / 1000)).toLocaleString('en-US')}/s), ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  return file;
}

function triageLatency(file: string): void {
  const store = Store.open(file, { readonly: true });
  const count = store.divergenceCount();
  const buckets = store.buckets().length;
  const list = median(7, () => store.buckets());
  const listRun = median(7, () => store.buckets({ run: 1, gating: true }));
  const countAll = median(3, () => store.db.prepare('SELECT count(*) FROM divergences').get());
  const grouped = median(1, () => store.db.prepare('SELECT bucket_id, count(*) AS c, max(run_id) FROM divergences GROUP BY bucket_id ORDER BY c DESC').all());
  const some = store.buckets()[Math.floor(buckets / 2)]!;
  const examples = median(7, () => store.examples(some.id, 3));
  // A document's divergences (what reports and resume read): the (run_id, log, doc) index against a scan.
  const byDoc = 'SELECT id FROM divergences WHERE run_id = 1 AND log = ? AND doc = ?';
  const docIndexed = median(7, () => store.db.prepare(byDoc).all('bench/log.ndjson', 'doc-2500'));
  const docScan = median(1, () => store.db.prepare(byDoc.replace('divergences', 'divergences NOT INDEXED')).all('bench/log.ndjson', 'doc-2500'));
  store.close();
  console.log(`triage list with ${count.toLocaleString('en-US')} stored divergences (${buckets} buckets): ${list.toFixed(2)} ms (median of 7); one run's gating buckets: ${listRun.toFixed(2)} ms`);
  console.log(`  baseline SELECT count(*) FROM divergences: ${countAll.toFixed(2)} ms  (triage list takes ${(list / countAll).toFixed(1)}x that)`);
  console.log(`  without the bucket summary (GROUP BY over divergences): ${grouped.toFixed(0)} ms  (${(grouped / list).toFixed(0)}x slower than triage list)`);
  console.log(`triage show examples of one bucket: ${examples.toFixed(2)} ms`);
  console.log(`one document's divergences: ${docIndexed.toFixed(2)} ms with the (run_id, log, doc) index, ${docScan.toFixed(0)} ms by a table scan (${(docScan / docIndexed).toFixed(0)}x)`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-store-'));
  try {
    writeRates(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  triageLatency(bigStore());
}
