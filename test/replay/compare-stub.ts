/** A stand-in for src/compare while it is being written: a plain structural diff. */
import type { Difference, Disposition } from '../../src/compare/types.js';

export type Tolerance = { pattern: string; abs?: number; rel?: number; ulps?: number };
export type RuleSet = { matches(path: string): boolean };

function diff(a: unknown, b: unknown, path: string, out: Difference[]): void {
  if (Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b)) return;
  if (typeof a === 'number' && typeof b === 'number') {
    out.push({ kind: 'float-drift', path, reference: a, candidate: b, drift: { abs: Math.abs(a - b), rel: 0, ulps: 1 } });
    return;
  }
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    out.push({ kind: typeof a === typeof b ? 'value' : 'type', path, reference: a, candidate: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = JSON.stringify([...a].map((x) => JSON.stringify(x)).sort());
    const sb = JSON.stringify([...b].map((x) => JSON.stringify(x)).sort());
    if (a.length === b.length && sa === sb) {
      out.push({ kind: 'order', path, reference: a, candidate: b });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.push({ kind: 'missing', path: `${path}[${i}]`, reference: a[i] });
      else if (i >= a.length) out.push({ kind: 'extra', path: `${path}[${i}]`, candidate: b[i] });
      else diff(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao)) {
    const p = `${path}[${JSON.stringify(k)}]`;
    if (!(k in bo)) out.push({ kind: 'missing', path: p, reference: ao[k] });
    else diff(ao[k], bo[k], p, out);
  }
  for (const k of Object.keys(bo)) if (!(k in ao)) out.push({ kind: 'extra', path: `${path}[${JSON.stringify(k)}]`, candidate: bo[k] });
}

export function compareMessages(a: unknown, b: unknown): Difference[] {
  const out: Difference[] = [];
  diff(a, b, 'messages', out);
  return out;
}
export function compareTrees(a: unknown, b: unknown): Difference[] {
  const out: Difference[] = [];
  diff(a, b, '', out);
  return out.map((d) => ({ ...d, path: d.path.replace(/^\["nodes"\]/, 'nodes') }));
}
export function compileRules(patterns: string[]): RuleSet {
  return { matches: (p) => patterns.includes(p) };
}
export class NoiseModel {
  private readonly seen = new Map<string, number>();
  observe(diffs: Difference[]): void {
    for (const d of diffs) this.seen.set(d.path, (this.seen.get(d.path) ?? 0) + 1);
  }
  isNoise(p: string): boolean {
    return this.seen.has(p);
  }
  counts(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }
}
export function dispose(diffs: Difference[], ctx: { ignore: RuleSet; noise?: NoiseModel }): Array<Difference & { disposition: Disposition }> {
  return diffs.map((d) => ({ ...d, disposition: ctx.ignore.matches(d.path) ? 'ignored' : ctx.noise?.isNoise(d.path) ? 'noise' : 'divergence' }));
}
export function renderDiff(a: unknown, b: unknown): string {
  return `- ${JSON.stringify(a)}\n+ ${JSON.stringify(b)}`;
}
export function parsePath(p: string): Array<string | number> {
  return [...p.matchAll(/[A-Za-z_]+|\[("(?:[^"\\]|\\.)*"|\d+)\]/g)].map((m) => (m[1] === undefined ? m[0] : m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : Number(m[1])));
}
export function normalizePath(p: string): string {
  return p.replace(/\["[^"]*"\]/g, '[*]').replace(/\[\d+\]/g, '[#]');
}
