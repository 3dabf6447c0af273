import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/program.js';
import { ExitCode } from '../../src/cli/exit.js';
import { CONNECT, OP, tempDir, writeLines } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const good = (): string => writeLines(join(tmp.dir, 'good.ndjson'), ['{"oplog":1,"source":"test"}', CONNECT, OP, '{"doc":"d2","kind":"connect","client":"bob"}']);
const bad = (): string => writeLines(join(tmp.dir, 'bad.ndjson.gz'), [CONNECT, '{"doc":"d1","kind":"op","client":"a","cseq":"7","op":1}', '[]', OP], true);

describe('parity validate', () => {
  it('prints per-document and per-kind counts and exits 0 for a good log', async () => {
    const file = good();
    expect(await main(['validate', file])).toBe(ExitCode.ok);
    expect(out).toBe([
      `${file}: ok; 3 record(s) in 2 document(s) (connect 2, op 1), 4 line(s)`,
      '  header: {"oplog":1,"source":"test"}',
      '  "d1": 2 (connect 1, op 1)',
      '  "d2": 1 (connect 1)',
      '',
    ].join('\n'));
  });

  it('lists errors with file and line and exits 2 for a bad log', async () => {
    const file = bad();
    expect(await main(['validate', file])).toBe(ExitCode.usage);
    expect(out).toContain(`${file}: BAD: 2 error(s); 2 record(s) in 1 document(s) (connect 1, op 1), 4 line(s)`);
    expect(out).toContain(`  ${file}:2: "cseq" must be an integer >= 1, got "7"\n`);
    expect(out).toContain(`  ${file}:3: a record must be a JSON object, got []\n`);
  });

  it('caps errors with --max-errors and says how many more', async () => {
    const file = bad();
    expect(await main(['validate', '--max-errors', '1', file])).toBe(ExitCode.usage);
    expect(out).toContain(':2: "cseq"');
    expect(out).not.toContain(':3: a record');
    expect(out).toContain('... and 1 more error(s) (--max-errors)');
  });

  it('--skip-bad reports the bad lines but exits 0', async () => {
    const file = bad();
    expect(await main(['validate', '--skip-bad', file])).toBe(ExitCode.ok);
    expect(out).toContain(`${file}: ok with 2 bad line(s) skipped`);
  });

  it('--json prints one summary per log, folders searched recursively, sorted', async () => {
    const dir = join(tmp.dir, 'folder');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeLines(join(dir, 'sub', 'b.ndjson'), [CONNECT]);
    writeLines(join(dir, 'a.ndjson.gz'), [OP], true);
    writeLines(join(dir, 'ignored.txt'), ['not a log']);
    expect(await main(['validate', '--json', dir])).toBe(ExitCode.ok);
    const parsed = JSON.parse(out) as Array<{ file: string; records: number; ok: boolean; kinds: Record<string, number> }>;
    expect(parsed.map((s) => [s.file, s.records, s.ok])).toEqual([[join(dir, 'a.ndjson.gz'), 1, true], [join(dir, 'sub', 'b.ndjson'), 1, true]]);
    expect(parsed[0]!.kinds).toEqual({ connect: 0, disconnect: 0, op: 1, load: 0 });
  });

  it('exits 2 with a message for a missing path or a bad flag', async () => {
    expect(await main(['validate', join(tmp.dir, 'nope.ndjson')])).toBe(ExitCode.usage);
    expect(err).toContain('no such file or folder');
    expect(await main(['validate', '--max-errors', 'x', good()])).toBe(ExitCode.usage);
    expect(err).toContain('--max-errors must be an integer >= 0, got x');
  });
});
