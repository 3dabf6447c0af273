/**
 * The envelope rules of one log line (docs/oplog-format.md). The `op` payload is deliberately
 * not looked at: garbage from clients is for the engines to nack, not for the reader to refuse.
 */
import type { LogHeader, LogRecord, RecordKind } from './types.js';
import { shown } from './errors.js';

const KINDS = new Set<string>(['connect', 'disconnect', 'op', 'load']);
const MAX_ID = 128;

/** What one non-blank line turned out to be. */
export type Parsed =
  | { tag: 'record'; record: LogRecord }
  | { tag: 'header'; header: LogHeader }
  | { tag: 'error'; message: string };

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function idOk(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= MAX_ID;
}

/**
 * Parses and checks one line. `headerAllowed` is true only for the first non-blank line;
 * any object with an `oplog` key is a header attempt, wherever it appears.
 */
export function parseLine(text: string, headerAllowed: boolean): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { tag: 'error', message: `line is not valid JSON (${why}), got ${shownRaw(text)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { tag: 'error', message: `a record must be a JSON object, got ${shown(value)}` };
  }
  const o = value as Record<string, unknown>;
  if (has(o, 'oplog')) return header(o, headerAllowed);
  const message = envelopeError(o);
  return message === null ? { tag: 'record', record: o as LogRecord } : { tag: 'error', message };
}

function header(o: Record<string, unknown>, allowed: boolean): Parsed {
  if (!allowed) return { tag: 'error', message: `a header ({"oplog":...}) is allowed only on the first non-blank line, got ${shown(o)}` };
  if (o.oplog !== 1) return { tag: 'error', message: `"oplog" must be 1 (the only format version), got ${shown(o.oplog)}` };
  return { tag: 'header', header: o as LogHeader };
}

/** The first thing wrong with a record's envelope, or null. Fields are typed whenever present. */
function envelopeError(o: Record<string, unknown>): string | null {
  if (!has(o, 'doc')) return `"doc" is required, got ${shown(o)}`;
  if (!idOk(o.doc)) return `"doc" must be a string of 1..${MAX_ID} UTF-16 code units, got ${shown(o.doc)}`;
  if (!has(o, 'kind')) return `"kind" is required, got ${shown(o)}`;
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) {
    return `"kind" must be one of "connect", "disconnect", "op", "load", got ${shown(o.kind)}`;
  }
  const kind = o.kind as RecordKind;
  if (has(o, 'client')) {
    if (!idOk(o.client)) return `"client" must be a string of 1..${MAX_ID} UTF-16 code units, got ${shown(o.client)}`;
  } else if (kind !== 'load') return `"client" is required for a "${kind}" record, got ${shown(o)}`;
  if (has(o, 'cseq')) {
    if (!Number.isInteger(o.cseq) || (o.cseq as number) < 1) return `"cseq" must be an integer >= 1, got ${shown(o.cseq)}`;
  } else if (kind === 'op') return `"cseq" is required for an "op" record, got ${shown(o)}`;
  if (has(o, 'base') && (!Number.isInteger(o.base) || (o.base as number) < 0)) {
    return `"base" must be an integer >= 0, got ${shown(o.base)}`;
  }
  if (kind === 'op' && !has(o, 'op')) return `"op" is required for an "op" record, got ${shown(o)}`;
  if (has(o, 'tree')) {
    if (typeof o.tree !== 'object' || o.tree === null || Array.isArray(o.tree)) return `"tree" must be an object, got ${shown(o.tree)}`;
  } else if (kind === 'load') return `"tree" is required for a "load" record, got ${shown(o)}`;
  if (has(o, 't') && (typeof o.t !== 'number' || !Number.isFinite(o.t))) return `"t" must be a finite number, got ${shown(o.t)}`;
  return null;
}

/** A line that is not JSON is shown as it stands (cut), since it has no JSON rendering. */
function shownRaw(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
