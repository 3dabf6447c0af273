import { describe, expect, it } from 'vitest';
import { coverageView, reporterFor } from '../../src/report/index.js';
import { fixtureModel, readyModel } from './fixtures/model.js';

const render = (m = fixtureModel()) => reporterFor('html')!.render(m);

describe('html reporter', () => {
  it('never writes a hostile value raw', () => {
    const html = render();
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    // Our two script elements only: the JSON block and the page script.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  });

  it('loads nothing from anywhere: no URL, a CSP that forbids remote loads', () => {
    const html = render();
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; img-src data:/);
  });

  it('starts with the verdict and its reasons, linked to buckets', () => {
    const html = render();
    const verdict = html.indexOf('id="verdict"');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(html.indexOf('id="buckets"'));
    expect(html).toContain('NOT READY');
    expect(html).toContain('data-code="regressions"');
    expect(html).toContain('href="#bucket-2"');
    expect(render(readyModel())).toContain('class="verdict ready"');
  });

  it('renders each bucket with its reproducer, record, diff and command', () => {
    const html = render();
    for (const id of [1, 2, 3, 4]) expect(html).toContain(`<tbody class="bucket" id="bucket-${id}" data-id="${id}">`);
    expect(html).toContain('<pre class="reproducer">{&quot;oplog&quot;:1}');
    expect(html).toContain('<span class="del">-    &quot;x&quot;: 350,</span>');
    expect(html).toContain('<span class="add">+    &quot;x&quot;: 0,</span>');
    expect(html).toContain('<pre class="cmd">parity replay --doc &#39;&lt;script&gt;');
  });

  it('draws the trend, the latency histograms and the coverage gaps inline', () => {
    const html = render();
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain('<title>#2 — divergences: 10</title>');
    expect(html).toContain('<tr class="gap"><td><code>move-races-move</code>');
    expect(html).toContain('2.00×');
  });

  it('says so when there are no buckets, timings or coverage', () => {
    const html = render({ ...readyModel(), buckets: [], performance: null, coverage: coverageView(null) });
    expect(html).toContain('No divergence buckets');
    expect(html).toContain('No timings recorded');
    expect(html).toContain('Coverage unknown');
  });
});

describe('html reporter on large values', () => {
  it('cuts a huge first record (a load with a whole tree) and says how much is left out', () => {
    const model = fixtureModel();
    const example = model.buckets[1]!.examples[0]!;
    model.buckets[1]!.examples[0] = { ...example, record: { doc: 'd', kind: 'load', tree: { blob: 'x'.repeat(200_000) } } };
    const html = render(model);
    expect(html).toMatch(/… \(1[0-9]{2},[0-9]{3} more characters\)<\/pre>/);
    expect(html.length).toBeLessThan(200_000);
  });
});

describe('bucket table filters in the markup', () => {
  it('offers a minimum count, a run per trend point, and sort buttons reachable by keyboard', () => {
    const html = reporterFor('html')!.render(fixtureModel());
    expect(html).toContain('<input id="min-count" type="number" min="1"');
    expect(html).toContain('<option value="1">seen in run #1 (2026-11-22 07:00:00Z)</option><option value="2">seen in run #2 (2026-11-22 07:30:00Z)</option>');
    expect(html.match(/<th data-sort="[a-zA-Z]+"(?: class="num")?><button type="button" class="sort">/g)).toHaveLength(8);
    // The script gets each bucket's runs to filter on.
    expect(html).toMatch(/"id":1,[^}]*"runs":\[2\]/);
  });
});

describe('coverage of generated logs', () => {
  it('adds a generated column, and marks the replayed one unknown when the logs could not be read', () => {
    const classes = Object.fromEntries(coverageView({}).classes.map((c) => [c.name, 3]));
    const html = render({ ...readyModel(), coverage: coverageView(null, 'logs/a.ndjson is no longer on disk', { logs: 12, records: 345, classes }) });
    expect(html).toContain('<th class="num">replayed records</th><th class="num">generated records</th>');
    expect(html).toContain('exercised by 12 generated logs (345 records, fuzzed and replayed against both engines). Replayed logs: unknown (logs/a.ndjson is no longer on disk).');
    expect(html).toContain('<td><code>rotation</code></td><td>a node with non-zero rotation inside a container</td><td class="num">?</td><td class="num">3</td>');
  });
});
