/**
 * One engine, two doors, the same answers: every bundled engine through the module door (a
 * worker) and through the child door (its main entry, and the generic serve-module entry) on
 * every scenario log, compared text for text, final snapshots included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openHost, otherDoor, resolveEngineSpec, type EngineHost } from '../../src/engine/index.js';
import { linesByDoc, memoryLogger, observeLog, repoFile, tsxCmd } from './helpers.js';

const scenarioDir = repoFile('corpora/scenarios');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.ndjson')).sort();
const opts = { timeoutMs: 30_000, stderrLines: 20, logger: memoryLogger().logger };

/** Child starts through tsx dominate this test: a few scenarios at a time keep both cores busy. */
const PARALLEL = 3;
// Each child door document starts a node+tsx process; on a loaded 2-core machine that is slow.
const SLOW = 240_000;

async function observeAll(host: EngineHost): Promise<Record<string, Record<string, string[]>>> {
  const out: Record<string, Record<string, string[]>> = {};
  const queue = [...scenarios];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      // Scenarios reuse document ids; running several at once, each needs its own host-side key.
      const docs = [...linesByDoc(readFileSync(`${scenarioDir}/${file}`, 'utf8'))].map(([doc, lines]) => [`${file}/${doc}`, lines] as const);
      out[file] = await observeLog(host, new Map(docs));
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await host.dispose();
  }
  return out;
}

describe('both doors give identical results', () => {
  it('has scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const engine of ['reference', 'candidate']) {
    it(`${engine}: worker module door = child door (main.ts) on every scenario`, async () => {
      const viaWorker = await observeAll(await openHost(resolveEngineSpec(engine), opts));
      const viaChild = await observeAll(await openHost(resolveEngineSpec(tsxCmd(repoFile(`engines/${engine}/main.ts`))), opts));
      expect(Object.keys(viaWorker).sort()).toEqual(scenarios);
      for (const file of scenarios) expect(viaChild[file], file).toEqual(viaWorker[file]);
      // Not vacuous: engines answered, they did not fail the same way twice.
      const all = Object.values(viaWorker).flatMap((docs) => Object.values(docs).flat());
      expect(all.filter((t) => t.startsWith('FAILED'))).toEqual([]);
    }, SLOW);
  }

  it('reference: inline module door = generic serve-module child door (otherDoor)', async () => {
    const spec = resolveEngineSpec('reference');
    const child = otherDoor(spec);
    expect(child.door).toBe('child');
    expect(otherDoor(child)).toBe(child);
    const some = scenarios.slice(0, 4);
    for (const file of some) {
      const docs = linesByDoc(readFileSync(`${scenarioDir}/${file}`, 'utf8'));
      const inline = await openHost(spec, { ...opts, inline: true });
      const served = await openHost(child, opts);
      try {
        expect(await observeLog(served, docs), file).toEqual(await observeLog(inline, docs));
      } finally {
        await Promise.all([inline.dispose(), served.dispose()]);
      }
    }
  }, SLOW);
});
