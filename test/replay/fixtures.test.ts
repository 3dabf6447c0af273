/**
 * Buggy engine fixtures, one per kind of difference: each strikes at d1's records 12 and 40.
 * The replay must name the kind, the exact first record (number and line), resync after the
 * first so the second, independent bug is still found, and leave the clean document d2 alone.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinCommandLine, resolveEngineSpec } from '../../src/engine/index.js';
import { replay, type ReplayOptions, type ReplayResult } from '../../src/replay/index.js';
import { STRIKES } from '../fixtures/buggy/wrap.js';
import { writeTestLog, type TestLog } from './log.js';


const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/buggy/${name}.ts`, import.meta.url));

let log: TestLog;
beforeAll(() => {
  log = writeTestLog();
});

function options(candidate: string, extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    reference: resolveEngineSpec('reference'),
    candidate: resolveEngineSpec(fixture(candidate)),
    logs: [log.file],
    jobs: 1,
    checkpointEvery: 25,
    checkpointBudget: 0,
    stopOnFirst: false,
    timeoutMs: 5_000,
    noise: false,
    ignore: [],
    tolerances: [],
    skipBad: false,
    inline: true,
    reproduceArgs: [],
    ...extra,
  };
}

function real(result: ReplayResult) {
  return result.divergences.filter((d) => d.disposition === 'divergence');
}

function expectAt(result: ReplayResult, records: number[], scope: string, kind?: string) {
  const found = real(result);
  expect(found.map((d) => d.docRecord)).toEqual(records);
  for (const d of found) {
    expect(d.doc).toBe('d1');
    expect(d.scope).toBe(scope);
    if (kind) expect(d.kind).toBe(kind);
    expect(d.n).toBe(log.d1.get(d.docRecord)!.n);
    expect(d.line).toBe(log.d1.get(d.docRecord)!.line);
    expect(d.log).toBe(log.file);
    expect(d.opType).toBe('CREATE_NODE');
    expect(d.reproduce).toContain('--doc d1');
  }
  const d1 = result.documents.find((o) => o.doc === 'd1')!;
  const d2 = result.documents.find((o) => o.doc === 'd2')!;
  expect(d2).toMatchObject({ status: 'ok', divergences: 0, records: 20 });
  return d1;
}

describe('replay over buggy engines', () => {
  it('a wrong prop value: messages, at the exact records, resynced in between', async () => {
    const result = await replay(options('wrong-prop'));
    const d1 = expectAt(result, [12, 40], 'messages', 'value');
    expect(d1).toMatchObject({ status: 'diverged', divergences: 2, resyncs: 2, records: 60 });
    expect(real(result)[0]!.path).toBe('messages["alice"][0].op.props.x');
    expect(result.totals.divergences).toBe(2);
  });

  it('a wrong to list: messages at the exact records', async () => {
    const result = await replay(options('wrong-to'));
    const d1 = expectAt(result, [12, 40], 'messages', 'missing');
    expect(real(result)[0]!.path).toBe('messages["alice"][0].to[1]');
    expect(d1.resyncs).toBe(2);
  });

  it('a missing node: found at a checkpoint, localized to the record that created it', async () => {
    const result = await replay(options('missing-node'));
    const d1 = expectAt(result, [12, 40], 'tree', 'missing');
    const [first, second] = real(result);
    expect(first!.detectedAt).toBe(25);
    expect(second!.detectedAt).toBe(50);
    expect(first!.differences.some((d) => d.path.includes('r12'))).toBe(true);
    expect(d1.resyncs).toBe(2);
  });

  it('a wrong child order: a tree divergence at the exact record', async () => {
    const result = await replay(options('wrong-order'));
    expectAt(result, [12, 40], 'tree', 'order');
  });

  it('a float drift of one ulp in bounds: only a checkpoint sees it, localized exactly', async () => {
    const result = await replay(options('float-drift'));
    expectAt(result, [12, 40], 'tree', 'value');
    const [first] = real(result);
    expect(first!.path).toBe('nodes["0:0"].bounds[2]');
    expect(first!.differences[0]!.drift?.ulps).toBe(1);
    expect(first!.detectedAt).toBe(25);
  });

  it('a float drift within a --tolerance is kept as accepted drift, not a divergence', async () => {
    const result = await replay(options('float-drift', { tolerances: [{ pattern: 'nodes.*.bounds[#]', ulps: 2 }] }));
    expect(real(result)).toEqual([]);
    expect(result.totals.byDisposition['float-drift']).toBeGreaterThan(0);
    expect(result.documents.find((o) => o.doc === 'd1')).toMatchObject({ status: 'ok', resyncs: 0 });
  });

  it('--ignore keeps and counts ignored differences without resyncing', async () => {
    const result = await replay(options('wrong-to', { ignore: ['messages.*[#].to[#]', 'messages.bob[#]'] }));
    expect(real(result)).toEqual([]);
    expect(result.totals.byDisposition.ignored).toBe(2);
    expect(result.divergences.every((d) => d.disposition === 'ignored')).toBe(true);
  });

  it('--noise: two references agree, so nothing is noise and nothing diverges', async () => {
    const result = await replay(options('wrong-prop', { candidate: resolveEngineSpec('reference'), noise: true }));
    expect(result.divergences).toEqual([]);
    expect(result.noise).toEqual({});
    expect(result.totals.records).toBe(80);
  });

  it('--noise: a path where two references differ is noise (counted per path); a real bug on another path still diverges', async () => {
    // Reference and candidate stamp every created node with a per-instance random `servedAt`;
    // the candidate also creates d1's records 12 and 40 with a wrong `x`.
    const noisy = { reference: resolveEngineSpec(fixture('noisy')), candidate: resolveEngineSpec(fixture('noisy-wrong-prop')) };
    const stamp = /^(messages\["[^"]+"\]\[\d+\]\.op|nodes\["[^"]+"\])\.props\.servedAt$|\.tree\.nodes\["[^"]+"\]\.props\.servedAt$/;

    const withNoise = await replay(options('wrong-prop', { ...noisy, noise: true }));
    expectAt(withNoise, [12, 40], 'messages', 'value');
    for (const d of real(withNoise)) {
      expect(d.path).toBe('messages["alice"][0].op.props.x');
      // The stamp differs in the same message (once per recipient), and is labelled noise there.
      const stamps = d.differences.filter((x) => stamp.test(x.path));
      expect(stamps.map((x) => x.path)).toEqual(['messages["alice"][0].op.props.servedAt', 'messages["bob"][0].op.props.servedAt']);
      expect(stamps.every((x) => x.disposition === 'noise')).toBe(true);
      expect(d.differences.filter((x) => x.disposition === 'divergence').map((x) => x.path)).toEqual(['messages["alice"][0].op.props.x', 'messages["bob"][0].op.props.x']);
    }
    const noise = withNoise.divergences.filter((d) => d.disposition === 'noise');
    expect(noise.length).toBeGreaterThan(0);
    expect(noise.every((d) => d.differences.every((x) => x.disposition === 'noise' && stamp.test(x.path)))).toBe(true);
    expect(new Set(noise.map((d) => d.scope))).toEqual(new Set(['messages', 'tree']));
    expect(withNoise.totals.byDisposition.noise).toBe(noise.length);
    // Counted per normalized path: only the stamp, in broadcasts and in trees.
    expect(Object.keys(withNoise.noise).sort()).toEqual(['messages[*][#].op.props.servedAt', 'nodes[*].props.servedAt']);
    expect(Object.values(withNoise.noise).every((n) => n > 0)).toBe(true);

    const without = await replay(options('wrong-prop', { ...noisy, noise: false }));
    expect(without.noise).toEqual({});
    expect(without.divergences.every((d) => d.disposition === 'divergence')).toBe(true);
    const all = without.divergences.flatMap((d) => d.differences);
    expect(all.some((x) => stamp.test(x.path) && x.disposition === 'divergence')).toBe(true);
    expect(all.some((x) => x.path === 'messages["alice"][0].op.props.x' && x.disposition === 'divergence')).toBe(true);
    // The clean document diverges too: nothing discounts the stamp.
    expect(without.documents.find((o) => o.doc === 'd2')!.divergences).toBeGreaterThan(0);
  });

  it('a throw: an engine divergence that ends the document, the next document goes on', async () => {
    const result = await replay(options('throw'));
    expectAt(result, [12], 'engine', 'engine-throw');
    const [d] = real(result);
    expect(d!.failedEngine).toBe('candidate');
    expect(d!.detail).toContain('deliberate throw');
    expect(result.documents.find((o) => o.doc === 'd1')!.status).toBe('failed');
  });

  // Child engines that fail at d1's record 12; the reference is the same child, never failing.
  const failingChild = (mode: string) =>
    resolveEngineSpec(`cmd:${joinCommandLine([process.execPath, fixture('failing-child').replace(/\.ts$/, '.mjs'), mode, 'd1', String(STRIKES[0])])}`);

  it('a crash: a child that exits early is an engine-exit at the exact record, with its stderr tail; the next document goes on', async () => {
    const result = await replay(options('throw', { reference: failingChild('clean'), candidate: failingChild('crash'), inline: false }));
    expectAt(result, [12], 'engine', 'engine-exit');
    const [d] = real(result);
    expect(d!.failedEngine).toBe('candidate');
    const at = log.d1.get(12)!;
    expect(d!.detail.startsWith(`candidate engine exit: record ${at.n} (${log.file}:${at.line}): the engine exited with code 3 before answering\n--- stderr tail ---\n`), d!.detail).toBe(true);
    expect(d!.detail).toContain('failing-child: serving d1 in mode crash');
    expect(d!.detail).toContain('fatal: cannot apply record 12 of d1');
    expect(d!.candidate).toMatchObject({ failure: 'exit' });
    expect(result.documents.find((o) => o.doc === 'd1')).toMatchObject({ status: 'failed', divergences: 1 });
    expect(result.totals.records).toBe(80);
  });

  it('garbage: a child that answers a line that is not JSON is an engine-garbage at the exact record, with its stderr tail', async () => {
    const result = await replay(options('throw', { reference: failingChild('clean'), candidate: failingChild('garbage'), inline: false }));
    expectAt(result, [12], 'engine', 'engine-garbage');
    const [d] = real(result);
    expect(d!.failedEngine).toBe('candidate');
    const at = log.d1.get(12)!;
    expect(d!.detail.startsWith(`candidate engine garbage: record ${at.n} (${log.file}:${at.line}): the engine wrote a line that is not JSON: "this is not json (record 12)"\n--- stderr tail ---\n`), d!.detail).toBe(true);
    expect(d!.detail).toContain('failing-child: serving d1 in mode garbage');
    expect(result.documents.find((o) => o.doc === 'd1')).toMatchObject({ status: 'failed', divergences: 1 });
    // The reference's answer at that record is kept beside the failure.
    expect(d!.reference).toEqual([]);
  });

  it('--stop-on-first stops the document at its first divergence', async () => {
    const result = await replay(options('wrong-prop', { stopOnFirst: true }));
    const d1 = expectAt(result, [12], 'messages');
    expect(d1).toMatchObject({ status: 'stopped', resyncs: 0 });
    expect(real(result)[0]!.reproduce).toContain('--stop-on-first');
  });

  it('a hang: the worker host times out, an engine-hang divergence, the run goes on', async () => {
    const result = await replay(options('hang', { inline: false, timeoutMs: 1_500 }));
    expectAt(result, [12], 'engine', 'engine-hang');
    expect(result.documents.find((o) => o.doc === 'd1')!.status).toBe('failed');
  });
});

describe('a state divergence first seen in a snapshot message', () => {
  it('is localized to the op that made the trees part, not the connect that showed it', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const file = `${root}corpora/scenarios/22-float-association.ndjson`;
    const result = await replay({
      ...options('throw'),
      candidate: resolveEngineSpec('mutant:float-assoc'),
      logs: [file],
      stopOnFirst: true,
    });
    const [d] = real(result);
    expect(d).toBeDefined();
    expect(d!.scope).toBe('tree');
    expect(d!.opType).not.toBe('connect');
    expect(d!.n).toBeLessThan(d!.detectedAt);
    expect(d!.path).toContain('bounds');
  });

  it('is accepted by the same tolerance pattern as the checkpoint tree; a non-matching pattern reports both', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const run = (pattern: string) =>
      replay({
        ...options('throw'),
        candidate: resolveEngineSpec('mutant:float-assoc'),
        logs: [`${root}corpora/scenarios/22-float-association.ndjson`],
        tolerances: [{ pattern, ulps: 4 }],
      });
    const accepted = await run('nodes.*.bounds[#]');
    expect(real(accepted)).toEqual([]);
    const drift = accepted.divergences.filter((d) => d.disposition === 'float-drift');
    // The snapshot message at the connect and the final checkpoint: both drift, both accepted.
    expect(drift.map((d) => [d.scope, d.opType])).toEqual([
      ['messages', 'connect'],
      ['tree', 'connect'],
    ]);
    expect(drift[0]!.path).toMatch(/^messages\["[^"]+"\]\[\d+\]\.tree\.nodes\["[^"]+"\]\.bounds\[\d\]$/);
    expect(drift[0]!.path.endsWith(drift[1]!.path)).toBe(true);
    expect(accepted.documents[0]).toMatchObject({ status: 'ok', resyncs: 0 });

    const refused = await run('nodes.*.props.x');
    const [d] = real(refused);
    expect(d).toMatchObject({ scope: 'tree', kind: 'value' });
    expect(d!.opType).not.toBe('connect');
    expect(d!.differences.some((x) => x.drift !== undefined && x.disposition === 'divergence')).toBe(true);
  });
});
