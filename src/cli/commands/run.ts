/**
 * `parity run --engine <engine> <log>`: one engine alone over one log, printing what it answers.
 * A debugging aid for engine authors: each record's messages as one line, prefixed with the
 * record number, then each document's final tree.
 */
import type { Command } from 'commander';
import { locateFailure, openHost, otherDoor, resolveEngineSpec, type EngineHost, type EngineSpec, type Observation } from '../../engine/index.js';
import { formatIssue, LogError, readLog, type LogIssue, type SourcedRecord } from '../../oplog/index.js';
import { planLogs } from '../../replay/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

interface RunFlags {
  engine: string;
  door?: string;
  timeoutMs: string;
  skipBad?: boolean;
}

/** Records are sent in chunks, one batch per document, so a child door is not one round trip per record. */
const CHUNK = 512;

export const register: Register = (program: Command) => {
  program
    .command('run')
    .description('Replay one log into one engine and print its answers: "<record number>\\t<messages JSON>" per record, then "tree\\t<doc>\\t<tree JSON>" per document')
    .argument('<log>', 'an op log (.ndjson or .ndjson.gz)')
    .requiredOption('--engine <engine>', 'reference | candidate | mutant:<name> | a module path | cmd:<command line>')
    .option('--door <door>', 'module | child (default: the engine\'s own door; child serves a module through serve-module)')
    .option('--timeout-ms <ms>', 'per-record silence after which the engine is declared hung', '10000')
    .option('--skip-bad', 'skip log lines with envelope errors instead of refusing the log')
    .action(async (log: string, flags: RunFlags) => {
      const timeoutMs = Number(flags.timeoutMs);
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout-ms must be a number > 0, got ${flags.timeoutMs}`);
      const spec = chooseDoor(resolveEngineSpec(flags.engine), flags.door);
      // The whole log is validated before the engine sees a record, as replay does: a bad log is
      // refused with all its errors (capped), not after a screenful of answers.
      await planLogs([log], flags.skipBad === true);
      const host = await openHost(spec, { timeoutMs, stderrLines: 20 });
      try {
        const failed = await runLog(host, log, flags.skipBad === true);
        process.exitCode = failed ? ExitCode.divergences : ExitCode.ok;
      } catch (err) {
        if (err instanceof LogError) throw new UsageError(err.issues.map(formatIssue).join('\n') || err.message);
        throw err;
      } finally {
        await host.dispose();
      }
    });
};

function chooseDoor(spec: EngineSpec, door: string | undefined): EngineSpec {
  if (door === undefined || door === spec.door) return spec;
  if (door === 'child') return otherDoor(spec);
  if (door === 'module') throw new UsageError(`engine "${spec.label}" is a command: it has only the child door`);
  throw new UsageError(`--door must be module or child, got ${door}`);
}

function render(o: Observation): string {
  if (o.ok) return o.text;
  const f = o.failure;
  const tail = f.stderrTail === '' ? '' : `\n${f.stderrTail.split('\n').map((l) => `  | ${l}`).join('\n')}`;
  return `FAILED ${f.kind}: ${f.message}${tail}`;
}

/** A failure's "batch item N" named as the log record it was: the host only knows the batch. */
function located(o: Observation, batch: SourcedRecord[]): Observation {
  const r = o.ok ? undefined : batch[o.failure.index];
  return o.ok || r === undefined ? o : { ...o, failure: locateFailure(o.failure, `record ${r.n} (${r.file}:${r.line})`) };
}

/** Prints every answer in log order; returns whether the engine failed anywhere. */
async function runLog(host: EngineHost, log: string, skipBad: boolean): Promise<boolean> {
  const docs: string[] = [];
  const known = new Set<string>();
  let failed = false;
  let chunk: SourcedRecord[] = [];
  const out = (line: string) => process.stdout.write(`${line}\n`);

  const flush = async () => {
    const byDoc = new Map<string, SourcedRecord[]>();
    for (const r of chunk) {
      if (!known.has(r.record.doc)) {
        known.add(r.record.doc);
        docs.push(r.record.doc);
      }
      const list = byDoc.get(r.record.doc) ?? [];
      list.push(r);
      byDoc.set(r.record.doc, list);
    }
    const answers = new Map<SourcedRecord, Observation>();
    await Promise.all(
      [...byDoc].map(async ([doc, recs]) => {
        const obs = await host.handle(doc, recs.map((r) => r.raw));
        recs.forEach((r, i) => {
          // After a failure the document is dead: the records after it got no answer.
          answers.set(r, located(obs[i] ?? obs.at(-1)!, recs));
        });
      }),
    );
    for (const r of chunk) {
      const o = answers.get(r)!;
      if (!o.ok) failed = true;
      out(`${r.n}\t${render(o)}`);
    }
    chunk = [];
  };

  let skipped = 0;
  const onIssue = (i: LogIssue): void => {
    skipped++;
    process.stderr.write(`parity: skipped ${formatIssue(i)}\n`);
  };
  for await (const r of readLog(log, { skipBad, onIssue })) {
    chunk.push(r);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  if (skipBad) process.stderr.write(`parity: ${log}: ${skipped} bad line${skipped === 1 ? '' : 's'} skipped (--skip-bad)\n`);
  for (const doc of docs) {
    const snap = await host.snapshot(doc);
    if (!snap.ok) failed = true;
    out(`tree\t${JSON.stringify(doc)}\t${render(snap)}`);
    const closing = await host.closeDoc(doc);
    if (closing) {
      failed = true;
      out(`close\t${JSON.stringify(doc)}\t${render({ ok: false, failure: closing, ns: 0 })}`);
    }
  }
  return failed;
}
