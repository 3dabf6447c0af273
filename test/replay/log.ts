/**
 * The test log: document "d1" (60 records: two clients, a page, a frame, then rectangles created
 * on even records and moved on odd ones) interleaved with a clean document "d2". The buggy
 * fixtures strike at d1's records 12 and 40, both CREATE_NODEs at the end of a non-empty frame.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestLog {
  file: string;
  /** d1's record k (1-based) -> its 1-based record number and line in the log. */
  d1: Map<number, { n: number; line: number }>;
}

function documentRecords(doc: string, count: number): object[] {
  const out: object[] = [
    { doc, kind: 'connect', client: 'alice' },
    { doc, kind: 'connect', client: 'bob' },
  ];
  const cseq: Record<string, number> = { alice: 0, bob: 0 };
  const op = (client: 'alice' | 'bob', payload: object) => ({ doc, kind: 'op', client, cseq: ++cseq[client]!, op: payload });
  out.push(op('alice', { type: 'CREATE_NODE', id: 'p', parent: '0:0', index: 0, nodeType: 'PAGE' }));
  out.push(op('alice', { type: 'CREATE_NODE', id: 'f', parent: 'p', index: 0, nodeType: 'FRAME', props: { width: 100, height: 100 } }));
  let children = 0;
  let last = '';
  for (let k = 5; k <= count; k++) {
    const client = k % 3 === 0 ? 'bob' : 'alice';
    if (k % 2 === 0) {
      last = `r${k}`;
      out.push(op(client, { type: 'CREATE_NODE', id: last, parent: 'f', index: children++, nodeType: 'RECTANGLE', props: { x: k, y: k / 2, width: 10, height: 5 } }));
    } else {
      out.push(op(client, { type: 'SET_PROPERTY', node: last, prop: 'x', value: k * 1.5 }));
    }
  }
  return out;
}

export function writeTestLog(dir = mkdtempSync(join(tmpdir(), 'parity-replay-'))): TestLog {
  const d1 = documentRecords('d1', 60);
  const d2 = documentRecords('d2', 20);
  const lines = [JSON.stringify({ oplog: 1, source: 'test', note: 'replay fixture log' })];
  const positions = new Map<number, { n: number; line: number }>();
  let n = 0;
  let j = 0;
  for (let k = 0; k < d1.length; k++) {
    lines.push(JSON.stringify(d1[k]));
    positions.set(k + 1, { n: ++n, line: lines.length });
    if (k % 3 === 2 && j < d2.length) {
      lines.push(JSON.stringify(d2[j++]));
      n++;
    }
  }
  while (j < d2.length) {
    lines.push(JSON.stringify(d2[j++]));
    n++;
  }
  const file = join(dir, 'two-docs.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, d1: positions };
}
