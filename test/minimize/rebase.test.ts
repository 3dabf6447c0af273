import { describe, expect, it } from 'vitest';
import { rebaseSubset, traceSeqs } from '../../src/minimize/index.js';
import type { LogRecord } from '../../src/oplog/types.js';

const op = (client: string, cseq: number, o: unknown, base?: number): LogRecord => ({ doc: 'd', kind: 'op', client, cseq, ...(base === undefined ? {} : { base }), op: o });
const records: LogRecord[] = [
  { doc: 'd', kind: 'connect', client: 'a' },
  { doc: 'd', kind: 'connect', client: 'b' },
  op('a', 1, { type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' }), // seq 1
  op('a', 2, { type: 'SET_PROPERTY', node: 'p', prop: 'name', value: 'x' }), // seq 2
  op('a', 3, { type: 'SET_PROPERTY', node: 'p', prop: 'name', value: 'y' }), // seq 3
  op('b', 1, { type: 'SET_PROPERTY', node: 'missing', prop: 'x', value: 1 }), // nacked: no seq
  op('b', 2, { type: 'CREATE_NODE', id: 'r', parent: 'p', index: 0, nodeType: 'FRAME' }, 3), // saw all 3
];

describe('rebaseSubset', () => {
  const trace = traceSeqs(records);

  it('traces which records advanced the seq', () => {
    expect(trace.applied).toEqual([false, false, true, true, true, false, false].map((v, i) => (i === 6 ? true : v)));
    expect(trace.seqAfter).toEqual([0, 0, 1, 2, 3, 3, 4]);
  });

  it('re-maps a base to the number of kept applied ops it had seen', () => {
    const out = rebaseSubset(records, trace, [0, 1, 2, 6]);
    expect(out.at(-1)!.base).toBe(1);
    // Untouched when nothing before it was removed, and the input is never mutated.
    expect(rebaseSubset(records, trace, [0, 1, 2, 3, 4, 5, 6]).at(-1)).toBe(records[6]);
    expect(records[6]!.base).toBe(3);
  });
});
