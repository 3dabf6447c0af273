/**
 * JUnit XML, the format CI servers display natively: one test suite per log, one test case per
 * document, and one failure per divergent bucket the document hit (a bucket that is accepted is
 * written to system-out instead). A first suite, `parity verdict`, holds one case that fails when
 * the run is not ready, so a CI page shows the verdict even when every document passed.
 */
import { escapeXml as x } from './escape.js';
import type { BucketView, DocumentView, LogView, ReportModel } from './model.js';
import type { Reporter } from './reporter.js';

export const junitReporter: Reporter = {
  format: 'junit',
  extension: 'xml',
  render: renderJunit,
};

/** A hit on a bucket in one of these statuses is known and tolerated: not a failure. */
const TOLERATED = new Set(['accepted', 'wont-fix']);

export function renderJunit(m: ReportModel): string {
  const buckets = new Map(m.buckets.map((b) => [b.id, b]));
  const suites = [verdictSuite(m), ...m.logs.map((log) => logSuite(log, buckets))];
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const time = suites.reduce((n, s) => n + s.time, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${x(`parity run #${m.run.id}`)}" tests="${tests}" failures="${failures}" errors="0" time="${secs(time)}">
${suites.map((s) => s.xml).join('\n')}
</testsuites>
`;
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  time: number;
}

function verdictSuite(m: ReportModel): Suite {
  const v = m.verdict;
  const body = v.ready
    ? ''
    : `\n      <failure message="${x(v.headline)}" type="verdict">${x(v.reasons.map((r) => `- ${r.message}`).join('\n'))}</failure>\n    `;
  const xml = `  <testsuite name="parity verdict" tests="1" failures="${v.ready ? 0 : 1}" errors="0" skipped="0" time="0" timestamp="${x(m.run.startedAt)}">
    <properties>
      <property name="run" value="${m.run.id}"/>
      <property name="reference" value="${x(m.run.reference)}"/>
      <property name="candidate" value="${x(m.run.candidate)}"/>
      <property name="status" value="${x(m.run.status)}"/>
    </properties>
    <testcase classname="parity" name="cutover verdict" time="0">${body}</testcase>
  </testsuite>`;
  return { xml, tests: 1, failures: v.ready ? 0 : 1, time: 0 };
}

function logSuite(log: LogView, buckets: Map<number, BucketView>): Suite {
  let failures = 0;
  let skipped = 0;
  let time = 0;
  const cases = log.documents.map((d) => {
    const c = documentCase(log, d, buckets);
    failures += c.failures;
    if (c.skipped) skipped++;
    time += d.timeNs;
    return c.xml;
  });
  const xml = `  <testsuite name="${x(log.log)}" tests="${log.documents.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${secs(time)}">
    <properties>
      <property name="records" value="${log.records}"/>${log.sha256 ? `\n      <property name="sha256" value="${x(log.sha256)}"/>` : ''}
    </properties>
${cases.join('\n')}
  </testsuite>`;
  return { xml, tests: log.documents.length, failures, time };
}

function documentCase(log: LogView, d: DocumentView, buckets: Map<number, BucketView>): { xml: string; failures: number; skipped: boolean } {
  const seen = new Set<number>();
  const failing: string[] = [];
  const tolerated: string[] = [];
  // One failure per bucket: the document's first divergence in it speaks for the rest.
  for (const hit of d.hits) {
    if (seen.has(hit.bucket)) continue;
    seen.add(hit.bucket);
    const b = buckets.get(hit.bucket);
    const title = b?.title ?? `bucket #${hit.bucket}`;
    const text = `bucket #${hit.bucket} (${b?.status ?? 'unknown'}), first at record ${hit.n}${hit.path ? ` ${hit.path}` : ''}: ${hit.detail}\nreproduce: ${hit.reproduce}`;
    if (b !== undefined && TOLERATED.has(b.status)) tolerated.push(`${title}\n${text}`);
    else failing.push(`      <failure message="${x(title)}" type="${x(hit.kind)}">${x(text)}</failure>`);
  }
  const skipped = d.status === 'stopped' && failing.length === 0;
  const inner = [
    ...failing,
    ...(skipped ? ['      <skipped message="replay stopped before this document finished"/>'] : []),
    ...(tolerated.length > 0 ? [`      <system-out>${x(`tolerated divergences:\n${tolerated.join('\n\n')}`)}</system-out>`] : []),
  ];
  const open = `    <testcase classname="${x(log.log)}" name="${x(d.doc)}" time="${secs(d.timeNs)}"`;
  const xml = inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
  return { xml, failures: failing.length, skipped };
}

function secs(ns: number): string {
  return (ns / 1e9).toFixed(3);
}
