/** Expected store failures: a small error class with a stable code, naming the file. */

export type StoreErrorCode =
  | 'missing' // no store at that path and create was not asked for
  | 'not-sqlite' // the file is not an SQLite database at all
  | 'not-parity' // an SQLite database, but not one parity made
  | 'too-new' // made by a newer parity (schema version above ours)
  | 'too-old' // readable only after a migration, and we were asked not to write
  | 'corrupt' // SQLite says the image is malformed, or the file is truncated
  | 'busy' // another process holds what we need (a live run, a lock past the timeout)
  | 'unknown-run'
  | 'unknown-bucket'
  | 'ambiguous-bucket'
  | 'bad-value';

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}

/** SQLite error codes that mean "this file is damaged or not a database". */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

/** Turn a better-sqlite3 error into a StoreError when it says something about the file itself. */
export function asStoreError(file: string, err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CORRUPT_CODES.has(code)) {
    return new StoreError('corrupt', file, `the store is corrupt (${(err as Error).message}); restore it from a copy or start a new store`, { cause: err });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError('busy', file, `the store stayed locked by another process past the timeout (${(err as Error).message})`, { cause: err });
  }
  return err;
}
