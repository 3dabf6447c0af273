/**
 * The external oracle: real recorded editing traces (corpora/real/README.md). Replayed in full
 * through the reference, the `text` frame's children spell the trace's recorded final text.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import reference from '../../engines/reference/index.js';
import type { LogRecord } from '../../src/oplog/types.js';

const REAL = new URL('../../corpora/real/', import.meta.url);

function replay(name: string): { text: string; nacks: number; records: number } {
  const lines = gunzipSync(readFileSync(new URL(`${name}.ndjson.gz`, REAL))).toString('utf8').split('\n');
  const engine = reference.create(name);
  let nacks = 0;
  let records = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as LogRecord;
    if (record.doc === undefined) continue; // the header
    records++;
    for (const message of engine.handle(record)) if (message.kind === 'nack') nacks++;
  }
  const tree = engine.snapshot();
  const frame = Object.values(tree.nodes).find((n) => n.type === 'FRAME' && n.props.name === 'text')!;
  const text = frame.children.map((id) => tree.nodes[id]!.props.char).join('');
  return { text, nacks, records };
}

describe('real traces', () => {
  for (const [name, records] of [['clownschool_flat', 24_330], ['automerge-paper', 259_782], ['seph-blog1', 368_213]] as const) {
    it(`${name} spells its recorded final text`, () => {
      const result = replay(name);
      expect(result.records).toBe(records);
      expect(result.nacks).toBe(0);
      expect(result.text === readFileSync(new URL(`${name}.expected.txt`, REAL), 'utf8')).toBe(true);
    });
  }
});
