/**
 * Store: one SQLite file holding runs, logs, completed documents, divergences and their buckets.
 * Every write is one transaction, so a process killed at any point leaves either all of a batch or
 * none of it; a completed document is written in the same transaction as its last divergences.
 */
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import type { Divergence, DocumentOutcome, EngineTiming } from '../replay/index.js';
import { asStoreError, StoreError } from './errors.js';
import { defaultTitle, fingerprintOf, fingerprintParts, isGating, type FingerprintParts } from './fingerprint.js';
import { gitCommit, pidAlive } from './host.js';
import { openDatabase, type OpenOptions } from './open.js';
import {
  BUCKET_STATUSES,
  toBucket,
  toDivergence,
  toDocument,
  toRun,
  reproducerRecords,
  isSmallerReproducer,
  type BucketFilter,
  type BucketRow,
  type BucketStatus,
  type DivergenceRow,
  type DocumentRow,
  type GeneratedCoverage,
  type HistoryRow,
  type LogRow,
  type ReproducerUpdate,
  type RunMeta,
  type RunRow,
  type RunStatus,
} from './rows.js';
import { relatedBuckets, type Related } from './similar.js';

export const DEFAULT_STORE_PATH = '.parity/parity.db';

/** The key completedDocuments() uses for one document of one log. */
export const docKey = (log: string, doc: string): string => `${log}\u0000${doc}`;

const now = (): string => new Date().toISOString();
const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

export class Store {
  private readonly bucketIds = new Map<string, number>();

  private constructor(
    readonly path: string,
    /** The raw handle, for read-only loaders (reports) that want their own queries. */
    readonly db: Database.Database,
    readonly readonly: boolean,
  ) {}

  static open(path: string, opts: OpenOptions = {}): Store {
    const store = new Store(path, openDatabase(path, opts), opts.readonly === true);
    if (!store.readonly) store.sweepDeadRuns();
    return store;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Run fn in one IMMEDIATE transaction (the write lock up front, so two writers queue, never deadlock). */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw asStoreError(this.path, err);
    }
  }

  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw asStoreError(this.path, err);
    }
  }

  // ---- runs ----------------------------------------------------------------------------------

  /**
   * A run left `running` by a process of this host that no longer exists was killed: mark it
   * interrupted. A run owned by another host is left alone (we cannot see its processes).
   */
  private sweepDeadRuns(): void {
    const host = hostname();
    const running = this.read(() => this.db.prepare(`SELECT id, pid, hostname FROM runs WHERE status = 'running'`).all()) as Array<{ id: number; pid: number | null; hostname: string | null }>;
    const dead = running.filter((r) => r.hostname === host && r.pid !== null && r.pid !== process.pid && !pidAlive(r.pid));
    if (dead.length === 0) return;
    this.write(() => {
      const mark = this.db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = coalesce(finished_at, ?) WHERE id = ? AND status = 'running'`);
      for (const r of dead) mark.run(now(), r.id);
    });
  }

  beginRun(meta: RunMeta): number {
    const commit = meta.gitCommit === undefined ? gitCommit() : meta.gitCommit;
    return this.write(() => {
      const info = this.db
        .prepare(
          `INSERT INTO runs (argv, reference, reference_hash, candidate, candidate_hash, git_commit, shard, pid, hostname, started_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
        )
        .run(JSON.stringify(meta.argv), meta.reference, meta.referenceHash ?? null, meta.candidate, meta.candidateHash ?? null, commit, meta.shard ?? null, process.pid, hostname(), now());
      return Number(info.lastInsertRowid);
    });
  }

  /**
   * Take over an unfinished run: it becomes ours and `running` again. Divergences of documents it
   * had not completed are dropped (they will be found again), so resuming never counts twice.
   * Returns the documents already done, as docKey(log, doc).
   */
  resumeRun(runId: number): Set<string> {
    return this.write(() => {
      const run = this.runOrThrow(runId);
      if (run.status === 'completed') throw new StoreError('bad-value', this.path, `run ${runId} is already completed; nothing to resume`);
      if (run.status === 'running' && run.pid !== process.pid && (run.hostname !== hostname() || (run.pid !== null && pidAlive(run.pid)))) {
        throw new StoreError('busy', this.path, `run ${runId} is still running (pid ${run.pid} on ${run.hostname}); stop it first`);
      }
      const lost = this.db
        .prepare(
          `SELECT d.bucket_id AS bucket, count(*) AS c FROM divergences d
           WHERE d.run_id = ? AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.run_id = d.run_id AND o.log = d.log AND o.doc = d.doc)
           GROUP BY d.bucket_id`,
        )
        .all(runId) as Array<{ bucket: number; c: number }>;
      if (lost.length > 0) {
        this.db.prepare(`DELETE FROM divergences WHERE run_id = ? AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.run_id = divergences.run_id AND o.log = divergences.log AND o.doc = divergences.doc)`).run(runId);
        const hits = this.db.prepare(`UPDATE buckets SET hits = hits - ? WHERE id = ?`);
        const perRun = this.db.prepare(`UPDATE bucket_runs SET hits = hits - ? WHERE bucket_id = ? AND run_id = ?`);
        for (const l of lost) {
          hits.run(l.c, l.bucket);
          perRun.run(l.c, l.bucket, runId);
        }
        this.db.prepare(`DELETE FROM bucket_runs WHERE run_id = ? AND hits <= 0`).run(runId);
      }
      this.db.prepare(`UPDATE runs SET status = 'running', pid = ?, hostname = ?, finished_at = NULL WHERE id = ?`).run(process.pid, hostname(), runId);
      return this.completedDocumentsNow(runId);
    });
  }

  recordLog(runId: number, info: { log: string; sha256: string | null; records: number; documents: number }): void {
    this.write(() => {
      this.db.prepare(`INSERT OR REPLACE INTO logs (run_id, path, sha256, records, documents) VALUES (?, ?, ?, ?, ?)`).run(runId, info.log, info.sha256, info.records, info.documents);
    });
  }

  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, totals?: object): void {
    this.write(() => {
      this.runOrThrow(runId);
      this.db.prepare(`UPDATE runs SET status = ?, finished_at = ?, totals = coalesce(?, totals) WHERE id = ?`).run(status, now(), totals === undefined ? null : JSON.stringify(totals), runId);
    });
  }

  recordTimings(runId: number, timings: { reference: EngineTiming; candidate: EngineTiming }): void {
    this.write(() => {
      const put = this.db.prepare(`INSERT OR REPLACE INTO timings (run_id, role, timing) VALUES (?, ?, ?)`);
      put.run(runId, 'reference', JSON.stringify(timings.reference));
      put.run(runId, 'candidate', JSON.stringify(timings.candidate));
    });
  }

  /** Noise counters add up: a resumed run reports only what its second process saw. */
  addNoise(runId: number, counts: Record<string, number>): void {
    this.write(() => {
      const put = this.db.prepare(`INSERT INTO noise (run_id, pattern, count) VALUES (?, ?, ?) ON CONFLICT (run_id, pattern) DO UPDATE SET count = count + excluded.count`);
      for (const [pattern, count] of Object.entries(counts)) put.run(runId, pattern, count);
    });
  }

  run(runId: number): RunRow | undefined {
    const r = this.read(() => this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(runId));
    return r === undefined ? undefined : this.live(toRun(r));
  }

  runs(): RunRow[] {
    return this.read(() => this.db.prepare(`SELECT * FROM runs ORDER BY id`).all()).map((r) => this.live(toRun(r)));
  }

  lastRunId(): number | null {
    const r = this.read(() => this.db.prepare(`SELECT max(id) AS id FROM runs`).get()) as { id: number | null };
    return r.id;
  }

  /** A read-only handle cannot sweep, so it shows a dead owner's run as interrupted all the same. */
  private live(run: RunRow): RunRow {
    if (run.status === 'running' && run.hostname === hostname() && run.pid !== null && run.pid !== process.pid && !pidAlive(run.pid)) {
      return { ...run, status: 'interrupted' };
    }
    return run;
  }

  private runOrThrow(runId: number): RunRow {
    const run = this.run(runId);
    if (run === undefined) throw new StoreError('unknown-run', this.path, `no run ${runId} in this store`);
    return run;
  }

  // ---- documents and divergences ---------------------------------------------------------------

  private completedDocumentsNow(runId: number): Set<string> {
    const rows = this.db.prepare(`SELECT log, doc FROM documents WHERE run_id = ?`).all(runId) as Array<{ log: string; doc: string }>;
    return new Set(rows.map((r) => docKey(r.log, r.doc)));
  }

  completedDocuments(runId: number): Set<string> {
    return this.read(() => this.completedDocumentsNow(runId));
  }

  /** Store divergences in one transaction; each lands in the bucket of its fingerprint. */
  addDivergences(runId: number, divs: readonly Divergence[]): void {
    if (divs.length === 0) return;
    this.write(() => this.insertDivergences(runId, divs));
  }

  /** The document is done: its last divergences and its outcome in one transaction. */
  completeDocument(runId: number, outcome: DocumentOutcome, divs: readonly Divergence[] = []): void {
    this.write(() => {
      this.insertDivergences(runId, divs);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO documents (run_id, log, doc, records, divergences, status, resyncs, reference_timing, candidate_timing, completed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(runId, outcome.log, outcome.doc, outcome.records, outcome.divergences, outcome.status, outcome.resyncs, JSON.stringify(outcome.reference), JSON.stringify(outcome.candidate), now());
    });
  }

  private insertDivergences(runId: number, divs: readonly Divergence[]): void {
    if (divs.length === 0) return;
    const at = now();
    // Fold the batch by fingerprint first: one bucket upsert per distinct bug, not per occurrence.
    const groups = new Map<string, { parts: FingerprintParts; scope: string; count: number }>();
    const fps: string[] = [];
    for (const d of divs) {
      const parts = fingerprintParts(d);
      const fp = fingerprintOf(parts);
      fps.push(fp);
      const g = groups.get(fp);
      if (g) g.count++;
      else groups.set(fp, { parts, scope: d.scope, count: 1 });
    }
    const upsert = this.db.prepare(
      `INSERT INTO buckets (fingerprint, title, kind, scope, op_type, norm_path, nack_reason, disposition, gating, first_run, last_run, first_seen, last_seen, hits)
       VALUES (@fp, @title, @kind, @scope, @opType, @normPath, @nackReason, @disposition, @gating, @run, @run, @at, @at, @count)
       ON CONFLICT (fingerprint) DO UPDATE SET hits = hits + excluded.hits, last_run = max(last_run, excluded.last_run), last_seen = excluded.last_seen
       RETURNING id, status, hits`,
    );
    const perRun = this.db.prepare(`INSERT INTO bucket_runs (bucket_id, run_id, hits) VALUES (?, ?, ?) ON CONFLICT (bucket_id, run_id) DO UPDATE SET hits = hits + excluded.hits`);
    const history = this.db.prepare(`INSERT INTO bucket_history (bucket_id, at, run_id, event, detail) VALUES (?, ?, ?, ?, ?)`);
    const regress = this.db.prepare(`UPDATE buckets SET status = 'regressed', regressed_run = ?, status_changed_at = ? WHERE id = ?`);
    for (const [fp, g] of groups) {
      const row = upsert.get({
        fp,
        title: defaultTitle(g.parts),
        kind: g.parts.kind,
        scope: g.scope,
        opType: g.parts.opType,
        normPath: g.parts.normPath,
        nackReason: g.parts.nackReason,
        disposition: g.parts.disposition,
        gating: isGating(g.parts.disposition) ? 1 : 0,
        run: runId,
        at,
        count: g.count,
      }) as { id: number; status: BucketStatus; hits: number };
      this.bucketIds.set(fp, row.id);
      perRun.run(row.id, runId, g.count);
      if (row.hits === g.count) history.run(row.id, at, runId, 'created', null);
      // A bucket someone marked fixed and that is hit again is a regression, whatever it was fixed in.
      if (row.status === 'fixed') {
        regress.run(runId, at, row.id);
        history.run(row.id, at, runId, 'regressed', `fixed bucket hit again in run ${runId}`);
      }
    }
    const insert = this.db.prepare(
      `INSERT INTO divergences (run_id, bucket_id, log, doc, n, line, doc_record, detected_at, scope, kind, path, op_type, nack_reason,
         reference, candidate, record, differences, disposition, failed_engine, detail, reproduce, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    divs.forEach((d, i) => {
      const fp = fps[i]!;
      insert.run(
        runId, this.bucketIds.get(fp)!, d.log, d.doc, d.n, d.line, d.docRecord, d.detectedAt, d.scope, d.kind, d.path, d.opType, d.nackReason,
        json(d.reference), json(d.candidate), JSON.stringify(d.record), JSON.stringify(d.differences), d.disposition, d.failedEngine, d.detail, d.reproduce, fp,
      );
    });
  }

  documents(runId: number): DocumentRow[] {
    return this.read(() => this.db.prepare(`SELECT * FROM documents WHERE run_id = ? ORDER BY log, doc`).all(runId)).map(toDocument);
  }

  logs(runId: number): LogRow[] {
    const rows = this.read(() => this.db.prepare(`SELECT * FROM logs WHERE run_id = ? ORDER BY path`).all(runId)) as Array<{ run_id: number; path: string; sha256: string | null; records: number; documents: number }>;
    return rows.map((r) => ({ runId: r.run_id, path: r.path, sha256: r.sha256, records: r.records, documents: r.documents }));
  }

  /** A run's divergences in store order; iterate, since a run may hold millions. */
  *divergences(runId: number, opts: { disposition?: string } = {}): IterableIterator<DivergenceRow> {
    const sql = `SELECT * FROM divergences WHERE run_id = ?${opts.disposition ? ' AND disposition = ?' : ''} ORDER BY id`;
    const args: unknown[] = opts.disposition ? [runId, opts.disposition] : [runId];
    for (const r of this.db.prepare(sql).iterate(...args)) yield toDivergence(r);
  }

  divergenceCount(runId?: number): number {
    const r = this.read(() => (runId === undefined ? this.db.prepare(`SELECT count(*) AS c FROM divergences`).get() : this.db.prepare(`SELECT count(*) AS c FROM divergences WHERE run_id = ?`).get(runId))) as { c: number };
    return r.c;
  }

  noise(runId: number): Record<string, number> {
    const rows = this.read(() => this.db.prepare(`SELECT pattern, count FROM noise WHERE run_id = ? ORDER BY pattern`).all(runId)) as Array<{ pattern: string; count: number }>;
    return Object.fromEntries(rows.map((r) => [r.pattern, r.count]));
  }

  timings(runId: number): { reference: EngineTiming; candidate: EngineTiming } | null {
    const rows = this.read(() => this.db.prepare(`SELECT role, timing FROM timings WHERE run_id = ?`).all(runId)) as Array<{ role: string; timing: string }>;
    const ref = rows.find((r) => r.role === 'reference');
    const cand = rows.find((r) => r.role === 'candidate');
    return ref && cand ? { reference: JSON.parse(ref.timing) as EngineTiming, candidate: JSON.parse(cand.timing) as EngineTiming } : null;
  }

  // ---- buckets -------------------------------------------------------------------------------

  /** Buckets, most hit first; with `run`, only those hit in that run, with `runHits` filled. */
  buckets(filter: BucketFilter = {}): Array<BucketRow & { runHits: number | null }> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status && filter.status.length > 0) {
      where.push(`b.status IN (${filter.status.map(() => '?').join(', ')})`);
      args.push(...filter.status);
    }
    if (filter.gating !== undefined) where.push(`b.gating = ${filter.gating ? 1 : 0}`);
    const sql =
      filter.run === undefined
        ? `SELECT b.*, NULL AS run_hits FROM buckets b ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.hits DESC, b.id`
        : `SELECT b.*, r.hits AS run_hits FROM bucket_runs r JOIN buckets b ON b.id = r.bucket_id
           WHERE r.run_id = ? AND r.hits > 0 ${where.length ? `AND ${where.join(' AND ')}` : ''} ORDER BY r.hits DESC, b.id`;
    if (filter.run !== undefined) args.unshift(filter.run);
    return this.read(() => this.db.prepare(sql).all(...args)).map((r) => ({ ...toBucket(r), runHits: (r as { run_hits: number | null }).run_hits }));
  }

  /** A bucket by fingerprint prefix (at least 4 hex digits, unambiguous) or `#<id>`. */
  bucket(ref: string | number): BucketRow {
    if (typeof ref === 'number' || /^#\d+$/.test(ref)) {
      const id = typeof ref === 'number' ? ref : Number(ref.slice(1));
      const r = this.read(() => this.db.prepare(`SELECT * FROM buckets WHERE id = ?`).get(id));
      if (r === undefined) throw new StoreError('unknown-bucket', this.path, `no bucket #${id}`);
      return toBucket(r);
    }
    const prefix = ref.toLowerCase();
    if (!/^[0-9a-f]{4,}$/.test(prefix)) throw new StoreError('unknown-bucket', this.path, `"${ref}" is not a bucket id (give 4 or more hex digits of its fingerprint, or #<number>)`);
    const rows = this.read(() => this.db.prepare(`SELECT * FROM buckets WHERE fingerprint >= ? AND fingerprint < ? ORDER BY fingerprint LIMIT 6`).all(prefix, `${prefix}g`));
    if (rows.length === 0) throw new StoreError('unknown-bucket', this.path, `no bucket matches "${ref}"`);
    if (rows.length > 1) {
      const names = rows.slice(0, 5).map((r) => (r as { fingerprint: string }).fingerprint).join(', ');
      throw new StoreError('ambiguous-bucket', this.path, `"${ref}" matches several buckets (${names}${rows.length > 5 ? ', ...' : ''}); give more digits`);
    }
    return toBucket(rows[0]);
  }

  /** A person's decision. Changing the status stamps status_changed_at, which merges compare. */
  setBucket(ref: string | number, change: { status?: string; note?: string | null; title?: string }): BucketRow {
    if (change.status !== undefined && !(BUCKET_STATUSES as readonly string[]).includes(change.status)) {
      throw new StoreError('bad-value', this.path, `unknown status "${change.status}": expected one of ${BUCKET_STATUSES.join(', ')}`);
    }
    return this.write(() => {
      const b = this.bucket(ref);
      const at = now();
      const history = this.db.prepare(`INSERT INTO bucket_history (bucket_id, at, run_id, event, detail) VALUES (?, ?, NULL, ?, ?)`);
      if (change.status !== undefined) {
        // Deciding again clears a regression; it stays in the history.
        this.db.prepare(`UPDATE buckets SET status = ?, status_changed_at = ?, regressed_run = CASE WHEN ? = 'fixed' THEN NULL ELSE regressed_run END WHERE id = ?`).run(change.status, at, change.status, b.id);
        history.run(b.id, at, 'status', `${b.status} -> ${change.status}`);
      }
      if (change.note !== undefined) {
        this.db.prepare(`UPDATE buckets SET note = ?, status_changed_at = ? WHERE id = ?`).run(change.note, at, b.id);
        history.run(b.id, at, 'note', change.note);
      }
      if (change.title !== undefined) {
        this.db.prepare(`UPDATE buckets SET title = ? WHERE id = ?`).run(change.title, b.id);
        history.run(b.id, at, 'title', change.title);
      }
      return this.bucket(`#${b.id}`);
    });
  }

  /**
   * Keep a minimized reproducer (the log's text) on the bucket of this exact fingerprint. A smaller
   * one replaces what is there: fewer records, or as many in fewer bytes. A larger or equal one is
   * kept out, so a later, sloppier minimization never undoes a better one. null: no such bucket.
   */
  setReproducer(fingerprint: string, text: string, runId: number | null = null): ReproducerUpdate | null {
    const records = reproducerRecords(text);
    return this.write(() => {
      const row = this.db.prepare(`SELECT * FROM buckets WHERE fingerprint = ?`).get(fingerprint);
      if (row === undefined) return null;
      const b = toBucket(row);
      const previous = b.reproducer === null || b.reproducer === '' ? null : reproducerRecords(b.reproducer);
      if (!isSmallerReproducer(text, b.reproducer)) return { bucket: b, outcome: 'kept', records, previousRecords: previous };
      const at = now();
      this.db.prepare(`UPDATE buckets SET reproducer = ? WHERE id = ?`).run(text, b.id);
      const detail = previous === null ? `${records} records` : `${records} records (was ${previous})`;
      this.db.prepare(`INSERT INTO bucket_history (bucket_id, at, run_id, event, detail) VALUES (?, ?, ?, 'reproducer', ?)`).run(b.id, at, runId, detail);
      return { bucket: { ...b, reproducer: text }, outcome: previous === null ? 'stored' : 'replaced', records, previousRecords: previous };
    });
  }

  /**
   * What a fuzz run's generated logs exercised, kept in the run's totals under `generated`: the
   * logs themselves are never written, so this is the only record of that evidence.
   */
  recordGeneratedCoverage(runId: number, generated: GeneratedCoverage): void {
    this.write(() => {
      const run = this.runOrThrow(runId);
      const totals = { ...(run.totals ?? {}), generated };
      this.db.prepare(`UPDATE runs SET totals = ? WHERE id = ?`).run(JSON.stringify(totals), runId);
    });
  }

  /** A few divergences of a bucket, newest first: what `triage show` and reports print. */
  examples(bucketId: number, limit = 3): DivergenceRow[] {
    return this.read(() => this.db.prepare(`SELECT * FROM divergences WHERE bucket_id = ? ORDER BY id DESC LIMIT ?`).all(bucketId, limit)).map(toDivergence);
  }

  history(bucketId: number): HistoryRow[] {
    const rows = this.read(() => this.db.prepare(`SELECT at, run_id, event, detail FROM bucket_history WHERE bucket_id = ? ORDER BY id`).all(bucketId)) as Array<{ at: string; run_id: number | null; event: string; detail: string | null }>;
    return rows.map((r) => ({ at: r.at, runId: r.run_id, event: r.event, detail: r.detail }));
  }

  /** Hits of one bucket per run. */
  bucketRuns(bucketId: number): Array<{ runId: number; hits: number }> {
    const rows = this.read(() => this.db.prepare(`SELECT run_id, hits FROM bucket_runs WHERE bucket_id = ? ORDER BY run_id`).all(bucketId)) as Array<{ run_id: number; hits: number }>;
    return rows.map((r) => ({ runId: r.run_id, hits: r.hits }));
  }

  /** Every (run, bucket) hit count: the report's trend reads this. */
  allBucketRuns(): Array<{ runId: number; bucketId: number; hits: number }> {
    const rows = this.read(() => this.db.prepare(`SELECT run_id, bucket_id, hits FROM bucket_runs WHERE hits > 0 ORDER BY run_id, bucket_id`).all()) as Array<{ run_id: number; bucket_id: number; hits: number }>;
    return rows.map((r) => ({ runId: r.run_id, bucketId: r.bucket_id, hits: r.hits }));
  }

  /** Buckets that look like the same bug (suggested, never merged). */
  related(bucketId: number): Related[] {
    const all = this.buckets();
    const target = all.find((b) => b.id === bucketId);
    return target === undefined ? [] : relatedBuckets(target, all);
  }
}
