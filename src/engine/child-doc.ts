/**
 * One child process serving one document over NDJSON: records are written as lines (pipelined,
 * a whole batch at once) and exactly one line is read back per record. Everything that can go
 * wrong with a child (it never starts, exits, writes garbage or too much, falls silent) ends
 * as an EngineFailure naming the record in flight; nothing here throws or emits unhandled errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { EngineFailure, Observation } from './types.js';
import { callName, failure, repeatFailure } from './failure.js';
import { LineTail } from './tail.js';
import { LineSplitter } from './lines.js';
import { peakRss } from './memory.js';

export const SNAPSHOT_LINE = '{"kind":"snapshot"}';

interface Call {
  expect: number;
  /** -1 for a snapshot call: its one answer must be an object, not an array. */
  snapshot: boolean;
  got: Observation[];
  lastArrival: bigint;
  resolve(obs: Observation[]): void;
}

export interface ChildDocOptions {
  argv: readonly string[];
  timeoutMs: number;
  stderrLines: number;
  /** Reports a non-zero exit after all answers, or a child that would not exit: logged, not a divergence. */
  warn(message: string): void;
}

export class ChildDoc {
  private child: ChildProcess | null = null;
  private readonly tail: LineTail;
  private readonly stdout = new LineSplitter((line) => this.onLine(line));
  private call: Call | null = null;
  private extra = 0;
  private extraSample = '';
  private dead: EngineFailure | null = null;
  private spawnError: Error | null = null;
  private closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  private exited = false;
  private lastLineAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  peak = 0;

  constructor(private readonly opts: ChildDocOptions) {
    this.tail = new LineTail(opts.stderrLines);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Calls on one document run one after another, whatever the caller does. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  handle(lines: readonly string[]): Promise<Observation[]> {
    return this.serial(() => this.exchange(lines, false));
  }

  async snapshot(): Promise<Observation> {
    const obs = await this.serial(() => this.exchange([SNAPSHOT_LINE], true));
    return obs[0]!;
  }

  private start(): void {
    const [cmd, ...args] = this.opts.argv;
    const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.closed = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exited = true;
        this.onClose(code, signal);
        resolve({ code, signal });
      });
    });
    child.on('error', (err) => {
      // Emitted for a failed spawn (then 'close' follows) and for a failed kill: never fatal.
      if (child.pid === undefined) this.spawnError = err;
    });
    // A child that dies leaves a broken pipe; the loss is reported through 'close'.
    child.stdin!.on('error', () => undefined);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => this.stdout.push(c));
    child.stdout!.on('error', () => undefined);
    child.stderr!.setEncoding('utf8').on('data', (c: string) => this.tail.push(c));
    child.stderr!.on('error', () => undefined);
  }

  private exchange(lines: readonly string[], snapshot: boolean): Promise<Observation[]> {
    const first = snapshot ? -1 : 0;
    if (this.dead) return Promise.resolve([repeatFailure(this.dead, first)]);
    if (this.extra > 0) return Promise.resolve([this.fail(this.wrongCount(first))]);
    if (!this.child) this.start();
    if (this.exited) return Promise.resolve([this.fail(this.exitFailure(first, null, null))]);
    return new Promise((resolve) => {
      const now = process.hrtime.bigint();
      this.call = { expect: lines.length, snapshot, got: [], lastArrival: now, resolve };
      this.child!.stdin!.write(lines.join('\n') + '\n');
      this.lastLineAt = performance.now();
      this.armTimer();
    });
  }

  private onLine(line: string): void {
    const call = this.call;
    if (!call || this.dead) {
      if (!this.dead) {
        this.extra++;
        if (this.extraSample === '') this.extraSample = line.slice(0, 200);
      }
      return;
    }
    this.lastLineAt = performance.now();
    const arrival = process.hrtime.bigint();
    // Answers are pipelined: a record's time is from the previous answer (or the write) to its own.
    const ns = Number(arrival - call.lastArrival);
    call.lastArrival = arrival;
    const index = call.snapshot ? -1 : call.got.length;
    const bad = this.checkShape(line, call.snapshot);
    if (bad) {
      call.got.push(this.fail(failure('garbage', `${callName(index)}: ${bad}`, index, this.tail.text()), ns));
      this.kill();
      this.finish();
      return;
    }
    call.got.push({ ok: true, text: line, ns });
    if (call.got.length === call.expect) this.finish();
  }

  private checkShape(line: string, snapshot: boolean): string | null {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return `the engine wrote a line that is not JSON: ${JSON.stringify(line.slice(0, 200))}`;
    }
    if (snapshot) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `the snapshot answer is not a JSON object: ${line.slice(0, 200)}`;
    } else if (!Array.isArray(value)) {
      return `the answer is not a JSON array of messages: ${line.slice(0, 200)}`;
    }
    return null;
  }

  private finish(): void {
    const call = this.call;
    if (!call) return;
    this.call = null;
    this.disarmTimer();
    this.peak = Math.max(this.peak, peakRss(this.child?.pid));
    call.resolve(call.got);
  }

  private fail(f: EngineFailure, ns = 0): Observation {
    this.dead = f;
    return { ok: false, failure: f, ns };
  }

  private wrongCount(index: number): EngineFailure {
    const f = failure(
      'wrong-count',
      `${callName(index)}: the engine wrote ${this.extra} line(s) more than it was asked for, after its last expected answer (first extra line: ${JSON.stringify(this.extraSample)})`,
      index,
      this.tail.text(),
    );
    this.kill();
    return f;
  }

  private exitFailure(index: number, code: number | null, signal: NodeJS.Signals | null): EngineFailure {
    if (this.spawnError) {
      return failure('spawn', `cannot start ${JSON.stringify(this.opts.argv.join(' '))}: ${this.spawnError.message}`, index, this.tail.text());
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    return failure('exit', `${callName(index)}: the engine ${how} before answering`, index, this.tail.text());
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    // A last line without its newline still counts as written.
    const last = this.stdout.rest();
    if (last !== '') this.onLine(last);
    const call = this.call;
    if (!call) return;
    const index = call.snapshot ? -1 : call.got.length;
    call.got.push(this.fail(this.exitFailure(index, code, signal)));
    this.finish();
  }

  /** One timer per call, re-armed lazily: the deadline is always last answer + timeout. */
  private armTimer(): void {
    if (this.timer) return;
    const wait = Math.max(1, this.lastLineAt + this.opts.timeoutMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const call = this.call;
      if (!call) return;
      const silent = performance.now() - this.lastLineAt;
      if (silent < this.opts.timeoutMs) {
        this.armTimer();
        return;
      }
      const index = call.snapshot ? -1 : call.got.length;
      const f = failure('hang', `${callName(index)}: no answer within ${this.opts.timeoutMs} ms`, index, this.tail.text());
      call.got.push(this.fail(f, Math.round(silent * 1e6)));
      this.kill();
      this.finish();
    }, wait);
  }

  private disarmTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private kill(): void {
    if (this.child && !this.exited) this.child.kill('SIGKILL');
  }

  /** Ends the document: stdin closed, exit awaited (status 0 expected; anything else is logged). */
  close(): Promise<EngineFailure | void> {
    return this.serial(async () => {
      if (!this.child) return;
      if (this.dead || this.exited) {
        this.kill();
        await this.closed;
        return;
      }
      if (this.extra > 0) {
        const f = this.wrongCount(-1);
        await this.closed;
        return f;
      }
      this.peak = Math.max(this.peak, peakRss(this.child.pid));
      this.child.stdin!.end();
      const timeout = new Promise<'timeout'>((r) => setTimeout(r, this.opts.timeoutMs, 'timeout').unref());
      const result = await Promise.race([this.closed!, timeout]);
      if (result === 'timeout') {
        this.opts.warn(`engine did not exit within ${this.opts.timeoutMs} ms after its stdin closed; killed`);
        this.kill();
        await this.closed;
      } else if (result.code !== 0) {
        const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
        this.opts.warn(`engine ${how} after answering everything${this.tail.text() ? `; stderr: ${this.tail.text()}` : ''}`);
      }
      if (this.extra > 0) return this.wrongCount(-1);
    });
  }

  async dispose(): Promise<void> {
    this.disarmTimer();
    this.kill();
    if (this.closed) await this.closed;
  }
}

