import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    process.exitCode = undefined;
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('parity fuzz and parity minimize on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-fuzz-cli-'));

  it('fuzz exits 0 with no divergence, and prints the seed and coverage', async () => {
    const r = await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--seed', '5', '--runs', '40', '--no-store', '-o', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fuzz seed 5: 40 logs, \d+ records/);
    expect(r.out).toContain('no divergence');
    expect(r.out).toContain('delete-races-edit');
  });

  it('fuzz exits 1 on a mutant and prints the minimized log and the commands that reproduce it', async () => {
    const r = await cli(['fuzz', '--reference', 'reference', '--candidate', 'mutant:dup-reconnect', '--seed', '5', '--runs', '300', '--no-store', '-o', dir, '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.failure.minimized).toBeLessThanOrEqual(10);
    expect(result.failure.reproduce).toContain('--candidate mutant:dup-reconnect');
    expect(readFileSync(result.failure.file, 'utf8').split('\n')[0]).toContain('"source":"fuzz"');
  });

  it('minimize cuts a failing log and agrees on the fingerprint; a clean log has nothing to minimize', async () => {
    const found = JSON.parse((await cli(['fuzz', '--reference', 'reference', '--candidate', 'mutant:wrong-to', '--seed', '9', '--runs', '50', '--no-store', '-o', dir, '--json'])).out);
    const out = join(dir, 'min.ndjson');
    const r = await cli(['minimize', found.failure.file, '--reference', 'reference', '--candidate', 'mutant:wrong-to', '-o', out, '--no-store', '--json']);
    expect(r.code).toBe(1);
    const m = JSON.parse(r.out);
    expect(m.fingerprint).toBe(found.failure.fingerprint);
    expect(m.records).toBeLessThanOrEqual(found.failure.minimized);
    const clean = await cli(['minimize', out, '--reference', 'reference', '--candidate', 'candidate', '--no-store']);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('nothing to minimize');
  });

  it('refuses --runs with --time, and a bad duration, with exit 2', async () => {
    expect((await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--runs', '3', '--time', '5s'])).code).toBe(2);
    const bad = await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--time', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--time takes a duration');
  });
});
