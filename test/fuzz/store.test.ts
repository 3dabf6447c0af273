/**
 * What `parity fuzz` and `parity minimize` leave in the store, end to end through the CLI: the run,
 * its divergence and bucket, the minimized log as the bucket's reproducer, the generated logs'
 * coverage, and reports that show them. The printed commands are run, and must reproduce.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/index.js';
import { Store } from '../../src/store/index.js';
import { cli, shellWords } from '../report/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parity-fuzz-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOG = 'corpora/scenarios/01-delete-between-updates.ndjson';
const MUTANT = 'mutant:delete-between-updates';

/** The `conflict classes exercised: a 2, b 1` line of fuzz's output, as counts. */
function printedCoverage(out: string): Record<string, number> {
  const line = /^conflict classes exercised: (.*)$/m.exec(out)![1]!;
  return Object.fromEntries(line.split(', ').map((p) => p.split(' ')).map(([c, n]) => [c!, Number(n)]));
}

function withStore<T>(path: string, fn: (s: Store) => T): T {
  const s = Store.open(path, { readonly: true });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

describe('parity minimize keeps its result as the reproducer of the bucket', () => {
  const db = join(dir, 'minimize.db');
  const min = join(dir, 'min.ndjson');

  it('a mutant replay makes the bucket, minimize fills its reproducer, and the reports show it', async () => {
    expect((await cli(['replay', '--reference', 'reference', '--candidate', MUTANT, '--store', db, LOG])).code).toBe(1);
    const before = withStore(db, (s) => s.buckets());
    expect(before).toHaveLength(1);
    expect(before[0]!.reproducer).toBeNull();

    const r = await cli(['minimize', LOG, '--reference', 'reference', '--candidate', MUTANT, '--store', db, '-o', min]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`fingerprint ${before[0]!.fingerprint}`);
    expect(r.out).toMatch(/stored as the reproducer of bucket #1 in .*minimize\.db \(\d+ records\)/);
    const text = readFileSync(min, 'utf8');
    expect(withStore(db, (s) => s.bucket('#1').reproducer)).toBe(text);
    expect(withStore(db, (s) => s.history(1).map((h) => h.event))).toEqual(['created', 'reproducer']);

    const json = JSON.parse((await cli(['report', '--store', db, '--format', 'json'])).out) as ReportModel;
    expect(json.buckets[0]!.reproducer).toBe(text);
    const html = join(dir, 'report.html');
    expect((await cli(['report', '--store', db, '-o', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h3>Minimized reproducer</h3><pre class="reproducer">{&quot;oplog&quot;:1,&quot;source&quot;:&quot;minimized&quot;');
    expect(page).not.toContain('None made yet');
  });

  it('a second minimization that is not smaller leaves the stored reproducer alone', async () => {
    const first = withStore(db, (s) => s.bucket('#1').reproducer);
    const r = await cli(['minimize', LOG, '--reference', 'reference', '--candidate', MUTANT, '--store', db, '-o', join(dir, 'min-again.ndjson'), '--json']);
    expect(JSON.parse(r.out).reproducer).toMatchObject({ stored: false, bucket: 1, outcome: 'kept' });
    expect(withStore(db, (s) => s.bucket('#1').reproducer)).toBe(first);
  });

  it('says so, and still writes the file, when the store or the bucket is not there', async () => {
    const out = join(dir, 'min-nostore.ndjson');
    const none = await cli(['minimize', LOG, '--reference', 'reference', '--candidate', MUTANT, '--store', join(dir, 'absent.db'), '-o', out]);
    expect(none.code).toBe(1);
    expect(none.out).toContain(`not stored as a reproducer: no store at ${join(dir, 'absent.db')}`);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);

    // A store that only knows another bug.
    const other = join(dir, 'other.db');
    expect((await cli(['replay', '--reference', 'reference', '--candidate', 'mutant:ztie', '--store', other, 'corpora/scenarios/02-same-index-with-base.ndjson'])).code).toBe(1);
    const missing = await cli(['minimize', LOG, '--reference', 'reference', '--candidate', MUTANT, '--store', other, '-o', join(dir, 'min-other.ndjson')]);
    expect(missing.out).toMatch(/not stored as a reproducer: no bucket with fingerprint [0-9a-f]{16} in /);
    expect(withStore(other, (s) => s.buckets().map((b) => b.reproducer))).not.toContain(expect.any(String));

    const skipped = await cli(['minimize', LOG, '--reference', 'reference', '--candidate', MUTANT, '--no-store', '-o', join(dir, 'min-skip.ndjson')]);
    expect(skipped.out).not.toContain('reproducer');
  });
});

describe('parity fuzz stores what it finds', () => {
  const db = join(dir, 'fuzz.db');
  const found = join(dir, 'found');
  let out = '';
  let fingerprint = '';

  it('records a run with the divergence, its bucket with the minimized log as reproducer, and the generated coverage', async () => {
    const r = await cli(['fuzz', '--reference', 'reference', '--candidate', 'mutant:ztie', '--seed', '424242', '--runs', '300', '--store', db, '-o', found]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    out = r.out;
    fingerprint = /fingerprint ([0-9a-f]{16})/.exec(out)![1]!;
    const file = /^wrote (.+)$/m.exec(out)![1]!;
    const [, logs, records] = /^fuzz seed 424242: (\d+) logs, (\d+) records/m.exec(out)!.map(Number);
    expect(out).toMatch(/^stored as run 1 in .*fuzz\.db; reproducer of bucket #\d+ stored \(\d+ records\)$/m);
    withStore(db, (s) => {
      const run = s.run(1)!;
      expect(run.status).toBe('completed');
      expect(s.logs(1).map((l) => l.path)).toEqual([file]);
      expect(s.divergenceCount(1)).toBeGreaterThan(0);
      const bucket = s.bucket(fingerprint);
      expect(bucket.reproducer).toBe(readFileSync(file, 'utf8'));
      expect(run.totals).toMatchObject({ generated: { logs, records, classes: printedCoverage(out) } });
    });
  });

  it('prints one reproduce command, and running it shows the same bucket', async () => {
    const lines = out.split('\n').filter((l) => l.startsWith('reproduce: '));
    expect(lines).toHaveLength(1);
    const words = shellWords(lines[0]!.slice('reproduce: '.length));
    expect(words.slice(0, 2)).toEqual(['parity', 'replay']);
    const again = join(dir, 'again.db');
    const r = await cli([...words.slice(1), '--store', again]);
    expect(r.code).toBe(1);
    expect(withStore(again, (s) => s.buckets().map((b) => b.fingerprint))).toContain(fingerprint);
  });

  it('writes a regenerate note in the log header that names both engines and finds the same bucket', async () => {
    const file = /^wrote (.+)$/m.exec(out)![1]!;
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { note: string };
    const command = /regenerate the original with: (.+)$/.exec(header.note)![1]!;
    expect(command).toMatch(/^parity fuzz --reference reference --candidate mutant:ztie --seed 424242 --max-steps 60 --path \S+$/);
    expect(out).toContain(`regenerate the original: ${command}\n`);
    const r = await cli([...shellWords(command).slice(1), '--no-store', '-o', join(dir, 'regen'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).failure.fingerprint).toBe(fingerprint);
  });

  it('the report of the fuzz run counts the generated logs in its coverage, labelled as generated', async () => {
    const json = JSON.parse((await cli(['report', '--store', db, '--format', 'json'])).out) as ReportModel;
    const logs = Number(/^fuzz seed 424242: (\d+) logs/m.exec(out)![1]);
    expect(json.coverage).toMatchObject({ known: true, replayedKnown: true, generated: { logs } });
    const generated = Object.fromEntries(json.coverage.classes.filter((c) => c.generated > 0).map((c) => [c.name, c.generated]));
    expect(generated).toEqual(printedCoverage(out));
    // The replayed minimized log is classified apart: a handful of records, not the generated ones.
    expect(json.coverage.classes.reduce((n, c) => n + c.count, 0)).toBeLessThan(json.coverage.classes.reduce((n, c) => n + c.generated, 0));
    expect(json.buckets.find((b) => b.fingerprint === fingerprint)!.reproducer).toContain('"source":"fuzz"');
    const html = join(dir, 'fuzz.html');
    await cli(['report', '--store', db, '-o', html]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<th class="num">generated records</th>');
    expect(page).toContain(`${logs} generated logs`);
    const md = (await cli(['report', '--store', db, '--format', 'md'])).out;
    expect(md).toContain(`Includes ${logs} generated logs`);
  });
});

describe('parity fuzz stores a run that found nothing', () => {
  it('as a completed run with no divergence, its generated coverage in the report, and a passing gate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-fuzz-clean-'));
    const db = join(dir, 'clean.db');
    const r = await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--seed', '5', '--runs', '40', '--store', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('no divergence');
    expect(r.out).toContain(`stored as run 1 in ${db}`);
    const store = Store.open(db, { readonly: true });
    try {
      const [run] = store.runs();
      expect(run).toMatchObject({ id: 1, status: 'completed', reference: 'reference', candidate: 'candidate' });
      expect(run!.argv).toEqual(['parity', 'fuzz', '--reference', 'reference', '--candidate', 'candidate', '--seed', '5', '--runs', '40', '--store', db]);
      expect(store.divergenceCount()).toBe(0);
    } finally {
      store.close();
    }
    const json = JSON.parse((await cli(['report', '--store', db, '--format', 'json'])).out) as ReportModel;
    expect(json.coverage.generated).toMatchObject({ logs: 40 });
    expect(Object.fromEntries(json.coverage.classes.filter((c) => c.generated > 0).map((c) => [c.name, c.generated]))).toEqual(printedCoverage(r.out));
    // A fuzz run is evidence, not a cutover replay: the verdict says it replayed nothing.
    expect(json.verdict.ready).toBe(false);
    expect((await cli(['gate', '--store', db])).code).toBe(0);
    // --no-store records nothing.
    const none = join(dir, 'none.db');
    expect((await cli(['fuzz', '--reference', 'reference', '--candidate', 'candidate', '--seed', '5', '--runs', '5', '--store', none, '--no-store'])).code).toBe(0);
    expect(existsSync(none)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
