import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exit.js';
import { loadEngineModule, openHost, resolveEngineSpec, type EngineHost, type Observation } from '../../src/engine/index.js';
import { fixture, memoryLogger, records } from './helpers.js';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

async function open(name: string, opts: { inline?: boolean; timeoutMs?: number } = {}): Promise<EngineHost> {
  const host = await openHost(resolveEngineSpec(fixture(name)), { timeoutMs: opts.timeoutMs ?? 5000, stderrLines: 20, inline: opts.inline, logger: memoryLogger().logger });
  hosts.push(host);
  return host;
}

function failureOf(o: Observation | undefined) {
  expect(o?.ok).toBe(false);
  if (!o || o.ok) throw new Error('expected a failure');
  return o.failure;
}

const loopLine = (doc: string) => JSON.stringify({ doc, kind: 'connect', client: 'loop' });

describe('loadEngineModule', () => {
  it('loads a TypeScript module through tsx, without a build', async () => {
    const m = await loadEngineModule(fixture('counter.ts'));
    expect(m.name).toBe('counter');
    expect(m.create('x').handle({ doc: 'x', kind: 'connect', client: 'c' })).toEqual([{ to: ['c'], kind: 'count', doc: 'x', n: 1 }]);
  });

  it('refuses a module without create() with a clear UsageError', async () => {
    await expect(loadEngineModule(fixture('not-an-engine.mjs'))).rejects.toThrow(UsageError);
    await expect(loadEngineModule(fixture('not-an-engine.mjs'))).rejects.toThrow(/no create\(doc\) function/);
  });

  it('openHost on a bad module rejects for both module hosts', async () => {
    await expect(openHost(resolveEngineSpec(fixture('not-an-engine.mjs')), {})).rejects.toThrow(/create/);
    await expect(openHost(resolveEngineSpec(fixture('not-an-engine.mjs')), { inline: true })).rejects.toThrow(/create/);
  });
});

for (const inline of [false, true]) {
  describe(`module door (${inline ? 'inline' : 'worker'})`, () => {
    it('answers per record, per document, and snapshots', async () => {
      const host = await open('counter.ts', { inline });
      const a = await host.handle('a', records('a', 3));
      const b = await host.handle('b', records('b', 1));
      expect(a.map((o) => o.ok && JSON.parse(o.text)[0].n)).toEqual([1, 2, 3]);
      expect(b.map((o) => o.ok && JSON.parse(o.text)[0].n)).toEqual([1]);
      expect(a.every((o) => o.ns > 0)).toBe(true);
      const snap = await host.snapshot('a');
      expect(snap.ok && JSON.parse(snap.text)).toEqual({ seq: 3, root: '0:0', nodes: {} });
      await host.closeDoc('a');
      // A closed document starts over.
      const again = await host.handle('a', records('a', 1));
      expect(again[0]!.ok && JSON.parse(again[0]!.text)[0].n).toBe(1);
      expect(host.peakMemory()).toBeGreaterThan(0);
    });

    it('a throw is a failure of kind throw with the stack, and the document is dead', async () => {
      const host = await open('throws.mjs', { inline });
      const obs = await host.handle('a', records('a', 5));
      expect(obs).toHaveLength(3);
      const f = failureOf(obs[2]);
      expect(f).toMatchObject({ kind: 'throw', index: 2 });
      expect(f.message).toMatch(/boom on cseq 2/);
      expect(f.stderrTail).toMatch(/throws\.mjs/);
      expect(failureOf((await host.handle('a', records('a', 1)))[0]).kind).toBe('throw');
      expect(failureOf(await host.snapshot('a')).kind).toBe('throw');
      // Other documents are unaffected.
      expect((await host.handle('b', records('b', 2))).every((o) => o.ok)).toBe(true);
    });
  });
}

const as = (doc: string, client: string) => JSON.stringify({ doc, kind: 'connect', client });

for (const inline of [false, true]) {
  describe(`module door (${inline ? 'inline' : 'worker'}): garbage answers`, () => {
    it('a non-array answer, an unserializable one, and a non-object snapshot are garbage', async () => {
      const host = await open('odd.mjs', { inline });
      const a = await host.handle('a', [as('a', 'ok'), as('a', 'str'), as('a', 'ok')]);
      expect(a).toHaveLength(2);
      expect(failureOf(a[1])).toMatchObject({ kind: 'garbage', index: 1 });
      expect(failureOf(a[1]).message).toMatch(/returned string, expected an array/);
      const b = await host.handle('b', [as('b', 'cycle')]);
      expect(failureOf(b[0])).toMatchObject({ kind: 'garbage', index: 0 });
      expect(failureOf(b[0]).message).toMatch(/not JSON/);
      expect(failureOf(await host.snapshot('c'))).toMatchObject({ kind: 'garbage', index: -1 });
    });
  });
}

describe('module door (worker): a worker that dies', () => {
  it('process.exit in the engine is an exit failure at the record in flight; a fresh worker takes new documents', async () => {
    const host = await open('odd.mjs');
    expect((await host.handle('n', [as('n', 'ok')]))[0]!.ok).toBe(true);
    const obs = await host.handle('a', [as('a', 'ok'), as('a', 'ok'), as('a', 'exit'), as('a', 'ok')]);
    expect(obs).toHaveLength(3);
    expect(obs.slice(0, 2).every((o) => o.ok)).toBe(true);
    const f = failureOf(obs[2]);
    expect(f).toMatchObject({ kind: 'exit', index: 2 });
    expect(f.message).toMatch(/exit code 3/);
    expect(f.stderrTail).toMatch(/exiting on purpose/);
    expect(failureOf((await host.handle('n', [as('n', 'ok')]))[0]).kind).toBe('exit');
    expect((await host.handle('fresh', [as('fresh', 'ok')]))[0]!.ok).toBe(true);
  });
});

describe('module door (worker): hangs', () => {
  it('detects a synchronous infinite loop, keeps earlier answers, and replaces the worker', async () => {
    const host = await open('loops.mjs', { timeoutMs: 500 });
    // "b" lives in the same worker as the hanging document.
    expect((await host.handle('b', records('b', 1)))[0]!.ok).toBe(true);
    const obs = await host.handle('a', [...records('a', 3), loopLine('a'), ...records('a', 2)]);
    expect(obs).toHaveLength(4);
    expect(obs.slice(0, 3).map((o) => o.ok && JSON.parse(o.text)[0].n)).toEqual([1, 2, 3]);
    const f = failureOf(obs[3]);
    expect(f).toMatchObject({ kind: 'hang', index: 3 });
    // The hung document stays dead; its neighbour died with the worker and says why.
    expect(failureOf((await host.handle('a', records('a', 1)))[0]).kind).toBe('hang');
    const b = failureOf((await host.handle('b', records('b', 1)))[0]);
    expect(b.kind).toBe('exit');
    expect(b.message).toMatch(/"a" hung on batch item 3/);
    // New documents go to a fresh worker.
    const c = await host.handle('c', records('c', 2));
    expect(c.map((o) => o.ok && JSON.parse(o.text)[0].n)).toEqual([1, 2]);
    const snap = await host.snapshot('c');
    expect(snap.ok && JSON.parse(snap.text).seq).toBe(2);
  });

  it('a hang in the middle of other queued requests fails only the right calls', async () => {
    const host = await open('loops.mjs', { timeoutMs: 500 });
    const [x, y, z] = await Promise.all([
      host.handle('x', records('x', 2)),
      host.handle('y', [...records('y', 1), loopLine('y')]),
      host.handle('z', records('z', 2)),
    ]);
    expect(x.every((o) => o.ok)).toBe(true);
    expect(y).toHaveLength(2);
    expect(failureOf(y[1])).toMatchObject({ kind: 'hang', index: 1 });
    expect(failureOf(z[0])).toMatchObject({ kind: 'exit', index: 0 });
  });
});
