/** `parity replay --shard k/n` end to end: every document in exactly one shard, the same one every time. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { inShard, Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';

const MULTI = fileURLToPath(new URL('../../corpora/scenarios/15-multi-document.ndjson', import.meta.url));
const N = 3;

let dir = '';
let logs: string[] = [];
/** Every (log, document) pair of the two logs, from an unsharded replay. */
let all: string[] = [];

const key = (log: string, doc: string) => `${log} ${doc}`;

async function replayShard(db: string, shard: string): Promise<{ code: number; docs: string[]; run: { shard: string | null } }> {
  const r = await cli('replay', '--inline', '--reference', 'reference', '--candidate', 'reference', '--shard', shard, '--store', db, '--log-level', 'silent', ...logs);
  const s = Store.open(db, { readonly: true });
  try {
    return { code: r.code, docs: s.documents(1).map((d) => key(d.log, d.doc)).sort(), run: s.run(1)! };
  } finally {
    s.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  const many = join(dir, 'many.ndjson');
  const g = await cli('generate', '--profile', 'many-docs', '--seed', '7', '--docs', '30', '--ops', '300', '-o', many);
  expect(g.code, g.err).toBe(0);
  logs = [MULTI, many];
  const whole = join(dir, 'whole.db');
  expect((await cli('replay', '--inline', '--reference', 'reference', '--candidate', 'reference', '--store', whole, '--log-level', 'silent', ...logs)).code).toBe(0);
  const s = Store.open(whole, { readonly: true });
  all = s.documents(1).map((d) => key(d.log, d.doc)).sort();
  s.close();
  expect(all.length).toBe(32); // d1, d2 and doc-00 .. doc-29
});

describe('parity replay --shard k/n', () => {
  it('splits the documents of several logs into disjoint shards whose union is every document', async () => {
    const shards: string[][] = [];
    for (let k = 1; k <= N; k++) {
      const r = await replayShard(join(dir, `shard-${k}.db`), `${k}/${N}`);
      expect(r.code).toBe(0);
      expect(r.run.shard).toBe(`${k}/${N}`);
      // A shard is a real share, not everything or nothing (30+ documents over 3 shards).
      expect(r.docs.length).toBeGreaterThan(0);
      expect(r.docs.length).toBeLessThan(all.length);
      // The share is the documented function of the document id alone.
      for (const d of r.docs) expect(inShard(d.slice(d.lastIndexOf(' ') + 1), k, N)).toBe(true);
      shards.push(r.docs);
    }
    const union = shards.flat().sort();
    expect(union).toEqual(all); // sorted and equal: each document exactly once
    expect(new Set(union).size).toBe(union.length);
  });

  it('gives the same share on every run', async () => {
    const a = await replayShard(join(dir, 'again-a.db'), `2/${N}`);
    const b = await replayShard(join(dir, 'again-b.db'), `2/${N}`);
    expect(a.docs).toEqual(b.docs);
    expect(a.docs.length).toBeGreaterThan(0);
  });

  it.each(['0/3', '4/3', '1/0', 'x', '1/3/3', '-1/3', ''])('refuses --shard %j with exit 2 and says what a shard looks like', async (bad) => {
    const db = join(dir, 'bad.db');
    const r = await cli('replay', '--inline', '--reference', 'reference', '--candidate', 'reference', '--shard', bad, '--store', db, MULTI);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--shard must be k/n with 1 <= k <= n, got "${bad}"`);
    expect(r.out).toBe('');
  });
});
