/**
 * The validation pass that runs before any engine: every log is read once to find envelope
 * errors (a bad log stops the run before the store is touched) and to count each document's
 * records, so a document can be closed as soon as its last record has been read.
 */
import { formatIssue, validateLog } from '../oplog/index.js';
import { UsageError } from '../cli/exit.js';
import type { LogIssue } from '../oplog/types.js';

export interface LogPlan {
  file: string;
  sha256: string;
  records: number;
  /** Records per document, in order of first appearance. */
  documents: Map<string, number>;
  /** Under --skip-bad: how many lines the replay will skip (one issue per bad line), and the first few. */
  skippedLines: number;
  skippedIssues: LogIssue[];
}

/** One or more logs have envelope errors: exit 2, nothing ran. */
export class BadLogError extends UsageError {
  override name = 'BadLogError';
  constructor(readonly issues: LogIssue[], counts: Array<{ file: string; issueCount: number }>) {
    const lines = issues.map(formatIssue);
    const summary = counts.map((c) => `${c.file}: ${c.issueCount} bad line${c.issueCount === 1 ? '' : 's'}`).join('; ');
    super(`bad log, nothing was replayed (${summary}); --skip-bad skips bad lines\n${lines.join('\n')}`);
  }
}

/** Errors listed per log when a log is refused, or skipped lines shown under --skip-bad. */
export const MAX_LISTED_ISSUES = 20;

export async function planLogs(files: readonly string[], skipBad: boolean): Promise<LogPlan[]> {
  const summaries = [];
  for (const file of files) summaries.push(await validateLog(file, { maxErrors: MAX_LISTED_ISSUES }));
  // With --skip-bad bad lines are skipped, but a log that cannot be read at all (line 0) is still bad.
  const bad = summaries.filter((s) => !s.ok && (!skipBad || s.issues.some((i) => i.line === 0)));
  if (bad.length > 0) throw new BadLogError(bad.flatMap((s) => s.issues), bad.map((s) => ({ file: s.file, issueCount: s.issueCount })));
  return summaries.map((s) => ({
    file: s.file,
    sha256: s.sha256,
    records: s.records,
    documents: new Map(Object.entries(s.documents).map(([doc, info]) => [doc, info.records])),
    skippedLines: s.issueCount,
    skippedIssues: s.issues,
  }));
}
