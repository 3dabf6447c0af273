/** The shapes of an op log (docs/oplog-format.md). */

export type RecordKind = 'connect' | 'disconnect' | 'op' | 'load';
export const RECORD_KINDS: readonly RecordKind[] = ['connect', 'disconnect', 'op', 'load'];

/** One envelope-valid log record. `op` is the client's payload, never checked by the reader. */
export interface LogRecord {
  doc: string;
  kind: RecordKind;
  client?: string;
  cseq?: number;
  base?: number;
  op?: unknown;
  tree?: unknown;
  t?: number;
  /** Fields the format does not list are kept and passed to engines untouched. */
  [extra: string]: unknown;
}

/** The optional first line: `{"oplog": 1, ...}` with free-form metadata. */
export interface LogHeader {
  oplog: 1;
  source?: string;
  seed?: number | string;
  generator?: string;
  recordedAt?: string;
  note?: string;
  [extra: string]: unknown;
}

/** A record together with where it came from; `n` is its 1-based ordinal among the log's records (header and blank lines not counted). */
export interface SourcedRecord {
  record: LogRecord;
  /** The exact line text, so it can be forwarded to engines without re-serializing. */
  raw: string;
  file: string;
  line: number;
  n: number;
}

/** An envelope error: rendered as `file:line: message, got <value>`. */
export interface LogIssue {
  file: string;
  line: number;
  message: string;
}
