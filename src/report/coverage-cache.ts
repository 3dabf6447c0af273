/**
 * Conflict-class counts per log, kept in a small JSON file beside the store. Classifying a large
 * recorded log takes seconds to minutes, and CI often writes several formats of one run; a log is
 * identified by its sha256 and the documents the run replayed, so a changed file never hits.
 * The cache is only an optimization: any failure to read or write it is ignored.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface CoverageCache {
  get(key: string): Record<string, number> | undefined;
  set(key: string, counts: Record<string, number>): void;
}

/** The key of one log's counts: the classifier, the log's content hash and the documents classified. */
export function coverageKey(classifierId: string, sha256: string, docs: string[]): string {
  const h = createHash('sha256').update(classifierId).update('\u0000');
  for (const d of [...docs].sort()) h.update(d).update('\u0000');
  return `${sha256}:${h.digest('hex').slice(0, 16)}`;
}

export function fileCoverageCache(file: string): CoverageCache {
  let entries: Record<string, Record<string, number>> = {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) entries = parsed as typeof entries;
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  return {
    get: (key) => (Object.hasOwn(entries, key) ? entries[key] : undefined),
    set: (key, counts) => {
      entries[key] = counts;
      try {
        // Write then rename, so a concurrent reader never sees half a file.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entries));
        renameSync(tmp, file);
      } catch {
        // A read-only folder: report without caching.
      }
    },
  };
}
