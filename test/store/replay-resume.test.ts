/** The real `parity replay`, SIGKILLed mid-run and resumed with --resume: the store stays whole. */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';

const CANDIDATE = fileURLToPath(new URL('./fixtures/slow-candidate.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const DOCS = 12;

/** DOCS documents of 10 records each: a page, a rectangle, then SET_PROPERTYs of x. */
function writeLog(dir: string): string {
  const lines: string[] = [JSON.stringify({ oplog: 1, source: 'store-test' })];
  for (let i = 0; i < DOCS; i++) {
    const doc = `doc${String(i).padStart(2, '0')}`;
    let cseq = 0;
    const op = (payload: object) => JSON.stringify({ doc, kind: 'op', client: 'alice', cseq: ++cseq, op: payload });
    lines.push(JSON.stringify({ doc, kind: 'connect', client: 'alice' }));
    lines.push(op({ type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' }));
    lines.push(op({ type: 'CREATE_NODE', id: 'r', parent: 'p', index: 0, nodeType: 'RECTANGLE', props: { width: 4, height: 4 } }));
    for (let k = 1; k <= 7; k++) lines.push(op({ type: 'SET_PROPERTY', node: 'r', prop: 'x', value: k * 10 }));
  }
  const file = join(dir, 'docs.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function completed(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const s = Store.open(db, { readonly: true });
    try {
      return s.lastRunId() === null ? 0 : s.completedDocuments(1).size;
    } finally {
      s.close();
    }
  } catch {
    return 0; // the store is being created
  }
}

const args = (db: string, log: string) => ['replay', '--inline', '--checkpoint-every', '0', '--reference', 'reference', '--candidate', CANDIDATE, '--store', db, log];

describe('parity replay killed with SIGKILL, then --resume', () => {
  it('leaves the run interrupted with whole documents, and resuming gives what an uninterrupted run gives', async () => {
    const dir = tempDir();
    const log = writeLog(dir);
    const db = join(dir, 'parity.db');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args(db, log), '--log-level', 'silent'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let done = 0;
    while ((done = completed(db)) < 3) {
      if (child.exitCode !== null) throw new Error(`replay exited (${child.exitCode}) before it could be killed`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const s = Store.open(db);
    expect(s.run(1)!.status).toBe('interrupted');
    const before = s.completedDocuments(1).size;
    expect(before).toBeGreaterThanOrEqual(done);
    expect(before).toBeLessThan(DOCS);
    // Every completed document holds its divergence; the gate refuses the incomplete run.
    for (const d of s.documents(1)) expect([...s.divergences(1)].filter((x) => x.doc === d.doc && x.disposition === 'divergence').length).toBe(d.divergences);
    s.close();
    expect((await cli('gate', '--store', db)).code).toBe(1);

    const resumed = await cli(...args(db, log), '--resume', '1', '--log-level', 'silent');
    expect(resumed.code, resumed.err).toBe(1);
    const whole = join(dir, 'whole.db');
    expect((await cli(...args(whole, log), '--log-level', 'silent')).code).toBe(1);

    const a = Store.open(db, { readonly: true });
    const b = Store.open(whole, { readonly: true });
    try {
      expect(a.run(1)!.status).toBe('completed');
      expect(a.completedDocuments(1)).toEqual(b.completedDocuments(1));
      expect(a.divergenceCount(1)).toBe(b.divergenceCount(1));
      const hits = (s: Store) => s.buckets().map((x) => [x.fingerprint, x.hits]);
      expect(hits(a)).toEqual(hits(b));
      expect(a.documents(1).map((d) => [d.doc, d.divergences])).toEqual(b.documents(1).map((d) => [d.doc, d.divergences]));
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);
});
