/**
 * The external oracle: real recorded editing traces (corpora/real/README.md). Replayed in full
 * through the reference, the `text` frame's children spell the trace's recorded final text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import reference from '../../engines/reference/index.js';
import { readLog } from '../../src/oplog/index.js';

const REAL = new URL('../../corpora/real/', import.meta.url);

async function replay(name: string): Promise<{ text: string; nacks: number; records: number }> {
  const engine = reference.create(name);
  let nacks = 0;
  let records = 0;
  for await (const { record } of readLog(fileURLToPath(new URL(`${name}.ndjson.gz`, REAL)))) {
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
    it(`${name} spells its recorded final text`, async () => {
      const result = await replay(name);
      expect(result.records).toBe(records);
      expect(result.nacks).toBe(0);
      expect(result.text === readFileSync(new URL(`${name}.expected.txt`, REAL), 'utf8')).toBe(true);
    });
  }
});
