/** Building EngineFailure values, and answering the calls of a document that already failed. */
import type { EngineFailure, EngineFailureKind, Observation } from './types.js';

export function failure(kind: EngineFailureKind, message: string, index: number, stderrTail = ''): EngineFailure {
  return { kind, message, index, stderrTail };
}

/** A dead document answers every later call with the failure that killed it, re-pointed at the call. */
export function repeatFailure(dead: EngineFailure, index: number): Observation {
  return { ok: false, failure: { ...dead, index, message: `document already failed: ${dead.message}` }, ns: 0 };
}

/**
 * "batch item 3" (0-based within the call's batch) for records, "snapshot" for index -1: hosts see
 * only the lines of one call, not where those lines sit in a log, so they say no more than that.
 */
export function callName(index: number): string {
  return index < 0 ? 'snapshot' : `batch item ${index}`;
}

/**
 * The failure with its "batch item N: " replaced by where that record sits in its log (`where`,
 * e.g. "record 12 (logs/a.ndjson:13)"), for a caller that knows it; the typed fields are unchanged.
 * A repeat ("document already failed: batch item K: ...") loses its position instead: K counted in
 * an earlier batch, and the caller has already shown that failure where it happened.
 */
export function locateFailure(f: EngineFailure, where: string): EngineFailure {
  if (f.index < 0) return f; // a snapshot is not a record
  const own = `${callName(f.index)}: `;
  if (f.message.startsWith(own)) return { ...f, message: `${where}: ${f.message.slice(own.length)}` };
  const repeat = /^document already failed: batch item \d+: /;
  if (repeat.test(f.message)) return { ...f, message: f.message.replace(repeat, 'document already failed: ') };
  return f;
}
