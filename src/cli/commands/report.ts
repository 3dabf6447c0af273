/** `parity report`: render one stored run as HTML, Markdown, JUnit XML or JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { COVERAGE_CLASSES, CoverageCounter } from '../../generate/index.js';
import { loadReportModel, REPORT_FORMATS, ReportError, reporterFor, type ReportModel } from '../../report/index.js';
import { asStoreError, DEFAULT_STORE_PATH } from '../../store/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

interface ReportFlags {
  run?: number;
  last?: boolean;
  format: string;
  output?: string;
  store: string;
  failOnNotReady?: boolean;
}

export const register: Register = (program) => {
  program
    .command('report')
    .description('Write the report of a stored run: the cutover verdict, buckets, trend, performance and coverage.')
    .option('--run <id>', 'the run to report', parseRunId)
    .option('--last', 'report the most recent run (the default)')
    .option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'html')
    .option('-o, --output <file>', 'write here; default: reports/parity-report-<run>.html for html, stdout for the others')
    .option('--store <path>', 'the SQLite store the replay wrote', DEFAULT_STORE_PATH)
    .option('--fail-on-not-ready', 'exit 1 when the verdict is NOT READY (a CI gate)')
    .action(async (flags: ReportFlags) => {
      process.exitCode = await runReport(flags);
    });
};

async function runReport(flags: ReportFlags): Promise<number> {
  if (flags.run !== undefined && flags.last === true) throw new UsageError('--run and --last cannot be used together');
  const reporter = reporterFor(flags.format);
  if (reporter === undefined) throw new UsageError(`unknown report format "${flags.format}": expected one of ${REPORT_FORMATS.join(', ')}`);
  const model = await load(flags);
  const text = reporter.render(model);
  const output = flags.output ?? (reporter.format === 'html' ? join('reports', `parity-report-${model.run.id}.${reporter.extension}`) : undefined);
  if (output === undefined) process.stdout.write(text);
  else {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, text);
    process.stdout.write(`${output}\n`);
  }
  return flags.failOnNotReady === true && !model.verdict.ready ? ExitCode.divergences : ExitCode.ok;
}

/** An unknown run or a missing store is the user's to fix: a usage error, exit 2. */
async function load(flags: ReportFlags): Promise<ReportModel> {
  try {
    // The generator's classifier names the conflict classes each record of the run's logs exercised.
    return await loadReportModel(flags.store, flags.run ?? 'last', {
      classifier: () => new CoverageCounter(),
      // Cached counts are keyed by the class list, so a generator with new classes classifies afresh.
      classifierId: `generate:${COVERAGE_CLASSES.join(',')}`,
    });
  } catch (err) {
    if (err instanceof ReportError) throw new UsageError(err.message);
    // A store damaged past its first pages fails on a query, not on open: the same clear one-line error.
    throw asStoreError(flags.store, err);
  }
}

function parseRunId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new InvalidArgumentError('a run id is a positive integer');
  return id;
}
