/**
 * Replay overhead: a generated big-doc log replayed through parity (reference vs candidate, each
 * in its worker, compared record by record and at checkpoints) against the floor — the slower
 * of the two engines alone, in this thread, over the same records with no comparison.
 * Target: ratio <= 1.3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngineModule, resolveEngineSpec, type EngineSpec } from '../src/engine/index.js';
import { writeProfile } from '../src/generate/index.js';
import { readLog } from '../src/oplog/index.js';
import { DEFAULT_CHECKPOINT_EVERY, replay } from '../src/replay/index.js';

const NODES = Number(process.env.PARITY_BENCH_NODES ?? 5_000);
const OPS = Number(process.env.PARITY_BENCH_OPS ?? 25_000);

/** One engine alone: parse each line, handle it, serialize the answer (what any host must do). */
async function alone(spec: EngineSpec, lines: Array<{ doc: string; raw: string }>): Promise<number> {
  if (spec.door !== 'module') throw new Error('bench engines are modules');
  const module = await loadEngineModule(spec.path);
  const docs = new Map<string, ReturnType<typeof module.create>>();
  const t0 = performance.now();
  let chars = 0;
  for (const { doc, raw } of lines) {
    let instance = docs.get(doc);
    if (!instance) docs.set(doc, (instance = module.create(doc)));
    chars += JSON.stringify(instance.handle(JSON.parse(raw))).length;
  }
  // The final tree is part of the job too (replay compares it at the end).
  for (const instance of docs.values()) chars += JSON.stringify(instance.snapshot()).length;
  const ms = performance.now() - t0;
  if (chars < 0) console.log('unreachable');
  return ms;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-replay-'));
  try {
    const file = join(dir, 'big-doc.ndjson');
    const made = await writeProfile('big-doc', { seed: 7, nodes: NODES, ops: OPS }, file);
    const lines: Array<{ doc: string; raw: string }> = [];
    for await (const s of readLog(file)) lines.push({ doc: s.record.doc, raw: s.raw });
    const reference = resolveEngineSpec('reference');
    const candidate = resolveEngineSpec('candidate');
    // On a shared machine one measurement can be far off: each engine alone is timed before and
    // after the replay, and its faster run counts (the floor is what the engine can do).
    const before = [await alone(reference, lines), await alone(candidate, lines)];
    const t0 = performance.now();
    const result = await replay({
      reference,
      candidate,
      logs: [file],
      jobs: 1,
      checkpointEvery: DEFAULT_CHECKPOINT_EVERY,
      stopOnFirst: false,
      timeoutMs: 60_000,
      noise: false,
      ignore: [],
      tolerances: [],
      skipBad: false,
      reproduceArgs: [],
    });
    const parityMs = performance.now() - t0;
    const refMs = Math.min(before[0]!, await alone(reference, lines));
    const candMs = Math.min(before[1]!, await alone(candidate, lines));
    const floor = Math.max(refMs, candMs);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`big-doc: ${made.records.toLocaleString('en-US')} records, ${NODES.toLocaleString('en-US')} nodes (seed 7)`);
    console.log(`  reference alone ${fmt(refMs)}, candidate alone ${fmt(candMs)} (best of two); floor (slower) ${fmt(floor)}`);
    console.log(`  parity replay   ${fmt(parityMs)} (validation pass included; checkpoint every ${DEFAULT_CHECKPOINT_EVERY}); divergences ${result.totals.divergences}`);
    console.log(`  ratio parity / floor: ${(parityMs / floor).toFixed(2)} (target <= 1.3)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
