/**
 * Minimization of a 100,000-record big-doc log with one injected bug (a mutant engine), with
 * in-process engines, as `parity minimize` runs it: find the first divergence (one replay of the
 * log), then cut, slice, prune the loaded tree and ddmin to a 1-minimal log of the same bucket.
 * Baseline, in the same process: one plain replay of the same log (reference vs candidate, no
 * divergence), so the figure reads as "minimizing costs N replays of the log".
 * Targets: <= 10 records, within 60 s.
 *
 * Two bugs: `wrong-to` shows in the broadcast stream (exact at its record), `stale-lww` only in the
 * tree (found at the next snapshot message, then localized). Sizes: PARITY_BENCH_MIN_OPS (default
 * 100,000 ops) and PARITY_BENCH_MIN_NODES (default 10,000; the profile's own default of 50,000
 * makes each connect's snapshot cost about a second in the engines alone, see docs/fuzz.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEngineSpec } from '../src/engine/index.js';
import { writeProfile } from '../src/generate/index.js';
import { minimizeLog } from '../src/minimize/index.js';
import { replay, replayOptions } from '../src/replay/index.js';

const OPS = Number(process.env.PARITY_BENCH_MIN_OPS ?? 100_000);
const NODES = Number(process.env.PARITY_BENCH_MIN_NODES ?? 10_000);
const MUTANTS = ['wrong-to', 'stale-lww'];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-minimize-'));
  try {
    const file = join(dir, 'big-doc.ndjson');
    const made = await writeProfile('big-doc', { seed: 3, nodes: NODES, ops: OPS }, file);
    console.log(`big-doc: ${made.records.toLocaleString('en-US')} records, ${NODES.toLocaleString('en-US')} nodes (seed 3), in-process engines`);

    const t0 = performance.now();
    // The replay the minimizer's oracle makes: stop at the first divergence, no periodic checkpoints.
    const clean = await replay(
      replayOptions({ reference: resolveEngineSpec('reference'), candidate: resolveEngineSpec('candidate'), logs: [file], checkpointEvery: 0, stopOnFirst: true, timeoutMs: 60_000, inline: true }),
    );
    const baselineMs = performance.now() - t0;
    console.log(`  baseline: one replay, reference vs candidate: ${(baselineMs / 1000).toFixed(1)} s, ${clean.totals.divergences} divergences\n`);

    console.log('| mutant | first divergence | found after | cut | slice | load pruned | minimized | oracle calls | total | total / baseline | targets (<= 10 records, <= 60 s) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const mutant of MUTANTS) {
      const started = performance.now();
      let foundMs = 0;
      const result = await minimizeLog(file, {
        reference: resolveEngineSpec('reference'),
        candidate: resolveEngineSpec(`mutant:${mutant}`),
        referenceName: 'reference',
        candidateName: `mutant:${mutant}`,
        out: join(dir, `min-${mutant}.ndjson`),
        inline: true,
        timeoutMs: 60_000,
        onProgress: (p) => {
          if (p.stage === 'cut' && foundMs === 0) foundMs = performance.now() - started;
        },
      });
      const ms = performance.now() - started;
      const d = result.divergence;
      const s = result.stats;
      if (d === null || s === null) {
        console.log(`| ${mutant} | none | - | - | - | - | - | - | ${(ms / 1000).toFixed(1)} s | - | NOT FOUND |`);
        continue;
      }
      const met = s.output <= 10 && ms <= 60_000 ? 'met' : `MISSED (${s.output} records, ${(ms / 1000).toFixed(1)} s)`;
      console.log(
        `| ${mutant} | record ${d.n}: ${d.kind} at ${d.path || d.scope} | ${(foundMs / 1000).toFixed(1)} s | ${s.afterCut} | ${s.afterSlice} (${s.sliceLevel}) | ${s.loadPruned ? 'yes' : 'no'} | ${s.output} | ${s.oracleCalls} (${s.cacheHits} cached) | ${(ms / 1000).toFixed(1)} s | ${(ms / baselineMs).toFixed(2)} | ${met} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
