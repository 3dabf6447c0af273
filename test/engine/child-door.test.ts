import { afterEach, describe, expect, it } from 'vitest';
import { openHost, resolveEngineSpec, type EngineHost, type Observation } from '../../src/engine/index.js';
import type { ChildHost } from '../../src/engine/child-host.js';
import { fixture, isAlive, memoryLogger, nodeCmd, records } from './helpers.js';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

async function broken(mode: string, timeoutMs = 5000) {
  const log = memoryLogger();
  const host = (await openHost(resolveEngineSpec(nodeCmd(fixture('broken.mjs'), mode)), { timeoutMs, stderrLines: 20, logger: log.logger })) as ChildHost;
  hosts.push(host);
  return { host, warnings: log.warnings };
}

function lastFailure(obs: Observation[]) {
  const last = obs.at(-1)!;
  expect(last.ok).toBe(false);
  if (last.ok) throw new Error('unreachable');
  return last.failure;
}

describe('child door: well-behaved child', () => {
  it('answers one line per record, the snapshot line, and exits 0 on stdin close', async () => {
    const { host, warnings } = await broken('none');
    const obs = await host.handle('d1', records('d1', 5));
    expect(obs.map((o) => o.ok && o.text)).toEqual(['[]', '[]', '[]', '[]', '[]']);
    expect(obs.every((o) => o.ns > 0)).toBe(true);
    const snap = await host.snapshot('d1');
    expect(snap.ok && JSON.parse(snap.text)).toEqual({ seq: 0, root: '0:0', nodes: {} });
    const pid = host.pidOf('d1');
    expect(isAlive(pid)).toBe(true);
    expect(host.peakMemory()).toBeGreaterThan(0);
    expect(await host.closeDoc('d1')).toBeUndefined();
    expect(isAlive(pid)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('logs a non-zero exit status after all answers, without a failure', async () => {
    const { host, warnings } = await broken('bad-exit');
    const obs = await host.handle('d1', records('d1', 2));
    expect(obs.every((o) => o.ok)).toBe(true);
    expect(await host.closeDoc('d1')).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/exited with code 7/);
  });

  it('a child that does not exit after stdin closes is killed and logged', async () => {
    const { host, warnings } = await broken('stays', 2000);
    expect((await host.handle('d1', records('d1', 2))).every((o) => o.ok)).toBe(true);
    const pid = host.pidOf('d1');
    expect(await host.closeDoc('d1')).toBeUndefined();
    expect(isAlive(pid)).toBe(false);
    expect(warnings.join('\n')).toMatch(/did not exit within 2000 ms/);
  });
});

describe('child door: broken children are findings, not crashes', () => {
  it('exit-early: exit with the record in flight and the stderr tail', async () => {
    const { host } = await broken('exit-early');
    const obs = await host.handle('d1', records('d1', 5));
    expect(obs).toHaveLength(3);
    const f = lastFailure(obs);
    expect(f).toMatchObject({ kind: 'exit', index: 2 });
    expect(f.message).toMatch(/code 3/);
    expect(f.stderrTail).toMatch(/cannot handle record 3/);
    // The document is dead: later calls answer the same failure without running anything.
    const again = await host.handle('d1', records('d1', 2));
    expect(lastFailure(again).kind).toBe('exit');
    expect((await host.snapshot('d1')).ok).toBe(false);
  });

  it('garbage: a line that is not JSON', async () => {
    const { host } = await broken('garbage');
    const pid = await host.handle('d1', records('d1', 4)).then((obs) => {
      expect(obs).toHaveLength(2);
      expect(lastFailure(obs)).toMatchObject({ kind: 'garbage', index: 1 });
      expect(lastFailure(obs).message).toMatch(/not JSON/);
      return host.pidOf('d1');
    });
    await host.closeDoc('d1');
    expect(isAlive(pid)).toBe(false);
  });

  it('non-array: JSON that is not an array of messages', async () => {
    const { host } = await broken('non-array');
    const obs = await host.handle('d1', records('d1', 3));
    expect(lastFailure(obs)).toMatchObject({ kind: 'garbage', index: 1 });
    expect(lastFailure(obs).message).toMatch(/not a JSON array/);
  });

  it('two-lines: extra lines are a wrong-count at the next call', async () => {
    const { host } = await broken('two-lines');
    const first = await host.handle('d1', records('d1', 3));
    expect(first.every((o) => o.ok)).toBe(true);
    // Give the extra lines time to arrive (they are written right after the expected ones).
    await new Promise((r) => setTimeout(r, 500));
    const snap = await host.snapshot('d1');
    expect(snap.ok).toBe(false);
    if (!snap.ok) expect(snap.failure).toMatchObject({ kind: 'wrong-count', index: -1 });
  });

  it('two-lines: extra lines found at closeDoc are returned as a wrong-count', async () => {
    const { host } = await broken('two-lines');
    await host.handle('d1', records('d1', 1));
    await new Promise((r) => setTimeout(r, 500));
    const f = await host.closeDoc('d1');
    expect(f).toMatchObject({ kind: 'wrong-count' });
  });

  it('hang: silence past the timeout kills the child, other documents carry on', async () => {
    const { host } = await broken('hang', 1500);
    const obs = await host.handle('d1', records('d1', 4));
    expect(obs).toHaveLength(2);
    expect(obs[0]!.ok).toBe(true);
    expect(lastFailure(obs)).toMatchObject({ kind: 'hang', index: 1 });
    const pid = host.pidOf('d1');
    await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
    const other = await host.handle('d2', records('d2', 1));
    expect(other).toEqual([{ ok: true, text: '[]', ns: expect.any(Number) }]);
  });

  it('snapshot-dies: exit on the snapshot, index -1', async () => {
    const { host } = await broken('snapshot-dies');
    expect((await host.handle('d1', records('d1', 2))).every((o) => o.ok)).toBe(true);
    const snap = await host.snapshot('d1');
    expect(snap.ok).toBe(false);
    if (snap.ok) return;
    expect(snap.failure).toMatchObject({ kind: 'exit', index: -1 });
    expect(snap.failure.stderrTail).toMatch(/not implemented/);
  });

  it('stderr-spam: the tail is bounded to the configured number of lines', async () => {
    const { host } = await broken('stderr-spam');
    const obs = await host.handle('d1', records('d1', 5));
    const f = lastFailure(obs);
    expect(f).toMatchObject({ kind: 'exit', index: 2 });
    const lines = f.stderrTail.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.at(-1)).toBe('record 3 noise 499');
  });

  it('spawn: a command that does not exist', async () => {
    const host = await openHost(resolveEngineSpec('cmd:/nonexistent/engine --flag'), { timeoutMs: 1000, stderrLines: 5 });
    hosts.push(host);
    const obs = await host.handle('d1', records('d1', 2));
    expect(obs).toHaveLength(1);
    expect(lastFailure(obs)).toMatchObject({ kind: 'spawn', index: 0 });
    expect(lastFailure(obs).message).toMatch(/ENOENT/);
  });

  it('dispose kills every child it started', async () => {
    const { host } = await broken('hang', 60_000);
    await host.handle('a', records('a', 1));
    await host.handle('b', records('b', 1));
    const pending = host.handle('c', records('c', 3));
    await new Promise((r) => setTimeout(r, 100));
    const pids = ['a', 'b', 'c'].map((d) => host.pidOf(d));
    expect(pids.every(isAlive)).toBe(true);
    await host.dispose();
    hosts.splice(hosts.indexOf(host), 1);
    expect(pids.some(isAlive)).toBe(false);
    const obs = await pending;
    expect(lastFailure(obs).kind).toBe('exit');
  });

  it('a last line without a newline still counts', async () => {
    const { host } = await broken('none');
    const obs = await host.handle('d1', records('d1', 200));
    expect(obs.filter((o) => o.ok)).toHaveLength(200);
  });
});
