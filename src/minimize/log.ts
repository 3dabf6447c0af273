/**
 * `parity minimize`: any failing log, recorded or generated, cut down to the diverging document's
 * 1-minimal reproducer with the same bucket fingerprint, written as a log of its own.
 */
import type { EngineSpec } from '../engine/index.js';
import { createLogWriter, readLog } from '../oplog/index.js';
import type { LogRecord } from '../oplog/types.js';
import type { Divergence } from '../replay/index.js';
import { fingerprint } from '../store/fingerprint.js';
import { minimizeRecords, type MinimizeStats } from './minimize.js';
import { ReplayOracle } from './oracle.js';

export interface MinimizeLogOptions {
  reference: EngineSpec;
  candidate: EngineSpec;
  referenceName: string;
  candidateName: string;
  /** Only this document; by default the one with the earliest divergence. */
  doc?: string;
  out: string;
  inline: boolean;
  timeoutMs: number;
  onProgress?: (p: { stage: string; size: number; calls: number }) => void;
}

export interface MinimizeLogResult {
  /** null when the log shows no divergence: nothing to minimize. */
  divergence: Divergence | null;
  fingerprint: string | null;
  records: LogRecord[];
  stats: MinimizeStats | null;
  out: string | null;
}

export async function minimizeLog(file: string, opts: MinimizeLogOptions): Promise<MinimizeLogResult> {
  const all: LogRecord[] = [];
  for await (const s of readLog(file)) if (opts.doc === undefined || s.record.doc === opts.doc) all.push(s.record);
  const oracle = new ReplayOracle({ reference: opts.reference, candidate: opts.candidate, inline: opts.inline, timeoutMs: opts.timeoutMs, checkpointEvery: 0 });
  try {
    opts.onProgress?.({ stage: 'replay', size: all.length, calls: 0 });
    const d = await oracle.firstDivergence(all);
    if (d === null) return { divergence: null, fingerprint: null, records: [], stats: null, out: null };
    const fp = fingerprint(d);
    const { records, stats } = await minimizeRecords({
      records: all.filter((r) => r.doc === d.doc),
      target: d.docRecord - 1,
      path: d.path,
      fingerprint: fp,
      oracle: (rs) => oracle.fingerprint(rs),
      onProgress: opts.onProgress,
    });
    stats.input = all.length;
    const writer = createLogWriter(opts.out, {
      header: {
        oplog: 1,
        source: 'minimized',
        generator: 'parity/minimize',
        fingerprint: fp,
        reference: opts.referenceName,
        candidate: opts.candidateName,
        note: `minimized from ${file} (${all.length} records; document ${JSON.stringify(d.doc)}, first divergence at record ${d.n}, line ${d.line}: ${d.kind} at ${d.path || d.scope}) to ${records.length} records`,
      },
    });
    for (const r of records) writer.write(r);
    await writer.close();
    return { divergence: d, fingerprint: fp, records, stats, out: opts.out };
  } finally {
    oracle.dispose();
  }
}
