import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';
import { div, META } from './fixtures/divergence.js';

/** A store with one finished run holding these divergences. */
function storeWith(file: string, divs: ReturnType<typeof div>[], status: 'completed' | 'interrupted' = 'completed'): void {
  const s = Store.open(file, { create: true });
  try {
    const id = s.beginRun(META);
    s.addDivergences(id, divs);
    s.finishRun(id, status);
  } finally {
    s.close();
  }
}

const bug = div();
const fp = fingerprint(bug);

describe('parity gate', () => {
  it('fails on a new bucket and passes once it is accepted', async () => {
    const file = join(tempDir(), 'p.db');
    storeWith(file, [bug, div({ doc: 'd2' })]);
    const first = await cli('gate', '--store', file);
    expect(first.code).toBe(1);
    expect(first.out).toContain(`new: ${fp.slice(0, 8)}`);
    expect((await cli('triage', 'set', fp.slice(0, 6), '--status', 'accepted', '--note', 'ok', '--store', file)).code).toBe(0);
    const second = await cli('gate', '--store', file);
    expect(second.code).toBe(0);
    expect(second.out).toContain('gate PASS: run 1, 1/1');
  });

  it('fails on a still-open bucket from an earlier run (investigating is not accepted)', async () => {
    const file = join(tempDir(), 'p.db');
    storeWith(file, [bug]);
    await cli('triage', 'set', fp, '--status', 'investigating', '--store', file);
    storeWith(file, [bug]);
    const r = await cli('gate', '--store', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not accepted (investigating)');
  });

  it('fails when a bucket marked fixed comes back, and says it regressed', async () => {
    const file = join(tempDir(), 'p.db');
    storeWith(file, [bug]);
    await cli('triage', 'set', fp, '--status', 'fixed', '--store', file);
    storeWith(file, [div({ doc: 'd7' })]);
    const r = await cli('gate', '--store', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('regressed:');
    // The run before the fix, gated again, has the same bucket now regressed: still a failure.
    expect((await cli('gate', '--store', file, '--run', '1')).code).toBe(1);
  });

  it('passes a run with only non-gating (noise, drift) buckets, and fails an interrupted run', async () => {
    const quiet = join(tempDir(), 'p.db');
    storeWith(quiet, [div({ disposition: 'noise' }), div({ disposition: 'float-drift', kind: 'float-drift' })]);
    expect((await cli('gate', '--store', quiet)).code).toBe(0);
    const cut = join(tempDir(), 'p.db');
    storeWith(cut, [], 'interrupted');
    const r = await cli('gate', '--store', cut);
    expect(r.code).toBe(1);
    expect(r.out).toContain('run 1 is interrupted');
  });

  it('gates a fresh store with a committed baseline: accepted passes, fixed fails as a regression', async () => {
    const dir = tempDir();
    const triaged = join(dir, 'old.db');
    const other = div({ kind: 'missing', path: 'nodes["x"]' });
    storeWith(triaged, [bug, other]);
    await cli('triage', 'set', fp, '--status', 'accepted', '--note', 'rounding', '--store', triaged);
    await cli('triage', 'set', fingerprint(other), '--status', 'fixed', '--store', triaged);
    const baseline = join(dir, 'parity-baseline.json');
    expect((await cli('baseline', 'export', '-o', baseline, '--store', triaged)).code).toBe(0);
    const data = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(data.parityBaseline).toBe(1);
    expect(data.buckets.map((b: { fingerprint: string; status: string }) => [b.fingerprint, b.status]).sort()).toEqual(
      [[fp, 'accepted'], [fingerprint(other), 'fixed']].sort(),
    );
    const ciAccepted = join(dir, 'ci1.db');
    storeWith(ciAccepted, [bug]);
    expect((await cli('gate', '--store', ciAccepted)).code).toBe(1);
    expect((await cli('gate', '--store', ciAccepted, '--baseline', baseline)).code).toBe(0);
    const ciBack = join(dir, 'ci2.db');
    storeWith(ciBack, [bug, other]);
    const r = await cli('gate', '--store', ciBack, '--baseline', baseline, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).reasons).toEqual([expect.objectContaining({ code: 'regressed', fingerprint: fingerprint(other) })]);
  });

  it('exits 2 for usage problems: no store, an empty store, a bad baseline', async () => {
    const dir = tempDir();
    expect((await cli('gate', '--store', join(dir, 'none.db'))).code).toBe(2);
    const empty = join(dir, 'empty.db');
    Store.open(empty, { create: true }).close();
    const r = await cli('gate', '--store', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no runs in the store yet');
    storeWith(empty, []);
    const bad = join(dir, 'bad.json');
    await import('node:fs').then((fs) => fs.writeFileSync(bad, '{"buckets": 3}'));
    const b = await cli('gate', '--store', empty, '--baseline', bad);
    expect(b.code).toBe(2);
    expect(b.err).toContain('not a parity baseline');
  });
});

describe('parity gate --all on a store merged from shards', () => {
  it('gates every run: one shard with a new bucket or an interrupted shard fails the whole', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    const c = join(dir, 'c.db');
    storeWith(a, [bug]);
    storeWith(b, [div({ kind: 'missing', path: 'nodes["z"]' })]);
    storeWith(c, [bug], 'interrupted');
    const out = join(dir, 'all.db');
    expect((await cli('merge', a, b, '-o', out)).code).toBe(0);
    await cli('triage', 'set', fp, '--status', 'accepted', '--store', out);
    // The last run alone (shard b) shows one failure; --all reports the buckets of both shards once each.
    const all = await cli('gate', '--all', '--json', '--store', out);
    expect(all.code).toBe(1);
    const res = JSON.parse(all.out);
    expect(res.buckets).toBe(2);
    expect(res.passed).toBe(1);
    expect(res.reasons.map((r: { code: string }) => r.code)).toEqual(['new']);
    await cli('triage', 'set', fingerprint(div({ kind: 'missing', path: 'nodes["z"]' })), '--status', 'wont-fix', '--store', out);
    expect((await cli('gate', '--all', '--store', out)).code).toBe(0);
    expect((await cli('merge', c, '-o', out)).code).toBe(0);
    const cut = await cli('gate', '--all', '--store', out);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('run 3 is interrupted');
    expect((await cli('gate', '--all', '--run', '1', '--store', out)).code).toBe(2);
  });
});

describe('parity triage', () => {
  it('lists, filters by status, shows a bucket with diff, reproduce command and related buckets', async () => {
    const file = join(tempDir(), 'p.db');
    storeWith(file, [bug, bug, div({ opType: 'MOVE_NODE' })]);
    const list = await cli('triage', 'list', '--store', file);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[1]).toMatch(new RegExp(`^${fp.slice(0, 8)}\\s+new\\s+2\\s+1\\s+value at`));
    const json = JSON.parse((await cli('triage', 'list', '--json', '--store', file)).out);
    expect(json).toHaveLength(2);
    await cli('triage', 'set', fp, '--status', 'wontfix', '--store', file);
    expect(JSON.parse((await cli('triage', 'list', '--json', '--status', 'wont-fix', '--store', file)).out)).toHaveLength(1);
    const show = await cli('triage', 'show', fp.slice(0, 5), '--store', file);
    expect(show.code).toBe(0);
    expect(show.out).toContain('status:  wont-fix');
    expect(show.out).toContain('-2');
    expect(show.out).toContain('+3');
    expect(show.out).toContain('reproduce: parity replay');
    expect(show.out).toContain('same kind and path, other op MOVE_NODE');
    expect((await cli('triage', 'show', 'abcdef12', '--store', file)).code).toBe(2);
    expect((await cli('triage', 'set', fp, '--status', 'bogus', '--store', file)).code).toBe(2);
  });
});
