/**
 * Reference vs candidate agree: over the scenario corpus, a slice of each real trace, and small
 * generated big-doc / hot-doc / many-docs logs (fixed seeds). Zero divergences, every document ok.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { writeProfile, type ProfileName, type ProfileOptions } from '../../src/generate/index.js';
import { collectLogs, createLogWriter, readLog } from '../../src/oplog/index.js';
import { replay, type ReplayOptions, type ReplayResult } from '../../src/replay/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'parity-corpora-'));

function options(logs: string[], extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    reference: resolveEngineSpec('reference'),
    candidate: resolveEngineSpec('candidate'),
    logs,
    jobs: 1,
    checkpointEvery: 200,
    checkpointBudget: 0,
    stopOnFirst: false,
    timeoutMs: 30_000,
    noise: false,
    ignore: [],
    tolerances: [],
    skipBad: false,
    inline: true,
    reproduceArgs: [],
    ...extra,
  };
}

function expectAgreement(result: ReplayResult): void {
  const first = result.divergences[0];
  expect(first ? `${first.kind} ${first.doc} #${first.n}: ${first.detail}` : 'none').toBe('none');
  expect(result.totals.divergences).toBe(0);
  expect(result.documents.every((d) => d.status === 'ok')).toBe(true);
  expect(result.totals.records).toBeGreaterThan(0);
}

/** The first `count` records of a log, as a log of their own. */
async function slice(file: string, count: number): Promise<string> {
  const out = join(dir, `${file.split('/').pop()!.replace(/\.ndjson(\.gz)?$/, '')}-${count}.ndjson`);
  const writer = createLogWriter(out, { gzip: false });
  let n = 0;
  for await (const s of readLog(file)) {
    if (++n > count) break;
    writer.write(s.record);
  }
  await writer.close();
  return out;
}

describe('reference vs candidate: zero divergences', () => {
  it('over the scenario corpus, in worker threads, two pairs', async () => {
    const logs = await collectLogs([join(root, 'corpora/scenarios')]);
    expect(logs.length).toBeGreaterThan(0);
    expectAgreement(await replay(options(logs, { inline: false, jobs: 2 })));
  });

  it('over a slice of each real trace', async () => {
    const logs = await collectLogs([join(root, 'corpora/real')]);
    const slices = await Promise.all(logs.map((l) => slice(l, 4000)));
    expectAgreement(await replay(options(slices)));
  });

  const profiles: Array<[ProfileName, ProfileOptions]> = [
    ['big-doc', { seed: 11, nodes: 400, ops: 3000, clients: 8 }],
    ['hot-doc', { seed: 12, nodes: 40, ops: 3000, clients: 60 }],
    ['many-docs', { seed: 13, docs: 40, ops: 3000, clients: 4, nodes: 20 }],
  ];
  for (const [name, opts] of profiles) {
    it(`over a generated ${name} log`, async () => {
      const made = await writeProfile(name, opts, join(dir, `${name}.ndjson`));
      const result = await replay(options([made.file]));
      expectAgreement(result);
      expect(result.totals.records).toBe(made.records);
    });
  }
});
