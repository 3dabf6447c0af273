/**
 * The terminal summary of a replay: counts per kind and disposition, then the first divergence
 * of each distinct kind of problem with both values, a readable diff and the command that
 * reproduces it, then the engines' timings. Plain text; the CLI prints it on stdout.
 */
import { normalizePath, renderDiff } from '../compare/index.js';
import type { Divergence, EngineTiming, ReplayResult } from './types.js';

const MAX_GROUPS = 20;
const MAX_DIFF_LINES = 40;

/** Divergences that differ only in ids and indices are one problem: shown once, counted. */
function groupKey(d: Divergence): string {
  return [d.scope, d.kind, d.opType ?? '', d.path === '' ? '' : normalizePath(d.path), d.failedEngine ?? ''].join('\u0000');
}

function counts(map: Record<string, number>): string {
  const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

function ms(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(1)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

function timingLine(t: EngineTiming): string {
  const perSecond = t.totalNs > 0 ? Math.round((t.records * 1e9) / t.totalNs) : 0;
  const mb = (t.peakRssBytes / (1024 * 1024)).toFixed(1);
  return `${t.engine.padEnd(12)} p50 ${ms(t.p50Ns)}  p95 ${ms(t.p95Ns)}  p99 ${ms(t.p99Ns)}  max ${ms(t.maxNs)}  ${perSecond.toLocaleString('en-US')} records/s  peak ${mb} MB`;
}

function indent(text: string, by = '     '): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

function clip(text: string, lines: number): string {
  const all = text.split('\n');
  return all.length <= lines ? text : [...all.slice(0, lines), `... (${all.length - lines} more lines)`].join('\n');
}

function describe(d: Divergence, index: number, count: number): string {
  const where = `doc ${JSON.stringify(d.doc)} record ${d.n} (${d.log}:${d.line}, record ${d.docRecord} of the document)`;
  const seen = d.detectedAt !== d.docRecord ? `, seen at the checkpoint after record ${d.detectedAt} of the document` : '';
  const out = [
    `${index}) ${d.kind} [${d.scope}] ${where}${seen}; op ${d.opType ?? '-'}${d.nackReason ? `, nack ${d.nackReason}` : ''}` +
      (count > 1 ? `  (x${count} like it)` : ''),
  ];
  if (d.path) out.push(`   path: ${d.path}`);
  out.push(indent(d.detail, '   '));
  if (d.scope !== 'engine') {
    out.push('   diff (- reference, + candidate):');
    out.push(indent(clip(renderDiff(d.reference, d.candidate), MAX_DIFF_LINES)));
  }
  out.push(`   reproduce: ${d.reproduce}`);
  return out.join('\n');
}

export function formatSummary(result: ReplayResult): string {
  const { totals } = result;
  const status = { ok: 0, diverged: 0, failed: 0, stopped: 0 };
  for (const doc of result.documents) status[doc.status]++;
  const lines = [
    `parity replay: ${result.timings.reference.engine} vs ${result.timings.candidate.engine}: ` +
      `${totals.logs} log(s), ${totals.documents} document(s), ${totals.records.toLocaleString('en-US')} records in ${(totals.wallMs / 1000).toFixed(1)} s`,
    `  divergences: ${totals.divergences}` + (totals.divergences > 0 ? ` (by kind, all dispositions: ${counts(totals.byKind)})` : ''),
    `  by disposition: ${counts(totals.byDisposition)}`,
    `  documents: ${status.ok} ok, ${status.diverged} diverged, ${status.failed} failed, ${status.stopped} stopped; ${totals.resyncs} resync(s)` +
      (totals.skippedDocuments > 0 ? `; ${totals.skippedDocuments} skipped (resumed)` : ''),
  ];
  if (totals.skippedLines > 0) lines.push(`  bad lines skipped (--skip-bad): ${totals.skippedLines.toLocaleString('en-US')}`);
  const noisy = Object.keys(result.noise).length;
  if (noisy > 0) lines.push(`  noise: ${noisy} path pattern(s) differ between two reference runs: ${counts(result.noise)}`);
  const groups = new Map<string, { first: Divergence; count: number }>();
  for (const d of result.divergences) {
    if (d.disposition !== 'divergence') continue;
    const key = groupKey(d);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: d, count: 1 });
  }
  if (groups.size > 0) {
    lines.push('', `First divergence of each kind of problem (${groups.size}):`);
    let i = 0;
    for (const { first, count } of groups.values()) {
      if (++i > MAX_GROUPS) {
        lines.push(`... and ${groups.size - MAX_GROUPS} more (use --json or the store)`);
        break;
      }
      lines.push(describe(first, i, count), '');
    }
  }
  lines.push('', 'Per-record timings:', `  ${timingLine(result.timings.reference)}`, `  ${timingLine(result.timings.candidate)}`);
  return lines.join('\n') + '\n';
}
