import { describe, expect, it } from 'vitest';
import { interpret, type Step } from '../../src/generate/arbitraries.js';
import { runReference } from './reference-run.js';

const step = (s: Partial<Step> & Pick<Step, 'action' | 'client'>): Step => ({ other: 1, a: 1, b: 0, value: 3, ...s });

describe('retransmissions', () => {
  it('after a reconnect resend the last messages unchanged, and the engine nacks them duplicate', () => {
    const log = interpret({ clients: 2, docs: 1, fromLoad: false }, [
      step({ action: 'create', client: 0 }),
      step({ action: 'set-geometry', client: 1 }),
      step({ action: 'set-geometry', client: 0, value: 5 }),
      step({ action: 'retransmit', client: 0, b: 1 }), // resend the last two
    ]);
    const ops = log.records.filter((r) => r.kind === 'op' && r.client === 'c0');
    const [create, set, again1, again2] = ops.slice(-4);
    expect(again1).toEqual(create);
    expect(again2).toEqual(set);
    expect(again1!.base).toBeDefined();
    const kinds = log.records.slice(-4).map((r) => r.kind);
    expect(kinds).toEqual(['disconnect', 'connect', 'op', 'op']);
    const results = runReference(log.records).slice(-2).map((o) => o.result);
    expect(results).toEqual(['duplicate', 'duplicate']);
    expect(log.coverage['reconnect-retransmit']).toBe(2);
  });

  it('offline edits are nacked not-connected, then resent as they were on reconnect and applied', () => {
    const log = interpret({ clients: 2, docs: 1, fromLoad: false }, [
      step({ action: 'go-offline', client: 1 }),
      step({ action: 'create', client: 0 }), // the others go on meanwhile
      step({ action: 'create', client: 1, sync: 9 }), // sync >= 3: stays offline
      step({ action: 'set-geometry', client: 1, sync: 5 }),
      step({ action: 'create', client: 0, value: 4 }),
      step({ action: 'reconnect', client: 1 }),
    ]);
    const outcomes = runReference(log.records);
    const offline = outcomes.filter((o) => o.record.client === 'c1' && o.record.kind === 'op');
    expect(offline.map((o) => o.result)).toEqual(['not-connected', 'not-connected', 'applied', 'applied']);
    expect(offline[2]!.record).toEqual(offline[0]!.record);
    expect(offline[3]!.record).toEqual(offline[1]!.record);
    // Sent from the view it had when it went offline, so the resend is transformed over what it missed.
    expect(offline[2]!.record.base).toBeLessThan(offline[2]!.seqBefore);
  });

  it('an offline client reconnects on its own when it next catches up (sync < 3)', () => {
    const log = interpret({ clients: 2, docs: 1, fromLoad: false }, [
      step({ action: 'go-offline', client: 1 }),
      step({ action: 'set-geometry', client: 1, sync: 7 }),
      step({ action: 'set-geometry', client: 1, sync: 1, value: 6 }),
    ]);
    const tail = log.records.slice(-4).map((r) => `${r.kind}:${r.cseq ?? ''}`);
    expect(tail).toEqual(['op:1', 'connect:', 'op:1', 'op:2']);
    expect(runReference(log.records).slice(-2).map((o) => o.result)).toEqual(['applied', 'applied']);
  });
});
