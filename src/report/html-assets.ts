/**
 * The page's inline stylesheet and script. The script reads bucket data from the JSON block and
 * only sorts, filters and expands rows the server already rendered: it never builds markup from
 * strings, and writes data to the page with textContent only.
 */

export const STYLE = `
:root{--ok:#137333;--ok-bg:#e6f4ea;--bad:#b3261e;--bad-bg:#fce8e6;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--s1:#4668c5;--s2:#e8833a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:14px;margin:16px 0 6px}
.muted{color:var(--muted)}
.meta{color:var(--muted);margin:0 0 16px}
.meta code{color:var(--ink)}
.verdict{border-radius:10px;padding:18px 22px;margin:12px 0 20px;border:1px solid}
.verdict.ready{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
.verdict.not-ready{background:var(--bad-bg);border-color:var(--bad);color:var(--bad)}
.verdict .word{font-size:28px;font-weight:800;letter-spacing:.04em}
.verdict .headline{font-size:16px;font-weight:600;margin-left:10px}
.verdict ul{margin:10px 0 0;padding-left:20px;color:var(--ink)}
.verdict li{margin:3px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:10px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .n{font-size:22px;font-weight:700}.card .l{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel);font-weight:600;white-space:nowrap}
th[data-sort]{cursor:pointer;user-select:none}
th button.sort{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer}
button:focus-visible,input:focus-visible,select:focus-visible{outline:2px solid var(--s1);outline-offset:1px}
.toolbar label{color:var(--muted)}.toolbar input[type=number]{min-width:0;width:80px}
.toolbar button{font:inherit;padding:5px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
th[data-sort]::after{content:" ↕";color:var(--muted)}
th[aria-sort=ascending]::after{content:" ↑";color:var(--ink)}
th[aria-sort=descending]::after{content:" ↓";color:var(--ink)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.toolbar{display:flex;gap:10px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
.toolbar input,.toolbar select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
.toolbar input{min-width:260px}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid var(--line);background:#fff;white-space:nowrap}
.st-new,.st-regressed{color:var(--bad);border-color:var(--bad);background:var(--bad-bg)}
.st-investigating{color:#8a5a00;border-color:#d4a72c;background:#fff8c5}
.st-accepted,.st-fixed{color:var(--ok);border-color:var(--ok);background:var(--ok-bg)}
.tag{font-size:11px;font-weight:700;color:var(--bad);margin-left:6px}
button.toggle{font:inherit;border:1px solid var(--line);background:#fff;border-radius:6px;cursor:pointer;padding:2px 8px}
#buckets{table-layout:fixed}
#buckets col.c-toggle{width:70px}#buckets col.c-id{width:48px}#buckets col.c-status{width:118px}#buckets col.c-kind{width:130px}
#buckets col.c-n{width:74px}#buckets col.c-time{width:150px}
#buckets td{overflow-wrap:anywhere}
tr.detail>td{background:#fbfcfd;padding:12px 16px 18px}
#perf td:first-child{white-space:nowrap}
.perf{max-width:820px}
pre{max-width:100%;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 12px;overflow:auto;max-height:420px;margin:4px 0 10px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
pre.cmd{background:#0d1117;color:#e6edf3;border-color:#0d1117;white-space:pre-wrap;overflow-wrap:anywhere}
pre.diff span{display:block}
pre.diff .add{background:#dafbe1;color:#116329}pre.diff .del{background:#ffebe9;color:#82071e}
pre.diff .hunk{color:#8250df}pre.diff .head{color:var(--muted);font-weight:600}
svg.chart{width:100%;height:auto;max-width:760px;display:block}
svg .grid{stroke:#eaeef2}svg .axis{font-size:10px;fill:var(--muted)}svg .legend{font-size:11px;fill:var(--ink)}
svg .s1{fill:var(--s1)}svg .s2{fill:var(--s2)}
.gap td{color:var(--bad);font-weight:600}
footer{margin-top:40px;color:var(--muted);font-size:12px}
`;

export const SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var table = document.getElementById('buckets');
  if (!table) return;
  var byId = new Map();
  data.buckets.forEach(function (b) { byId.set(String(b.id), b); });
  var bodies = Array.prototype.slice.call(table.querySelectorAll('tbody.bucket'));
  var text = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  var kind = document.getElementById('kind-filter');
  var minCount = document.getElementById('min-count');
  var seenIn = document.getElementById('run-filter');
  var shown = document.getElementById('shown');

  function applyFilter() {
    var q = text.value.trim().toLowerCase();
    var st = status.value;
    var k = kind.value;
    // An empty or unreadable minimum filters nothing, rather than everything.
    var min = Number(minCount.value);
    if (!(min > 0)) min = 0;
    var run = seenIn.value === '' ? null : Number(seenIn.value);
    var n = 0;
    bodies.forEach(function (tb) {
      var b = byId.get(tb.getAttribute('data-id'));
      var ok = !!b && (q === '' || b.search.indexOf(q) !== -1) && (st === '' || b.status === st) && (k === '' || b.kind === k) &&
        b.count >= min && (run === null || b.runs.indexOf(run) !== -1);
      tb.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + bodies.length + ' buckets shown';
  }
  text.addEventListener('input', applyFilter);
  status.addEventListener('change', applyFilter);
  kind.addEventListener('change', applyFilter);
  minCount.addEventListener('input', applyFilter);
  seenIn.addEventListener('change', applyFilter);
  document.getElementById('clear-filters').addEventListener('click', function () {
    text.value = '';
    status.value = '';
    kind.value = '';
    minCount.value = '';
    seenIn.value = '';
    applyFilter();
  });

  var sortKey = null;
  var sortDir = 1;
  Array.prototype.forEach.call(table.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      sortDir = sortKey === key ? -sortDir : (th.classList.contains('num') ? -1 : 1);
      sortKey = key;
      Array.prototype.forEach.call(table.querySelectorAll('th[data-sort]'), function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
      bodies.sort(function (x, y) {
        var a = byId.get(x.getAttribute('data-id'))[key];
        var b = byId.get(y.getAttribute('data-id'))[key];
        var c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
        return c * sortDir;
      });
      bodies.forEach(function (tb) { table.appendChild(tb); });
    });
  });

  bodies.forEach(function (tb) {
    var button = tb.querySelector('button.toggle');
    var detail = tb.querySelector('tr.detail');
    button.addEventListener('click', function () {
      var open = detail.hidden;
      detail.hidden = !open;
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      button.textContent = open ? 'Hide' : 'Open';
    });
  });

  // A link to #bucket-N (from the verdict reasons) opens that bucket.
  function openFromHash() {
    var m = /^#bucket-(\\d+)$/.exec(location.hash);
    if (!m) return;
    var tb = document.getElementById('bucket-' + m[1]);
    if (tb && tb.querySelector('tr.detail').hidden) tb.querySelector('button.toggle').click();
  }
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
  applyFilter();
})();
`;

