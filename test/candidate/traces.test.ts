/**
 * The real editing traces (corpora/real, CC BY 4.0, Kleppmann / Gentle): replayed into the
 * candidate, the `text` frame's children spell the trace's recorded final text — an oracle no
 * one on this project wrote. clownschool_flat runs in full; the two long traces run in full too
 * (a few seconds each on this engine), which is the workload the chunked children lists are for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import candidate from '../../engines/candidate/index.js';
import type { CanonicalTree } from '../../src/engine/protocol.js';
import { readCorpus } from './drive.js';

const dir = new URL('../../corpora/real/', import.meta.url);

function replayText(name: string): { text: string; nacks: number } {
  const records = readCorpus(new URL(`${name}.ndjson.gz`, dir).pathname);
  const engine = candidate.create(name);
  let nacks = 0;
  for (const r of records) for (const m of engine.handle(r)) if (m.kind === 'nack') nacks++;
  const tree: CanonicalTree = engine.snapshot();
  const frame = Object.values(tree.nodes).find((n) => n.type === 'FRAME' && n.props.name === 'text');
  if (frame === undefined) throw new Error(`${name}: no frame named "text"`);
  return { text: frame.children.map((id) => String(tree.nodes[id].props.char)).join(''), nacks };
}

describe('real traces', () => {
  for (const name of ['clownschool_flat', 'automerge-paper', 'seph-blog1']) {
    it(`${name}: the frame spells ${name}.expected.txt`, () => {
      const expected = readFileSync(new URL(`${name}.expected.txt`, dir), 'utf8');
      const { text, nacks } = replayText(name);
      expect(nacks).toBe(0);
      expect(text.length).toBe(expected.length);
      expect(text === expected).toBe(true);
    });
  }
});
