import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/program.js';
import { ExitCode } from '../../src/cli/exit.js';
import { validateLog } from '../../src/oplog/index.js';

const dir = mkdtempSync(join(tmpdir(), 'parity-generate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('parity generate', () => {
  it('writes a valid, seed-deterministic log with the size flags applied', async () => {
    const a = join(dir, 'a.ndjson.gz');
    const b = join(dir, 'b.ndjson.gz');
    const args = ['--profile', 'many-docs', '--seed', '42', '--docs', '30', '--ops', '500', '--clients', '3'];
    expect(await main(['generate', ...args, '-o', a])).toBe(ExitCode.ok);
    expect(out).toMatch(new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ record\\(s\\) from profile many-docs, seed 42; ops: drag \\d+`));
    expect(await main(['generate', ...args, '-o', b])).toBe(ExitCode.ok);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const s = await validateLog(a);
    expect(s.ok).toBe(true);
    expect(s.kinds.op).toBe(500);
    expect(Object.keys(s.documents).length).toBeLessThanOrEqual(30);
    expect(s.header).toEqual({ oplog: 1, source: 'generated', generator: 'parity/many-docs', seed: 42, docs: 30, ops: 500, clients: 3, nodes: 40 });
  });

  it('refuses an unknown profile and bad sizes with exit 2', async () => {
    expect(await main(['generate', '--profile', 'huge-doc', '--seed', '1', '-o', join(dir, 'x.ndjson')])).toBe(ExitCode.usage);
    expect(err).toContain('unknown profile "huge-doc"; known: big-doc, hot-doc, many-docs');
    expect(await main(['generate', '--profile', 'big-doc', '--seed', '1', '--nodes', '0', '-o', join(dir, 'x.ndjson')])).toBe(ExitCode.usage);
    expect(err).toContain('--nodes must be an integer >= 1, got 0');
    expect(await main(['generate', '--profile', 'big-doc', '--seed', 'x', '-o', join(dir, 'x.ndjson')])).toBe(ExitCode.usage);
    expect(err).toContain('--seed must be an integer >= 0, got x');
  });
});
