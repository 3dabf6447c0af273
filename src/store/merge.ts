/**
 * Merging stores (shards of one CI run, or stores from several machines) into one. Runs get new
 * ids; divergences, documents and hits follow them; buckets meet by fingerprint. For a bucket in
 * both, hits add up and the most recently made triage decision wins; the other side's note is kept
 * under it. A run already merged (same origin) is not copied twice, so re-merging is harmless.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from './errors.js';
import { isSmallerReproducer } from './rows.js';
import { Store } from './store.js';

export interface MergeSummary {
  output: string;
  inputs: Array<{ file: string; runs: number; skippedRuns: number; divergences: number; buckets: number }>;
}

const RUN_COLS = 'argv, reference, reference_hash, candidate, candidate_hash, git_commit, shard, pid, hostname, started_at, finished_at, status, totals';

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

interface SrcBucket {
  id: number;
  fingerprint: string;
  status: string;
  note: string | null;
  status_changed_at: string | null;
  regressed_run: number | null;
  first_seen: string;
  last_seen: string;
  reproducer: string | null;
  title: string;
}

export function mergeStores(inputs: string[], output: string): MergeSummary {
  for (const input of inputs) if (sameFile(input, output)) throw new StoreError('bad-value', input, 'an input of the merge is also its output');
  // Validate every input before writing anything: a bad one leaves the output untouched.
  for (const input of inputs) Store.open(input, { readonly: true }).close();
  const out = Store.open(output, { create: true });
  const summary: MergeSummary = { output, inputs: [] };
  try {
    for (const input of inputs) summary.inputs.push(mergeOne(out, input));
  } finally {
    out.close();
  }
  return summary;
}

function mergeOne(out: Store, input: string): MergeSummary['inputs'][number] {
  const db = out.db;
  db.prepare('ATTACH DATABASE ? AS src').run(input);
  try {
    return db.transaction(() => {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS run_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, copy INTEGER NOT NULL); DELETE FROM temp.run_map;');
      db.exec('CREATE TEMP TABLE IF NOT EXISTS bucket_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL); DELETE FROM temp.bucket_map;');
      const name = realpathSync(input);
      const runs = db.prepare(`SELECT id, origin, ${RUN_COLS} FROM src.runs ORDER BY id`).all() as Array<Record<string, unknown> & { id: number; origin: string | null }>;
      const findOrigin = db.prepare('SELECT id FROM main.runs WHERE origin = ?');
      const insertRun = db.prepare(`INSERT INTO main.runs (${RUN_COLS}, origin) SELECT ${RUN_COLS}, ? FROM src.runs WHERE id = ?`);
      const map = db.prepare('INSERT INTO temp.run_map (old, new, copy) VALUES (?, ?, ?)');
      let copied = 0;
      for (const r of runs) {
        const origin = r.origin ?? `${name}#${r.id}`;
        const seen = findOrigin.get(origin) as { id: number } | undefined;
        if (seen) map.run(r.id, seen.id, 0);
        else {
          map.run(r.id, Number(insertRun.run(origin, r.id).lastInsertRowid), 1);
          copied++;
        }
      }
      const buckets = db.prepare('SELECT * FROM src.buckets ORDER BY id').all() as Array<SrcBucket & Record<string, unknown>>;
      const existing = db.prepare('SELECT * FROM main.buckets WHERE fingerprint = ?');
      const newRun = db.prepare('SELECT new FROM temp.run_map WHERE old = ?');
      const mapped = (id: number | null): number | null => (id === null ? null : ((newRun.get(id) as { new: number } | undefined)?.new ?? null));
      const insertBucket = db.prepare(
        `INSERT INTO main.buckets (fingerprint, title, kind, scope, op_type, norm_path, nack_reason, disposition, gating, status, note, status_changed_at, first_run, last_run, first_seen, last_seen, hits, regressed_run, reproducer)
         SELECT fingerprint, title, kind, scope, op_type, norm_path, nack_reason, disposition, gating, status, note, status_changed_at, ?, ?, first_seen, last_seen, 0, ?, reproducer FROM src.buckets WHERE id = ?`,
      );
      const decide = db.prepare('UPDATE main.buckets SET status = ?, note = ?, status_changed_at = ?, regressed_run = ?, title = ? WHERE id = ?');
      const seenSpan = db.prepare('UPDATE main.buckets SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?), reproducer = ? WHERE id = ?');
      const bmap = db.prepare('INSERT INTO temp.bucket_map (old, new) VALUES (?, ?)');
      for (const b of buckets) {
        const mine = existing.get(b.fingerprint) as SrcBucket | undefined;
        if (mine === undefined) {
          const first = mapped(b.first_run as number) ?? 0;
          const info = insertBucket.run(first, mapped(b.last_run as number) ?? first, mapped(b.regressed_run), b.id);
          bmap.run(b.id, Number(info.lastInsertRowid));
          continue;
        }
        bmap.run(b.id, mine.id);
        // The better reproducer of the two survives, by the rule setReproducer keeps.
        const reproducer = b.reproducer !== null && isSmallerReproducer(b.reproducer, mine.reproducer) ? b.reproducer : mine.reproducer;
        seenSpan.run(b.first_seen, b.last_seen, reproducer, mine.id);
        const theirsNewer = b.status_changed_at !== null && (mine.status_changed_at === null || b.status_changed_at > mine.status_changed_at);
        const [win, lose] = theirsNewer ? [b, mine] : [mine, b];
        const winRegressed = theirsNewer ? mapped(b.regressed_run) : mine.regressed_run;
        decide.run(win.status, keepNotes(win.note, lose.note), win.status_changed_at, winRegressed, mine.title, mine.id);
      }
      // Rows that hang off copied runs, with run and bucket ids translated.
      db.exec(`
        INSERT INTO main.logs (run_id, path, sha256, records, documents)
          SELECT m.new, l.path, l.sha256, l.records, l.documents FROM src.logs l JOIN temp.run_map m ON m.old = l.run_id AND m.copy = 1;
        INSERT INTO main.documents (run_id, log, doc, records, divergences, status, resyncs, reference_timing, candidate_timing, completed_at)
          SELECT m.new, d.log, d.doc, d.records, d.divergences, d.status, d.resyncs, d.reference_timing, d.candidate_timing, d.completed_at
          FROM src.documents d JOIN temp.run_map m ON m.old = d.run_id AND m.copy = 1;
        INSERT INTO main.timings (run_id, role, timing)
          SELECT m.new, t.role, t.timing FROM src.timings t JOIN temp.run_map m ON m.old = t.run_id AND m.copy = 1;
        INSERT INTO main.noise (run_id, pattern, count)
          SELECT m.new, n.pattern, n.count FROM src.noise n JOIN temp.run_map m ON m.old = n.run_id AND m.copy = 1;
        INSERT INTO main.bucket_runs (bucket_id, run_id, hits)
          SELECT bm.new, m.new, r.hits FROM src.bucket_runs r JOIN temp.run_map m ON m.old = r.run_id AND m.copy = 1 JOIN temp.bucket_map bm ON bm.old = r.bucket_id
          WHERE true ON CONFLICT (bucket_id, run_id) DO UPDATE SET hits = hits + excluded.hits;
        INSERT INTO main.bucket_history (bucket_id, at, run_id, event, detail)
          SELECT bm.new, h.at, (SELECT new FROM temp.run_map WHERE old = h.run_id), h.event, h.detail
          FROM src.bucket_history h JOIN temp.bucket_map bm ON bm.old = h.bucket_id
          WHERE NOT EXISTS (SELECT 1 FROM main.bucket_history x WHERE x.bucket_id = bm.new AND x.at = h.at AND x.event = h.event AND x.detail IS h.detail);
        INSERT INTO main.divergences (run_id, bucket_id, log, doc, n, line, doc_record, detected_at, scope, kind, path, op_type, nack_reason,
            reference, candidate, record, differences, disposition, failed_engine, detail, reproduce, fingerprint)
          SELECT m.new, bm.new, d.log, d.doc, d.n, d.line, d.doc_record, d.detected_at, d.scope, d.kind, d.path, d.op_type, d.nack_reason,
            d.reference, d.candidate, d.record, d.differences, d.disposition, d.failed_engine, d.detail, d.reproduce, d.fingerprint
          FROM src.divergences d JOIN temp.run_map m ON m.old = d.run_id AND m.copy = 1 JOIN temp.bucket_map bm ON bm.old = d.bucket_id
          ORDER BY d.id;
      `);
      // Totals follow from the per-run hits, so they cannot drift from what the runs say.
      db.exec(`
        UPDATE main.buckets SET
          hits = coalesce((SELECT sum(hits) FROM main.bucket_runs r WHERE r.bucket_id = buckets.id), 0),
          first_run = coalesce((SELECT min(run_id) FROM main.bucket_runs r WHERE r.bucket_id = buckets.id), first_run),
          last_run = coalesce((SELECT max(run_id) FROM main.bucket_runs r WHERE r.bucket_id = buckets.id), last_run)
        WHERE id IN (SELECT new FROM temp.bucket_map);
      `);
      // A fixed decision followed by a hit from a run that started later is a regression, whichever store saw it.
      db.prepare(
        `UPDATE main.buckets SET status = 'regressed', regressed_run = (
           SELECT min(r.id) FROM main.bucket_runs br JOIN main.runs r ON r.id = br.run_id WHERE br.bucket_id = buckets.id AND r.started_at > buckets.status_changed_at)
         WHERE status = 'fixed' AND status_changed_at IS NOT NULL AND id IN (SELECT new FROM temp.bucket_map)
           AND EXISTS (SELECT 1 FROM main.bucket_runs br JOIN main.runs r ON r.id = br.run_id WHERE br.bucket_id = buckets.id AND r.started_at > buckets.status_changed_at)`,
      ).run();
      const divs = (db.prepare('SELECT count(*) AS c FROM src.divergences d JOIN temp.run_map m ON m.old = d.run_id AND m.copy = 1').get() as { c: number }).c;
      return { file: input, runs: copied, skippedRuns: runs.length - copied, divergences: divs, buckets: buckets.length };
    }).immediate();
  } finally {
    db.prepare('DETACH DATABASE src').run();
  }
}

/** The winning decision's note, with the other side's kept under it when it says something else. */
function keepNotes(win: string | null, lose: string | null): string | null {
  if (lose === null || lose.trim() === '' || (win ?? '').includes(lose)) return win;
  if (win === null || win.trim() === '') return lose;
  return `${win}\n(merged) ${lose}`;
}
