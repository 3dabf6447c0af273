/**
 * The module door: the engine module runs in its own worker thread, so a reference and a
 * candidate run in parallel on two cores and a synchronous infinite loop can be stopped (by
 * terminating the worker: nothing else can). After a hang or crash a fresh worker serves new
 * documents; documents that lived in the old one are dead.
 */
import { Worker } from 'node:worker_threads';
import { UsageError } from '../cli/exit.js';
import type { Logger } from '../log.js';
import type { EngineFailure, EngineHost, HostOptions, Observation } from './types.js';
import { callName, failure, repeatFailure } from './failure.js';
import { fromSource } from './spec.js';
import { LineTail } from './tail.js';
import { tsxApiUrl } from './tsx.js';
import {
  CTL, RECOVERY_ENTRY_HEADER, RECOVERY_INITIAL, RECOVERY_MAX,
  type WorkerInit, type WorkerReply, type WorkerRequest,
} from './worker-channel.js';

/** The least time a worker gets to load its module (tsx compiling a large engine on a busy machine). */
const LOAD_TIMEOUT_MS = 60_000;

interface Pending {
  id: number;
  op: WorkerRequest['op'];
  doc: string;
  resolve(obs: Observation[]): void;
}

interface Hang {
  id: number;
  doc: string;
  index: number;
  ns: number;
  recovered: Observation[];
}

function spawnWorker(init: WorkerInit): Worker {
  const ext = fromSource ? '.ts' : '.js';
  const entry = new URL(`./worker-entry${ext}`, import.meta.url);
  const options = { workerData: init, stdout: true, stderr: true };
  if (!fromSource) return new Worker(entry, options);
  // From sources the entry is TypeScript: register tsx inside the worker first (execArgv
  // `--import tsx` does not reach a worker's own entry on Node 20).
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** One worker thread and the documents it holds. */
class Generation {
  readonly worker: Worker;
  readonly control = new SharedArrayBuffer(CTL.size * 4);
  readonly ctl = new Int32Array(this.control);
  readonly recovery: SharedArrayBuffer;
  readonly pending = new Map<number, Pending>();
  readonly docs = new Set<string>();
  readonly output: LineTail;
  ready: Promise<void>;
  alive = true;
  hang: Hang | null = null;
  error: Error | null = null;
  loadTimedOut: string | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastTicks = -1;
  private lastChange = 0;

  constructor(modulePath: string, tailLines: number, private readonly timeoutMs: number, private readonly onHang: (g: Generation) => void) {
    const Growable = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer;
    this.recovery = new Growable(RECOVERY_INITIAL, { maxByteLength: RECOVERY_MAX });
    this.output = new LineTail(tailLines);
    this.worker = spawnWorker({ modulePath, control: this.control, recovery: this.recovery });
    // An engine's console output must not mix into parity's stdout: keep it as a tail.
    this.worker.stdout.setEncoding('utf8').on('data', (c: string) => this.output.push(c));
    this.worker.stderr.setEncoding('utf8').on('data', (c: string) => this.output.push(c));
    // Loading is not engine work the watchdog sees; a module whose top level never returns
    // would otherwise leave every call waiting forever.
    const loadMs = Math.max(LOAD_TIMEOUT_MS, timeoutMs);
    const loadTimer = setTimeout(() => {
      this.loadTimedOut = `the engine module did not finish loading within ${loadMs} ms`;
      void this.worker.terminate();
    }, loadMs);
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: WorkerReply): void => {
        if (m.type !== 'result') clearTimeout(loadTimer);
        if (m.type === 'ready') resolve();
        else if (m.type === 'load-error') reject(new UsageError(m.message));
        if (m.type !== 'result') this.worker.off('message', onMessage);
      };
      this.worker.on('message', onMessage);
      this.worker.once('exit', (code) => {
        clearTimeout(loadTimer);
        const why = this.loadTimedOut ?? `exited with code ${code} before it was ready: ${this.error?.message ?? this.output.text()}`;
        reject(new UsageError(`engine worker for ${modulePath}: ${why}`));
      });
    });
    this.ready.catch(() => undefined);
    this.worker.on('error', (err) => {
      this.error = err;
    });
  }

  post(req: WorkerRequest, pending: Pending): void {
    this.pending.set(req.id, pending);
    this.worker.postMessage(req);
    this.arm();
  }

  settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.disarm();
    return p;
  }

  /** Samples the worker's tick counter; silence inside engine code past the timeout is a hang. */
  private arm(): void {
    if (this.watchdog || !this.alive) return;
    this.lastTicks = Atomics.load(this.ctl, CTL.ticks);
    this.lastChange = performance.now();
    const period = Math.min(500, Math.max(5, this.timeoutMs / 10));
    this.watchdog = setInterval(() => {
      const ticks = Atomics.load(this.ctl, CTL.ticks);
      const now = performance.now();
      if (ticks !== this.lastTicks) {
        this.lastTicks = ticks;
        this.lastChange = now;
      } else if (Atomics.load(this.ctl, CTL.busy) === 1 && now - this.lastChange >= this.timeoutMs) {
        this.disarm();
        this.declareHang(Math.round((now - this.lastChange) * 1e6));
      }
    }, period);
  }

  private disarm(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private declareHang(ns: number): void {
    const id = Atomics.load(this.ctl, CTL.request);
    const index = Atomics.load(this.ctl, CTL.index);
    const doc = this.pending.get(id)?.doc ?? '?';
    this.hang = { id, doc, index, ns, recovered: this.recover(id) };
    this.onHang(this);
    // Messages posted before the kill are still delivered: Node drains the port before 'exit'.
    void this.worker.terminate();
  }

  /** The answers the worker had produced for request `id` before it stopped. */
  recover(id: number): Observation[] {
    if (Atomics.load(this.ctl, CTL.request) !== id || Atomics.load(this.ctl, CTL.overflow) === 1) return [];
    const count = Atomics.load(this.ctl, CTL.written);
    const buf = Buffer.from(this.recovery);
    const view = new DataView(this.recovery);
    const out: Observation[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      const ns = view.getFloat64(at);
      const len = view.getUint32(at + 8);
      out.push({ ok: true, text: buf.toString('utf8', at + RECOVERY_ENTRY_HEADER, at + RECOVERY_ENTRY_HEADER + len), ns });
      at += RECOVERY_ENTRY_HEADER + len;
    }
    return out;
  }

  stop(): void {
    this.alive = false;
    this.disarm();
  }
}

export class WorkerHost implements EngineHost {
  readonly label: string;
  private current: Generation | null = null;
  private readonly docs = new Map<string, { gen: Generation } | { dead: EngineFailure }>();
  private nextId = 1;
  private peak = 0;
  private disposed = false;

  constructor(private readonly modulePath: string, label: string, private readonly opts: HostOptions, private readonly log?: Logger) {
    this.label = label;
  }

  /** Starts the first worker and waits until the module has loaded (a bad module is a UsageError). */
  async start(): Promise<void> {
    const gen = this.generation();
    try {
      await gen.ready;
    } catch (err) {
      await gen.worker.terminate();
      throw err;
    }
  }

  private generation(): Generation {
    if (this.current?.alive) return this.current;
    const gen = new Generation(this.modulePath, this.opts.stderrLines, this.opts.timeoutMs, (g) => this.retire(g));
    gen.worker.on('message', (m: WorkerReply) => this.onReply(gen, m));
    gen.worker.once('exit', (code) => this.onExit(gen, code));
    this.current = gen;
    return gen;
  }

  /** A generation that hung or died takes no new documents; the next call starts a fresh one. */
  private retire(gen: Generation): void {
    gen.stop();
    if (this.current === gen) this.current = null;
  }

  private request(doc: string, op: WorkerRequest['op'], lines: readonly string[] = []): Promise<Observation[]> | Observation[] {
    const state = this.docs.get(doc);
    if (state && 'dead' in state) return [repeatFailure(state.dead, op === 'handle' ? 0 : -1)];
    if (this.disposed) return [{ ok: false, failure: failure('exit', 'the host was disposed', op === 'handle' ? 0 : -1), ns: 0 }];
    const gen = state?.gen ?? this.generation();
    if (!state) {
      this.docs.set(doc, { gen });
      gen.docs.add(doc);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const req: WorkerRequest = op === 'handle' ? { op, id, doc, lines } : { op, id, doc };
      gen.post(req, { id, op, doc, resolve });
    });
  }

  async handle(doc: string, lines: readonly string[]): Promise<Observation[]> {
    if (lines.length === 0) return [];
    return this.request(doc, 'handle', lines);
  }

  async snapshot(doc: string): Promise<Observation> {
    return (await this.request(doc, 'snapshot'))[0]!;
  }

  async closeDoc(doc: string): Promise<EngineFailure | void> {
    const state = this.docs.get(doc);
    if (!state) return;
    if ('dead' in state) {
      this.docs.delete(doc);
      return;
    }
    const obs = await this.request(doc, 'close');
    this.docs.delete(doc);
    state.gen.docs.delete(doc);
    const o = obs[0];
    if (o && !o.ok) return o.failure;
  }

  private kill(doc: string, f: EngineFailure): void {
    this.docs.set(doc, { dead: f });
  }

  private onReply(gen: Generation, m: WorkerReply): void {
    if (m.type !== 'result') return;
    if (m.heap > this.peak) this.peak = m.heap;
    const p = gen.settle(m.id);
    if (!p) return;
    const obs: Observation[] = m.texts.map((text, i) => ({ ok: true, text, ns: m.ns[i] ?? 0 }));
    if (m.failure) {
      const index = m.failure.index;
      const f = failure(m.failure.kind, `${callName(index)}: ${m.failure.message}`, index, m.failure.detail);
      if (p.op !== 'close') this.kill(p.doc, f);
      obs.push({ ok: false, failure: f, ns: m.ns[index < 0 ? 0 : index] ?? 0 });
    }
    p.resolve(obs);
  }

  private onExit(gen: Generation, code: number): void {
    this.retire(gen);
    const hang = gen.hang;
    const tail = [gen.error?.stack ?? '', gen.output.text()].filter((s) => s !== '').join('\n');
    const busyId = Atomics.load(gen.ctl, CTL.busy) === 1 ? Atomics.load(gen.ctl, CTL.request) : -1;
    const why = hang
      ? `the worker was terminated after document "${hang.doc}" hung on ${callName(hang.index)}`
      : gen.loadTimedOut
      ? gen.loadTimedOut
      : `the engine worker ${this.disposed ? 'was stopped' : `died (exit code ${code}${gen.error ? `: ${gen.error.message}` : ''})`}`;
    if (!hang && !this.disposed) this.log?.warn({ engine: this.label, code, error: gen.error?.message }, 'engine worker died');
    for (const p of [...gen.pending.values()]) {
      gen.settle(p.id);
      const first = p.op === 'handle' ? 0 : -1;
      if (hang && p.id === hang.id) {
        const f = failure('hang', `${callName(hang.index)}: no answer within ${this.opts.timeoutMs} ms`, hang.index, tail);
        this.kill(p.doc, f);
        p.resolve([...hang.recovered, { ok: false, failure: f, ns: hang.ns }]);
        continue;
      }
      const recovered = p.id === busyId ? gen.recover(p.id) : [];
      const index = p.id === busyId ? Atomics.load(gen.ctl, CTL.index) : first;
      const f = failure('exit', `${callName(index)}: ${why}`, index, tail);
      this.kill(p.doc, f);
      p.resolve([...recovered, { ok: false, failure: f, ns: 0 }]);
    }
    for (const doc of gen.docs) {
      const state = this.docs.get(doc);
      if (state && 'gen' in state) this.kill(doc, failure('exit', why, 0, tail));
    }
  }

  /** Peak V8 heap in use by the engine's worker isolate, sampled after every call (not RSS: threads share one process). */
  peakMemory(): number {
    return this.peak;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const gen = this.current;
    this.current = null;
    if (gen) await gen.worker.terminate();
  }
}
