import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { logArbitrary } from '../../src/generate/arbitraries.js';
import { createLogWriter, validateLog } from '../../src/oplog/index.js';
import type { LogRecord } from '../../src/oplog/types.js';
import { replay, replayOptions } from '../../src/replay/index.js';

const dir = mkdtempSync(join(tmpdir(), 'parity-subseq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function write(records: readonly LogRecord[]): Promise<string> {
  const file = join(dir, `sub-${n++}.ndjson`);
  const w = createLogWriter(file);
  for (const r of records) w.write(r);
  await w.close();
  return file;
}

/** A generated log and an order-keeping subsequence of its records (a load may be dropped too). */
const subsequence = logArbitrary({ maxSteps: 40 }).chain((log) =>
  fc.subarray(log.records.map((_, i) => i)).map((keep) => ({ log, sub: keep.map((i) => log.records[i]!) })),
);

describe('any subsequence of a generated log', () => {
  it('passes the log reader\'s validation and replays reference vs candidate with no divergence', async () => {
    await fc.assert(
      fc.asyncProperty(subsequence, async ({ sub }) => {
        const file = await write(sub);
        const summary = await validateLog(file);
        expect(summary.issues).toEqual([]);
        expect(summary.records).toBe(sub.length);
        const result = await replay(replayOptions({
          reference: resolveEngineSpec('reference'),
          candidate: resolveEngineSpec('candidate'),
          logs: [file],
          checkpointEvery: 1,
          checkpointBudget: 0,
          timeoutMs: 10_000,
          inline: true,
        }));
        expect(result.divergences).toEqual([]);
        expect(result.documents.every((d) => d.status === 'ok')).toBe(true);
        expect(result.totals.records).toBe(sub.length);
      }),
      { seed: 4242, numRuns: 25 },
    );
  });
});
