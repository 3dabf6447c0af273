import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, SCHEMA_VERSION, Store, StoreError } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';
import { div, META } from './fixtures/divergence.js';

function snapshot(file: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
}

/** Opening must throw a StoreError of this code naming the file, and leave the file as it was. */
function refused(file: string, code: string, message: RegExp, opts: { create?: boolean; readonly?: boolean } = { create: true }): void {
  const before = snapshot(file);
  let caught: unknown;
  try {
    Store.open(file, opts).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).code).toBe(code);
  expect((caught as StoreError).message).toContain(file);
  expect((caught as StoreError).message).toMatch(message);
  const after = snapshot(file);
  expect(after.bytes.equals(before.bytes)).toBe(true);
  expect(after.mtimeMs).toBe(before.mtimeMs);
}

function realStore(file: string, divergences = 400): void {
  const s = Store.open(file, { create: true });
  const id = s.beginRun(META);
  s.addDivergences(id, Array.from({ length: divergences }, (_, i) => div({ doc: `d${i}`, detail: 'x'.repeat(200) })));
  s.finishRun(id, 'completed');
  s.close();
}

describe('bad stores are refused and left unchanged', () => {
  it('random bytes', () => {
    const file = join(tempDir(), 'random.db');
    let x = 12345;
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff)));
    refused(file, 'not-sqlite', /not an SQLite database/);
  });

  it('a text file', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    refused(file, 'not-sqlite', /not an SQLite database/);
  });

  it('an SQLite database that is not a parity store', () => {
    const file = join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE people (name TEXT); INSERT INTO people VALUES (\'ada\');');
    db.close();
    refused(file, 'not-parity', /not a parity store/);
  });

  it('a store written by a newer parity', () => {
    const file = join(tempDir(), 'newer.db');
    realStore(file, 1);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    refused(file, 'too-new', /newer parity/);
    refused(file, 'too-new', /newer parity/, { readonly: true });
  });

  it('a store truncated mid-page', () => {
    const file = join(tempDir(), 'cut.db');
    realStore(file);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(3 * 4096);
    truncateSync(file, Math.floor(size / 2) + 100);
    refused(file, 'corrupt', /corrupt/);
  });

  it('a store with a damaged page: the error is clear when SQLite meets it', () => {
    const file = join(tempDir(), 'damaged.db');
    realStore(file);
    const bytes = readFileSync(file);
    // Scribble over every page after the first few, keeping the size and header intact.
    for (let i = 4096 * 3; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(file, bytes);
    const before = snapshot(file);
    let caught: unknown;
    try {
      const s = Store.open(file, { readonly: true });
      try {
        s.buckets();
        [...s.divergences(1)];
      } finally {
        s.close();
      }
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('corrupt');
    expect(snapshot(file).bytes.equals(before.bytes)).toBe(true);
  });

  it('the CLI prints the reason and exits 2', async () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'hello');
    const r = await cli('triage', 'list', '--store', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: not an SQLite database`);
  });

  it('a missing store is created only when asked', () => {
    const file = join(tempDir(), 'sub', 'dir', 'p.db');
    expect(() => Store.open(file)).toThrow(/no parity store here/);
    const s = Store.open(file, { create: true });
    expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    s.close();
  });
});

const SCENARIOS = fileURLToPath(new URL('../../corpora/scenarios', import.meta.url));
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const sidecars = (file: string): string[] => ['-wal', '-shm'].filter((s) => existsSync(`${file}${s}`));

/** Overwrite whole pages with garbage, keeping the size (so the header check passes). */
function scribblePages(file: string, pages: number[]): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (const p of pages) for (let i = p * pageSize; i < (p + 1) * pageSize; i++) bytes[i] = (i * 7 + 13) & 0xff;
  writeFileSync(file, bytes);
}

describe('a store damaged after its first pages is refused before anything is written', () => {
  let healthy = '';
  let pageCount = 0;
  beforeAll(async () => {
    healthy = join(tempDir(), 'healthy.db');
    const r = await cli('replay', '--inline', '--reference', 'reference', '--candidate', 'mutant:wrong-to', '--store', healthy, '--log-level', 'silent', SCENARIOS);
    expect(r.code, r.err).toBe(1);
    // Read from the header, not through SQLite: a read-only open of a WAL store creates -wal/-shm.
    const head = readFileSync(healthy).subarray(0, 100);
    pageCount = head.readUInt32BE(28);
    // No free pages: the last pages of the file are live b-tree pages, so damage there is real damage.
    expect(head.readUInt32BE(36)).toBe(0);
    expect(pageCount).toBeGreaterThan(8);
    expect(sidecars(healthy)).toEqual([]);
  });

  /** A fresh damaged copy: the header, identity and schema pages intact, two pages near the end garbage. */
  function damaged(): string {
    const file = join(tempDir(), 'damaged.db');
    copyFileSync(healthy, file);
    scribblePages(file, [pageCount - 3, pageCount - 2]);
    return file;
  }

  async function refusedByCli(file: string, ...argv: string[]): Promise<string> {
    const before = sha256(file);
    const r = await cli(...argv);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`${file}: the store is corrupt`);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(sha256(file)).toBe(before);
    expect(sidecars(file)).toEqual([]);
    return r.err;
  }

  it('replay --store: exit 2, one line naming the file, bytes unchanged, no new run, no -wal/-shm', async () => {
    const file = damaged();
    await refusedByCli(file, 'replay', '--inline', '--reference', 'reference', '--candidate', 'mutant:wrong-to', '--store', file, '--log-level', 'silent', SCENARIOS);
  });

  it('replay --resume on the damaged store is refused the same way', async () => {
    const file = damaged();
    await refusedByCli(file, 'replay', '--inline', '--reference', 'reference', '--candidate', 'mutant:wrong-to', '--store', file, '--resume', '1', '--log-level', 'silent', SCENARIOS);
  });

  it('triage set, and merge into a damaged output, are refused the same way', async () => {
    const file = damaged();
    await refusedByCli(file, 'triage', 'set', '1', '--status', 'accepted', '--store', file);
    const out = damaged();
    await refusedByCli(out, 'merge', healthy, '-o', out);
  });

  it('read-only commands meeting damage mid-read: exit 2 on one line naming the file, bytes unchanged', async () => {
    const file = join(tempDir(), 'wrecked.db');
    copyFileSync(healthy, file);
    // Everything after the schema page: every table and index a read touches is garbage.
    scribblePages(file, Array.from({ length: pageCount - 2 }, (_, i) => i + 2));
    const before = sha256(file);
    for (const argv of [['triage', 'list'], ['gate'], ['triage', 'show', '1'], ['report', '--format', 'json']]) {
      const r = await cli(...argv, '--store', file);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err).toMatch(new RegExp(`^parity: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the store is corrupt`));
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(sha256(file)).toBe(before);
  });

  it('the healthy store still opens for writing (the check refuses damage, not stores)', () => {
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(healthy, copy);
    Store.open(copy).close();
  });

  it('a refused open keeps -wal/-shm files that were there before', () => {
    const file = damaged();
    writeFileSync(`${file}-wal`, '');
    writeFileSync(`${file}-shm`, '');
    expect(() => Store.open(file)).toThrow(/corrupt/);
    expect(sidecars(file)).toEqual(['-wal', '-shm']);
  });
});
