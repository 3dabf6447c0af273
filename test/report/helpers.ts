/**
 * Shared by the report tests: a real store built by replaying scenario logs against mutant engines
 * (inline, so no workers), and the CLI run in-process with its output captured.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { replay, replayOptions } from '../../src/replay/index.js';
import { Store, storeSink } from '../../src/store/index.js';

export const SCENARIO_LOGS = ['corpora/scenarios/01-delete-between-updates.ndjson', 'corpora/scenarios/02-same-index-with-base.ndjson', 'corpora/scenarios/15-multi-document.ndjson'];

/** One completed run of the reference against `candidate` over `logs`, recorded through the store's sink. */
export async function replayInto(storePath: string, candidate: string, logs: string[] = SCENARIO_LOGS): Promise<number> {
  const store = Store.open(storePath, { create: true });
  try {
    const runId = store.beginRun({ argv: ['parity', 'replay', '--candidate', candidate, ...logs], reference: 'reference', candidate, gitCommit: null });
    const sink = storeSink(store, runId);
    const opts = replayOptions({
      reference: resolveEngineSpec('reference'),
      candidate: resolveEngineSpec(candidate),
      logs,
      checkpointEvery: 0,
      timeoutMs: 10_000,
      inline: true,
      reproduceArgs: ['parity', 'replay', '--reference', 'reference', '--candidate', candidate],
    });
    const result = await replay(opts, sink);
    sink.finish('completed', result);
    return runId;
  } finally {
    store.close();
  }
}

/** `parity <args>` in this process: exit code, stdout and stderr. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** Words of a POSIX command line as parity prints it (plain words and '…' quoting only). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}
