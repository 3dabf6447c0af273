/**
 * A bucket keeps the smallest reproducer it has been given: a later, larger minimization (a
 * different log, a weaker run) never undoes a better one, and a smaller one always replaces it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/replay/index.js';
import { fingerprint, reproducerRecords, Store } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'parity-reproducer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = '{"oplog":1,"source":"minimized"}';
const rec = (i: number) => `{"doc":"d","kind":"connect","client":"c${i}"}`;
const log = (n: number, pad = '') => [header + pad, ...Array.from({ length: n }, (_, i) => rec(i))].join('\n') + '\n';

const divergence = {
  log: 'a.ndjson', doc: 'd', n: 3, line: 3, docRecord: 3, detectedAt: 3, scope: 'tree', kind: 'value', path: 'nodes["x"].props.y',
  opType: 'SET_PROPERTY', nackReason: null, reference: 1, candidate: 2, record: { doc: 'd', kind: 'op' }, differences: [],
  disposition: 'divergence', failedEngine: null, detail: 'y differs', reproduce: 'parity replay a.ndjson',
} as unknown as Divergence;

describe('Store.setReproducer', () => {
  const store = Store.open(join(dir, 'x.db'), { create: true });
  const runId = store.beginRun({ argv: [], reference: 'reference', candidate: 'candidate', gitCommit: null });
  store.addDivergences(runId, [divergence]);
  const fp = fingerprint(divergence);
  afterAll(() => store.close());

  it('counts records without the header', () => {
    expect(reproducerRecords(log(3))).toBe(3);
    expect(reproducerRecords(`${rec(0)}\n${rec(1)}\n`)).toBe(2);
    expect(reproducerRecords('')).toBe(0);
  });

  it('stores the first, keeps it against a larger one, and lets a smaller one replace it', () => {
    expect(store.setReproducer(fp, log(5), runId)).toMatchObject({ outcome: 'stored', records: 5, previousRecords: null });
    expect(store.setReproducer(fp, log(7))).toMatchObject({ outcome: 'kept', records: 7, previousRecords: 5 });
    expect(store.bucket(fp).reproducer).toBe(log(5));
    expect(store.setReproducer(fp, log(3))).toMatchObject({ outcome: 'replaced', records: 3, previousRecords: 5 });
    expect(store.bucket(fp).reproducer).toBe(log(3));
  });

  it('breaks a tie in records by size, and keeps an identical one', () => {
    expect(store.setReproducer(fp, log(3, ' '))).toMatchObject({ outcome: 'kept' });
    expect(store.setReproducer(fp, log(3))).toMatchObject({ outcome: 'kept' });
    const shorter = log(3).replace('"source":"minimized"', '"s":1');
    expect(store.setReproducer(fp, shorter)).toMatchObject({ outcome: 'replaced', records: 3, previousRecords: 3 });
  });

  it('answers null for a fingerprint no bucket has, and writes the history', () => {
    expect(store.setReproducer('0123456789abcdef', log(1))).toBeNull();
    const events = store.history(store.bucket(fp).id).filter((h) => h.event === 'reproducer').map((h) => h.detail);
    expect(events).toEqual(['5 records', '3 records (was 5)', '3 records (was 3)']);
  });
});
