/** Engine failure messages: hosts say "batch item N"; a caller that knows the log record says that instead. */
import { describe, expect, it } from 'vitest';
import { callName, failure, locateFailure, repeatFailure } from '../../src/engine/failure.js';

describe('callName and locateFailure', () => {
  it('hosts name the call by its 0-based place in the batch, or "snapshot"', () => {
    expect(callName(3)).toBe('batch item 3');
    expect(callName(0)).toBe('batch item 0');
    expect(callName(-1)).toBe('snapshot');
  });

  it('replaces the batch position with the record\'s place in the log, keeping every typed field', () => {
    const f = failure('throw', `${callName(3)}: handle threw: boom`, 3, 'Error: boom');
    expect(locateFailure(f, 'record 12 (logs/a.ndjson:13)')).toEqual({ kind: 'throw', index: 3, stderrTail: 'Error: boom', message: 'record 12 (logs/a.ndjson:13): handle threw: boom' });
  });

  it('a repeat of an earlier failure drops the stale position (it counted in another batch)', () => {
    const dead = failure('hang', `${callName(7)}: no answer within 100 ms`, 7);
    const again = repeatFailure(dead, 2);
    expect(again.ok).toBe(false);
    const f = (again as { failure: ReturnType<typeof failure> }).failure;
    expect(locateFailure(f, 'record 40 (x.ndjson:41)').message).toBe('document already failed: no answer within 100 ms');
    expect(locateFailure(f, 'record 40 (x.ndjson:41)').index).toBe(2);
  });

  it('a message without a batch position (a snapshot, a spawn error) is left as it is', () => {
    const snap = failure('garbage', `${callName(-1)}: snapshot returned null`, -1);
    expect(locateFailure(snap, 'record 1 (x:2)')).toEqual(snap);
    const spawn = failure('spawn', 'cannot start "nope"', 0);
    expect(locateFailure(spawn, 'record 1 (x:2)')).toEqual(spawn);
  });
});
