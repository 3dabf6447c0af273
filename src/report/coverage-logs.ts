/**
 * Coverage of a run, computed when the report is made: the store does not record which conflict
 * classes the logs exercised, so the run's own log files are read again and classified. A log that
 * is gone, or whose bytes no longer hash to what the run recorded, makes coverage unknown: counting
 * a different file would claim evidence the run never had.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readLog, type LogRecord } from '../oplog/index.js';
import { coverageKey, type CoverageCache } from './coverage-cache.js';

/** What classifies records: the generator's conflict-class counter fits it. */
export interface RecordClassifier {
  add(record: LogRecord): void;
  readonly counts: Partial<Record<string, number>>;
}

export interface CoverageResult {
  counts: Record<string, number> | null;
  /** Why coverage is unknown, when it is. */
  note: string | null;
}

/**
 * Classifies the records of the documents the run replayed (`docs`: `${log}\u0000${doc}` keys), one
 * classifier per log (documents never interleave across logs).
 */
export async function coverageOfLogs(
  logs: Array<{ path: string; sha256: string | null }>,
  docs: Set<string>,
  classifier: (() => RecordClassifier) | null,
  cache: { store: CoverageCache; classifierId: string } | null = null,
): Promise<CoverageResult> {
  if (classifier === null) return { counts: null, note: 'no conflict-class classifier is available' };
  if (logs.length === 0) return { counts: null, note: 'the run recorded no logs' };
  const total: Record<string, number> = {};
  for (const log of logs) {
    if (!existsSync(log.path)) return { counts: null, note: `${log.path} is no longer on disk` };
    if (log.sha256 !== null && (await sha256Of(log.path)) !== log.sha256) {
      return { counts: null, note: `${log.path} changed since the run (sha256 differs)` };
    }
    const prefix = `${log.path}\u0000`;
    const key = log.sha256 === null ? null : coverageKey(cache?.classifierId ?? '', log.sha256, [...docs].filter((d) => d.startsWith(prefix)).map((d) => d.slice(prefix.length)));
    const cached = key === null ? undefined : cache?.store.get(key);
    if (cached !== undefined) {
      for (const [name, n] of Object.entries(cached)) total[name] = (total[name] ?? 0) + n;
      continue;
    }
    const counter = classifier();
    try {
      for await (const { record } of readLog(log.path, { skipBad: true })) {
        if (docs.has(`${log.path}\u0000${record.doc}`)) counter.add(record);
      }
    } catch (err) {
      return { counts: null, note: `${log.path} could not be read again: ${err instanceof Error ? err.message : String(err)}` };
    }
    const counts: Record<string, number> = {};
    for (const [name, n] of Object.entries(counter.counts)) counts[name] = n ?? 0;
    if (key !== null) cache?.store.set(key, counts);
    for (const [name, n] of Object.entries(counts)) total[name] = (total[name] ?? 0) + n;
  }
  return { counts: total, note: null };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
