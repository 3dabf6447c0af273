/** `parity replay`: flags in, one resolved ReplayOptions out, result to exit code. */
import { Command, Option } from 'commander';
import { commandLine } from '../command-line.js';
import type { Tolerance } from '../../compare/index.js';
import { resolveEngineSpec } from '../../engine/index.js';
import { createLogger } from '../../log.js';
import { collectLogs } from '../../oplog/index.js';
import {
  DEFAULT_BATCH,
  DEFAULT_CHECKPOINT_BUDGET,
  DEFAULT_CHECKPOINT_EVERY,
  DEFAULT_TIMEOUT_MS,
  formatSummary,
  replay,
  type ReplayOptions,
  type ReplayResult,
  type ReplaySink,
} from '../../replay/index.js';
import { ExitCode, UsageError } from '../exit.js';
import { createProgress } from '../progress.js';
import type { Register } from './index.js';
import { openRunStore } from './replay-store.js';

interface ReplayFlags {
  reference: string;
  candidate: string;
  jobs: string;
  checkpointEvery: string;
  checkpointBudget: string;
  stopOnFirst?: boolean;
  timeout: string;
  noise?: boolean;
  ignore: string[];
  tolerance: string[];
  skipBad?: boolean;
  json?: boolean;
  logLevel: string;
  store: string | false;
  resume?: string;
  doc: string[];
  inline?: boolean;
  shard?: string;
  batch: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

function fraction(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number >= 0, got "${value}"`);
  return n;
}

/** `<pattern>=<abs|rel|ulps>:<value>`, e.g. `nodes.*.bounds=ulps:4`. */
export function parseTolerance(text: string): Tolerance {
  const m = /^(.+)=(abs|rel|ulps):(.+)$/.exec(text);
  const value = m ? Number(m[3]) : NaN;
  if (!m || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--tolerance must look like <pattern>=<abs|rel|ulps>:<number >= 0>, got "${text}"`);
  }
  return { pattern: m[1]!, [m[2]!]: value } as Tolerance;
}

function parseShard(text: string): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = m ? Number(m[1]) : 0;
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard must be k/n with 1 <= k <= n, got "${text}"`);
  return { k, n };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The flags that change what is compared: a reproduce command must carry them. */
function reproducePrefix(flags: ReplayFlags, checkpointEvery: number): string[] {
  return [
    'parity',
    'replay',
    '--reference',
    flags.reference,
    '--candidate',
    flags.candidate,
    ...(checkpointEvery !== DEFAULT_CHECKPOINT_EVERY ? ['--checkpoint-every', String(checkpointEvery)] : []),
    ...(flags.checkpointBudget !== String(DEFAULT_CHECKPOINT_BUDGET) ? ['--checkpoint-budget', flags.checkpointBudget] : []),
    ...(flags.timeout !== String(DEFAULT_TIMEOUT_MS) ? ['--timeout', flags.timeout] : []),
    ...(flags.noise === true ? ['--noise'] : []),
    ...(flags.skipBad === true ? ['--skip-bad'] : []),
    ...flags.ignore.flatMap((p) => ['--ignore', p]),
    ...flags.tolerance.flatMap((t) => ['--tolerance', t]),
    '--no-store',
  ];
}

export const register: Register = (program: Command) => {
  program
    .command('replay')
    .description('Replay op logs into a reference and a candidate engine at once and report where they part')
    .argument('<logs...>', 'log files or folders of *.ndjson / *.ndjson.gz')
    .requiredOption('--reference <engine>', 'reference engine: reference, candidate, mutant:<name>, a module path, or cmd:<command line>')
    .requiredOption('--candidate <engine>', 'candidate engine (same forms as --reference)')
    .option('--jobs <n>', 'pairs of engine hosts; documents are spread over them', '1')
    .option('--checkpoint-every <n>', 'compare trees every n records of a document (0: only at its end)', String(DEFAULT_CHECKPOINT_EVERY))
    .option('--checkpoint-budget <fraction>', 'skip periodic checkpoints while snapshots cost more than this fraction of record time (0: never skip)', String(DEFAULT_CHECKPOINT_BUDGET))
    .option('--stop-on-first', 'stop a document at its first divergence instead of resyncing')
    .option('--timeout <ms>', 'per-record silence after which an engine is declared hung', String(DEFAULT_TIMEOUT_MS))
    .option('--noise', 'run a second reference through the other door; paths where the two differ are noise')
    .option('--ignore <pattern>', 'ignore differences at this path pattern (repeatable; * one segment, ** any)', collect, [])
    .option('--tolerance <spec>', 'numeric tolerance <pattern>=<abs|rel|ulps>:<value> (repeatable)', collect, [])
    .option('--skip-bad', 'skip bad log lines (counted and reported) instead of refusing the log')
    .option('--json', 'print the result as JSON on stdout')
    .addOption(new Option('--log-level <level>', 'pino log level on stderr').choices(LEVELS).default('warn'))
    .option('--store <file>', 'SQLite store for runs and divergences', '.parity/parity.db')
    .option('--no-store', 'do not record the run')
    .option('--resume <run>', 'continue run <run> in the store: documents it completed are skipped')
    .option('--doc <id>', 'replay only this document (repeatable)', collect, [])
    .option('--inline', 'run the engines in this thread (no isolation, no hang detection)')
    .option('--shard <k/n>', 'replay only the k-th of n shards of the documents')
    .option('--batch <n>', 'most records sent to an engine in one call', String(DEFAULT_BATCH))
    .action(async (inputs: string[], flags: ReplayFlags, command: Command) => {
      process.exitCode = await runReplay(inputs, flags, command.args.length > 0 ? commandLine(command).slice(2) : inputs);
    });
};

/** The arguments after `replay`, as given, for the store's record of the run. */
async function runReplay(inputs: string[], flags: ReplayFlags, argv: string[]): Promise<number> {
  const logger = createLogger(flags.logLevel as (typeof LEVELS)[number]);
  const checkpointEvery = integer('--checkpoint-every', flags.checkpointEvery, 0);
  const logs = await collectLogs(inputs);
  if (logs.length === 0) throw new UsageError(`no *.ndjson or *.ndjson.gz logs in ${inputs.join(', ')}`);
  const opts: ReplayOptions = {
    reference: resolveEngineSpec(flags.reference),
    candidate: resolveEngineSpec(flags.candidate),
    logs,
    jobs: integer('--jobs', flags.jobs, 1),
    checkpointEvery,
    checkpointBudget: fraction('--checkpoint-budget', flags.checkpointBudget),
    stopOnFirst: flags.stopOnFirst === true,
    timeoutMs: integer('--timeout', flags.timeout, 1),
    noise: flags.noise === true,
    ignore: flags.ignore,
    tolerances: flags.tolerance.map(parseTolerance),
    skipBad: flags.skipBad === true,
    inline: flags.inline === true,
    ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
    reproduceArgs: reproducePrefix(flags, checkpointEvery),
    docs: flags.doc,
    batchSize: integer('--batch', flags.batch, 1),
    logger,
  };
  const store = flags.store === false ? null : openRunStore(flags.store, opts, flags.resume, logger, argv);
  if (store?.skipDocument) opts.skipDocument = store.skipDocument;
  const progress = createProgress();
  const sink: ReplaySink = {
    ...store?.sink,
    onProgress: (p) => progress.update(p.records, p.totalRecords),
    onDivergence: (d) => {
      store?.sink.onDivergence?.(d);
      if (d.disposition === 'divergence') logger.info({ doc: d.doc, n: d.n, kind: d.kind, path: d.path }, 'divergence');
    },
  };
  let result: ReplayResult;
  try {
    logger.info({ logs: logs.length, reference: opts.reference.label, candidate: opts.candidate.label }, 'replay started');
    result = await replay(opts, sink);
  } catch (err) {
    progress.done();
    try {
      store?.finish('failed');
    } catch {
      // The store itself may be what failed (corrupt, locked): report the first error, not this one.
    }
    throw err;
  } finally {
    progress.done();
  }
  store?.finish('completed', result);
  logger.info({ ...result.totals, byKind: undefined, byDisposition: undefined }, 'replay finished');
  if (flags.json === true) process.stdout.write(`${JSON.stringify({ runId: store?.runId ?? null, ...result })}\n`);
  else process.stdout.write(formatSummary(result) + (store ? `\nstored as run ${store.runId} in ${flags.store}\n` : ''));
  return result.totals.divergences > 0 ? ExitCode.divergences : ExitCode.ok;
}
