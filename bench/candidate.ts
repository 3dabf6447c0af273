/**
 * The candidate engine against the reference, in this process: records/s over each real trace
 * (corpora/real) and over a synthetic multi-client op mix (geometry, rotation, constraints,
 * frame resizes, creates/moves/deletes with lagging bases, periodic snapshots); heap retained
 * by one replayed document; and the candidate's children-list block size, down to a single
 * plain array, on the traces. Figures are ratios against the reference measured here.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import type { EngineInstance, EngineModule, LogRecord } from '../src/engine/protocol.js';
import candidate from '../engines/candidate/index.js';
import { createCandidate } from '../engines/candidate/engine.js';
import reference from '../engines/reference/index.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const TRACES = ['clownschool_flat', 'automerge-paper', 'seph-blog1'];

function readTrace(name: string): LogRecord[] {
  const url = new URL(`../../corpora/real/${name}.ndjson.gz`, import.meta.url);
  const text = gunzipSync(readFileSync(url)).toString('utf8');
  const out: LogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as LogRecord;
    if (typeof r.doc === 'string') out.push(r);
  }
  return out;
}

interface Run {
  ms: number;
  heap: number;
  snapshotMs: number;
}

function usedAfterGc(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Engines kept alive while their heap is measured (so the GC cannot take them early). */
const keep: EngineInstance[] = [];

/** Best of `reps` replays; heap retained by one replayed instance, measured after a full GC. */
function replay(engine: EngineModule, records: readonly LogRecord[], reps: number): Run {
  let best = Infinity;
  let snapshotMs = 0;
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    const e: EngineInstance = engine.create(records[0].doc);
    for (const r of records) e.handle(r);
    best = Math.min(best, performance.now() - start);
    const s0 = performance.now();
    e.snapshot();
    snapshotMs = performance.now() - s0;
    e.close?.();
  }
  // Retained heap = used with the instance alive minus used once it is dropped (both after full
  // GCs), which does not depend on garbage left over from earlier runs. Typed arrays count too.
  const e = engine.create(records[0].doc);
  for (const r of records) e.handle(r);
  keep.push(e);
  const alive = usedAfterGc();
  keep.length = 0;
  const heap = alive - usedAfterGc();
  return { ms: best, heap, snapshotMs };
}

/** A deterministic multi-client op mix, made against a live engine so bases are real. */
function synthetic(count: number): LogRecord[] {
  let rng = 0x2545f491;
  const rand = (n: number): number => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng % n;
  };
  const doc = 'synthetic';
  const clients = ['c0', 'c1', 'c2', 'c3', 'c4'];
  const cseq = new Map<string, number>();
  const live = candidate.create(doc);
  const out: LogRecord[] = [];
  let seq = 0;
  const send = (client: string, op: unknown, lag: number): void => {
    const n = (cseq.get(client) ?? 0) + 1;
    cseq.set(client, n);
    const r: LogRecord = { doc, kind: 'op', client, cseq: n, op };
    if (lag >= 0) r.base = Math.max(0, seq - lag);
    out.push(r);
    for (const m of live.handle(r)) if (m.kind === 'op') seq = m.seq as number;
  };
  for (const client of clients) {
    const r: LogRecord = { doc, kind: 'connect', client };
    out.push(r);
    live.handle(r);
  }
  const containers: string[] = [];
  const leaves: string[] = [];
  for (let p = 0; p < 2; p++) {
    send('c0', { type: 'CREATE_NODE', id: `p${p}`, parent: '0:0', index: p, nodeType: 'PAGE' }, -1);
    for (let f = 0; f < 10; f++) {
      const id = `f${p}.${f}`;
      const parent = f > 0 && f % 3 === 0 ? `f${p}.${f - 1}` : `p${p}`;
      send('c0', { type: 'CREATE_NODE', id, parent, index: 0, nodeType: 'FRAME', props: { x: f * 10, y: f * 5, width: 400, height: 300, constraints: { h: 'SCALE', v: 'STRETCH' } } }, -1);
      containers.push(id);
    }
  }
  const constraintNames = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'];
  let made = 0;
  while (out.length < count) {
    const client = clients[rand(clients.length)];
    const lag = rand(4) === 0 ? -1 : rand(12);
    const roll = rand(100);
    if (roll < 22 || leaves.length < 50) {
      const id = `${client}:${made++}`;
      const parent = containers[rand(containers.length)];
      send(client, {
        type: 'CREATE_NODE', id, parent, index: rand(40), nodeType: rand(2) === 0 ? 'RECTANGLE' : 'ELLIPSE',
        props: { x: rand(1000) / 4, y: rand(800) / 4, width: 1 + rand(100), height: 1 + rand(100), rotation: rand(3) === 0 ? rand(360) : 0, fill: '#ff0000', constraints: { h: constraintNames[rand(5)], v: constraintNames[rand(5)] } },
      }, lag);
      leaves.push(id);
    } else if (roll < 62) {
      const prop = ['x', 'y', 'width', 'height', 'rotation'][rand(5)];
      send(client, { type: 'SET_PROPERTY', node: leaves[rand(leaves.length)], prop, value: rand(100_000) / 7 }, lag);
    } else if (roll < 72) {
      send(client, { type: 'SET_PROPERTY', node: leaves[rand(leaves.length)], prop: rand(2) === 0 ? 'name' : 'style', value: rand(2) === 0 ? `n${rand(1000)}` : { fill: [rand(255), rand(255), rand(255)], opacity: rand(100) / 100 } }, lag);
    } else if (roll < 77) {
      send(client, { type: 'SET_PROPERTY', node: containers[rand(containers.length)], prop: rand(2) === 0 ? 'width' : 'height', value: 100 + rand(500) }, lag);
    } else if (roll < 89) {
      send(client, { type: 'MOVE_NODE', node: leaves[rand(leaves.length)], parent: containers[rand(containers.length)], index: rand(40) }, lag);
    } else if (roll < 97) {
      const i = rand(leaves.length);
      send(client, { type: 'DELETE_NODE', node: leaves[i] }, lag);
      leaves[i] = leaves[leaves.length - 1];
      leaves.pop();
    } else {
      const r: LogRecord = { doc, kind: 'connect', client }; // a reconnect: one snapshot
      out.push(r);
      live.handle(r);
    }
  }
  return out;
}

function kb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function row(label: string, records: number, ref: Run, cand: Run): void {
  const rate = (r: Run) => Math.round(records / (r.ms / 1000)).toLocaleString('en-US');
  console.log(
    `${label.padEnd(18)} ${String(records).padStart(8)} records | reference ${rate(ref).padStart(10)}/s | candidate ${rate(cand).padStart(10)}/s | ` +
      `speed x${(ref.ms / cand.ms).toFixed(2)} | heap ${kb(ref.heap)} vs ${kb(cand.heap)} (${Math.round((100 * (ref.heap - cand.heap)) / ref.heap)}% less) | ` +
      `snapshot ${ref.snapshotMs.toFixed(0)} vs ${cand.snapshotMs.toFixed(0)} ms`,
  );
}

export async function run(): Promise<void> {
  const reps = Number(process.env.PARITY_BENCH_REPS ?? 3);
  console.log(`best of ${reps}; heap = retained by one replayed document (alive minus dropped, after full GCs; noisy, a rough figure)`);
  for (const name of TRACES) {
    const records = readTrace(name);
    row(name, records.length, replay(reference, records, reps), replay(candidate, records, reps));
  }
  const mix = synthetic(Number(process.env.PARITY_BENCH_SYNTHETIC ?? 100_000));
  row('synthetic mix', mix.length, replay(reference, mix, reps), replay(candidate, mix, reps));

  console.log('\ncandidate children-list block size (ms per trace, best of reps; "plain" = one growing array)');
  for (const name of TRACES) {
    const records = readTrace(name);
    const cells = [64, 256, 1024, 2 ** 30].map((maxBlock) => {
      const ms = replay(createCandidate({}, { maxBlock }), records, reps).ms;
      return `${maxBlock === 2 ** 30 ? 'plain' : maxBlock}: ${ms.toFixed(0)}`;
    });
    console.log(`${name.padEnd(18)} ${cells.join(' | ')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
