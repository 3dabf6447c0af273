/**
 * Charts drawn as inline SVG, so the page needs nothing from the network. Every label passes
 * through escapeHtml (SVG inside HTML is parsed as markup like the rest of the page).
 */
import { escapeHtml } from './escape.js';
import { formatNs } from './format.js';
import type { TimingView, TrendPoint } from './model.js';

interface Series {
  name: string;
  cls: string;
  values: number[];
}

/** Grouped bars, one group per label, one bar per series; `title` gives each bar a tooltip. */
function groupedBars(opts: { labels: string[]; series: Series[]; caption: string; format: (v: number) => string; integer?: boolean }): string {
  const { labels, series } = opts;
  const width = 720;
  const height = 240;
  const left = 44;
  const bottom = 40;
  const top = 28;
  const plotW = width - left - 12;
  const plotH = height - bottom - top;
  const step = niceStep(Math.max(...series.flatMap((s) => s.values), 0) / 4, opts.integer === true);
  const max = step * 4;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, Math.min(28, (groupW * 0.8) / series.length));
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(opts.caption)}" xmlns="http://www.w3.org/2000/svg">`);
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = top + plotH - (plotH * i) / 4;
    parts.push(`<line class="grid" x1="${left}" x2="${width - 12}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${escapeHtml(opts.format(v))}</text>`);
  }
  labels.forEach((label, g) => {
    const gx = left + g * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, k) => {
      const v = s.values[g] ?? 0;
      const h = (plotH * v) / max;
      const x = gx + k * barW;
      const y = top + plotH - h;
      parts.push(
        `<rect class="${s.cls}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${label} — ${s.name}: ${opts.format(v)}`)}</title></rect>`,
      );
    });
    // Thin the labels when there are many groups, so they do not overlap.
    const every = Math.ceil(labels.length / 14);
    if (g % every === 0) {
      parts.push(`<text class="axis" x="${(left + g * groupW + groupW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(label)}</text>`);
    }
  });
  let lx = left;
  for (const s of series) {
    parts.push(`<rect class="${s.cls}" x="${lx}" y="6" width="12" height="12"/><text class="legend" x="${lx + 16}" y="16">${escapeHtml(s.name)}</text>`);
    lx += 24 + s.name.length * 7;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The smallest 1, 2 or 5 times a power of ten at or above `raw` (at least 1 for counts): round axis ticks. */
function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * pow).find((v) => v >= raw) ?? 10 * pow;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/** Divergences and open buckets per run, oldest run first. */
export function trendChart(points: TrendPoint[]): string {
  return groupedBars({
    labels: points.map((p) => `#${p.runId}`),
    series: [
      { name: 'divergences', cls: 's1', values: points.map((p) => p.divergences) },
      { name: 'open buckets', cls: 's2', values: points.map((p) => p.openBuckets) },
    ],
    caption: 'Divergences and open buckets per run',
    format: (v) => String(Math.round(v)),
    integer: true,
  });
}

/**
 * Latency histograms of both engines over the same power-of-two buckets, as shares of each
 * engine's records so that the shapes compare even if the counts differ.
 */
export function histogramChart(reference: TimingView, candidate: TimingView): string {
  const used = [reference.histogram, candidate.histogram].flatMap((h) => h.flatMap((c, i) => (c > 0 ? [i] : [])));
  if (used.length === 0) return '<p class="muted">No latency samples.</p>';
  const lo = Math.min(...used);
  const hi = Math.max(...used);
  const idx = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  const share = (h: number[]) => {
    const total = h.reduce((a, b) => a + b, 0) || 1;
    return idx.map((i) => (100 * (h[i] ?? 0)) / total);
  };
  return groupedBars({
    labels: idx.map((i) => `≥${formatNs(2 ** i)}`),
    series: [
      { name: `reference (${reference.engine})`, cls: 's1', values: share(reference.histogram) },
      { name: `candidate (${candidate.engine})`, cls: 's2', values: share(candidate.histogram) },
    ],
    caption: 'Per-record latency histogram, share of records per bucket',
    format: (v) => `${Number(v.toPrecision(3))}%`,
  });
}
