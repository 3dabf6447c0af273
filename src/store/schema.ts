/**
 * The store's schema, versioned with PRAGMA user_version. Each migration takes the store from
 * version i to i + 1 inside one transaction; a store whose version is above the last one here was
 * written by a newer parity and is refused rather than guessed at.
 */

/** PRAGMA application_id: marks an SQLite file as a parity store ("PRTY"). */
export const APPLICATION_ID = 0x50525459;

const V1 = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  argv TEXT NOT NULL,                 -- JSON array: the command line
  reference TEXT NOT NULL,
  reference_hash TEXT,
  candidate TEXT NOT NULL,
  candidate_hash TEXT,
  git_commit TEXT,
  shard TEXT,
  pid INTEGER,
  hostname TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  totals TEXT,                        -- JSON ReplayTotals (or any object) when finished
  origin TEXT                         -- for a merged run: "<store>#<original id>"
);

CREATE TABLE logs (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  sha256 TEXT,
  records INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  PRIMARY KEY (run_id, path)
) WITHOUT ROWID;

CREATE TABLE documents (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  log TEXT NOT NULL,
  doc TEXT NOT NULL,
  records INTEGER NOT NULL,
  divergences INTEGER NOT NULL,
  status TEXT NOT NULL,
  resyncs INTEGER NOT NULL,
  reference_timing TEXT NOT NULL,     -- JSON EngineTiming
  candidate_timing TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  PRIMARY KEY (run_id, log, doc)
) WITHOUT ROWID;

CREATE TABLE timings (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('reference', 'candidate')),
  timing TEXT NOT NULL,               -- JSON EngineTiming over the whole run
  PRIMARY KEY (run_id, role)
) WITHOUT ROWID;

CREATE TABLE buckets (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  op_type TEXT,
  norm_path TEXT NOT NULL,
  nack_reason TEXT,
  disposition TEXT NOT NULL,
  gating INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'investigating', 'accepted', 'fixed', 'wont-fix', 'regressed')),
  note TEXT,
  status_changed_at TEXT,             -- when a person last decided; merges keep the latest decision
  first_run INTEGER NOT NULL,
  last_run INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0,
  regressed_run INTEGER,              -- the run in which a fixed bucket came back
  reproducer TEXT
);

CREATE TABLE bucket_runs (
  bucket_id INTEGER NOT NULL REFERENCES buckets(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  hits INTEGER NOT NULL,
  PRIMARY KEY (bucket_id, run_id)
) WITHOUT ROWID;
CREATE INDEX bucket_runs_run ON bucket_runs (run_id);

CREATE TABLE bucket_history (
  id INTEGER PRIMARY KEY,
  bucket_id INTEGER NOT NULL REFERENCES buckets(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  run_id INTEGER,
  event TEXT NOT NULL,                -- created | status | note | title | regressed | merged
  detail TEXT
);
CREATE INDEX bucket_history_bucket ON bucket_history (bucket_id);

CREATE TABLE divergences (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  bucket_id INTEGER NOT NULL REFERENCES buckets(id),
  log TEXT NOT NULL,
  doc TEXT NOT NULL,
  n INTEGER NOT NULL,
  line INTEGER NOT NULL,
  doc_record INTEGER NOT NULL,
  detected_at INTEGER NOT NULL,
  scope TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  op_type TEXT,
  nack_reason TEXT,
  reference TEXT,                     -- JSON text of each engine's value
  candidate TEXT,
  record TEXT NOT NULL,               -- JSON of the first divergent record
  differences TEXT NOT NULL,          -- JSON list with dispositions
  disposition TEXT NOT NULL,
  failed_engine TEXT,
  detail TEXT NOT NULL,
  reproduce TEXT NOT NULL,
  fingerprint TEXT NOT NULL
);
CREATE INDEX divergences_bucket ON divergences (bucket_id, id);
CREATE INDEX divergences_run_doc ON divergences (run_id, log, doc);

CREATE TABLE noise (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  pattern TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (run_id, pattern)
) WITHOUT ROWID;
`;

/** migrations[i] takes a store from user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = [V1];

export const SCHEMA_VERSION = MIGRATIONS.length;
