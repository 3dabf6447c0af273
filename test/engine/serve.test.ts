import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ServeError, loadEngineModule, openHost, otherDoor, resolveEngineSpec, serveNdjson, type EngineHost } from '../../src/engine/index.js';
import { fixture, memoryLogger, records } from './helpers.js';

async function serve(modulePath: string, input: string): Promise<{ out: string; error?: unknown }> {
  const module = await loadEngineModule(modulePath);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  // Split the input in awkward places: lines must be reassembled across chunks.
  const done = serveNdjson(module, stdin, stdout).then(() => undefined, (e: unknown) => e);
  for (let i = 0; i < input.length; i += 7) stdin.write(input.slice(i, i + 7));
  stdin.end();
  const error = await done;
  return { out, error };
}

describe('serveNdjson', () => {
  it('answers one line per record and the snapshot control line; blank lines are skipped', async () => {
    const input = [...records('d', 3), '', '{"kind":"snapshot"}', '\r'].join('\n') + '\n';
    const { out, error } = await serve(fixture('counter.ts'), input);
    expect(error).toBeUndefined();
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      [{ to: ['alice'], kind: 'count', doc: 'd', n: 1 }],
      [{ to: ['alice'], kind: 'count', doc: 'd', n: 2 }],
      [{ to: ['alice'], kind: 'count', doc: 'd', n: 3 }],
      { seq: 3, root: '0:0', nodes: {} },
    ]);
  });

  it('a snapshot may come first (the instance is created for doc "")', async () => {
    const { out } = await serve(fixture('counter.ts'), '{"kind":"snapshot"}\n' + records('d', 1)[0] + '\n');
    expect(out.split('\n').slice(0, 2).map((l) => JSON.parse(l))).toEqual([{ seq: 0, root: '0:0', nodes: {} }, [{ to: ['alice'], kind: 'count', doc: '', n: 1 }]]);
  });

  it('a throw writes the answers owed so far, then fails with the stack and the line number', async () => {
    const { out, error } = await serve(fixture('throws.mjs'), records('d', 5).join('\n') + '\n');
    expect(out).toBe('[]\n[]\n');
    expect(error).toBeInstanceOf(ServeError);
    expect((error as Error).message).toMatch(/input line 3: Error: boom on cseq 2/);
  });
});

describe('serve-module entry through the child door', () => {
  const hosts: EngineHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.dispose()));
  });

  it('a module that throws becomes an exit failure with the stack in the stderr tail', async () => {
    const host = await openHost(otherDoor(resolveEngineSpec(fixture('throws.mjs'))), { timeoutMs: 20_000, stderrLines: 20, logger: memoryLogger().logger });
    hosts.push(host);
    const obs = await host.handle('d', records('d', 5));
    expect(obs).toHaveLength(3);
    const last = obs[2]!;
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(last.failure).toMatchObject({ kind: 'exit', index: 2 });
    expect(last.failure.message).toMatch(/code 1/);
    expect(last.failure.stderrTail).toMatch(/boom on cseq 2/);
  });

  it('a bad module path is reported as the child exiting, with the reason', async () => {
    const host = await openHost(otherDoor({ door: 'module', label: 'x', path: fixture('not-an-engine.mjs') }), { timeoutMs: 20_000, stderrLines: 20, logger: memoryLogger().logger });
    hosts.push(host);
    const obs = await host.handle('d', records('d', 1));
    expect(obs[0]!.ok).toBe(false);
    if (!obs[0]!.ok) expect(obs[0]!.failure.stderrTail).toMatch(/no create\(doc\) function/);
  });
});
