/**
 * `npm run eval`: does parity find real bugs, and only real bugs? Each mutant engine (one
 * realistic bug each) is fuzzed with a fixed seed and budget at default settings; then the
 * reference and the candidate are fuzzed over 1,000,000 generated records, where any divergence
 * is a false positive (or a real candidate bug).
 * Usage: node dist/bench/eval.js [--budget 60s] [--records 1000000] [mutant...]
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveEngineSpec } from '../src/engine/index.js';
import { fuzz } from '../src/fuzz/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1]!;
  args.splice(i, 2);
  return v;
};
const budgetMs = Number(flag('--budget', '60').replace(/s$/, '')) * 1000;
const fpRecords = Number(flag('--records', '1000000'));
const SEED = 1;
const out = mkdtempSync(join(tmpdir(), 'parity-eval-'));

const mutantsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'engines', 'mutants');
const mutants = args.length > 0 ? args : readdirSync(mutantsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const common = { reference: resolveEngineSpec('reference'), referenceName: 'reference', maxSteps: 60, inline: true, timeoutMs: 10_000, outDir: out };

console.log(`eval: ${mutants.length} mutants, seed ${SEED}, budget ${budgetMs / 1000} s each, default settings (60 steps per log, inline engines)\n`);
console.log('| mutant | found | time to first divergence | logs tried | records (document) before | after minimization | oracle calls | minimize time | kind |');
console.log('|---|---|---|---|---|---|---|---|---|');
let missed = 0;
for (const name of mutants) {
  const candidateName = `mutant:${name}`;
  const r = await fuzz({ ...common, candidate: resolveEngineSpec(candidateName), candidateName, seed: SEED, timeMs: budgetMs });
  const f = r.failure;
  if (f === null) {
    missed++;
    console.log(`| ${name} | NO | - | ${r.runs} | - | - | - | - | - |`);
    continue;
  }
  console.log(`| ${name} | yes | ${(f.timeToFailureMs / 1000).toFixed(2)} s | ${r.runs} | ${f.originalRecords} (${f.stats.afterCut} cut) | ${f.minimized.length} | ${f.stats.oracleCalls} | ${(f.minimizeMs / 1000).toFixed(2)} s | ${f.divergence.kind} at ${f.divergence.path || f.divergence.scope} |`);
}

// False positives: reference vs candidate, fresh seeds until the record budget is spent.
let records = 0;
let runs = 0;
let divergences = 0;
const t0 = Date.now();
for (let seed = 1000; records < fpRecords; seed++) {
  const r = await fuzz({ ...common, maxSteps: 400, candidate: resolveEngineSpec('candidate'), candidateName: 'candidate', seed, runs: 200 });
  records += r.records;
  runs += r.runs;
  if (r.failure !== null) {
    divergences++;
    console.log(`\nFALSE POSITIVE (or candidate bug) at seed ${seed}: ${r.failure.reproduce}`);
    break;
  }
}
console.log(`\nreference vs candidate: ${divergences} divergences over ${records} generated records (${runs} logs) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`mutants found: ${mutants.length - missed}/${mutants.length}`);
rmSync(out, { recursive: true, force: true });
process.exitCode = missed > 0 || divergences > 0 ? 1 : 0;
