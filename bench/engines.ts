/**
 * Each engine alone over generated workloads (big-doc, hot-doc): ops/s (the sum of op
 * records' own times), per-op latency, load time and the memory a document holds, with
 * candidate/reference ratios; then the candidate through the child door (pipelined NDJSON). The engines are
 * loaded from dist/ at run time (src/ never imports engines/), and skipped if not built.
 * Sizes are smaller than the profiles' defaults so the whole bench stays a few minutes;
 * PARITY_BENCH_SCALE multiplies them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateProfile, type ProfileName, type ProfileOptions } from '../src/generate/index.js';
import { otherDoor, openHost, resolveEngineSpec, type EngineModule, type LogRecord } from '../src/engine/index.js';

const SCALE = Number(process.env.PARITY_BENCH_SCALE ?? 1);
const WORKLOADS: Array<{ profile: ProfileName; opts: ProfileOptions }> = [
  { profile: 'big-doc', opts: { seed: 1, nodes: Math.round(10_000 * SCALE), ops: Math.round(20_000 * SCALE), clients: 50 } },
  { profile: 'hot-doc', opts: { seed: 1, ops: Math.round(10_000 * SCALE), clients: 5_000 } },
];
const ENGINES = ['reference', 'candidate'] as const;

/** A forced GC: global.gc under --expose-gc, else the flag is set at run time and gc fetched from a fresh context. */
function gcFunction(): { gc: () => void; how: string } {
  if (typeof globalThis.gc === 'function') return { gc: globalThis.gc as () => void, how: 'heap used after global.gc() (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    return { gc, how: 'heap used after a forced GC (gc exposed at run time via v8.setFlagsFromString)' };
  } catch {
    return { gc: () => undefined, how: 'heap used delta WITHOUT a forced GC (noisy: run with --expose-gc)' };
  }
}

interface Result {
  records: number;
  ops: number;
  /** Time spent in op records only: a big load is reported apart. */
  seconds: number;
  loadMs: number;
  p50: number;
  p99: number;
  max: number;
  heapBytes: number;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function stats(lat: number[], records: number, loadNs: number, heapBytes: number): Result {
  const sorted = Float64Array.from(lat).sort();
  const opNs = lat.reduce((a, b) => a + b, 0);
  return { records, ops: lat.length, seconds: opNs / 1e9, loadMs: loadNs / 1e6, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0, heapBytes };
}

/** Module door, in this thread: each record timed alone; the document's heap measured after a GC. */
function runModule(engine: EngineModule, lines: string[], gc: () => void): Result {
  const records = lines.map((l) => JSON.parse(l) as LogRecord);
  const docs = new Map<string, ReturnType<EngineModule['create']>>();
  gc();
  const before = process.memoryUsage().heapUsed;
  const lat: number[] = [];
  let load = 0;
  for (const r of records) {
    const t0 = process.hrtime.bigint();
    let inst = docs.get(r.doc);
    if (inst === undefined) docs.set(r.doc, (inst = engine.create(r.doc)));
    inst.handle(r);
    const ns = Number(process.hrtime.bigint() - t0);
    if (r.kind === 'op') lat.push(ns);
    else if (r.kind === 'load') load += ns;
  }
  // The records were parsed before `before`, and stay alive until after the second reading,
  // so the delta is what the engine's documents hold (plus the small latency array).
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  records.length = 0;
  for (const inst of docs.values()) inst.close?.();
  return stats(lat, lines.length, load, heap);
}

/** Child door: pipelined batches through the engine's NDJSON entry; latency is the engine's per-record ns as observed. */
async function runChild(name: string, lines: string[]): Promise<Result | string> {
  const host = await openHost(otherDoor(resolveEngineSpec(name)), { timeoutMs: 60_000 });
  try {
    const byDoc = new Map<string, string[]>();
    for (const l of lines) {
      const doc = (JSON.parse(l) as LogRecord).doc;
      let list = byDoc.get(doc);
      if (list === undefined) byDoc.set(doc, (list = []));
      list.push(l);
    }
    const lat: number[] = [];
    let load = 0;
    const t0 = process.hrtime.bigint();
    for (const [doc, list] of byDoc) {
      for (let i = 0; i < list.length; i += 500) {
        const batch = list.slice(i, i + 500);
        const answers = await host.handle(doc, batch);
        for (let k = 0; k < answers.length; k++) {
          const o = answers[k]!;
          if (!o.ok) return `failed: ${o.failure.kind} ${o.failure.message}`;
          if (batch[k]!.includes('"kind":"load"')) load += o.ns;
          else if (batch[k]!.includes('"kind":"op"')) lat.push(o.ns);
        }
      }
      await host.closeDoc(doc);
    }
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    // Pipelined: throughput is every record over wall time, not the sum of latencies.
    return { ...stats(lat, lines.length, load, host.peakMemory()), ops: lines.length, seconds: wall };
  } finally {
    await host.dispose();
  }
}

const us = (ns: number): string => `${(ns / 1000).toFixed(1)}µs`;
const mb = (b: number): string => `${(b / 1048576).toFixed(1)} MB`;

function line(label: string, r: Result, memLabel: string, rate = 'ops/s'): string {
  return `  ${label.padEnd(22)} ${String(Math.round(r.ops / r.seconds)).padStart(8)} ${rate}  op latency p50 ${us(r.p50)} p99 ${us(r.p99)} max ${us(r.max)}  load ${r.loadMs.toFixed(0)} ms  ${memLabel} ${mb(r.heapBytes)}`;
}

async function loadEngine(name: string): Promise<EngineModule | string> {
  // From dist/ the engine is compiled JavaScript; run from source (tsx) it is TypeScript.
  const js = new URL(`../engines/${name}/index.js`, import.meta.url);
  const ts = new URL(`../engines/${name}/index.ts`, import.meta.url);
  const url = existsSync(fileURLToPath(js)) ? js : ts;
  if (!existsSync(fileURLToPath(url))) return `not built (no ${fileURLToPath(js)})`;
  try {
    return ((await import(url.href)) as { default: EngineModule }).default;
  } catch (err) {
    return `failed to load: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export async function run(): Promise<void> {
  const { gc, how } = gcFunction();
  console.log(`memory: ${how}; child door: peak RSS of the child as the host measured it`);
  const engines = new Map<string, EngineModule>();
  for (const name of ENGINES) {
    const e = await loadEngine(name);
    if (typeof e === 'string') console.log(`  ${name}: skipped, ${e}`);
    else engines.set(name, e);
  }
  for (const { profile, opts } of WORKLOADS) {
    const lines = [...generateProfile(profile, opts)].map((r) => JSON.stringify(r));
    const ops = lines.filter((l) => l.includes('"kind":"op"')).length;
    console.log(`\n${profile}: ${JSON.stringify(opts)} -> ${lines.length} records (${ops} ops)`);
    const results = new Map<string, Result>();
    for (const [name, engine] of engines) {
      const r = runModule(engine, lines, gc);
      results.set(name, r);
      console.log(line(`${name} (module)`, r, 'document heap'));
    }
    const ref = results.get('reference');
    const cand = results.get('candidate');
    if (ref !== undefined && cand !== undefined) {
      const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `x${(a / b).toFixed(2)}`);
      console.log(`  candidate/reference: throughput ${ratio(ref.seconds, cand.seconds)}, load ${ratio(cand.loadMs, ref.loadMs)}, p50 ${ratio(cand.p50, ref.p50)}, p99 ${ratio(cand.p99, ref.p99)}, max ${ratio(cand.max, ref.max)}, heap ${ratio(cand.heapBytes, ref.heapBytes)}`);
    }
    if (engines.has('candidate')) {
      const child = await runChild('candidate', lines).catch((err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`);
      if (typeof child === 'string') console.log(`  candidate (child door): ${child}`);
      else {
        console.log(line('candidate (child door)', child, 'peak RSS', 'records/s (wall, all records)'));
      }
    }
  }
}
