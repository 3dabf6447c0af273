import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { fuzz } from '../../src/fuzz/index.js';
import { ReplayOracle } from '../../src/minimize/index.js';
import { readLog } from '../../src/oplog/index.js';
import type { LogRecord } from '../../src/oplog/types.js';

const SEED = 424242;
const base = (candidate: string, runs: number) => ({
  reference: resolveEngineSpec('reference'),
  candidate: resolveEngineSpec(candidate),
  referenceName: 'reference',
  candidateName: candidate,
  seed: SEED,
  runs,
  maxSteps: 60,
  inline: true,
  timeoutMs: 10_000,
  outDir: mkdtempSync(join(tmpdir(), 'parity-found-')),
});

async function records(file: string): Promise<{ header: string; records: LogRecord[] }> {
  const out: LogRecord[] = [];
  for await (const s of readLog(file)) out.push(s.record);
  return { header: readFileSync(file, 'utf8').split('\n')[0]!, records: out };
}

describe('parity fuzz (fixed seed)', () => {
  it('finds no divergence between the reference and the candidate', async () => {
    const result = await fuzz(base('candidate', 400));
    expect(result.failure).toBeNull();
    expect(result.runs).toBe(400);
    expect(result.records).toBeGreaterThan(4000);
    // The generated logs exercised the conflict classes they are meant to.
    expect(Object.keys(result.coverage).length).toBeGreaterThanOrEqual(14);
  });

  it('finds a z-order tie mutant, minimizes it to at most 10 records, and writes a log that reproduces it', async () => {
    const result = await fuzz(base('mutant:ztie', 300));
    const f = result.failure!;
    expect(f).not.toBeNull();
    expect(f.minimized.length).toBeLessThanOrEqual(10);
    expect(f.minimized.length).toBeLessThan(f.originalRecords);
    const { header, records: written } = await records(f.file);
    expect(JSON.parse(header)).toMatchObject({ oplog: 1, source: 'fuzz', seed: SEED, path: f.counterexamplePath, fingerprint: f.fingerprint });
    expect(written).toEqual(f.minimized);
    // Replayed on its own, the written log shows the same bucket.
    const oracle = new ReplayOracle({ reference: resolveEngineSpec('reference'), candidate: resolveEngineSpec('mutant:ztie'), inline: true, timeoutMs: 10_000, checkpointEvery: 0 });
    try {
      expect(await oracle.fingerprint(written)).toBe(f.fingerprint);
    } finally {
      oracle.dispose();
    }
    expect(f.reproduce).toBe(`parity replay --reference reference --candidate mutant:ztie ${f.file}`);
  });

  it('replays one counterexample by seed and path', async () => {
    const first = await fuzz(base('mutant:wrong-to', 50));
    const again = await fuzz({ ...base('mutant:wrong-to', 50), path: first.failure!.counterexamplePath });
    expect(again.runs).toBe(1);
    expect(again.failure!.fingerprint).toBe(first.failure!.fingerprint);
  });
});
