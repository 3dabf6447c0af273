import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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
