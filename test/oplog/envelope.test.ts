import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatIssue, LogError, readLog, validateLog } from '../../src/oplog/index.js';
import { CONNECT, readAll, tempDir, writeLines } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let count = 0;
/** The one error a log made of a good connect then `line` yields, formatted. */
async function errorOf(line: string): Promise<string> {
  const file = writeLines(join(tmp.dir, `e${count++}.ndjson`), [CONNECT, line]);
  const s = await validateLog(file);
  expect(s.issueCount).toBe(1);
  expect(s.records).toBe(1);
  return formatIssue(s.issues[0]!).slice(file.length);
}

describe('envelope errors', () => {
  it.each([
    ['{"doc":"d1",', ':2: line is not valid JSON ('],
    ['[1,2]', ':2: a record must be a JSON object, got [1,2]'],
    ['"text"', ':2: a record must be a JSON object, got "text"'],
    ['null', ':2: a record must be a JSON object, got null'],
    ['{"kind":"connect","client":"a"}', ':2: "doc" is required, got {"kind":"connect","client":"a"}'],
    ['{"doc":"","kind":"connect","client":"a"}', ':2: "doc" must be a string of 1..128 UTF-16 code units, got ""'],
    ['{"doc":7,"kind":"connect","client":"a"}', ':2: "doc" must be a string of 1..128 UTF-16 code units, got 7'],
    [`{"doc":"${'d'.repeat(129)}","kind":"connect","client":"a"}`, `:2: "doc" must be a string of 1..128 UTF-16 code units, got "${'d'.repeat(79)}...`],
    ['{"doc":"d1","client":"a"}', ':2: "kind" is required, got {"doc":"d1","client":"a"}'],
    ['{"doc":"d1","kind":"Op","client":"a"}', ':2: "kind" must be one of "connect", "disconnect", "op", "load", got "Op"'],
    ['{"doc":"d1","kind":"connect"}', ':2: "client" is required for a "connect" record, got {"doc":"d1","kind":"connect"}'],
    ['{"doc":"d1","kind":"disconnect"}', ':2: "client" is required for a "disconnect" record, got {"doc":"d1","kind":"disconnect"}'],
    ['{"doc":"d1","kind":"op","client":"","cseq":1,"op":{}}', ':2: "client" must be a string of 1..128 UTF-16 code units, got ""'],
    ['{"doc":"d1","kind":"op","client":"a","op":{}}', ':2: "cseq" is required for an "op" record, got {"doc":"d1","kind":"op","client":"a","op":{}}'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":"7","op":{}}', ':2: "cseq" must be an integer >= 1, got "7"'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":0,"op":{}}', ':2: "cseq" must be an integer >= 1, got 0'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":1.5,"op":{}}', ':2: "cseq" must be an integer >= 1, got 1.5'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":1,"base":-1,"op":{}}', ':2: "base" must be an integer >= 0, got -1'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":1,"base":null,"op":{}}', ':2: "base" must be an integer >= 0, got null'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":1,"base":"3","op":{}}', ':2: "base" must be an integer >= 0, got "3"'],
    ['{"doc":"d1","kind":"op","client":"a","cseq":1}', ':2: "op" is required for an "op" record, got {"doc":"d1","kind":"op","client":"a","cseq":1}'],
    ['{"doc":"d2","kind":"load"}', ':2: "tree" is required for a "load" record, got {"doc":"d2","kind":"load"}'],
    ['{"doc":"d2","kind":"load","tree":null}', ':2: "tree" must be an object, got null'],
    ['{"doc":"d2","kind":"load","tree":[]}', ':2: "tree" must be an object, got []'],
    ['{"doc":"d1","kind":"connect","client":"a","t":"noon"}', ':2: "t" must be a finite number, got "noon"'],
    ['{"doc":"d1","kind":"connect","client":"a","t":1e400}', ':2: "t" must be a finite number, got Infinity'],
    ['{"doc":"d1","kind":"load","tree":{"seq":0}}', ':2: a "load" must be the first record of its document, got a load of "d1" after earlier records'],
    ['{"oplog":1}', ':2: a header ({"oplog":...}) is allowed only on the first non-blank line, got {"oplog":1}'],
  ])('%s', async (line, expected) => {
    const text = await errorOf(line);
    if (expected.endsWith('(')) expect(text.startsWith(expected)).toBe(true);
    else expect(text).toBe(expected);
  });

  it('shows a non-JSON line as it stands, cut at 80 characters', async () => {
    const text = await errorOf(`{"doc": ${'x'.repeat(200)}`);
    expect(text).toMatch(/^:2: line is not valid JSON \(.*\), got \{"doc": x{72}\.\.\.$/);
  });

  it('accepts what the envelope does not judge: any op payload, extra fields, base 0, numbers as t', async () => {
    const file = writeLines(join(tmp.dir, 'fine.ndjson'), [
      '{"doc":"d1","kind":"load","tree":{"seq":3,"root":"0:0","nodes":{}},"note":"kept"}',
      '{"doc":"d1","kind":"op","client":"a","cseq":1,"op":null}',
      '{"doc":"d1","kind":"op","client":"a","cseq":2,"base":0,"op":"garbage","t":1700000000000.5}',
      '{"doc":"d1","kind":"op","client":"a","cseq":3,"op":[1,{"type":"NOPE"}]}',
      '{"doc":"__proto__","kind":"connect","client":"constructor","extra":{"a":[1]}}',
      `{"doc":"${'d'.repeat(128)}","kind":"connect","client":"${'c'.repeat(128)}"}`,
    ]);
    const records = await readAll(file);
    expect(records.map((r) => r.record.kind)).toEqual(['load', 'op', 'op', 'op', 'connect', 'connect']);
    expect(records[0]!.record.note).toBe('kept');
    expect(records[4]!.record.extra).toEqual({ a: [1] });
    const s = await validateLog(file);
    expect(s.ok).toBe(true);
    expect(Object.keys(s.documents)).toContain('__proto__');
  });

  it('counts a load as first even after bad lines of the same document, and load per document', async () => {
    const file = writeLines(join(tmp.dir, 'loads.ndjson'), [
      '{"doc":"d1","kind":"load","tree":{}}',
      '{"doc":"d2","kind":"load","tree":{}}',
      '{"doc":"d3","kind":"op"}',
      '{"doc":"d3","kind":"load","tree":{}}',
    ]);
    const s = await validateLog(file);
    expect(s.issues.map((i) => i.line)).toEqual([3]);
    expect(s.kinds.load).toBe(3);
  });

  it('readLog throws a LogError naming file and line at the first error, after the records before it', async () => {
    const file = writeLines(join(tmp.dir, 'throw.ndjson'), [CONNECT, '{"doc":"d1","kind":"op","client":"a","cseq":"7","op":1}', CONNECT]);
    const seen: number[] = [];
    let caught: unknown;
    try {
      for await (const r of readLog(file)) seen.push(r.line);
    } catch (err) {
      caught = err;
    }
    expect(seen).toEqual([1]);
    expect(caught).toBeInstanceOf(LogError);
    expect((caught as LogError).issues).toEqual([{ file, line: 2, message: '"cseq" must be an integer >= 1, got "7"' }]);
    expect((caught as LogError).message).toBe(`${file}:2: "cseq" must be an integer >= 1, got "7"`);
  });
});
