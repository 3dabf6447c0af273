/**
 * The worker thread of the module door: hosts one engine module, one instance per document,
 * and answers the host's requests in arrival order (see worker-channel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { EngineInstance, EngineModule } from './protocol.js';
import { loadEngineModule } from './load-module.js';
import { closeInstance, createInstance, handleLine, snapshotOf, type CallOutcome } from './invoke.js';
import { CTL, RECOVERY_ENTRY_HEADER, RECOVERY_MAX, type WireFailure, type WorkerInit, type WorkerReply, type WorkerRequest } from './worker-channel.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const ctl = new Int32Array(init.control);
// Growable SharedArrayBuffer (ES2024, in Node 20); the project's lib is ES2023, hence the cast.
const recovery = init.recovery as SharedArrayBuffer & { grow(n: number): void };
let buf = Buffer.from(recovery);
let view = new DataView(recovery);

const instances = new Map<string, EngineInstance>();

function post(reply: WorkerReply): void {
  port.postMessage(reply);
}

function begin(id: number, index: number): void {
  Atomics.store(ctl, CTL.request, id);
  Atomics.store(ctl, CTL.index, index);
  Atomics.store(ctl, CTL.busy, 1);
  Atomics.add(ctl, CTL.ticks, 1);
}

function end(): void {
  Atomics.store(ctl, CTL.busy, 0);
  Atomics.add(ctl, CTL.ticks, 1);
}

function resetRecovery(): void {
  Atomics.store(ctl, CTL.written, 0);
  Atomics.store(ctl, CTL.bytes, 0);
  Atomics.store(ctl, CTL.overflow, 0);
}

/** Copies one answer into the shared buffer before the next record starts. */
function remember(text: string, ns: number): void {
  if (Atomics.load(ctl, CTL.overflow) === 1) return;
  const at = Atomics.load(ctl, CTL.bytes);
  const worst = at + RECOVERY_ENTRY_HEADER + text.length * 3;
  if (worst > recovery.byteLength) {
    try {
      recovery.grow(Math.min(RECOVERY_MAX, Math.max(worst, recovery.byteLength * 2)));
      buf = Buffer.from(recovery);
      view = new DataView(recovery);
    } catch {
      Atomics.store(ctl, CTL.overflow, 1);
      return;
    }
    if (worst > recovery.byteLength) {
      Atomics.store(ctl, CTL.overflow, 1);
      return;
    }
  }
  const len = buf.write(text, at + RECOVERY_ENTRY_HEADER, 'utf8');
  view.setFloat64(at, ns);
  view.setUint32(at + 8, len);
  Atomics.store(ctl, CTL.bytes, at + RECOVERY_ENTRY_HEADER + len);
  Atomics.add(ctl, CTL.written, 1);
}

function wire(o: CallOutcome & { ok: false }, index: number): WireFailure {
  return { kind: o.kind === 'garbage' ? 'garbage' : 'throw', message: o.message, detail: o.detail, index };
}

function heap(): number {
  return getHeapStatistics().used_heap_size;
}

type Found = { ok: true; instance: EngineInstance } | { ok: false; failure: WireFailure };

function instanceFor(doc: string, module: EngineModule): Found {
  const have = instances.get(doc);
  if (have) return { ok: true, instance: have };
  const made = createInstance(module, doc);
  if (!made.ok) return { ok: false, failure: wire(made, 0) };
  instances.set(doc, made.instance);
  return made;
}

function onHandle(module: EngineModule, req: { id: number; doc: string; lines: readonly string[] }): void {
  resetRecovery();
  const texts: string[] = [];
  const ns: number[] = [];
  begin(req.id, 0);
  const found = instanceFor(req.doc, module);
  end();
  if (!found.ok) {
    post({ type: 'result', id: req.id, texts, ns: [0], failure: found.failure, heap: heap() });
    return;
  }
  const inst = found.instance;
  for (let i = 0; i < req.lines.length; i++) {
    begin(req.id, i);
    const t0 = process.hrtime.bigint();
    const o = handleLine(inst, req.lines[i]!);
    const took = Number(process.hrtime.bigint() - t0);
    end();
    if (!o.ok) {
      instances.delete(req.doc);
      ns.push(took);
      post({ type: 'result', id: req.id, texts, ns, failure: wire(o, i), heap: heap() });
      return;
    }
    texts.push(o.text);
    ns.push(took);
    remember(o.text, took);
  }
  post({ type: 'result', id: req.id, texts, ns, heap: heap() });
}

function onSnapshot(module: EngineModule, req: { id: number; doc: string }): void {
  resetRecovery();
  begin(req.id, -1);
  const found = instanceFor(req.doc, module);
  if (!found.ok) {
    end();
    post({ type: 'result', id: req.id, texts: [], ns: [0], failure: { ...found.failure, index: -1 }, heap: heap() });
    return;
  }
  const inst = found.instance;
  const t0 = process.hrtime.bigint();
  const o = snapshotOf(inst);
  const took = Number(process.hrtime.bigint() - t0);
  end();
  if (o.ok) post({ type: 'result', id: req.id, texts: [o.text], ns: [took], heap: heap() });
  else {
    instances.delete(req.doc);
    post({ type: 'result', id: req.id, texts: [], ns: [took], failure: wire(o, -1), heap: heap() });
  }
}

function onClose(req: { id: number; doc: string }): void {
  resetRecovery();
  const inst = instances.get(req.doc);
  instances.delete(req.doc);
  begin(req.id, -1);
  const o = inst ? closeInstance(inst) : undefined;
  end();
  post({ type: 'result', id: req.id, texts: [], ns: [], failure: o && !o.ok ? wire(o, -1) : undefined, heap: heap() });
}

try {
  const module = await loadEngineModule(init.modulePath);
  port.on('message', (req: WorkerRequest) => {
    if (req.op === 'handle') onHandle(module, req);
    else if (req.op === 'snapshot') onSnapshot(module, req);
    else onClose(req);
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'load-error', message: err instanceof Error ? err.message : String(err) });
}
