/**
 * A non-JavaScript engine through the child door: a small Python engine (stdlib only)
 * implementing a subset of the model gives the reference's answers on logs kept to that subset.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openHost, resolveEngineSpec } from '../../src/engine/index.js';
import { fixture, memoryLogger, observeLog } from './helpers.js';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** mulberry32: a tiny seeded PRNG, so the generated log is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Records of one document within the Python engine's subset: sessions, CREATE/SET/DELETE
 * without base, integer geometry, no rotation, constraints or MOVE. Mistakes are made on
 * purpose (unknown nodes, reused ids, wrong parents, retransmissions, offline clients).
 */
function subsetLog(doc: string, seed: number, steps: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const clients = ['ann', 'bob', 'cy'];
  const cseq: Record<string, number> = { ann: 0, bob: 0, cy: 0 };
  const ids: string[] = ['0:0'];
  const out: string[] = [];
  const emit = (rec: object) => out.push(JSON.stringify({ doc, ...rec }));
  for (const c of clients.slice(0, 2)) emit({ kind: 'connect', client: c });
  for (let i = 0; i < steps; i++) {
    const client = pick(clients);
    const roll = r();
    if (roll < 0.08) {
      emit({ kind: 'connect', client });
      continue;
    }
    if (roll < 0.14) {
      emit({ kind: 'disconnect', client });
      continue;
    }
    // Mostly the next cseq; sometimes a retransmission of an old one.
    const n = r() < 0.1 && cseq[client]! > 0 ? int(1, cseq[client]!) : ++cseq[client]!;
    const what = r();
    let op: object;
    if (what < 0.45) {
      const nodeType = pick(['PAGE', 'PAGE', 'FRAME', 'GROUP', 'RECTANGLE', 'TEXT']);
      const reuse = r() < 0.15 && ids.length > 1;
      const id = reuse ? pick(ids) : `${client}:${i}`;
      if (!reuse) ids.push(id);
      const parent = r() < 0.05 ? 'nobody:0' : pick(ids);
      const props = r() < 0.5 ? { x: int(-50, 50), y: int(-50, 50), width: int(0, 80), height: int(0, 80), name: `n${i}`, note: null } : undefined;
      op = { type: 'CREATE_NODE', id, parent, index: int(0, 4), nodeType, ...(props ? { props } : {}) };
    } else if (what < 0.85) {
      const prop = pick(['x', 'y', 'width', 'height', 'name', 'name', 'color']);
      const value = prop === 'name' ? (r() < 0.3 ? null : `s${i}`) : prop === 'color' ? { r: int(0, 255), tags: ['a', i] } : prop === 'x' || prop === 'y' ? int(-100, 100) : int(0, 100);
      op = { type: 'SET_PROPERTY', node: r() < 0.05 ? 'ghost:1' : pick(ids), prop, value };
    } else {
      op = { type: 'DELETE_NODE', node: r() < 0.1 ? '0:0' : pick(ids) };
    }
    emit({ kind: 'op', client, cseq: n, op });
  }
  return out;
}

describe.runIf(hasPython())('a Python engine through the child door', () => {
  it('answers like the reference on the subset it implements', async () => {
    const docs = new Map([1, 2, 3].map((seed) => [`doc-${seed}`, subsetLog(`doc-${seed}`, seed, 400)]));
    const opts = { timeoutMs: 20_000, stderrLines: 20, logger: memoryLogger().logger };
    const reference = await openHost(resolveEngineSpec('reference'), opts);
    const python = await openHost(resolveEngineSpec(`cmd:python3 ${fixture('python/engine.py')}`), opts);
    try {
      const want = await observeLog(reference, docs);
      const got = await observeLog(python, docs);
      for (const [doc, texts] of Object.entries(want)) {
        expect(got[doc]!.length, doc).toBe(texts.length);
        for (let i = 0; i < texts.length; i++) expect(JSON.parse(got[doc]![i]!), `${doc} answer ${i}`).toEqual(JSON.parse(texts[i]!));
      }
      // The log really exercises the subset: applied ops, every nack reason on the list, presence.
      const all = Object.values(want).flat().join('\n');
      for (const reason of ['not-connected', 'duplicate', 'unknown-node', 'duplicate-id', 'invalid-parent', 'root']) expect(all).toContain(`"reason":"${reason}"`);
      for (const kind of ['CREATE_NODE', 'SET_PROPERTY', 'DELETE_NODE', '"state":"joined"', '"state":"left"']) expect(all).toContain(kind);
    } finally {
      await Promise.all([reference.dispose(), python.dispose()]);
    }
  });
});
