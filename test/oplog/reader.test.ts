import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LogError, readLog, validateLog, type LogIssue } from '../../src/oplog/index.js';
import { CONNECT, OP, readAll, tempDir, writeLines } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const path = (name: string): string => join(tmp.dir, name);

describe('lines and records', () => {
  it('counts physical lines (header and blank lines included) and records separately', async () => {
    const file = writeLines(path('blank.ndjson'), ['', '{"oplog":1,"source":"test"}', '', '   ', CONNECT, '\t', OP, '']);
    const records = await readAll(file);
    expect(records.map((r) => [r.line, r.n])).toEqual([[5, 1], [7, 2]]);
    expect(records[0]!.raw).toBe(CONNECT);
    expect(records[0]!.file).toBe(file);
    const s = await validateLog(file);
    expect(s).toMatchObject({ lines: 8, records: 2, header: { oplog: 1, source: 'test' }, ok: true });
  });

  it('reads CRLF line ends, a missing final newline, and multi-byte text split across chunks', async () => {
    const name = 'é'.repeat(300_000); // 600 KB of 2-byte characters: crosses the reader's chunk edges.
    const big = `{"doc":"d1","kind":"op","client":"alice","cseq":2,"op":{"type":"SET_PROPERTY","node":"n","prop":"name","value":"${name}"}}`;
    writeFileSync(path('crlf.ndjson'), `${CONNECT}\r\n${OP}\r\n${big}\n${big}\n${big}`);
    const records = await readAll(path('crlf.ndjson'));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(records[1]!.raw).toBe(OP);
    expect((records[4]!.record.op as { value: string }).value).toBe(name);
  });

  it('ignores a UTF-8 byte-order mark at the start of the file only', async () => {
    writeFileSync(path('bom.ndjson'), `\uFEFF{"oplog":1}\n${CONNECT}\n\uFEFF${OP}\n`);
    const s = await validateLog(path('bom.ndjson'));
    expect(s.header).toEqual({ oplog: 1 });
    expect(s.records).toBe(1);
    expect(s.issues.map((i) => i.line)).toEqual([3]);
  });

  it('reads an empty file as an empty log', async () => {
    writeFileSync(path('empty.ndjson'), '');
    expect(await readAll(path('empty.ndjson'))).toEqual([]);
    expect(await validateLog(path('empty.ndjson'))).toMatchObject({ lines: 0, records: 0, ok: true, header: null });
  });
});

describe('header', () => {
  it('is allowed on the first non-blank line only', async () => {
    const s = await validateLog(writeLines(path('h2.ndjson'), [CONNECT, '{"oplog":1}']));
    expect(s.issues).toEqual([{ file: path('h2.ndjson'), line: 2, message: 'a header ({"oplog":...}) is allowed only on the first non-blank line, got {"oplog":1}' }]);
  });

  it('must say version 1', async () => {
    const s = await validateLog(writeLines(path('hv.ndjson'), ['{"oplog":2,"source":"x"}', CONNECT]));
    expect(s.issues.map((i) => `${i.line}: ${i.message}`)).toEqual(['1: "oplog" must be 1 (the only format version), got 2']);
    expect(s.header).toBeNull();
  });

  it('is optional', async () => {
    const s = await validateLog(writeLines(path('h0.ndjson'), [CONNECT]));
    expect(s).toMatchObject({ header: null, records: 1, ok: true });
  });
});

describe('gzip', () => {
  const lines = ['{"oplog":1}', CONNECT, OP];
  it('is detected by content, not by name', async () => {
    writeLines(path('plain-named.ndjson.gz'), lines, false);
    writeLines(path('gzip-named.ndjson'), lines, true);
    for (const f of ['plain-named.ndjson.gz', 'gzip-named.ndjson']) {
      const records = await readAll(path(f));
      expect(records.map((r) => [r.line, r.record.kind])).toEqual([[2, 'connect'], [3, 'op']]);
    }
  });

  it('reads several concatenated gzip members as one stream', async () => {
    writeFileSync(path('members.ndjson.gz'), Buffer.concat([gzipSync(`${CONNECT}\n`), gzipSync(`${OP}\n`)]));
    expect((await readAll(path('members.ndjson.gz'))).map((r) => r.line)).toEqual([1, 2]);
  });

  function bigGzip(): Buffer {
    const many = Array.from({ length: 20_000 }, (_, i) => `{"doc":"d1","kind":"op","client":"alice","cseq":${i + 1},"op":{"v":${i * 7919}}}`);
    return gzipSync(`${CONNECT}\n${many.join('\n')}\n`);
  }

  it('names the line a truncated stream reached', async () => {
    const gz = bigGzip();
    writeFileSync(path('trunc.ndjson.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const s = await validateLog(path('trunc.ndjson.gz'));
    expect(s.ok).toBe(false);
    expect(s.issueCount).toBe(1);
    const issue = s.issues[0]!;
    expect(issue.message).toMatch(/^gzip stream is truncated/);
    expect(issue.line).toBe(s.records + 1);
    expect(s.records).toBeGreaterThan(100);
    await expect(readAll(path('trunc.ndjson.gz'))).rejects.toBeInstanceOf(LogError);
  });

  it('names the line a corrupt stream reached (bad checksum: after the last line)', async () => {
    const gz = Buffer.from(bigGzip());
    gz[gz.length - 6] = gz[gz.length - 6]! ^ 0xff; // inside the CRC-32 trailer
    writeFileSync(path('crc.ndjson.gz'), gz);
    const s = await validateLog(path('crc.ndjson.gz'));
    expect(s.issues).toEqual([{ file: path('crc.ndjson.gz'), line: s.lines + 1, message: 'gzip stream is corrupt (incorrect data check)' }]);
    // zlib drops its last, partly filled 64 KB output buffer when it reports the damage.
    expect(s.records).toBeGreaterThan(20_001 - 1000);
    expect(s.records).toBeLessThanOrEqual(20_001);
  });

  it('reports damage in the middle of a stream as a gzip error at the line it reached', async () => {
    const gz = Buffer.from(bigGzip());
    const mid = Math.floor(gz.length / 2);
    for (let i = mid; i < mid + 100; i++) gz[i] = gz[i]! ^ 0x5a;
    writeFileSync(path('corrupt.ndjson.gz'), gz);
    const s = await validateLog(path('corrupt.ndjson.gz'), { maxErrors: 1_000_000 });
    // Damaged deflate data may decode to garbage lines before zlib notices: those are JSON errors.
    const last = s.issues[s.issues.length - 1]!;
    expect(last.message).toMatch(/^gzip stream is (corrupt|truncated)/);
    expect(last.line).toBe(s.lines + 1);
    expect(s.records).toBeGreaterThan(1000);
  });

  it('a corrupt header after the magic bytes is an error at line 1', async () => {
    writeFileSync(path('junk.ndjson'), Buffer.from([0x1f, 0x8b, 0x00, 0x01, 0x02, 0x03, 0x04]));
    const s = await validateLog(path('junk.ndjson'));
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0]).toMatchObject({ line: 1 });
    expect(s.issues[0]!.message).toMatch(/^gzip stream is (corrupt|truncated)/);
  });
});

describe('stopping early', () => {
  it('a consumer that breaks out ends the read (plain and gzip), and the file can be read again', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"doc":"d","kind":"connect","client":"c${i}"}`);
    for (const gz of [false, true]) {
      const file = writeLines(path(`early-${gz}.ndjson`), lines, gz);
      let n = 0;
      for await (const r of readLog(file)) if (++n === 3 || r.n !== n) break;
      expect(n).toBe(3);
      expect((await readAll(file)).length).toBe(50_000);
    }
  });
});

describe('skip mode', () => {
  it('skips bad lines, reports each, and numbers the remaining records', async () => {
    const file = writeLines(path('skip.ndjson'), [
      '{"oplog":1}', CONNECT, 'not json', '{"doc":"d1","kind":"op","client":"alice","cseq":0,"op":{}}', OP, '{"oplog":1}',
    ]);
    const issues: LogIssue[] = [];
    const records = await readAll(file, { skipBad: true, onIssue: (i) => issues.push(i) });
    expect(records.map((r) => [r.line, r.n])).toEqual([[2, 1], [5, 2]]);
    expect(issues.map((i) => i.line)).toEqual([3, 4, 6]);
  });

  it('ends a truncated gzip log where it breaks, keeping the records before', async () => {
    const gz = gzipSync(Array.from({ length: 5000 }, (_, i) => `{"doc":"d","kind":"connect","client":"c${i}"}`).join('\n'));
    writeFileSync(path('skip-trunc.ndjson.gz'), gz.subarray(0, gz.length - 20));
    const issues: LogIssue[] = [];
    const records = await readAll(path('skip-trunc.ndjson.gz'), { skipBad: true, onIssue: (i) => issues.push(i) });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.line).toBe(records.length + 1);
    expect(records.length).toBeGreaterThan(4000);
  });
});

describe('validateLog', () => {
  it('caps listed errors but counts them all, and hashes the stored bytes', async () => {
    const bad = Array.from({ length: 30 }, () => '{"doc":"d1"}');
    const file = writeLines(path('many.ndjson'), [CONNECT, ...bad, OP]);
    const s = await validateLog(file, { maxErrors: 5 });
    expect(s.issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6]);
    expect(s.issueCount).toBe(30);
    expect(s.records).toBe(2);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    expect(s.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('counts per document and per kind', async () => {
    const file = writeLines(path('counts.ndjson'), [
      '{"doc":"a","kind":"load","tree":{}}', '{"doc":"a","kind":"connect","client":"x"}', '{"doc":"b","kind":"connect","client":"x"}',
      '{"doc":"a","kind":"op","client":"x","cseq":1,"op":{}}', '{"doc":"a","kind":"disconnect","client":"x"}',
    ]);
    const s = await validateLog(file);
    expect(s.kinds).toEqual({ connect: 2, disconnect: 1, op: 1, load: 1 });
    expect({ ...s.documents }).toEqual({
      a: { records: 4, kinds: { connect: 1, disconnect: 1, op: 1, load: 1 } },
      b: { records: 1, kinds: { connect: 1, disconnect: 0, op: 0, load: 0 } },
    });
  });

  it('turns an unreadable file into an issue rather than a throw', async () => {
    const s = await validateLog(path('missing.ndjson'));
    expect(s.ok).toBe(false);
    expect(s.issues[0]).toMatchObject({ line: 0 });
    expect(s.issues[0]!.message).toMatch(/^cannot read the log \(.*ENOENT/);
  });
});
