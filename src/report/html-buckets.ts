/**
 * The bucket table of the HTML page: one row per bucket that opens to its reproduce command,
 * minimized reproducer, first divergent record, unified diff and other examples. Every value
 * passes through escapeHtml.
 */
import { diffLines, prettyJson, unifiedDiff } from './diff.js';
import { escapeHtml as h } from './escape.js';
import type { BucketExample, BucketView, ReportModel } from './model.js';

/** How many examples of one bucket the page lists besides the first. */
const MORE_EXAMPLES = 5;
/** A record longer than this (a `load` with a whole tree) is cut: the reproduce command has it all. */
const MAX_RECORD_CHARS = 64 * 1024;

function clip(text: string): string {
  return text.length <= MAX_RECORD_CHARS ? text : `${text.slice(0, MAX_RECORD_CHARS)}\n… (${(text.length - MAX_RECORD_CHARS).toLocaleString('en-US')} more characters)`;
}

/** The sortable, filterable bucket table; each bucket a tbody of its row and its detail row. */
export function bucketTable(m: ReportModel): string {
  if (m.buckets.length === 0) return `<h2>Buckets</h2><p class="muted">No divergence buckets: the engines agreed on every record.</p>`;
  const statuses = [...new Set(m.buckets.map((b) => b.status))].sort();
  const kinds = [...new Set(m.buckets.map((b) => b.kind))].sort();
  const option = (v: string) => `<option value="${h(v)}">${h(v)}</option>`;
  return `<h2 id="buckets-title">Buckets</h2>
<div class="toolbar">
<input id="filter" type="search" placeholder="Filter by title, kind, path, log, document…" aria-label="Filter buckets">
<select id="status-filter" aria-label="Status"><option value="">all statuses</option>${statuses.map(option).join('')}</select>
<select id="kind-filter" aria-label="Kind"><option value="">all kinds</option>${kinds.map(option).join('')}</select>
<label>count ≥ <input id="min-count" type="number" min="1" step="1" inputmode="numeric" placeholder="any" aria-label="Minimum count"></label>
<select id="run-filter" aria-label="Seen in run"><option value="">seen in any run</option>${m.trend.map((p) => `<option value="${p.runId}">seen in run #${p.runId} (${h(time(p.startedAt))})</option>`).join('')}</select>
<button id="clear-filters" type="button">Clear filters</button>
<span id="shown" class="muted" aria-live="polite">${m.buckets.length} buckets</span>
</div>
<table id="buckets">
<colgroup><col class="c-toggle"><col class="c-id"><col><col class="c-status"><col class="c-kind"><col class="c-n"><col class="c-n"><col class="c-time"><col class="c-time"></colgroup>
<thead><tr><th></th>${[
    ['id', '#', true],
    ['title', 'bucket', false],
    ['status', 'status', false],
    ['kind', 'kind', false],
    ['count', 'count', true],
    ['runCount', 'this run', true],
    ['firstSeen', 'first seen', false],
    ['lastSeen', 'last seen', false],
  ]
    // A button in each header: sorting is reachable by Tab and Enter, not only by mouse.
    .map(([key, label, num]) => `<th data-sort="${key}"${num ? ' class="num"' : ''}><button type="button" class="sort">${label}</button></th>`)
    .join('')}</tr></thead>
${m.buckets.map(bucketRows).join('\n')}
</table>`;
}

function bucketRows(b: BucketView): string {
  return `<tbody class="bucket" id="bucket-${b.id}" data-id="${b.id}">
<tr class="row"><td><button class="toggle" type="button" aria-expanded="false" aria-controls="detail-${b.id}">Open</button></td>
<td class="num">${b.id}</td><td class="title">${h(b.title)}${b.isNew ? '<span class="tag">NEW</span>' : ''}</td>
<td><span class="pill st-${h(b.status)}">${h(b.status)}</span></td><td><code>${h(b.kind)}</code></td>
<td class="num">${b.count}</td><td class="num">${b.runCount}</td><td>${h(time(b.firstSeen))} <span class="muted">#${b.firstRun}</span></td><td>${h(time(b.lastSeen))} <span class="muted">#${b.lastRun}</span></td></tr>
<tr class="detail" id="detail-${b.id}" hidden><td colspan="9">${bucketDetail(b)}</td></tr>
</tbody>`;
}

function bucketDetail(b: BucketView): string {
  const first = b.examples[0];
  const parts: string[] = [];
  parts.push(`<p class="muted">fingerprint <code>${h(b.fingerprint)}</code> · scope ${h(b.scope)} · ${b.gating ? 'gating' : 'not gating'}${b.note ? ` · note: ${h(b.note)}` : ''}</p>`);
  parts.push(`<h3>Reproduce</h3><pre class="cmd">${h(b.reproduce)}</pre>`);
  parts.push(
    b.reproducer !== null
      ? `<h3>Minimized reproducer</h3><pre class="reproducer">${h(b.reproducer)}</pre>`
      : `<h3>Minimized reproducer</h3><p class="muted">None made yet; the command above replays the original log.</p>`,
  );
  if (first !== undefined) parts.push(exampleDetail(first));
  const more = b.examples.slice(1, 1 + MORE_EXAMPLES);
  if (more.length > 0) {
    parts.push(
      `<h3>Other examples</h3><ul>${more
        .map((e) => `<li><code>${h(`${e.log}:${e.line}`)}</code> doc <code>${h(e.doc)}</code> at <code>${h(e.path || e.kind)}</code> (run #${e.runId})</li>`)
        .join('')}</ul>`,
    );
  }
  return parts.join('\n');
}

function exampleDetail(e: BucketExample): string {
  const diff = unifiedDiff(e.reference, e.candidate);
  const lines = diffLines(diff);
  const where = `${e.log}:${e.line} (record ${e.n}), document ${e.doc}, run #${e.runId}`;
  return `<h3>First divergent record</h3>
<p class="muted">${h(where)}${e.opType ? ` · ${h(e.opType)}` : ''}${e.nackReason ? ` · nack ${h(e.nackReason)}` : ''}${e.path ? ` · at <code>${h(e.path)}</code>` : ''}${e.failedEngine ? ` · failed: ${h(e.failedEngine)}` : ''}</p>
<pre class="record">${h(clip(prettyJson(e.record)))}</pre>
${e.detail ? `<p class="detail-text">${h(e.detail)}</p>` : ''}
<h3>Diff (${h(e.scope === 'tree' ? 'node states' : e.scope === 'messages' ? 'message lists' : 'engine outputs')})</h3>
${lines.length > 0 ? `<pre class="diff">${lines.map((l) => `<span class="${l.kind}">${h(l.text)}</span>`).join('')}</pre>` : '<p class="muted">Both sides print the same; see the detail above.</p>'}`;
}

/** An ISO timestamp, shorter: `2026-11-22 07:30:00Z`. Anything else is shown as it is. */
export function time(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  return m ? `${m[1]} ${m[2]}${m[3]}` : iso;
}
