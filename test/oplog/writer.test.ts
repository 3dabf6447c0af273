import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLogWriter, serializeRecord, validateLog, type LogRecord } from '../../src/oplog/index.js';
import { readAll, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function records(count: number): LogRecord[] {
  const out: LogRecord[] = [{ doc: 'd1', kind: 'load', tree: { seq: 0, root: '0:0', nodes: {} } }];
  for (let i = 0; i < count; i++) {
    out.push({ doc: `d${i % 3}`, kind: 'op', client: `c${i % 5}`, cseq: i + 1, base: i, op: { type: 'SET_PROPERTY', node: 'n:1', prop: 'name', value: `é ${i} \u2028 "q"` }, extra: [i] });
  }
  return out;
}

describe('createLogWriter', () => {
  it.each([['plain.ndjson', false], ['packed.ndjson.gz', true]])('round-trips %s through the reader', async (name, gz) => {
    const file = join(tmp.dir, name);
    const input = records(60_000); // several writer chunks
    const w = createLogWriter(file, { header: { oplog: 1, source: 'test', seed: 7 } });
    for (const r of input) w.write(r);
    await w.close();
    const bytes = readFileSync(file);
    expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gz);
    const back = await readAll(file);
    expect(back.map((r) => r.record)).toEqual(input);
    expect(back[5]!.raw).toBe(serializeRecord(input[5]!));
    expect(back[0]!.line).toBe(2);
    const s = await validateLog(file);
    expect(s).toMatchObject({ ok: true, records: input.length, header: { oplog: 1, source: 'test', seed: 7 }, lines: input.length + 1 });
  });

  it('lets opts.gzip override the name, both ways', async () => {
    const a = join(tmp.dir, 'forced.ndjson');
    const w = createLogWriter(a, { gzip: true });
    w.write(records(1)[1]!);
    await w.close();
    expect(gunzipSync(readFileSync(a)).toString()).toBe(`${serializeRecord(records(1)[1]!)}\n`);
    const b = join(tmp.dir, 'unforced.ndjson.gz');
    const v = createLogWriter(b, { gzip: false });
    v.write(records(1)[1]!);
    await v.close();
    expect(readFileSync(b, 'utf8')).toBe(`${serializeRecord(records(1)[1]!)}\n`);
  });

  it('writes the same bytes for the same records (deterministic gzip)', async () => {
    const write = async (name: string): Promise<Buffer> => {
      const w = createLogWriter(join(tmp.dir, name));
      for (const r of records(30_000)) w.write(r);
      await w.close();
      return readFileSync(join(tmp.dir, name));
    };
    expect((await write('a.ndjson.gz')).equals(await write('b.ndjson.gz'))).toBe(true);
  });

  it('refuses writes after close', async () => {
    const w = createLogWriter(join(tmp.dir, 'closed.ndjson'));
    await w.close();
    expect(() => w.write(records(1)[1]!)).toThrow(/closed/);
  });
});
