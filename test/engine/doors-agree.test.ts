/**
 * One engine, two doors, the same answers: every bundled engine through the module door (a
 * worker) and through the child door (its main entry, and the generic serve-module entry) on
 * every scenario log, compared text for text, final snapshots included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutantNames, openHost, otherDoor, resolveEngineSpec, type EngineHost, type EngineSpec } from '../../src/engine/index.js';
import { generateProfile, type ProfileName, type ProfileOptions } from '../../src/generate/index.js';
import { linesByDoc, memoryLogger, nodeCmd, observeLog, repoFile, tsxCmd } from './helpers.js';

const scenarioDir = repoFile('corpora/scenarios');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.ndjson')).sort();
const opts = { timeoutMs: 30_000, stderrLines: 20, logger: memoryLogger().logger };

/** Child starts through tsx dominate this test: a few scenarios at a time keep both cores busy. */
const PARALLEL = 3;
// Each child door document starts a node+tsx process; on a loaded 2-core machine that is slow.
const SLOW = 240_000;

async function observeAll(host: EngineHost): Promise<Record<string, Record<string, string[]>>> {
  const out: Record<string, Record<string, string[]>> = {};
  const queue = [...scenarios];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      // Scenarios reuse document ids; running several at once, each needs its own host-side key.
      const docs = [...linesByDoc(readFileSync(`${scenarioDir}/${file}`, 'utf8'))].map(([doc, lines]) => [`${file}/${doc}`, lines] as const);
      out[file] = await observeLog(host, new Map(docs));
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await host.dispose();
  }
  return out;
}

describe('both doors give identical results', () => {
  it('has scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const engine of ['reference', 'candidate']) {
    it(`${engine}: worker module door = child door (main.ts) on every scenario`, async () => {
      const viaWorker = await observeAll(await openHost(resolveEngineSpec(engine), opts));
      const viaChild = await observeAll(await openHost(resolveEngineSpec(tsxCmd(repoFile(`engines/${engine}/main.ts`))), opts));
      expect(Object.keys(viaWorker).sort()).toEqual(scenarios);
      for (const file of scenarios) expect(viaChild[file], file).toEqual(viaWorker[file]);
      // Not vacuous: engines answered, they did not fail the same way twice.
      const all = Object.values(viaWorker).flatMap((docs) => Object.values(docs).flat());
      expect(all.filter((t) => t.startsWith('FAILED'))).toEqual([]);
    }, SLOW);
  }

  it('reference: inline module door = generic serve-module child door (otherDoor)', async () => {
    const spec = resolveEngineSpec('reference');
    const child = otherDoor(spec);
    expect(child.door).toBe('child');
    expect(otherDoor(child)).toBe(child);
    const some = scenarios.slice(0, 4);
    for (const file of some) {
      const docs = linesByDoc(readFileSync(`${scenarioDir}/${file}`, 'utf8'));
      const inline = await openHost(spec, { ...opts, inline: true });
      const served = await openHost(child, opts);
      try {
        expect(await observeLog(served, docs), file).toEqual(await observeLog(inline, docs));
      } finally {
        await Promise.all([inline.dispose(), served.dispose()]);
      }
    }
  }, SLOW);
});

/*
 * Generated workloads (small sizes, fixed seeds): long documents, hot documents and many small
 * ones reach states the scenarios do not (deep trees, many clients, conflicting ops), and every
 * document is read back three times, so intermediate snapshots are compared too.
 */
const PROFILES: Array<[ProfileName, ProfileOptions]> = [
  ['big-doc', { seed: 21, nodes: 300, ops: 600, clients: 6 }],
  ['hot-doc', { seed: 22, nodes: 30, ops: 600, clients: 20 }],
  ['many-docs', { seed: 23, docs: 2, ops: 400, clients: 3, nodes: 15 }],
];

function profileLines(name: ProfileName, o: ProfileOptions): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  for (const r of generateProfile(name, o)) {
    let list = docs.get(r.doc);
    if (!list) docs.set(r.doc, (list = []));
    list.push(JSON.stringify(r));
  }
  return docs;
}

/** Every answer text of every document, with a snapshot after each third of it (failures as text). */
async function observeThirds(host: EngineHost, docs: Map<string, string[]>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  try {
    await Promise.all(
      [...docs].map(async ([doc, lines]) => {
        const obs = [];
        const third = Math.ceil(lines.length / 3);
        for (let i = 0; i < lines.length; i += third) obs.push(...(await host.handle(doc, lines.slice(i, i + third))), await host.snapshot(doc));
        out[doc] = obs.map((o) => (o.ok ? o.text : `FAILED ${o.failure.kind}: ${o.failure.message}`));
        await host.closeDoc(doc);
      }),
    );
  } finally {
    await host.dispose();
  }
  return out;
}

/** A mutant's own child entry (engines/mutants/<name>/main.ts). */
function mutantChild(name: string): EngineSpec {
  return resolveEngineSpec(tsxCmd(repoFile(`engines/mutants/${name}/main.ts`)));
}

describe('every mutant has a child entry that answers like its module', () => {
  // A few scenarios that reach each mutant's bug (transform ties, retransmits, corners,
  // constraints, deletes, LWW, odd values); every scenario for every mutant would take minutes.
  const picked = ['02-same-index-with-base.ndjson', '07-nested-constraints.ndjson', '09-retransmit-after-reconnect.ndjson', '22-float-association.ndjson', '23-odd-values.ndjson'];
  const mutants = mutantNames();
  it('finds the bundled mutants', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(8);
    for (const m of mutants) expect(existsSync(repoFile(`engines/mutants/${m}/main.ts`)), m).toBe(true);
  });
  for (const name of mutants) {
    it(`mutant:${name}: module door = its main.ts child door`, async () => {
      const docs = new Map(picked.flatMap((file) => [...linesByDoc(readFileSync(`${scenarioDir}/${file}`, 'utf8'))].map(([doc, lines]) => [`${file}/${doc}`, lines] as const)));
      const hosts = await Promise.all([openHost(resolveEngineSpec(`mutant:${name}`), opts), openHost(mutantChild(name), opts)]);
      let viaModule: Record<string, string[]>;
      let viaChild: Record<string, string[]>;
      try {
        [viaModule, viaChild] = await Promise.all(hosts.map((h) => observeLog(h, docs)));
      } finally {
        await Promise.all(hosts.map((h) => h.dispose()));
      }
      expect(Object.keys(viaChild).sort()).toEqual([...docs.keys()].sort());
      // A throw in the module is the child process dying on the same record: the failure kind
      // differs by door (throw / exit), the place must not.
      const crash = (texts: string[]) => texts.map((t) => t.replace(/^FAILED (?:throw|exit): (?:document already failed: )?(batch item \d+).*$/s, 'FAILED at $1'));
      for (const doc of docs.keys()) expect(crash(viaChild[doc]!), doc).toEqual(crash(viaModule[doc]!));
    }, SLOW);
  }
});

describe('both doors give identical results on generated logs', () => {
  const engines: Array<[string, () => EngineSpec]> = [
    ['candidate', () => resolveEngineSpec(tsxCmd(repoFile('engines/candidate/main.ts')))],
    ['mutant:ztie', () => mutantChild('ztie')],
  ];
  for (const [engine, child] of engines) {
    it(`${engine}: module door = child door on big-doc, hot-doc and many-docs`, async () => {
      const logs = PROFILES.map(([name, o]) => [name, profileLines(name, o)] as const);
      const all = new Map(logs.flatMap(([name, docs]) => [...docs].map(([doc, lines]) => [`${name}/${doc}`, lines] as const)));
      expect(all.size).toBe(2 + PROFILES[2]![1].docs!);
      const [viaWorker, viaChild] = await Promise.all([observeThirds(await openHost(resolveEngineSpec(engine), opts), all), observeThirds(await openHost(child(), opts), all)]);
      for (const key of all.keys()) expect(viaChild[key], key).toEqual(viaWorker[key]);
      const texts = Object.values(viaWorker).flat();
      // Not vacuous: every record answered and three trees per document, no failures.
      expect(texts.length).toBe([...all.values()].reduce((n, lines) => n + lines.length + 3, 0));
      expect(texts.filter((t) => t.startsWith('FAILED'))).toEqual([]);
      expect(texts.filter((t) => t.startsWith('{')).length).toBe(all.size * 3);
    }, SLOW);
  }
});
