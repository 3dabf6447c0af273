/**
 * The module door in this thread: no isolation and no hang detection, but no per-call
 * messaging either. For tests and the minimizer, which make many tiny calls.
 */
import { getHeapStatistics } from 'node:v8';
import type { EngineInstance, EngineModule } from './protocol.js';
import type { EngineFailure, EngineHost, Observation } from './types.js';
import { closeInstance, createInstance, handleLine, snapshotOf, type CallOutcome } from './invoke.js';
import { callName, failure, repeatFailure } from './failure.js';

type Doc = { instance: EngineInstance } | { dead: EngineFailure };

function toFailure(o: CallOutcome & { ok: false }, index: number): EngineFailure {
  return failure(o.kind, `${callName(index)}: ${o.message}`, index, o.detail);
}

export class InlineHost implements EngineHost {
  readonly label: string;
  private readonly docs = new Map<string, Doc>();
  private peak = 0;

  constructor(private readonly module: EngineModule, label: string) {
    this.label = label;
  }

  private open(doc: string): Doc {
    let d = this.docs.get(doc);
    if (!d) {
      const made = createInstance(this.module, doc);
      d = made.ok ? { instance: made.instance } : { dead: toFailure(made, 0) };
      this.docs.set(doc, d);
    }
    return d;
  }

  async handle(doc: string, lines: readonly string[]): Promise<Observation[]> {
    const d = this.open(doc);
    if ('dead' in d) return lines.length === 0 ? [] : [repeatFailure(d.dead, 0)];
    const out: Observation[] = [];
    for (let i = 0; i < lines.length; i++) {
      const t0 = process.hrtime.bigint();
      const o = handleLine(d.instance, lines[i]!);
      const ns = Number(process.hrtime.bigint() - t0);
      if (o.ok) {
        out.push({ ok: true, text: o.text, ns });
        continue;
      }
      const f = toFailure(o, i);
      this.docs.set(doc, { dead: f });
      out.push({ ok: false, failure: f, ns });
      break;
    }
    this.sampleMemory();
    return out;
  }

  async snapshot(doc: string): Promise<Observation> {
    const d = this.open(doc);
    if ('dead' in d) return repeatFailure(d.dead, -1);
    const t0 = process.hrtime.bigint();
    const o = snapshotOf(d.instance);
    const ns = Number(process.hrtime.bigint() - t0);
    if (o.ok) return { ok: true, text: o.text, ns };
    const f = toFailure(o, -1);
    this.docs.set(doc, { dead: f });
    return { ok: false, failure: f, ns };
  }

  async closeDoc(doc: string): Promise<EngineFailure | void> {
    const d = this.docs.get(doc);
    this.docs.delete(doc);
    if (!d || 'dead' in d) return;
    const o = closeInstance(d.instance);
    if (o && !o.ok) return toFailure(o, -1);
  }

  /** In this thread only the whole process heap is measurable: it includes the harness's own. */
  peakMemory(): number {
    this.sampleMemory();
    return this.peak;
  }

  private sampleMemory(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used > this.peak) this.peak = used;
  }

  async dispose(): Promise<void> {
    for (const doc of [...this.docs.keys()]) await this.closeDoc(doc);
  }
}
