/**
 * `parity fuzz`: generated logs against "no divergence". A failure is minimized, written under
 * corpora/found/, stored like any replay divergence (its minimized log as the bucket's
 * reproducer), and printed with its reproduce command. `--forever` keeps going with fresh seeds.
 */
import type { Command } from 'commander';
import { randomInt } from 'node:crypto';
import { resolveEngineSpec } from '../../engine/index.js';
import { fuzz, fuzzForever, type FuzzOptions, type FuzzResult, type RoundSummary } from '../../fuzz/index.js';
import { commandLine } from '../command-line.js';
import { parseDuration, parsePositiveInt } from '../duration.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';
import { storeCleanRun, storeFinding, type StoredFinding } from './fuzz-store.js';

interface Flags {
  reference: string;
  candidate: string;
  seed?: string;
  runs?: string;
  time?: string;
  forever?: boolean;
  rounds?: string;
  maxSteps: string;
  path?: string;
  out: string;
  inline: boolean;
  timeoutMs: string;
  store: string | false;
  json?: boolean;
}

/** Logs per round of --forever when --runs is not given: a round is a second or two. */
const FOREVER_ROUND_RUNS = 200;

export const register: Register = (program: Command) => {
  program
    .command('fuzz')
    .description('Generate adversarial op logs (fast-check) until the engines diverge; minimize, store and print the first divergence')
    .requiredOption('--reference <engine>', 'reference | a module path | cmd:<command line>')
    .requiredOption('--candidate <engine>', 'candidate | mutant:<name> | a module path | cmd:<command line>')
    .option('--seed <n>', 'fast-check seed (default: random, printed so the run can be repeated); with --forever, the first round\'s')
    .option('--runs <n>', 'stop after this many generated logs (with --forever: logs per round, default 200)')
    .option('--time <duration>', 'stop after this long, e.g. 60s or 5m (default 60s when --runs is not given)')
    .option('--forever', 'round after round with fresh seeds until a divergence or Ctrl-C (npm run fuzz)')
    .option('--rounds <n>', 'with --forever: stop after this many rounds')
    .option('--max-steps <n>', 'most generation steps per log', '60')
    .option('--path <path>', "replay one counterexample of --seed (the 'path' in a found log's header)")
    .option('-o, --out <dir>', 'where minimized failing logs are written', 'corpora/found')
    .option('--no-inline', 'run module engines in worker threads (slower; catches hangs)')
    .option('--timeout-ms <ms>', 'per-record silence after which an engine is declared hung', '10000')
    .option('--store <file>', 'SQLite store the divergence is recorded in', '.parity/parity.db')
    .option('--no-store', 'do not record the divergence')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      if (flags.runs !== undefined && flags.time !== undefined) throw new UsageError('give --runs or --time, not both');
      if (flags.forever === true && (flags.time !== undefined || flags.path !== undefined)) throw new UsageError('--forever takes --runs (per round) and --rounds, not --time or --path');
      if (flags.rounds !== undefined && flags.forever !== true) throw new UsageError('--rounds only goes with --forever');
      const seed = flags.seed === undefined ? randomInt(2 ** 31) : Number(flags.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${flags.seed}"`);
      const runs = flags.runs === undefined ? undefined : parsePositiveInt('--runs', flags.runs);
      const tty = process.stderr.isTTY === true;
      const base: Omit<FuzzOptions, 'seed' | 'path' | 'timeMs'> = {
        reference: resolveEngineSpec(flags.reference),
        candidate: resolveEngineSpec(flags.candidate),
        referenceName: flags.reference,
        candidateName: flags.candidate,
        runs,
        maxSteps: parsePositiveInt('--max-steps', flags.maxSteps),
        inline: flags.inline,
        timeoutMs: parsePositiveInt('--timeout-ms', flags.timeoutMs),
        outDir: flags.out,
        onProgress: (p) => {
          if (!tty) return;
          const what = p.stage === 'fuzz' ? `${p.runs} logs, ${p.records} records` : `${p.stage}, ${p.size} records`;
          process.stderr.write(`\r\x1b[Kfuzz: ${what}`);
        },
      };
      let result: FuzzResult;
      let forever: { rounds: number; seeds: number[]; ended: string } | null = null;
      if (flags.forever === true) {
        const rounds = flags.rounds === undefined ? undefined : parsePositiveInt('--rounds', flags.rounds);
        const f = await runForever({ ...base, runs: runs ?? FOREVER_ROUND_RUNS }, seed, flags.seed !== undefined, rounds, tty);
        result = f.result;
        forever = f;
      } else {
        const timeMs = runs !== undefined ? undefined : parseDuration('--time', flags.time ?? '60s');
        result = await fuzz({ ...base, seed, timeMs, path: flags.path });
      }
      if (tty) process.stderr.write('\r\x1b[K');
      const names = { reference: flags.reference, candidate: flags.candidate };
      const stored = result.failure !== null && flags.store !== false ? await storeFinding(flags.store, result, names) : null;
      const cleanRun = result.failure === null && flags.store !== false ? storeCleanRun(flags.store, result, names, commandLine(command)) : null;
      if (flags.json === true) {
        const { failure, ...rest } = result;
        const out = { ...rest, forever, runId: stored?.runId ?? cleanRun, reproducer: stored === null ? null : reproducerJson(stored), failure: failure && { ...failure, minimized: failure.minimized.length } };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        process.stdout.write(describe(result, stored, flags, forever) + (cleanRun === null ? '' : `stored as run ${cleanRun} in ${String(flags.store)} (no divergence; its generated coverage is in the run's report)\n`));
      }
      process.exitCode = result.failure === null ? ExitCode.ok : ExitCode.divergences;
    });
};

/**
 * Rounds until a failure, Ctrl-C or --rounds. Seeds are fresh per round: random, or with --seed
 * the given seed and the ones after it, so a bounded forever run can be repeated exactly.
 */
async function runForever(base: Omit<FuzzOptions, 'seed' | 'path' | 'timeMs'>, seed: number, fixed: boolean, rounds: number | undefined, tty: boolean) {
  let stop = false;
  // The first Ctrl-C ends the run after the round in progress; a second one ends it at once.
  const onSigint = (): void => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write('\nstopping after this round (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSigint);
  try {
    return await fuzzForever(base, {
      seedFor: (round) => (fixed ? seed + round : round === 0 ? seed : randomInt(2 ** 31)),
      rounds,
      shouldStop: () => stop,
      onRound: (r) => {
        if (tty) process.stderr.write('\r\x1b[K');
        process.stderr.write(roundLine(r));
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function roundLine(r: RoundSummary): string {
  const verdict = r.result.failure === null ? 'no divergence' : 'DIVERGENCE';
  return `round ${r.round + 1} seed ${r.seed}: ${r.result.runs} logs, ${r.result.records} records, ${verdict}; total ${r.totalRuns.toLocaleString('en-US')} logs, ${r.totalRecords.toLocaleString('en-US')} records in ${(r.elapsedMs / 1000).toFixed(1)} s\n`;
}

function reproducerJson(s: StoredFinding): { bucket: number; outcome: string; records: number } | null {
  return s.reproducer === null ? null : { bucket: s.reproducer.bucket.id, outcome: s.reproducer.outcome, records: s.reproducer.records };
}

function describe(r: FuzzResult, stored: StoredFinding | null, flags: Flags, forever: { rounds: number; seeds: number[]; ended: string } | null): string {
  const what = forever === null ? `fuzz seed ${r.seed}` : `fuzz --forever, ${forever.rounds} round(s), seeds ${forever.seeds[0]}..${forever.seeds[forever.seeds.length - 1]}`;
  const why = forever === null ? (r.interrupted ? ' (time limit)' : '') : forever.ended === 'stopped' ? ' (stopped by Ctrl-C)' : '';
  const head = `${what}: ${r.runs} logs, ${r.records} records in ${(r.elapsedMs / 1000).toFixed(1)} s${why}\n` +
    `conflict classes exercised: ${Object.entries(r.coverage).map(([c, n]) => `${c} ${n}`).join(', ')}\n`;
  const f = r.failure;
  if (f === null) return head + 'no divergence\n';
  const d = f.divergence;
  return head +
    `DIVERGENCE after ${(f.timeToFailureMs / 1000).toFixed(1)} s: ${d.kind} at ${d.path || d.scope} (${d.opType ?? d.record.kind}${d.nackReason ? `, ${d.nackReason}` : ''})\n` +
    `  reference: ${JSON.stringify(d.reference)}\n  candidate: ${JSON.stringify(d.candidate)}\n` +
    `minimized ${f.originalRecords} records to ${f.minimized.length} (${f.stats.oracleCalls} oracle calls, ${(f.minimizeMs / 1000).toFixed(1)} s); fingerprint ${f.fingerprint}\n` +
    `wrote ${f.file}\n` +
    (stored === null ? '' : `stored as run ${stored.runId} in ${String(flags.store)}${storedReproducer(stored)}\n`) +
    `reproduce: ${f.reproduce}\n` +
    `regenerate the original: ${f.regenerate}\n`;
}

function storedReproducer(s: StoredFinding): string {
  const u = s.reproducer;
  if (u === null) return '; the replay of the minimized log made no bucket with its fingerprint, so no reproducer was kept';
  if (u.outcome === 'kept') return `; bucket #${u.bucket.id} keeps its smaller reproducer (${u.previousRecords} records)`;
  return `; reproducer of bucket #${u.bucket.id} ${u.outcome === 'replaced' ? `replaced (${u.previousRecords} -> ${u.records} records)` : `stored (${u.records} records)`}`;
}
