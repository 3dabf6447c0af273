/**
 * The fuzzer's and minimizer's question — "do these records make the engines part, and where?" —
 * answered by the real replay: the records are written as a log and replayed exactly as a user's
 * log would be, so what the fuzzer finds is what `parity replay` finds, fingerprint for fingerprint.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineSpec } from '../engine/index.js';
import { serializeRecord } from '../oplog/index.js';
import type { LogRecord } from '../oplog/types.js';
import { replay, replayOptions, type Divergence } from '../replay/index.js';
import { fingerprint } from '../store/fingerprint.js';

export interface OracleOptions {
  reference: EngineSpec;
  candidate: EngineSpec;
  /** Engines in this thread: far cheaper per call; hangs are then not caught (use false for that). */
  inline: boolean;
  timeoutMs: number;
  checkpointEvery: number;
}

export class ReplayOracle {
  private readonly dir = mkdtempSync(join(tmpdir(), 'parity-oracle-'));
  private counter = 0;
  calls = 0;

  constructor(private readonly opts: OracleOptions) {}

  /** The first divergence (disposition `divergence`) these records produce, or null. */
  async firstDivergence(records: readonly LogRecord[]): Promise<Divergence | null> {
    this.calls++;
    const file = join(this.dir, `try-${this.counter++ % 4}.ndjson`);
    writeFileSync(file, records.map((r) => serializeRecord(r)).join('\n') + '\n');
    const result = await replay(
      replayOptions({
        reference: this.opts.reference,
        candidate: this.opts.candidate,
        logs: [file],
        checkpointEvery: this.opts.checkpointEvery,
        stopOnFirst: true,
        timeoutMs: this.opts.timeoutMs,
        inline: this.opts.inline,
      }),
    );
    const found = result.divergences.filter((d) => d.disposition === 'divergence');
    found.sort((a, b) => a.n - b.n);
    return found[0] ?? null;
  }

  async fingerprint(records: readonly LogRecord[]): Promise<string | null> {
    const d = await this.firstDivergence(records);
    return d === null ? null : fingerprint(d);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
