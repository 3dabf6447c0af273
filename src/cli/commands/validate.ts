/** `parity validate`: check logs' envelopes and count what they hold, before anything replays them. */
import type { Command } from 'commander';
import { collectLogs, formatIssue, validateLog, DEFAULT_MAX_ERRORS, RECORD_KINDS, type LogSummary } from '../../oplog/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

interface ValidateFlags {
  json?: boolean;
  maxErrors: string;
  skipBad?: boolean;
}

/** Text mode lists this many documents per log; --json lists them all. */
const SHOWN_DOCUMENTS = 20;

export const register: Register = (program: Command) => {
  program
    .command('validate')
    .description('Check op logs (files or folders of *.ndjson / *.ndjson.gz) and count records per document and kind')
    .argument('<logs...>', 'log files or folders')
    .option('--json', 'print one JSON summary per log (an array)')
    .option('--max-errors <n>', 'errors listed per log', String(DEFAULT_MAX_ERRORS))
    .option('--skip-bad', 'bad lines are reported but do not fail the log (they would be skipped at replay)')
    .action(async (inputs: string[], flags: ValidateFlags) => {
      const maxErrors = Number(flags.maxErrors);
      if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new UsageError(`--max-errors must be an integer >= 0, got ${flags.maxErrors}`);
      const files = await collectLogs(inputs);
      if (files.length === 0) throw new UsageError(`no *.ndjson or *.ndjson.gz logs in ${inputs.join(', ')}`);
      const summaries: LogSummary[] = [];
      for (const file of files) {
        const s = await validateLog(file, { maxErrors });
        summaries.push(s);
        if (flags.json !== true) process.stdout.write(renderText(s, flags.skipBad === true));
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
      // In skip mode only a log that cannot be read at all (line 0: unreadable file) stays bad.
      const bad = summaries.some((s) => !s.ok && (flags.skipBad !== true || s.issues.some((i) => i.line === 0)));
      process.exitCode = bad ? ExitCode.usage : ExitCode.ok;
    });
};

function kindCounts(kinds: Record<string, number>): string {
  return RECORD_KINDS.filter((k) => kinds[k] > 0).map((k) => `${k} ${kinds[k]}`).join(', ') || 'nothing';
}

function renderText(s: LogSummary, skipBad: boolean): string {
  const docs = Object.entries(s.documents);
  const verdict = s.ok ? 'ok' : skipBad ? `ok with ${s.issueCount} bad line(s) skipped` : `BAD: ${s.issueCount} error(s)`;
  const lines = [`${s.file}: ${verdict}; ${s.records} record(s) in ${docs.length} document(s) (${kindCounts(s.kinds)}), ${s.lines} line(s)`];
  if (s.header !== null) lines.push(`  header: ${JSON.stringify(s.header)}`);
  for (const [doc, c] of docs.slice(0, SHOWN_DOCUMENTS)) lines.push(`  ${JSON.stringify(doc)}: ${c.records} (${kindCounts(c.kinds)})`);
  if (docs.length > SHOWN_DOCUMENTS) lines.push(`  ... and ${docs.length - SHOWN_DOCUMENTS} more document(s) (--json lists all)`);
  for (const i of s.issues) lines.push(`  ${formatIssue(i)}`);
  if (s.issueCount > s.issues.length) lines.push(`  ... and ${s.issueCount - s.issues.length} more error(s) (--max-errors)`);
  return `${lines.join('\n')}\n`;
}
