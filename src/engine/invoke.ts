/**
 * Calling an engine instance on one raw record line, the same way in every host (inline, worker,
 * served child): parse, handle, stringify, and turn anything that goes wrong into a value.
 */
import type { EngineInstance, EngineModule, LogRecord } from './protocol.js';
import type { EngineFailureKind } from './types.js';

export type CallOutcome =
  | { ok: true; text: string }
  | { ok: false; kind: EngineFailureKind; message: string; detail: string };

type Failed = CallOutcome & { ok: false };

function thrown(what: string, err: unknown): Failed {
  const message = err instanceof Error ? err.message : String(err);
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return { ok: false, kind: 'throw', message: `${what} threw: ${message}`, detail };
}

/** JSON text of an answer, or a 'garbage' outcome when it has the wrong shape or cannot be serialized. */
function serialize(value: unknown, want: 'array' | 'object', what: string): CallOutcome {
  const good = want === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!good) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, kind: 'garbage', message: `${what} returned ${got}, expected ${want === 'array' ? 'an array of messages' : 'a tree object'}`, detail: '' };
  }
  try {
    return { ok: true, text: JSON.stringify(value) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, kind: 'garbage', message: `${what} returned a value that is not JSON: ${message}`, detail: '' };
  }
}

export type Created = { ok: true; instance: EngineInstance } | Failed;

export function createInstance(module: EngineModule, doc: string): Created {
  try {
    return { ok: true, instance: module.create(doc) };
  } catch (err) {
    return thrown(`create("${doc}")`, err);
  }
}

export function handleLine(instance: EngineInstance, line: string): CallOutcome {
  let result: unknown;
  try {
    result = instance.handle(JSON.parse(line) as LogRecord);
  } catch (err) {
    return thrown('handle', err);
  }
  return serialize(result, 'array', 'handle');
}

export function snapshotOf(instance: EngineInstance): CallOutcome {
  let result: unknown;
  try {
    result = instance.snapshot();
  } catch (err) {
    return thrown('snapshot', err);
  }
  return serialize(result, 'object', 'snapshot');
}

export function closeInstance(instance: EngineInstance): CallOutcome | undefined {
  try {
    instance.close?.();
    return undefined;
  } catch (err) {
    return thrown('close', err);
  }
}
