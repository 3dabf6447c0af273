import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, logArbitrary, stepArbitrary, type Step } from '../../src/generate/arbitraries.js';
import { CONFLICT_CLASSES, classifyRecords } from '../../src/generate/coverage.js';
import type { LogRecord } from '../../src/oplog/types.js';

const SEED = 20261122;

describe('generated logs', () => {
  it('are deterministic for a seed', () => {
    const a = fc.sample(logArbitrary(), { seed: SEED, numRuns: 5 });
    const b = fc.sample(logArbitrary(), { seed: SEED, numRuns: 5 });
    expect(a.map((l) => l.records)).toEqual(b.map((l) => l.records));
  });

  it('carry valid envelopes: doc, kind, client and increasing cseq per client', () => {
    fc.assert(
      fc.property(logArbitrary(), (log) => {
        const last = new Map<string, number>();
        const sent = new Map<string, LogRecord>();
        for (const r of log.records) {
          expect(typeof r.doc).toBe('string');
          expect(['connect', 'disconnect', 'op', 'load']).toContain(r.kind);
          if (r.kind === 'load') expect(r).toBe(log.records.find((x) => x.doc === r.doc));
          if (r.kind === 'op') {
            expect(Number.isInteger(r.cseq) && r.cseq! >= 1).toBe(true);
            if (r.base !== undefined) expect(Number.isInteger(r.base) && r.base >= 0).toBe(true);
            const key = `${r.doc}/${r.client}`;
            // cseq only goes backwards on a retransmission: the very same message again.
            if (r.cseq! <= (last.get(key) ?? 0)) expect(r).toEqual(sent.get(`${key}/${r.cseq}`));
            else sent.set(`${key}/${r.cseq}`, r);
            last.set(key, Math.max(last.get(key) ?? 0, r.cseq!));
          }
        }
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  it('pick targets from the live state, so most ops address live nodes', () => {
    // An all-creates-then-edits run: every SET must address a node that exists at that point.
    const steps: Step[] = [];
    for (let i = 0; i < 20; i++) steps.push({ action: 'create', client: i % 2, other: 1, a: i, b: i * 7, value: i });
    for (let i = 0; i < 20; i++) steps.push({ action: 'set-geometry', client: i % 2, other: 0, a: i * 13, b: i, value: i });
    const log = interpret({ clients: 2, docs: 1, fromLoad: false }, steps);
    const created = new Set(log.records.filter((r) => (r.op as { type?: string })?.type === 'CREATE_NODE').map((r) => (r.op as { id: string }).id));
    const sets = log.records.filter((r) => (r.op as { type?: string })?.type === 'SET_PROPERTY');
    expect(sets.length).toBe(20);
    for (const r of sets) expect(created.has((r.op as { node: string }).node)).toBe(true);
  });

  it('report the conflict classes they exercise, and a broad sample covers every class', () => {
    const seen = new Set<string>();
    for (const log of fc.sample(logArbitrary({ maxSteps: 80 }), { seed: SEED, numRuns: 60 })) {
      expect(log.coverage).toEqual(classifyRecords(log.records));
      for (const c of Object.keys(log.coverage)) seen.add(c);
    }
    expect([...CONFLICT_CLASSES].filter((c) => !seen.has(c))).toEqual([]);
  });

  it('names the x/y split as a delete racing an edit', () => {
    const log = interpret({ clients: 2, docs: 1, fromLoad: false }, [
      { action: 'xy-split', client: 0, other: 1, a: 0, b: 0, value: 2 },
    ]);
    expect(log.coverage['delete-races-edit']).toBe(1);
    expect(log.records.slice(-3).map((r) => (r.op as { type: string }).type)).toEqual(['SET_PROPERTY', 'DELETE_NODE', 'SET_PROPERTY']);
  });

  it('steps shrink without breaking interpretation', () => {
    fc.assert(fc.property(fc.array(stepArbitrary(3), { maxLength: 30 }), (steps) => {
      expect(() => interpret({ clients: 3, docs: 2, fromLoad: true }, steps)).not.toThrow();
    }), { seed: SEED, numRuns: 100 });
  });
});
