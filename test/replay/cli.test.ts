/** `parity replay` end to end through the CLI: exit codes, --json, bad logs, --doc, and reproduce commands. */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { splitCommandLine } from '../../src/engine/index.js';
import { main } from '../../src/cli/program.js';
import type { Divergence, ReplayResult } from '../../src/replay/index.js';
import { Store } from '../../src/store/index.js';
import { writeTestLog, type TestLog } from './log.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/buggy/${name}.ts`, import.meta.url));

let log: TestLog;
beforeAll(() => {
  log = writeTestLog();
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  process.exitCode = undefined;
  return { code, out, err };
}

type JsonResult = ReplayResult & { runId: number | null };

const base = ['replay', '--inline', '--no-store', '--checkpoint-every', '25', '--checkpoint-budget', '0'];

describe('parity replay (CLI)', () => {
  it('exits 0 and says so when the engines agree', async () => {
    const { code, out } = await cli([...base, '--reference', 'reference', '--candidate', 'reference', log.file]);
    expect(code).toBe(0);
    expect(out).toContain('divergences: 0');
    expect(out).toContain('80 records');
  });

  it('--json: exits 1 with every divergence and outcome, fully filled', async () => {
    const { code, out } = await cli([...base, '--json', '--reference', 'reference', '--candidate', fixture('wrong-prop'), log.file]);
    expect(code).toBe(1);
    const result = JSON.parse(out) as JsonResult;
    expect(result.totals).toMatchObject({ logs: 1, documents: 2, records: 80, divergences: 2, resyncs: 2 });
    expect(result.documents.map((d) => d.doc).sort()).toEqual(['d1', 'd2']);
    expect(result.timings.reference.records).toBe(80);
    expect(result.timings.candidate.records).toBe(80);
    const d = result.divergences[0]!;
    for (const key of ['log', 'doc', 'n', 'line', 'docRecord', 'detectedAt', 'scope', 'kind', 'path', 'opType', 'record', 'differences', 'disposition', 'detail', 'reproduce'] as const) {
      expect(d[key], key).toBeDefined();
    }
    expect(d.record).toMatchObject({ doc: 'd1', kind: 'op' });
  });

  it('the terminal summary names the record, shows both values, a diff and the reproduce command', async () => {
    const { code, out } = await cli([...base, '--reference', 'reference', '--candidate', fixture('wrong-prop'), log.file]);
    expect(code).toBe(1);
    const at = log.d1.get(12)!;
    expect(out).toContain(`record ${at.n} (${log.file}:${at.line}`);
    expect(out).toContain('op CREATE_NODE');
    expect(out).toContain('reproduce: parity replay');
    expect(out).toContain('diff (- reference, + candidate)');
  });

  it('a bad log: exit 2 naming file and line, nothing replayed', async () => {
    const bad = join(dirname(log.file), 'bad.ndjson');
    writeFileSync(bad, '{"doc":"d1","kind":"connect","client":"a"}\n{"doc":"d1","kind":"op","client":"a","cseq":"7","op":{}}\n');
    const { code, err, out } = await cli([...base, '--reference', 'reference', '--candidate', 'reference', bad]);
    expect(code).toBe(2);
    expect(err).toContain(`${bad}:2`);
    expect(out).toBe('');
  });

  it('--skip-bad replays the good lines of a bad log', async () => {
    const bad = join(dirname(log.file), 'bad2.ndjson');
    writeFileSync(bad, '{"doc":"d1","kind":"connect","client":"a"}\nnot json\n{"doc":"d1","kind":"disconnect","client":"a"}\n');
    const { code, out } = await cli([...base, '--json', '--skip-bad', '--reference', 'reference', '--candidate', 'reference', bad]);
    expect(code).toBe(0);
    expect((JSON.parse(out) as JsonResult).totals.records).toBe(2);
    expect((JSON.parse(out) as JsonResult).totals.skippedLines).toBe(1);
  });

  it('--skip-bad counts the skipped lines: in the summary, in --json, and in the stored run\'s totals', async () => {
    const bad = join(dirname(log.file), 'bad4.ndjson');
    const good = (client: string) => JSON.stringify({ doc: 'd1', kind: 'connect', client });
    writeFileSync(bad, [good('a'), 'not json', good('b'), '{"doc":"d1","kind":"bogus"}', '{"doc":"d1"}', good('c'), ''].join('\n'));
    const db = join(dirname(log.file), 'skipped.db');
    const args = ['replay', '--inline', '--skip-bad', '--store', db, '--reference', 'reference', '--candidate', 'reference', bad];
    const text = await cli(args);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('bad lines skipped (--skip-bad): 3');
    const json = await cli([...args, '--json']);
    const result = JSON.parse(json.out) as JsonResult;
    expect(result.totals).toMatchObject({ records: 3, skippedLines: 3 });
    const store = Store.open(db, { readonly: true });
    try {
      expect(store.run(result.runId!)!.totals).toMatchObject({ skippedLines: 3 });
    } finally {
      store.close();
    }
    // A clean log says nothing about skipping.
    const clean = await cli([...base, '--skip-bad', '--reference', 'reference', '--candidate', 'reference', log.file]);
    expect(clean.out).not.toContain('skipped (--skip-bad)');
  });

  it('bad usage: exit 2', async () => {
    expect((await cli([...base, '--reference', 'nope', '--candidate', 'reference', log.file])).code).toBe(2);
    expect((await cli([...base, '--reference', 'reference', '--candidate', 'reference', '--tolerance', 'x', log.file])).code).toBe(2);
    expect((await cli([...base, '--reference', 'reference', '--candidate', 'reference', '--jobs', '0', log.file])).code).toBe(2);
    expect((await cli([...base, '--reference', 'reference', '--candidate', 'reference', '--ignore', 'a..b', log.file])).code).toBe(2);
    expect((await cli([...base, '--reference', 'reference', '--candidate', 'reference', '--tolerance', 'a..b=abs:1', log.file])).code).toBe(2);
  });

  it('--doc replays only the named document', async () => {
    const { out } = await cli([...base, '--json', '--doc', 'd2', '--reference', 'reference', '--candidate', fixture('wrong-prop'), log.file]);
    const result = JSON.parse(out) as JsonResult;
    expect(result.documents.map((d) => d.doc)).toEqual(['d2']);
    expect(result.totals).toMatchObject({ records: 20, divergences: 0 });
  });

  it('every reproduce command, run as printed, shows the same divergence', async () => {
    const { out } = await cli([...base, '--json', '--reference', 'reference', '--candidate', fixture('missing-node'), log.file]);
    const original = (JSON.parse(out) as JsonResult).divergences.filter((d) => d.disposition === 'divergence');
    expect(original).toHaveLength(2);
    for (const d of original) {
      const argv = splitCommandLine(d.reproduce);
      expect(argv.slice(0, 2)).toEqual(['parity', 'replay']);
      const again = await cli([...argv.slice(1), '--json', '--inline']);
      expect(again.code).toBe(1);
      const found = (JSON.parse(again.out) as JsonResult).divergences.filter((x) => x.disposition === 'divergence');
      const same = (x: Divergence) => x.n === d.n && x.kind === d.kind && x.path === d.path && x.scope === d.scope;
      expect(found.some(same)).toBe(true);
    }
  });

  it('--jobs 2 spreads documents over two pairs with the same findings', async () => {
    const { out } = await cli([...base, '--json', '--jobs', '2', '--reference', 'reference', '--candidate', fixture('wrong-to'), log.file]);
    const result = JSON.parse(out) as JsonResult;
    expect(result.divergences.filter((d) => d.disposition === 'divergence').map((d) => d.docRecord)).toEqual([12, 40]);
  });

  it('records the run in the store; a bad log leaves no store behind', async () => {
    const db = join(dirname(log.file), 'runs.db');
    const bad = join(dirname(log.file), 'bad3.ndjson');
    writeFileSync(bad, 'nope\n');
    const noStore = ['replay', '--inline', '--checkpoint-every', '25', '--checkpoint-budget', '0', '--store', db];
    expect((await cli([...noStore, '--reference', 'reference', '--candidate', 'reference', bad])).code).toBe(2);
    expect(existsSync(db)).toBe(false);
    const { code, out } = await cli([...noStore, '--json', '--reference', 'reference', '--candidate', fixture('wrong-prop'), log.file]);
    expect(code).toBe(1);
    const runId = (JSON.parse(out) as JsonResult).runId!;
    const store = Store.open(db, { readonly: true });
    try {
      expect(store.run(runId)).toMatchObject({ status: 'completed' });
      expect(store.divergenceCount(runId)).toBe(2);
      expect(store.completedDocuments(runId).size).toBe(2);
    } finally {
      store.close();
    }
  });

  it('--resume skips the documents the run already completed', async () => {
    const db = join(dirname(log.file), 'resume.db');
    const store = Store.open(db, { create: true });
    const { out: first } = await cli([...base, '--json', '--doc', 'd1', '--reference', 'reference', '--candidate', 'reference', log.file]);
    const d1 = (JSON.parse(first) as JsonResult).documents[0]!;
    const runId = store.beginRun({ argv: ['test'], reference: 'reference', candidate: 'reference', gitCommit: null });
    store.completeDocument(runId, d1);
    store.close();
    const { code, out } = await cli(['replay', '--inline', '--json', '--store', db, '--resume', String(runId), '--reference', 'reference', '--candidate', 'reference', log.file]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as JsonResult;
    expect(result.runId).toBe(runId);
    expect(result.documents.map((d) => d.doc)).toEqual(['d2']);
    expect(result.totals.skippedDocuments).toBe(1);
  });
});
