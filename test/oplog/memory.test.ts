/**
 * Bounded memory, for real: a million-record gzip log (~100 MB of text) validated by the CLI in
 * a child whose heap is capped at 48 MB. A reader that held the log, or its records, would die.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createLogWriter } from '../../src/oplog/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const RECORDS = 1_000_000;

describe('bounded memory', () => {
  it('validates a 1,000,000-record gzip log with a 48 MB heap', async () => {
    const file = join(tmp.dir, 'million.ndjson.gz');
    const w = createLogWriter(file, { header: { oplog: 1, source: 'test' } });
    for (let i = 0; i < RECORDS; i++) {
      w.write({ doc: `doc-${i % 4}`, kind: 'op', client: `client-${i % 97}`, cseq: i + 1, base: i >> 1, op: { type: 'SET_PROPERTY', node: `client-${i % 97}:${i % 1013}`, prop: 'x', value: (i * 7919) % 100_003 } });
    }
    await w.close();
    const root = resolve(import.meta.dirname, '../..');
    const child = spawnSync(process.execPath, ['--max-old-space-size=48', '--import', 'tsx', join(root, 'src/cli/main.ts'), 'validate', '--json', file], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const [summary] = JSON.parse(child.stdout) as Array<{ records: number; lines: number; ok: boolean }>;
    expect(summary).toMatchObject({ records: RECORDS, lines: RECORDS + 1, ok: true });
  });
});
