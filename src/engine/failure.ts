/** Building EngineFailure values, and answering the calls of a document that already failed. */
import type { EngineFailure, EngineFailureKind, Observation } from './types.js';

export function failure(kind: EngineFailureKind, message: string, index: number, stderrTail = ''): EngineFailure {
  return { kind, message, index, stderrTail };
}

/** A dead document answers every later call with the failure that killed it, re-pointed at the call. */
export function repeatFailure(dead: EngineFailure, index: number): Observation {
  return { ok: false, failure: { ...dead, index, message: `document already failed: ${dead.message}` }, ns: 0 };
}

/** "record 3" for records, "snapshot" for index -1: for messages naming the call in flight. */
export function callName(index: number): string {
  return index < 0 ? 'snapshot' : `record ${index}`;
}
