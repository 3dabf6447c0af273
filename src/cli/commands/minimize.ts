/**
 * `parity minimize <log>`: a failing log cut down to a 1-minimal reproducer of the same bucket,
 * written as a log and kept as that bucket's reproducer in the store (when it has the bucket).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveEngineSpec } from '../../engine/index.js';
import { minimizeLog } from '../../minimize/index.js';
import { shellQuote } from '../../replay/index.js';
import { DEFAULT_STORE_PATH, Store, StoreError, type ReproducerUpdate } from '../../store/index.js';
import { parsePositiveInt } from '../duration.js';
import { ExitCode } from '../exit.js';
import type { Register } from './index.js';

interface Flags {
  reference: string;
  candidate: string;
  out?: string;
  doc?: string;
  inline: boolean;
  timeoutMs: string;
  store: string | false;
  json?: boolean;
}

export const register: Register = (program: Command) => {
  program
    .command('minimize')
    .description('Cut a diverging log down to the fewest records that still show the same bucket (same fingerprint)')
    .argument('<log>', 'a log on which the engines diverge')
    .requiredOption('--reference <engine>', 'reference | a module path | cmd:<command line>')
    .requiredOption('--candidate <engine>', 'candidate | mutant:<name> | a module path | cmd:<command line>')
    .option('-o, --out <file>', 'where to write the minimized log (default: corpora/found/min-<log name>.ndjson)')
    .option('--doc <id>', 'minimize this document (default: the one that diverges first)')
    .option('--no-inline', 'run module engines in worker threads (slower; catches hangs)')
    .option('--timeout-ms <ms>', 'per-record silence after which an engine is declared hung', '10000')
    .option('--store <file>', 'keep the result as the reproducer of its bucket in this store', DEFAULT_STORE_PATH)
    .option('--no-store', 'only write the file')
    .option('--json', 'print the result as JSON')
    .action(async (log: string, flags: Flags) => {
      const out = flags.out ?? join('corpora', 'found', `min-${basename(log).replace(/\.ndjson(\.gz)?$/, '')}.ndjson`);
      const started = Date.now();
      const tty = process.stderr.isTTY === true;
      const result = await minimizeLog(log, {
        reference: resolveEngineSpec(flags.reference),
        candidate: resolveEngineSpec(flags.candidate),
        referenceName: flags.reference,
        candidateName: flags.candidate,
        doc: flags.doc,
        out,
        inline: flags.inline,
        timeoutMs: parsePositiveInt('--timeout-ms', flags.timeoutMs),
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r\x1b[Kminimize: ${p.stage}, ${p.size} records, ${p.calls} oracle calls`);
        },
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const ms = Date.now() - started;
      const stored = result.fingerprint !== null && flags.store !== false ? storeReproducer(flags.store, result.fingerprint, result.out!) : null;
      if (flags.json === true) {
        const reproducer = stored === null ? null : typeof stored === 'string' ? { stored: false, reason: stored } : { stored: stored.outcome !== 'kept', bucket: stored.bucket.id, outcome: stored.outcome, records: stored.records, previousRecords: stored.previousRecords };
        process.stdout.write(JSON.stringify({ ...result, records: result.records.length, ms, reproducer }, null, 2) + '\n');
      } else if (result.divergence === null) {
        process.stdout.write(`${log}: the engines agree; nothing to minimize\n`);
      } else {
        const d = result.divergence;
        const s = result.stats!;
        process.stdout.write(
          `${log}: ${d.kind} at ${d.path || d.scope}, document ${JSON.stringify(d.doc)}, first at record ${d.n} (line ${d.line})\n` +
            `minimized ${s.input} records -> ${s.afterCut} (cut) -> ${s.afterSlice} (slice: ${s.sliceLevel}${s.loadPruned ? ', load pruned' : ''}) -> ${s.output} records, ${s.oracleCalls} oracle calls, ${(ms / 1000).toFixed(1)} s\n` +
            `fingerprint ${result.fingerprint}\nwrote ${result.out}\n` +
            (stored === null ? '' : `${describeStored(stored, flags.store as string)}\n`) +
            `reproduce: ${['parity', 'replay', '--reference', flags.reference, '--candidate', flags.candidate, result.out!].map(shellQuote).join(' ')}\n`,
        );
      }
      process.exitCode = result.divergence === null ? ExitCode.ok : ExitCode.divergences;
    });
};

/**
 * The reproducer goes to the bucket with this fingerprint. A missing store or bucket is not an
 * error of minimizing (the file is written): the reason comes back as text, to be printed.
 */
function storeReproducer(path: string, fp: string, file: string): ReproducerUpdate | string {
  let store: Store;
  try {
    store = Store.open(path);
  } catch (err) {
    if (err instanceof StoreError) return err.code === 'missing' ? `no store at ${path}` : err.message;
    throw err;
  }
  try {
    return store.setReproducer(fp, readFileSync(file, 'utf8')) ?? `no bucket with fingerprint ${fp} in ${path}`;
  } catch (err) {
    if (err instanceof StoreError) return err.message;
    throw err;
  } finally {
    store.close();
  }
}

function describeStored(s: ReproducerUpdate | string, path: string): string {
  if (typeof s === 'string') return `not stored as a reproducer: ${s} (the file is written all the same)`;
  const where = `bucket #${s.bucket.id} in ${path}`;
  if (s.outcome === 'kept') return `${where} keeps its reproducer of ${s.previousRecords} records (this one is not smaller)`;
  if (s.outcome === 'replaced') return `reproducer of ${where} replaced: ${s.previousRecords} -> ${s.records} records`;
  return `stored as the reproducer of ${where} (${s.records} records)`;
}
