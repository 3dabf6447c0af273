/** The child door: one child process per document, all started from one command line. */
import type { Logger } from '../log.js';
import type { EngineFailure, EngineHost, HostOptions, Observation } from './types.js';
import { ChildDoc } from './child-doc.js';

export class ChildHost implements EngineHost {
  readonly label: string;
  private readonly docs = new Map<string, ChildDoc>();
  private peak = 0;

  constructor(private readonly argv: readonly string[], label: string, private readonly opts: HostOptions, private readonly log?: Logger) {
    this.label = label;
  }

  private open(doc: string): ChildDoc {
    let child = this.docs.get(doc);
    if (!child) {
      child = new ChildDoc({
        argv: this.argv,
        timeoutMs: this.opts.timeoutMs,
        stderrLines: this.opts.stderrLines,
        warn: (message) => this.log?.warn({ engine: this.label, doc }, message),
      });
      this.docs.set(doc, child);
    }
    return child;
  }

  /** The pid serving a document, if its child was started (tests use it to prove nothing leaks). */
  pidOf(doc: string): number | undefined {
    return this.docs.get(doc)?.pid;
  }

  handle(doc: string, lines: readonly string[]): Promise<Observation[]> {
    if (lines.length === 0) return Promise.resolve([]);
    return this.open(doc).handle(lines);
  }

  snapshot(doc: string): Promise<Observation> {
    return this.open(doc).snapshot();
  }

  async closeDoc(doc: string): Promise<EngineFailure | void> {
    const child = this.docs.get(doc);
    if (!child) return;
    this.docs.delete(doc);
    const f = await child.close();
    this.peak = Math.max(this.peak, child.peak);
    if (f) this.log?.warn({ engine: this.label, doc, failure: f.message }, 'engine failed at close');
    return f;
  }

  /** Largest peak RSS (Linux VmHWM) of any one document's child, sampled after each call. */
  peakMemory(): number {
    let peak = this.peak;
    for (const child of this.docs.values()) peak = Math.max(peak, child.peak);
    return peak;
  }

  async dispose(): Promise<void> {
    const all = [...this.docs.values()];
    this.docs.clear();
    await Promise.all(all.map((c) => c.dispose()));
  }
}
