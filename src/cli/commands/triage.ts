/** `parity triage list|show|set`: read buckets and record the decision a person makes once per bug. */
import type { Command } from 'commander';
import { renderDiff } from '../../compare/index.js';
import { DEFAULT_STORE_PATH, Store, StoreError, type BucketRow, type DivergenceRow, type OpenOptions } from '../../store/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

/** A bad or missing store is something the user fixes: a UsageError (exit 2), never a stack. */
export function openStoreForCli(path: string, opts: OpenOptions): Store {
  try {
    return Store.open(path, opts);
  } catch (err) {
    throw err instanceof StoreError ? new UsageError(err.message) : err;
  }
}

/** Run fn on an open store, closing it after, with StoreErrors turned into usage errors. */
export function withStore<T>(path: string, opts: OpenOptions, fn: (store: Store) => T): T {
  const store = openStoreForCli(path, opts);
  try {
    return fn(store);
  } catch (err) {
    throw err instanceof StoreError ? new UsageError(err.message) : err;
  } finally {
    store.close();
  }
}

/** Digits of a fingerprint shown as a bucket's id (like a short git hash). */
export const SHORT = 8;

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function listText(rows: Array<BucketRow & { runHits: number | null }>): string {
  if (rows.length === 0) return 'no buckets\n';
  const head = `${pad('BUCKET', SHORT)}  ${pad('STATUS', 13)} ${lpad('HITS', 8)}  ${pad('RUNS', 9)}  TITLE\n`;
  const lines = rows.map((b) => {
    const runs = b.firstRun === b.lastRun ? `${b.firstRun}` : `${b.firstRun}-${b.lastRun}`;
    const hits = b.runHits !== null ? `${b.runHits}/${b.hits}` : `${b.hits}`;
    const flag = b.gating ? '' : ` [${b.disposition}, not gating]`;
    return `${b.fingerprint.slice(0, SHORT)}  ${pad(b.status, 13)} ${lpad(hits, 8)}  ${pad(runs, 9)}  ${b.title}${flag}`;
  });
  return head + lines.join('\n') + '\n';
}

function exampleText(d: DivergenceRow): string {
  const diff = renderDiff(d.reference, d.candidate) || '(no difference in the stored values)';
  return [
    `  run ${d.runId}  ${d.log}:${d.line}  doc ${d.doc}  record ${d.n} (doc record ${d.docRecord}, detected at ${d.detectedAt})`,
    `  ${d.kind} at ${d.path || '(engine)'}${d.failedEngine ? `  failed: ${d.failedEngine}` : ''}`,
    `  record: ${JSON.stringify(d.record)}`,
    `  detail: ${d.detail}`,
    `  diff:`,
    ...diff.trimEnd().split('\n').map((l) => `    ${l}`),
    `  reproduce: ${d.reproduce}`,
  ].join('\n');
}

function showText(store: Store, b: BucketRow): string {
  const out: string[] = [];
  out.push(`bucket ${b.fingerprint.slice(0, SHORT)}  (#${b.id}, fingerprint ${b.fingerprint})`);
  out.push(`title:   ${b.title}`);
  out.push(`status:  ${b.status}${b.regressedRun !== null ? ` (regressed in run ${b.regressedRun})` : ''}${b.statusChangedAt ? `, decided ${b.statusChangedAt}` : ''}`);
  if (b.note) out.push(`note:    ${b.note}`);
  out.push(`kind ${b.kind}, scope ${b.scope}, op ${b.opType ?? '-'}, path ${b.normPath || '-'}, nack ${b.nackReason ?? '-'}, ${b.gating ? 'gating' : `not gating (${b.disposition})`}`);
  out.push(`seen:    ${b.hits} times, runs ${b.firstRun}..${b.lastRun} (${b.firstSeen} .. ${b.lastSeen})`);
  out.push(`per run: ${store.bucketRuns(b.id).map((r) => `${r.runId}:${r.hits}`).join(' ') || '-'}`);
  if (b.reproducer) out.push(`reproducer:\n${b.reproducer}`);
  const examples = store.examples(b.id, 3);
  out.push('', `examples (${examples.length} newest):`);
  for (const d of examples) out.push(exampleText(d), '');
  const related = store.related(b.id);
  if (related.length > 0) {
    out.push('related buckets (suggested, not merged):');
    for (const r of related) out.push(`  ${r.fingerprint.slice(0, SHORT)}  ${r.why}`);
    out.push('');
  }
  const history = store.history(b.id);
  out.push('history:');
  for (const h of history) out.push(`  ${h.at}  ${h.event}${h.runId !== null ? ` (run ${h.runId})` : ''}${h.detail ? `: ${h.detail}` : ''}`);
  return out.join('\n') + '\n';
}

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

function parseRun(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--run must be a positive integer, got "${value}"`);
  return n;
}

export const register: Register = (program: Command) => {
  const triage = program.command('triage').description('Buckets of divergences: list them, show one, record a decision');
  triage
    .command('list')
    .description('List buckets, most hit first')
    .option('--status <status>', 'only these statuses (repeatable or comma separated)', collect, [])
    .option('--run <id>', 'only buckets hit in this run (HITS shows run/total)')
    .option('--gating', 'only buckets that can fail the gate')
    .option('--json', 'print the buckets as JSON')
    .option('--store <file>', 'the parity store', DEFAULT_STORE_PATH)
    .action((flags: { status: string[]; run?: string; gating?: boolean; json?: boolean; store: string }) => {
      const run = parseRun(flags.run);
      const rows = withStore(flags.store, { readonly: true }, (s) =>
        s.buckets({ status: flags.status, ...(run !== undefined ? { run } : {}), ...(flags.gating ? { gating: true } : {}) }),
      );
      process.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : listText(rows));
      process.exitCode = ExitCode.ok;
    });
  triage
    .command('show')
    .description('One bucket: examples with values, diff and reproduce command, related buckets, history')
    .argument('<bucket>', 'fingerprint prefix (4+ hex digits) or #<id>')
    .option('--json', 'print bucket, examples, related and history as JSON')
    .option('--store <file>', 'the parity store', DEFAULT_STORE_PATH)
    .action((ref: string, flags: { json?: boolean; store: string }) => {
      const text = withStore(flags.store, { readonly: true }, (s) => {
        const b = s.bucket(ref);
        if (!flags.json) return showText(s, b);
        const view = { bucket: b, runs: s.bucketRuns(b.id), examples: s.examples(b.id, 3), related: s.related(b.id), history: s.history(b.id) };
        return `${JSON.stringify(view, null, 2)}\n`;
      });
      process.stdout.write(text);
      process.exitCode = ExitCode.ok;
    });
  triage
    .command('set')
    .description('Record a decision: status new, investigating, accepted, fixed or wont-fix, and a note')
    .argument('<bucket>', 'fingerprint prefix (4+ hex digits) or #<id>')
    .option('--status <status>', 'new, investigating, accepted, fixed or wont-fix')
    .option('--note <text>', 'why (an empty string clears it)')
    .option('--title <text>', 'a better title than the generated one')
    .option('--store <file>', 'the parity store', DEFAULT_STORE_PATH)
    .action((ref: string, flags: { status?: string; note?: string; title?: string; store: string }) => {
      if (flags.status === undefined && flags.note === undefined && flags.title === undefined) throw new UsageError('triage set needs --status, --note or --title');
      const status = flags.status === 'wontfix' ? 'wont-fix' : flags.status;
      const b = withStore(flags.store, {}, (s) =>
        s.setBucket(ref, {
          ...(status !== undefined ? { status } : {}),
          ...(flags.note !== undefined ? { note: flags.note === '' ? null : flags.note } : {}),
          ...(flags.title !== undefined ? { title: flags.title } : {}),
        }),
      );
      process.stdout.write(`${b.fingerprint.slice(0, SHORT)}  ${b.status}  ${b.title}${b.note ? `\n  note: ${b.note}` : ''}\n`);
      process.exitCode = ExitCode.ok;
    });
};
