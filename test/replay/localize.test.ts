/**
 * Localization of a tree divergence over a wide window: with no periodic checkpoint the trees
 * are first compared at the document's end, and the replay must still name the exact record.
 * The window is galloped (compare after 1, 2, 4, ... records), so the snapshots taken grow with
 * log2 of the window, not with the window: the count below would be ~2 per record if it stepped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { replay, replayOptions } from '../../src/replay/index.js';
import { LINEAR_WINDOW } from '../../src/replay/localize.js';

const RECORDS = 600;
const fixture = fileURLToPath(new URL('../fixtures/buggy/silent-late.ts', import.meta.url));
const g = globalThis as { __parityStrikes?: number[]; __paritySnapshots?: number };

let file: string;
beforeAll(() => {
  const doc = 'd1';
  const lines = [JSON.stringify({ doc, kind: 'connect', client: 'alice' })];
  let cseq = 0;
  const op = (payload: object) => lines.push(JSON.stringify({ doc, kind: 'op', client: 'alice', cseq: ++cseq, op: payload }));
  op({ type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' });
  // Every later record creates a rectangle of its own: a strike on any of them stays in the tree.
  while (lines.length < RECORDS) op({ type: 'CREATE_NODE', id: `r${lines.length + 1}`, parent: 'p', index: 0, nodeType: 'RECTANGLE', props: { x: lines.length, width: 10, height: 10 } });
  file = join(mkdtempSync(join(tmpdir(), 'parity-localize-')), 'long.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
});

async function run(strike: number) {
  (g.__parityStrikes ??= []).splice(0, Infinity, strike);
  g.__paritySnapshots = 0;
  const result = await replay(
    replayOptions({ reference: resolveEngineSpec('reference'), candidate: resolveEngineSpec(fixture), logs: [file], checkpointEvery: 0, stopOnFirst: true, inline: true }),
  );
  return { found: result.divergences.filter((d) => d.disposition === 'divergence'), snapshots: g.__paritySnapshots };
}

describe('localizing a tree divergence seen only at the end of a 600-record document', () => {
  for (const strike of [3, 4, 19, 437, 599, RECORDS]) {
    it(`names record ${strike} exactly`, async () => {
      const { found } = await run(strike);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ scope: 'tree', docRecord: strike, n: strike, line: strike, detectedAt: RECORDS, path: `nodes["r${strike}"].props.x` });
    });
  }

  it('takes O(log² window) snapshots of the candidate, not one per record', async () => {
    const { snapshots } = await run(437);
    // Stepping would take 437 here (and 600 for the last record); galloping takes
    // about log2(600) rounds of at most log2(600) comparisons, plus the final checkpoint.
    const log2 = Math.ceil(Math.log2(RECORDS));
    expect(snapshots).toBeGreaterThan(1);
    expect(snapshots).toBeLessThanOrEqual(1 + log2 * log2 + LINEAR_WINDOW);
    expect(snapshots).toBeLessThan(437 / 4);
  });
});
