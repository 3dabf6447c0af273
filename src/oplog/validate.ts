/** One full pass over a log that collects every envelope error and counts what is there. */
import { createHash } from 'node:crypto';
import type { LogHeader, LogIssue, RecordKind } from './types.js';
import { LogError } from './errors.js';
import { scanLog } from './reader.js';

export interface DocumentCounts {
  records: number;
  kinds: Record<RecordKind, number>;
}

export interface LogSummary {
  file: string;
  /** Of the file's bytes as stored (compressed, if it is gzip). */
  sha256: string;
  header: LogHeader | null;
  /** Physical lines, header and blank lines included. */
  lines: number;
  /** Envelope-valid records (header excluded). */
  records: number;
  documents: Record<string, DocumentCounts>;
  kinds: Record<RecordKind, number>;
  /** The first `maxErrors` issues, in file order. */
  issues: LogIssue[];
  /** All issues, including those past the cap. */
  issueCount: number;
  ok: boolean;
}

export interface ValidateOptions {
  maxErrors?: number;
}

export const DEFAULT_MAX_ERRORS = 20;

const zeroKinds = (): Record<RecordKind, number> => ({ connect: 0, disconnect: 0, op: 0, load: 0 });

/** Never throws for bad content: an unreadable file or damaged stream becomes an issue. */
export async function validateLog(file: string, opts: ValidateOptions = {}): Promise<LogSummary> {
  const maxErrors = opts.maxErrors ?? DEFAULT_MAX_ERRORS;
  const hash = createHash('sha256');
  // A null-prototype map: document ids such as "__proto__" are ordinary keys.
  const documents: Record<string, DocumentCounts> = Object.create(null) as Record<string, DocumentCounts>;
  const summary: LogSummary = {
    file, sha256: '', header: null, lines: 0, records: 0, documents, kinds: zeroKinds(), issues: [], issueCount: 0, ok: true,
  };
  const onIssue = (i: LogIssue): void => {
    summary.issueCount++;
    if (summary.issues.length < maxErrors) summary.issues.push(i);
  };
  try {
    const scan = scanLog(file, {
      skipBad: true,
      onIssue,
      onRaw: (c) => hash.update(c),
      onHeader: (h) => (summary.header = h),
      onEnd: (lines) => (summary.lines = lines),
    });
    for await (const batch of scan) {
      for (const { record } of batch) {
        const kind = record.kind;
        summary.kinds[kind]++;
        const d = (documents[record.doc] ??= { records: 0, kinds: zeroKinds() });
        d.records++;
        d.kinds[kind]++;
      }
      summary.records += batch.length;
    }
  } catch (err) {
    if (!(err instanceof LogError)) throw err;
    for (const i of err.issues) onIssue(i);
  }
  summary.sha256 = hash.digest('hex');
  summary.ok = summary.issueCount === 0;
  return summary;
}
