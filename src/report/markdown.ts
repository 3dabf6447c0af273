/**
 * Markdown for a CI step summary (GitHub's $GITHUB_STEP_SUMMARY): the verdict, why, the buckets
 * that need eyes (new or regressed), and the performance ratios. Tables stay short; the HTML page
 * has the rest.
 */
import { coverageGaps } from './coverage.js';
import { escapeMarkdown as md, markdownCode as code } from './escape.js';
import { formatNs, formatRatio } from './format.js';
import type { BucketView, ReportModel } from './model.js';
import { perfRatios } from './perf.js';
import type { Reporter } from './reporter.js';

/** More rows than this and a step summary stops being read. */
const MAX_ROWS = 30;

export const markdownReporter: Reporter = {
  format: 'md',
  extension: 'md',
  render: renderMarkdown,
};

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  const v = m.verdict;
  out.push(`## ${v.ready ? '✅ READY' : '❌ NOT READY'}: ${md(v.headline)}`, '');
  out.push(
    `Run #${m.run.id} (${md(m.run.status)}): reference ${code(m.run.reference)} vs candidate ${code(m.run.candidate)}. ` +
      `${count(m.run.logs, 'log')}, ${count(m.run.documents, 'document')}, ${count(m.run.records, 'record')}, ${count(m.run.divergences, 'divergence')}, ${count(m.buckets.length, 'bucket')}.`,
    '',
  );
  if (v.reasons.length > 0) {
    out.push('### Why', '');
    for (const r of v.reasons) out.push(`- ${md(r.message)}`);
    out.push('');
  }
  const attention = m.buckets.filter((b) => b.isNew || b.status === 'regressed');
  out.push('### New and regressed buckets', '');
  if (attention.length === 0) out.push('None.', '');
  else {
    out.push('| # | bucket | status | kind | this run | reproduce |', '|---:|---|---|---|---:|---|');
    for (const b of attention.slice(0, MAX_ROWS)) out.push(bucketRow(b));
    if (attention.length > MAX_ROWS) out.push('', `…and ${attention.length - MAX_ROWS} more in the HTML report.`);
    out.push('');
  }
  out.push('### Performance (candidate vs reference)', '');
  if (m.performance === null) out.push('No timings recorded.', '');
  else {
    const r = perfRatios(m.performance);
    const a = m.performance.reference;
    const b = m.performance.candidate;
    out.push('| metric | reference | candidate | ratio |', '|---|---:|---:|---:|');
    out.push(`| throughput | | | ${formatRatio(r.throughput)} |`);
    out.push(`| p50 | ${formatNs(a.p50Ns)} | ${formatNs(b.p50Ns)} | ${formatRatio(r.p50)} |`);
    out.push(`| p95 | ${formatNs(a.p95Ns)} | ${formatNs(b.p95Ns)} | ${formatRatio(r.p95)} |`);
    out.push(`| p99 | ${formatNs(a.p99Ns)} | ${formatNs(b.p99Ns)} | ${formatRatio(r.p99)} |`);
    out.push(`| max | ${formatNs(a.maxNs)} | ${formatNs(b.maxNs)} | ${formatRatio(r.max)} |`);
    out.push(`| peak memory | | | ${formatRatio(r.memory)} |`, '');
    out.push('Latency ratios: below 1× the candidate is faster. Throughput ratio: above 1× the candidate is faster.', '');
  }
  const c = m.coverage;
  out.push('### Coverage', '');
  if (!c.known) out.push('Coverage unknown.', '');
  else {
    const gaps = coverageGaps(c).map(code);
    const generated = c.generated === null ? '' : ` Includes ${count(c.generated.logs, 'generated log')} (${count(c.generated.records, 'record')}) of the fuzz run.`;
    out.push(`${c.classes.length - gaps.length} of ${c.classes.length} conflict classes exercised.${gaps.length > 0 ? ` Gaps: ${gaps.join(', ')}.` : ''}${generated}`, '');
  }
  return `${out.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function bucketRow(b: BucketView): string {
  return `| ${b.id} | ${md(b.title)} | ${md(b.status)} | ${code(b.kind)} | ${b.runCount} | ${code(b.reproduce)} |`;
}
