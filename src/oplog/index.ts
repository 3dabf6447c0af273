/** The op-log folder's public door: read, validate and write NDJSON logs, plain or gzip. */
export type { LogRecord, LogHeader, SourcedRecord, LogIssue, RecordKind } from './types.js';
export { RECORD_KINDS } from './types.js';
export { collectLogs } from './collect.js';
export { readLog, type ReadOptions } from './reader.js';
export { validateLog, DEFAULT_MAX_ERRORS, type LogSummary, type DocumentCounts, type ValidateOptions } from './validate.js';
export { LogError, formatIssue } from './errors.js';
export { createLogWriter, serializeRecord, type LogWriter, type WriterOptions } from './writer.js';
