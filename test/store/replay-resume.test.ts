/** The real `parity replay`, killed mid-run (SIGKILL, SIGINT) and resumed with --resume: the store stays whole. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';
import { DOCS, expectResumeEqualsWhole, replayUntil, writeLog } from './fixtures/replay-child.js';

// Only the child replays are slowed down (replay-child passes 25 ms to them); runs in this process need not wait.
// One log for the file, so the uninterrupted run it is compared with is made once.
let dir = '';
let log = '';
beforeAll(() => {
  process.env.PARITY_TEST_SLOW_MS = '0';
  dir = tempDir();
  log = writeLog(dir);
});

/** The status column as written, not as a reader infers it from a dead pid. */
function storedStatus(s: Store, run: number): string {
  return (s.db.prepare('SELECT status FROM runs WHERE id = ?').get(run) as { status: string }).status;
}

describe('parity replay killed with SIGKILL, then --resume', () => {
  it('leaves the run interrupted with whole documents, and resuming gives what an uninterrupted run gives', async () => {
    const db = join(tempDir(), 'parity.db');
    const killed = await replayUntil(db, log, 3, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    const s = Store.open(db);
    expect(s.run(1)!.status).toBe('interrupted');
    const before = s.completedDocuments(1).size;
    expect(before).toBeGreaterThanOrEqual(killed.done);
    expect(before).toBeLessThan(DOCS);
    // Every completed document holds its divergence; the gate refuses the incomplete run.
    for (const d of s.documents(1)) expect([...s.divergences(1)].filter((x) => x.doc === d.doc && x.disposition === 'divergence').length).toBe(d.divergences);
    s.close();
    expect((await cli('gate', '--store', db)).code).toBe(1);

    await expectResumeEqualsWhole(dir, db, log);
  }, 120_000);
});

/*
 * Inline, documents complete one by one, so the signal comes after three of them (and the replay
 * must give the event loop a turn for the handler to run at all). In worker threads a document's
 * snapshot queues behind every record already sent, so completions come at the end: the signal
 * comes as soon as the run is recorded.
 */
describe.each([
  ['engines inline, after 3 documents', true, 3],
  ['engines in worker threads, once the run is recorded', false, 0],
])('parity replay interrupted with SIGINT, then --resume: %s', (_name, inline, after) => {
  it('marks the run interrupted itself, exits 130, and resuming gives what an uninterrupted run gives', async () => {
    const db = join(tempDir(), 'parity.db');
    const stopped = await replayUntil(db, log, after, 'SIGINT', inline);
    // The handler ran: a plain exit with 128 + SIGINT, not death by the signal.
    expect(stopped).toMatchObject({ code: 130, signal: null });

    const s = Store.open(db, { readonly: true });
    try {
      // Written by the interrupted process itself (a read-only reader cannot sweep dead runs).
      expect(storedStatus(s, 1)).toBe('interrupted');
      expect(s.run(1)!.finishedAt).not.toBeNull();
      const before = s.completedDocuments(1).size;
      expect(before).toBeGreaterThanOrEqual(stopped.done);
      expect(before).toBeLessThan(DOCS);
      for (const d of s.documents(1)) expect([...s.divergences(1)].filter((x) => x.doc === d.doc && x.disposition === 'divergence').length).toBe(d.divergences);
    } finally {
      s.close();
    }

    await expectResumeEqualsWhole(dir, db, log);
  }, 120_000);
});
