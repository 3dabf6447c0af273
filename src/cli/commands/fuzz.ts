/**
 * `parity fuzz`: generated logs against "no divergence". A failure is minimized, written under
 * corpora/found/, stored like any replay divergence, and printed with its reproduce command.
 */
import type { Command } from 'commander';
import { randomInt } from 'node:crypto';
import { resolveEngineSpec } from '../../engine/index.js';
import { fuzz, type FuzzResult } from '../../fuzz/index.js';
import { shellQuote } from '../../replay/index.js';
import { parseDuration, parsePositiveInt } from '../duration.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';
import { storeFinding } from './fuzz-store.js';

interface Flags {
  reference: string;
  candidate: string;
  seed?: string;
  runs?: string;
  time?: string;
  maxSteps: string;
  path?: string;
  out: string;
  inline: boolean;
  timeoutMs: string;
  store: string | false;
  json?: boolean;
}

export const register: Register = (program: Command) => {
  program
    .command('fuzz')
    .description('Generate adversarial op logs (fast-check) until the engines diverge; minimize, store and print the first divergence')
    .requiredOption('--reference <engine>', 'reference | a module path | cmd:<command line>')
    .requiredOption('--candidate <engine>', 'candidate | mutant:<name> | a module path | cmd:<command line>')
    .option('--seed <n>', 'fast-check seed (default: random, printed so the run can be repeated)')
    .option('--runs <n>', 'stop after this many generated logs')
    .option('--time <duration>', 'stop after this long, e.g. 60s or 5m (default 60s when --runs is not given)')
    .option('--max-steps <n>', 'most generation steps per log', '60')
    .option('--path <path>', "replay one counterexample of --seed (the 'path' in a found log's header)")
    .option('-o, --out <dir>', 'where minimized failing logs are written', 'corpora/found')
    .option('--no-inline', 'run module engines in worker threads (slower; catches hangs)')
    .option('--timeout-ms <ms>', 'per-record silence after which an engine is declared hung', '10000')
    .option('--store <file>', 'SQLite store the divergence is recorded in', '.parity/parity.db')
    .option('--no-store', 'do not record the divergence')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      if (flags.runs !== undefined && flags.time !== undefined) throw new UsageError('give --runs or --time, not both');
      const seed = flags.seed === undefined ? randomInt(2 ** 31) : Number(flags.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${flags.seed}"`);
      const runs = flags.runs === undefined ? undefined : parsePositiveInt('--runs', flags.runs);
      const timeMs = runs !== undefined ? undefined : parseDuration('--time', flags.time ?? '60s');
      const tty = process.stderr.isTTY === true;
      const result = await fuzz({
        reference: resolveEngineSpec(flags.reference),
        candidate: resolveEngineSpec(flags.candidate),
        referenceName: flags.reference,
        candidateName: flags.candidate,
        seed,
        runs,
        timeMs,
        maxSteps: parsePositiveInt('--max-steps', flags.maxSteps),
        path: flags.path,
        inline: flags.inline,
        timeoutMs: parsePositiveInt('--timeout-ms', flags.timeoutMs),
        outDir: flags.out,
        onProgress: (p) => {
          if (!tty) return;
          const what = p.stage === 'fuzz' ? `${p.runs} logs, ${p.records} records` : `${p.stage}, ${p.size} records`;
          process.stderr.write(`\r\x1b[Kfuzz seed ${seed}: ${what}`);
        },
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const runId = result.failure !== null && flags.store !== false ? await storeFinding(flags.store, result, { reference: flags.reference, candidate: flags.candidate }) : null;
      if (flags.json === true) {
        const { failure, ...rest } = result;
        process.stdout.write(JSON.stringify({ ...rest, runId, failure: failure && { ...failure, minimized: failure.minimized.length } }, null, 2) + '\n');
      } else {
        process.stdout.write(describe(result, runId, flags));
      }
      process.exitCode = result.failure === null ? ExitCode.ok : ExitCode.divergences;
    });
};

function describe(r: FuzzResult, runId: number | null, flags: Flags): string {
  const head = `fuzz seed ${r.seed}: ${r.runs} logs, ${r.records} records in ${(r.elapsedMs / 1000).toFixed(1)} s${r.interrupted ? ' (time limit)' : ''}\n` +
    `conflict classes exercised: ${Object.entries(r.coverage).map(([c, n]) => `${c} ${n}`).join(', ')}\n`;
  const f = r.failure;
  if (f === null) return head + 'no divergence\n';
  const d = f.divergence;
  return head +
    `DIVERGENCE after ${(f.timeToFailureMs / 1000).toFixed(1)} s: ${d.kind} at ${d.path || d.scope} (${d.opType ?? d.record.kind}${d.nackReason ? `, ${d.nackReason}` : ''})\n` +
    `  reference: ${JSON.stringify(d.reference)}\n  candidate: ${JSON.stringify(d.candidate)}\n` +
    `minimized ${f.originalRecords} records to ${f.minimized.length} (${f.stats.oracleCalls} oracle calls, ${(f.minimizeMs / 1000).toFixed(1)} s); fingerprint ${f.fingerprint}\n` +
    `wrote ${f.file}\n` +
    (runId === null ? '' : `stored as run ${runId} in ${String(flags.store)}\n`) +
    `reproduce: ${f.reproduce}\n` +
    `regenerate the original: ${['parity', 'fuzz', '--reference', flags.reference, '--candidate', flags.candidate, '--seed', String(r.seed), '--max-steps', flags.maxSteps, '--path', f.counterexamplePath].map(shellQuote).join(' ')}\n`;
}
