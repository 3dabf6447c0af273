/**
 * Open-ended fuzzing, bounded so it can be tested: rounds with fresh seeds that end on a failure,
 * on a stop request (what Ctrl-C sets), or on --rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEngineSpec } from '../../src/engine/index.js';
import { fuzzForever, type RoundSummary } from '../../src/fuzz/index.js';
import { cli } from '../report/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parity-forever-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (candidate: string, runs: number) => ({
  reference: resolveEngineSpec('reference'),
  candidate: resolveEngineSpec(candidate),
  referenceName: 'reference',
  candidateName: candidate,
  runs,
  maxSteps: 30,
  inline: true,
  timeoutMs: 10_000,
  outDir: dir,
});

describe('fuzzForever', () => {
  it('runs round after round with the seeds it is given, summing runs and records, until the round bound', async () => {
    const seen: RoundSummary[] = [];
    const r = await fuzzForever(base('candidate', 4), { seedFor: (i) => 100 + i, rounds: 3, shouldStop: () => false, onRound: (s) => seen.push(s) });
    expect(r).toMatchObject({ rounds: 3, ended: 'rounds', seeds: [100, 101, 102] });
    expect(seen.map((s) => s.seed)).toEqual([100, 101, 102]);
    expect(seen.map((s) => s.totalRuns)).toEqual([4, 8, 12]);
    expect(r.result.runs).toBe(12);
    expect(r.result.records).toBe(seen.reduce((n, s) => n + s.result.records, 0));
    expect(r.result.failure).toBeNull();
  });

  it('ends after the round in progress when asked to stop', async () => {
    let stop = false;
    const r = await fuzzForever(base('candidate', 3), { seedFor: (i) => i, shouldStop: () => stop, onRound: () => void (stop = true) });
    expect(r).toMatchObject({ rounds: 1, ended: 'stopped', seeds: [0] });
    expect(r.result.interrupted).toBe(true);
  });

  it('ends at the first failing round and keeps that round\'s seed for the reproducer', async () => {
    const r = await fuzzForever(base('mutant:dup-reconnect', 30), { seedFor: (i) => 5 + i, rounds: 40, shouldStop: () => false });
    expect(r.ended).toBe('failure');
    expect(r.rounds).toBeLessThan(40);
    expect(r.result.seed).toBe(r.seeds[r.seeds.length - 1]);
    expect(r.result.failure!.regenerate).toContain(`--seed ${r.result.seed} `);
  });
});

describe('parity fuzz --forever', () => {
  it('prints a progress line per round and a summary, bounded by --rounds', async () => {
    const r = await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--forever', '--rounds', '2', '--runs', '3', '--max-steps', '20', '--seed', '7', '--no-store', '-o', dir]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^round 1 seed 7: 3 logs, \d+ records, no divergence; total 3 logs, /m);
    expect(r.err).toMatch(/^round 2 seed 8: 3 logs, \d+ records, no divergence; total 6 logs, /m);
    expect(r.out).toMatch(/^fuzz --forever, 2 round\(s\), seeds 7\.\.8: 6 logs, \d+ records in /);
    expect(r.out).toContain('no divergence');
  });

  it('refuses --rounds without --forever, and --forever with --time or --path', async () => {
    const args = ['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--no-store'];
    expect((await cli([...args, '--rounds', '2'])).err).toContain('--rounds only goes with --forever');
    expect((await cli([...args, '--forever', '--time', '5s'])).code).toBe(2);
    expect((await cli([...args, '--forever', '--path', '1'])).code).toBe(2);
  });
});
