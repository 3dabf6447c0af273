import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsxLoaderUrl } from '../../src/engine/tsx.js';
import { fixture, records, repoFile } from './helpers.js';

function parity(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsxLoaderUrl(), repoFile('src/cli/main.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const log = repoFile('corpora/scenarios/15-multi-document.ndjson');

describe('parity run', () => {
  it('prints one numbered answer per record, then each document\'s tree; both doors print the same', () => {
    const viaModule = parity('run', '--engine', 'reference', log);
    expect(viaModule.err).toBe('');
    expect(viaModule.code).toBe(0);
    const lines = viaModule.out.trimEnd().split('\n');
    const numbered = lines.filter((l) => /^\d+\t/.test(l));
    expect(numbered.map((l) => Number(l.split('\t')[0]))).toEqual(numbered.map((_, i) => i + 1));
    for (const l of numbered) expect(Array.isArray(JSON.parse(l.split('\t')[1]!))).toBe(true);
    const trees = lines.filter((l) => l.startsWith('tree\t'));
    expect(trees.map((l) => l.split('\t')[1])).toEqual(['"d1"', '"d2"']);
    expect(numbered.length + trees.length).toBe(lines.length);
    const viaChild = parity('run', '--engine', 'reference', '--door', 'child', log);
    expect(viaChild.code).toBe(0);
    expect(viaChild.out).toBe(viaModule.out);
  });

  it('an engine failure is printed with its kind and makes the exit status 1', () => {
    const r = parity('run', '--engine', fixture('throws.mjs'), log);
    expect(r.code).toBe(1);
    // Named by the log's own record number and line, not by the position in the host's batch.
    const failed = /^(\d+)\tFAILED throw: record (\d+) \((.+):(\d+)\): handle threw: boom on cseq 2$/m.exec(r.out);
    expect(failed).not.toBeNull();
    expect(failed![2]).toBe(failed![1]);
    expect(failed![3]).toBe(log);
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(JSON.parse(lines[Number(failed![4]) - 1]!)).toMatchObject({ kind: 'op', cseq: 2 });
    expect(r.out).toMatch(/ {2}\| Error: boom on cseq 2/);
  });

  it('bad names and flags are usage errors (exit 2)', () => {
    const r = parity('run', '--engine', 'nonsense', log);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown engine "nonsense"/);
    expect(parity('run', '--engine', 'cmd:true', '--door', 'module', log).code).toBe(2);
    expect(parity('run', '--engine', 'reference', repoFile('no/such.ndjson')).code).toBe(2);
  });

  /** A log of `good` records of one document with bad lines at the given 1-based line numbers. */
  function badLog(good: number, badAt: number[]): string {
    const lines = [JSON.stringify({ oplog: 1 }), ...records('a', good)];
    for (const at of badAt) lines.splice(at - 1, 0, `{"doc":"a","kind":"bogus${at}"}`);
    const file = join(mkdtempSync(join(tmpdir(), 'parity-run-')), 'bad.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('refuses a bad log before the engine sees a record, listing every error (the second one past the first chunk)', () => {
    const file = badLog(600, [301, 602]);
    const r = parity('run', '--engine', 'reference', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${file}: 2 bad lines`);
    expect(r.err).toContain(`${file}:301: "kind" must be one of`);
    expect(r.err).toContain(`${file}:602: "kind" must be one of`);
  });

  it('caps the listed errors and still counts them all', () => {
    const file = badLog(10, Array.from({ length: 30 }, (_, i) => 2 + i * 2));
    const r = parity('run', '--engine', 'reference', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: 30 bad lines`);
    expect(r.err.split('\n').filter((l) => l.startsWith(`${file}:`))).toHaveLength(20);
  });

  it('--skip-bad runs the good lines, names each skipped line and prints the total', () => {
    const file = badLog(600, [301, 602]);
    const r = parity('run', '--skip-bad', '--engine', 'reference', file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => /^\d+\t/.test(l))).toHaveLength(600);
    expect(r.err).toContain(`parity: skipped ${file}:301:`);
    expect(r.err).toContain(`parity: skipped ${file}:602:`);
    expect(r.err).toContain(`parity: ${file}: 2 bad lines skipped (--skip-bad)`);
  });
});
