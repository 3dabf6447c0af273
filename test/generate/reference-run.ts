/** Runs generated records through the reference engine (module door) and says what became of each. */
import reference from '../../engines/reference/index.js';
import type { EngineInstance } from '../../src/engine/protocol.js';
import type { LogRecord } from '../../src/oplog/types.js';

export interface Outcome {
  record: LogRecord;
  /** The document's seq just before this record. */
  seqBefore: number;
  /** For an op: 'applied', or the nack reason. Null for other kinds. */
  result: string | null;
}

export function runReference(records: readonly LogRecord[]): Outcome[] {
  const engines = new Map<string, EngineInstance>();
  const seqs = new Map<string, number>();
  return records.map((record) => {
    let engine = engines.get(record.doc);
    if (engine === undefined) {
      engine = reference.create(record.doc);
      engines.set(record.doc, engine);
    }
    const seqBefore = seqs.get(record.doc) ?? 0;
    const messages = engine.handle(record);
    if (record.kind === 'load') seqs.set(record.doc, engine.snapshot().seq);
    const broadcast = messages.find((m) => m.kind === 'op');
    if (broadcast !== undefined) seqs.set(record.doc, broadcast.seq as number);
    let result: string | null = null;
    if (record.kind === 'op') result = broadcast !== undefined ? 'applied' : ((messages.find((m) => m.kind === 'nack')?.reason as string | undefined) ?? 'nothing');
    return { record, seqBefore, result };
  });
}
