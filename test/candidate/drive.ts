/**
 * Test helpers: drive two engine modules with the same records and find the first record where
 * their answers differ. Snapshot trees are compared with `nodes` in sorted key order (node order
 * carries no meaning); everything else is compared as the exact JSON text.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CanonicalTree, EngineModule, LogRecord, ServerMessage } from '../../src/engine/protocol.js';

/** JSON text with every object's `nodes` member (a tree's) re-keyed in sorted order. */
export function canonicalText(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    if (key === 'nodes' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        Object.defineProperty(sorted, k, { value: (v as Record<string, unknown>)[k], enumerable: true });
      }
      return sorted;
    }
    return v;
  });
}

export interface Mismatch {
  index: number;
  record: LogRecord;
  reference: string;
  candidate: string;
}

/** Feeds `records` to both; answers the first mismatch (messages, or the final tree at index = length). */
export function firstMismatch(
  reference: EngineModule,
  candidate: EngineModule,
  records: readonly LogRecord[],
  doc = 'd',
): Mismatch | null {
  const ref = reference.create(doc);
  const cand = candidate.create(doc);
  for (let i = 0; i < records.length; i++) {
    // Each engine gets its own copy: neither may depend on the other leaving the record alone.
    const a = answer(() => ref.handle(structuredClone(records[i])));
    const b = answer(() => cand.handle(structuredClone(records[i])));
    if (a !== b) return { index: i, record: records[i], reference: a, candidate: b };
  }
  const a = answer(() => ref.snapshot());
  const b = answer(() => cand.snapshot());
  return a === b ? null : { index: records.length, record: { doc, kind: 'load' }, reference: a, candidate: b };
}

function answer(f: () => ServerMessage[] | CanonicalTree): string {
  try {
    return canonicalText(f());
  } catch (e) {
    return `THROW ${String(e)}`;
  }
}

/** The records of a corpus log (header skipped). */
export function readCorpus(path: string): LogRecord[] {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const out: LogRecord[] = [];
  for (const line of bytes.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as LogRecord;
    if (typeof r.doc === 'string') out.push(r);
  }
  return out;
}

/** Splits records by document, keeping their order. */
export function byDocument(records: readonly LogRecord[]): Map<string, LogRecord[]> {
  const out = new Map<string, LogRecord[]>();
  for (const r of records) {
    let list = out.get(r.doc);
    if (list === undefined) out.set(r.doc, (list = []));
    list.push(r);
  }
  return out;
}

export function describe(m: Mismatch): string {
  return `record #${m.index} ${JSON.stringify(m.record)}\n  reference: ${m.reference.slice(0, 2000)}\n  candidate: ${m.candidate.slice(0, 2000)}`;
}
