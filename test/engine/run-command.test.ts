import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tsxLoaderUrl } from '../../src/engine/tsx.js';
import { fixture, repoFile } from './helpers.js';

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
    expect(r.out).toMatch(/\tFAILED throw: record \d+: handle threw: boom on cseq 2/);
    expect(r.out).toMatch(/ {2}\| Error: boom on cseq 2/);
  });

  it('bad names and flags are usage errors (exit 2)', () => {
    const r = parity('run', '--engine', 'nonsense', log);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown engine "nonsense"/);
    expect(parity('run', '--engine', 'cmd:true', '--door', 'module', log).code).toBe(2);
    expect(parity('run', '--engine', 'reference', repoFile('no/such.ndjson')).code).toBe(2);
  });
});
