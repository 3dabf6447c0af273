/**
 * Opening a store safely: a file that is not a parity store, one from a newer parity, or a damaged
 * one is refused with a StoreError and left byte for byte as it was. Every check that could be
 * made before writing is made on a read-only handle first, including a full `PRAGMA quick_check`
 * when the store is opened for writing.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { asStoreError, StoreError } from './errors.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export interface OpenOptions {
  /** Create the store (and its folder) when the file does not exist. Default false. */
  create?: boolean;
  readonly?: boolean;
  /** How long a writer waits for another process's lock, in ms (default 10 s). */
  busyTimeoutMs?: number;
}

const MAGIC = 'SQLite format 3\u0000';

/** Checks on the raw header: magic, and a size that matches the page count SQLite wrote there. */
function checkHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return; // an empty file is an empty database; checked again below
    const head = Buffer.alloc(100);
    const got = readSync(fd, head, 0, 100, 0);
    if (got < 100 || head.toString('latin1', 0, 16) !== MAGIC) {
      throw new StoreError('not-sqlite', file, 'not an SQLite database, so not a parity store (pass another --store, or move this file away)');
    }
    const rawPage = head.readUInt16BE(16);
    const pageSize = rawPage === 1 ? 65536 : rawPage;
    const pages = head.readUInt32BE(28);
    // With a live WAL the main file may lag behind, so only a closed store is held to its header.
    const walLive = existsSync(`${file}-wal`);
    if (size % pageSize !== 0 || (!walLive && pages > 0 && size < pages * pageSize)) {
      throw new StoreError('corrupt', file, `the store is corrupt: ${size} bytes on disk where its header promises ${pages} pages of ${pageSize} bytes (truncated?)`);
    }
  } finally {
    closeSync(fd);
  }
}

interface Identity {
  appId: number;
  version: number;
  objects: number;
}

function identity(db: Database.Database): Identity {
  return {
    appId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    objects: (db.prepare('SELECT count(*) AS c FROM sqlite_schema').get() as { c: number }).c,
  };
}

/** Most problems quick_check reports; the first is enough to refuse, a few help a person look. */
const MAX_INTEGRITY_PROBLEMS = 5;

/**
 * `PRAGMA quick_check` before a store is written: the header and identity checks only see the first
 * page, and a write into a damaged b-tree can spread the damage. quick_check reads every page (it
 * skips only the index-vs-table cross check of integrity_check), so its cost grows with the file:
 * see docs/store.md for the measured figure.
 */
function checkIntegrity(db: Database.Database, file: string): void {
  const rows = db.pragma(`quick_check(${MAX_INTEGRITY_PROBLEMS})`) as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((p) => p !== 'ok');
  if (problems.length > 0) {
    throw new StoreError('corrupt', file, `the store is corrupt (quick_check: ${problems.join('; ')}); restore it from a copy or start a new store`);
  }
}

/** The WAL side files SQLite may create on open; a refused open removes those it created. */
const SIDECARS = ['-wal', '-shm'] as const;

/**
 * Remove the side files a refused open left behind, only when neither existed before and the WAL
 * holds nothing: an empty WAL and its index carry no data, and with none before us no other
 * process was using them.
 */
function removeOurSidecars(file: string, hadSidecar: boolean): void {
  if (hadSidecar) return;
  try {
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return;
    for (const s of SIDECARS) rmSync(`${file}${s}`, { force: true });
  } catch {
    // Leaving an empty side file behind is untidy, never harmful: the refusal is what matters.
  }
}

/** Refuse anything that is not a store we can read; `fresh` = an empty database we may initialize. */
function judge(file: string, id: Identity): { fresh: boolean } {
  if (id.appId === 0 && id.version === 0 && id.objects === 0) return { fresh: true };
  if (id.appId !== APPLICATION_ID) {
    throw new StoreError('not-parity', file, 'an SQLite database, but not a parity store (its application_id is not parity\'s); parity will not touch it');
  }
  if (id.version > SCHEMA_VERSION) {
    throw new StoreError('too-new', file, `written by a newer parity (store schema ${id.version}, this parity knows up to ${SCHEMA_VERSION}); upgrade parity to read it`);
  }
  return { fresh: false };
}

function migrate(db: Database.Database, file: string): void {
  // Re-read inside the write transaction: another process may have migrated meanwhile.
  db.transaction(() => {
    const id = identity(db);
    const { fresh } = judge(file, id);
    const from = fresh ? 0 : id.version;
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (from < SCHEMA_VERSION) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  }).immediate();
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const exists = existsSync(file);
  if (!exists && (opts.readonly === true || opts.create !== true)) {
    throw new StoreError('missing', file, 'no parity store here (run `parity replay` first, or pass --store)');
  }
  const hadSidecar = SIDECARS.some((s) => existsSync(`${file}${s}`));
  try {
    return openChecked(file, exists, opts);
  } catch (err) {
    // Opening a WAL-mode file, even read-only, creates -wal/-shm; a store we refuse keeps none.
    if (exists && err instanceof StoreError && err.code !== 'busy') removeOurSidecars(file, hadSidecar);
    throw err;
  }
}

function openChecked(file: string, exists: boolean, opts: OpenOptions): Database.Database {
  if (exists) {
    checkHeader(file);
    // A read-only look first, so a file we refuse is never written to (no journal-mode change).
    let probe: Database.Database | undefined;
    try {
      probe = new Database(file, { readonly: true, fileMustExist: true });
      const { fresh } = judge(file, identity(probe));
      if (opts.readonly !== true && !fresh) checkIntegrity(probe, file);
    } catch (err) {
      throw asStoreError(file, err);
    } finally {
      probe?.close();
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: opts.readonly === true, fileMustExist: exists });
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    db.pragma('foreign_keys = ON');
    if (opts.readonly !== true) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across a process kill in WAL mode; only a power loss can drop the tail.
      db.pragma('synchronous = NORMAL');
      migrate(db, file);
    } else if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
      throw new StoreError('too-old', file, 'the store is empty or older than this parity; open it for writing once (e.g. `parity replay`) to create or migrate it');
    }
    return db;
  } catch (err) {
    db?.close();
    throw asStoreError(file, err);
  }
}
