/**
 * The engine doors' own cost: one engine over one recorded trace through the inline module
 * door (the baseline), the worker module door, and the child door. Figures are ratios of wall
 * time to the inline run in this process, plus the harness-side cost per record.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { openHost, otherDoor, resolveEngineSpec, type EngineHost } from '../src/engine/index.js';

// From sources this file is bench/doors.ts; built, it is dist/bench/doors.js.
const ROOT = import.meta.url.endsWith('.ts') ? '../' : '../../';
const TRACE = fileURLToPath(new URL(`${ROOT}corpora/real/clownschool_flat.ndjson.gz`, import.meta.url));
const BATCH = 1000;

function lines(): string[] {
  return gunzipSync(readFileSync(TRACE)).toString('utf8').split('\n').filter((l) => l.startsWith('{"doc"'));
}

async function time(host: EngineHost, records: string[]): Promise<{ ms: number; engineMs: number }> {
  const t0 = performance.now();
  let engineNs = 0;
  for (let i = 0; i < records.length; i += BATCH) {
    for (const o of await host.handle('d', records.slice(i, i + BATCH))) engineNs += o.ns;
  }
  await host.snapshot('d');
  await host.closeDoc('d');
  const ms = performance.now() - t0;
  await host.dispose();
  return { ms, engineMs: engineNs / 1e6 };
}

export async function run(): Promise<void> {
  const records = lines();
  const spec = resolveEngineSpec('reference');
  const opts = { timeoutMs: 60_000, stderrLines: 20 };
  // Warm-up, so the baseline is not paying for JIT and module loading.
  await time(await openHost(spec, { ...opts, inline: true }), records.slice(0, 2000));
  const inline = await time(await openHost(spec, { ...opts, inline: true }), records);
  const worker = await time(await openHost(spec, opts), records);
  const child = await time(await openHost(otherDoor(spec), opts), records);
  const perRecord = (ms: number) => `${((ms * 1e3) / records.length).toFixed(2)} µs/record`;
  console.log(`reference over ${records.length} records of clownschool_flat, batches of ${BATCH}`);
  console.log(`  inline module door: ${inline.ms.toFixed(0)} ms (${perRecord(inline.ms)}) = 1.00`);
  for (const [name, r] of [['worker module door', worker], ['child door (serve-module)', child]] as const) {
    console.log(`  ${name}: ${r.ms.toFixed(0)} ms (${perRecord(r.ms)}) = ${(r.ms / inline.ms).toFixed(2)}x inline; engine time seen ${r.engineMs.toFixed(0)} ms`);
  }
}
