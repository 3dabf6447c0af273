import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, shapeArbitrary, stepArbitrary, type Step } from '../../src/generate/arbitraries.js';
import type { LogRecord } from '../../src/oplog/types.js';
import { runReference } from './reference-run.js';

const SEED = 6061;

/** Longer logs than the fuzzer's default size, so views have time to drift. */
function sample(runs: number): LogRecord[][] {
  const arb = shapeArbitrary().chain((shape) => fc.array(stepArbitrary(shape.clients), { minLength: 60, maxLength: 120 }).map((steps) => interpret(shape, steps).records));
  return fc.sample(arb, { seed: SEED, numRuns: runs });
}

/** First sends only: a record whose cseq is not above the client's highest so far is a resend. */
function firstSends(records: readonly LogRecord[]): Set<LogRecord> {
  const high = new Map<string, number>();
  const out = new Set<LogRecord>();
  for (const r of records) {
    if (r.kind !== 'op') continue;
    const key = `${r.doc}/${r.client}`;
    if (r.cseq! > (high.get(key) ?? 0)) out.add(r);
    high.set(key, Math.max(high.get(key) ?? 0, r.cseq!));
  }
  return out;
}

describe('per-client views', () => {
  it('only move forward, never past what the client could have received, never below its snapshot', () => {
    for (const records of sample(40)) {
      const fresh = firstSends(records);
      const lastBase = new Map<string, number>();
      const snapshot = new Map<string, number>(); // seq at the client's last connect
      const connected = new Map<string, boolean>();
      const offlineAt = new Map<string, number>();
      for (const { record: r, seqBefore } of runReference(records)) {
        const key = `${r.doc}/${r.client}`;
        if (r.kind === 'connect') {
          snapshot.set(key, seqBefore);
          connected.set(key, true);
        }
        if (r.kind === 'disconnect') {
          connected.set(key, false);
          offlineAt.set(key, seqBefore);
        }
        if (r.kind !== 'op' || !fresh.has(r) || r.base === undefined) continue;
        expect(r.base).toBeGreaterThanOrEqual(lastBase.get(key) ?? 0);
        expect(r.base).toBeLessThanOrEqual(seqBefore);
        // A client receives broadcasts only while connected: from its snapshot to its disconnect.
        if (r.client !== 's0') expect(r.base).toBeGreaterThanOrEqual(snapshot.get(key)!);
        if (connected.get(key) === false) expect(r.base).toBeLessThanOrEqual(offlineAt.get(key)!);
        lastBase.set(key, r.base);
      }
    }
  });

  it('lag by each client\'s own amount when it does not catch up', () => {
    // sync 3 takes no extra broadcasts: a view moves only as far as the client's lag forces it.
    const steps: Step[] = [];
    for (let i = 0; i < 40; i++) steps.push({ action: 'set-geometry', client: i % 2, other: 0, a: i, b: i, value: i, sync: 3 });
    const outcomes = runReference(interpret({ clients: 2, docs: 1, fromLoad: false, lags: [0, 5] }, steps).records);
    const lagOf = (client: string): number[] => outcomes.filter((o) => o.record.client === client && o.record.kind === 'op' && o.seqBefore > 10).map((o) => o.seqBefore - o.record.base!);
    expect(new Set(lagOf('c0'))).toEqual(new Set([0]));
    expect(new Set(lagOf('c1'))).toEqual(new Set([5]));
  });

  it('catch up at random moments, so ops come both from current and from lagging views, and a few carry no base', () => {
    let current = 0;
    let lagging = 0;
    let bare = 0;
    let ops = 0;
    const lags = new Set<number>();
    for (const records of sample(30)) {
      const fresh = firstSends(records);
      for (const { record: r, seqBefore } of runReference(records)) {
        if (!fresh.has(r)) continue;
        ops++;
        if (r.base === undefined) bare++;
        else if (r.base === seqBefore) current++;
        else if (r.client !== 's0') {
          lagging++;
          lags.add(seqBefore - r.base);
        }
      }
    }
    expect(current / ops).toBeGreaterThan(0.2);
    expect(lagging / ops).toBeGreaterThan(0.2);
    expect(bare / ops).toBeGreaterThan(0.05);
    expect(bare / ops).toBeLessThan(0.25);
    // Different distances behind, up to far more than one or two ops (offline edits included).
    expect(Math.max(...lags)).toBeGreaterThan(6);
    expect(lags.size).toBeGreaterThan(6);
  });
});
