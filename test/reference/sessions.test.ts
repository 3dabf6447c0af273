import { describe, expect, it } from 'vitest';
import { create, del, driver, set } from './helpers.js';

describe('sessions and the broadcast stream', () => {
  it('connect answers a snapshot, then joined to the others', () => {
    const d = driver();
    expect(d.connect('b')).toEqual([{ to: ['b'], kind: 'snapshot', seq: 0, tree: d.tree() }]);
    const out = d.connect('a');
    expect(out.map((m) => m.kind)).toEqual(['snapshot', 'presence']);
    expect(out[1]).toEqual({ to: ['b'], kind: 'presence', client: 'a', state: 'joined' });
  });

  it('a reconnect sends the snapshot and joined again, never left', () => {
    const d = driver();
    d.connect('a');
    d.connect('b');
    const out = d.connect('a');
    expect(out).toHaveLength(2);
    expect(out[0]!.kind).toBe('snapshot');
    expect(out[1]).toEqual({ to: ['b'], kind: 'presence', client: 'a', state: 'joined' });
  });

  it('disconnect tells the others; of a client not connected it answers nothing', () => {
    const d = driver();
    d.connect('a');
    d.connect('b');
    expect(d.disconnect('a')).toEqual([{ to: ['b'], kind: 'presence', client: 'a', state: 'left' }]);
    expect(d.disconnect('a')).toEqual([]);
    expect(d.disconnect('zed')).toEqual([]);
    expect(d.disconnect('b')).toEqual([]); // nobody remains to tell
  });

  it('the snapshot seq equals tree.seq and counts applied ops only', () => {
    const d = driver();
    d.connect('a');
    d.op('a', create('p', '0:0', 'PAGE'));
    d.op('a', del('nope')); // nacked: no seq
    const snap = d.connect('a')[0]!;
    expect(snap.seq).toBe(1);
    expect((snap.tree as { seq: number }).seq).toBe(1);
  });

  it('to lists sort by UTF-16 code units, sender included in its ack', () => {
    const d = driver();
    for (const c of ['b', 'a', 'B', 'é', '\u{1F600}', '\uFF5E']) d.connect(c);
    const out = d.op('b', create('p', '0:0', 'PAGE'));
    expect(out[0]!.to).toEqual(['B', 'a', 'b', 'é', '\u{1F600}', '\uFF5E']);
    expect(out[0]).toMatchObject({ kind: 'op', seq: 1, from: 'b', cseq: 1 });
  });

  it('an op from a client not connected is nacked to [c], and is not counted', () => {
    const d = driver();
    d.connect('b');
    expect(d.op('a', create('p', '0:0', 'PAGE'), { cseq: 1 })).toEqual([{ to: ['a'], kind: 'nack', cseq: 1, reason: 'not-connected' }]);
    d.connect('a');
    // The same cseq after connecting is handled normally (offline edits replayed on reconnect).
    expect(d.reason('a', create('p', '0:0', 'PAGE'), { cseq: 1 })).toBe('applied');
  });

  it('duplicate cseq: applied and nacked ones count, duplicates do not change the highest', () => {
    const d = driver();
    d.connect('a');
    expect(d.reason('a', create('p', '0:0', 'PAGE'), { cseq: 5 })).toBe('applied');
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 5 })).toBe('duplicate');
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 3 })).toBe('duplicate');
    expect(d.reason('a', del('nope'), { cseq: 7 })).toBe('unknown-node'); // counted
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 6 })).toBe('duplicate');
    expect(d.reason('a', 'garbage', { cseq: 8 })).toBe('malformed'); // counted too
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 8 })).toBe('duplicate');
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 9 })).toBe('applied');
  });

  it('cseq counters survive reconnects and are per client', () => {
    const d = driver();
    d.connect('a');
    d.connect('b');
    expect(d.reason('a', create('p', '0:0', 'PAGE'), { cseq: 1 })).toBe('applied');
    d.disconnect('a');
    d.connect('a');
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 1 })).toBe('duplicate');
    expect(d.reason('b', create('q', '0:0', 'PAGE'), { cseq: 1 })).toBe('applied');
  });

  it('not-connected comes before duplicate', () => {
    const d = driver();
    d.connect('a');
    d.op('a', create('p', '0:0', 'PAGE'), { cseq: 1 });
    d.disconnect('a');
    expect(d.reason('a', create('q', '0:0', 'PAGE'), { cseq: 1 })).toBe('not-connected');
  });

  it('a nack goes to the sender only; an applied op to everyone connected', () => {
    const d = driver();
    d.connect('a');
    d.connect('b');
    expect(d.op('b', set('nope', 'x', 1))).toEqual([{ to: ['b'], kind: 'nack', cseq: 1, reason: 'unknown-node' }]);
    expect(d.op('b', create('p', '0:0', 'PAGE'))[0]!.to).toEqual(['a', 'b']);
  });

  it('unknown record kinds and load answer nothing', () => {
    const d = driver();
    d.connect('a');
    expect(d.handle({ kind: 'weird', client: 'a' } as never)).toEqual([]);
    expect(d.handle({ kind: 'snapshot' } as never)).toEqual([]);
    expect(d.handle({ kind: 'load', tree: d.tree() })).toEqual([]);
  });

  it('documents are independent', () => {
    const one = driver('one');
    const two = driver('two');
    one.connect('a');
    two.connect('a');
    one.op('a', create('p', '0:0', 'PAGE'));
    expect(two.tree().nodes['p']).toBeUndefined();
    expect(two.reason('a', create('p', '0:0', 'PAGE'), { cseq: 1 })).toBe('applied');
    expect(one.seq()).toBe(1);
    expect(two.seq()).toBe(1);
  });
});
