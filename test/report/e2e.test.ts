/**
 * From a real store to every format: two replays of scenario logs against mutant engines (inline,
 * so no workers), recorded through the store's sink, then reported by the CLI command and by
 * loadReportModel.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/oplog/index.js';
import { loadReportModel, reporterFor, type RecordClassifier, type ReportModel } from '../../src/report/index.js';
import { cli, replayInto, SCENARIO_LOGS } from './helpers.js';
import { xmlProblems } from './xml-check.js';

const LOGS = SCENARIO_LOGS;

let dir: string;
let storePath: string;

/** A stand-in classifier: one "class" per record kind, so the plumbing is tested without the generator's. */
const kinds = (): RecordClassifier => {
  const counts: Record<string, number> = {};
  return { counts, add: (r: LogRecord) => void (counts[`kind-${r.kind}`] = (counts[`kind-${r.kind}`] ?? 0) + 1) };
};

describe('report from a store with two runs of mutant engines', () => {
  let first: number;
  let second: number;
  let model: ReportModel;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-report-e2e-'));
    storePath = join(dir, 'parity.db');
    first = await replayInto(storePath, 'mutant:delete-between-updates');
    second = await replayInto(storePath, 'mutant:ztie');
    model = await loadReportModel(storePath, 'last', { classifier: kinds, generatedAt: '2026-11-22T08:00:00.000Z' });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('models the last run with both runs in the trend, divergences in each', () => {
    expect(model.run.id).toBe(second);
    expect(model.trend.map((p) => p.runId)).toEqual([first, second]);
    for (const p of model.trend) expect(p.divergences).toBeGreaterThan(0);
    expect(model.run.status).toBe('completed');
    expect(model.run.candidate).toBe('mutant:ztie');
    expect(model.verdict.ready).toBe(false);
    expect(model.verdict.reasons.map((r) => r.code)).toContain('open-buckets');
  });

  it('keeps the first run\'s still-open buckets and this run\'s new ones, each with an example', () => {
    expect(model.buckets.some((b) => b.firstRun === first && b.runCount === 0)).toBe(true);
    expect(model.buckets.some((b) => b.isNew && b.runCount > 0)).toBe(true);
    for (const b of model.buckets) {
      expect(b.examples.length).toBeGreaterThan(0);
      expect(b.reproduce).toMatch(/^parity replay /);
    }
  });

  it('has timings, logs with documents, and coverage from the re-read logs', () => {
    expect(model.performance?.reference.records).toBeGreaterThan(0);
    expect(model.logs.map((l) => l.log)).toEqual(LOGS);
    expect(model.logs.flatMap((l) => l.documents).some((d) => d.hits.length > 0)).toBe(true);
    expect(model.coverage.known).toBe(true);
    expect(model.coverage.classes.find((c) => c.name === 'kind-op')?.count).toBeGreaterThan(0);
  });

  it('caches classified counts per log and classifier, and reads them back without classifying', async () => {
    const entries = new Map<string, Record<string, number>>();
    const cache = { get: (k: string) => entries.get(k), set: (k: string, v: Record<string, number>) => void entries.set(k, v) };
    let made = 0;
    const counting = () => ((made += 1), kinds());
    const a = await loadReportModel(storePath, 'last', { classifier: counting, classifierId: 'kinds', coverageCache: cache, generatedAt: 'x' });
    expect(made).toBe(LOGS.length);
    expect(entries.size).toBe(LOGS.length);
    const b = await loadReportModel(storePath, 'last', { classifier: counting, classifierId: 'kinds', coverageCache: cache, generatedAt: 'x' });
    expect(made).toBe(LOGS.length);
    expect(b.coverage).toEqual(a.coverage);
    await loadReportModel(storePath, 'last', { classifier: counting, classifierId: 'other', coverageCache: cache });
    expect(made).toBe(2 * LOGS.length);
  });

  it('says coverage unknown, with the reason, when no classifier is given', async () => {
    const m = await loadReportModel(storePath, first);
    expect(m.run.id).toBe(first);
    expect(m.verdict.reasons.find((r) => r.code === 'coverage-unknown')?.message).toBe('Coverage unknown: no conflict-class classifier is available.');
  });

  it('renders all four formats from it', () => {
    const html = reporterFor('html')!.render(model);
    expect(html).toContain('NOT READY');
    expect(html.match(/<tbody class="bucket"/g)?.length).toBe(model.buckets.length);
    expect(html).toContain('<pre class="diff">');
    const md = reporterFor('md')!.render(model);
    expect(md).toContain('## ❌ NOT READY');
    const xml = reporterFor('junit')!.render(model);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<failure message=');
    const json = JSON.parse(reporterFor('json')!.render(model)) as ReportModel;
    expect(json.run.id).toBe(second);
  });

  it('parity report writes html to -o and the other formats to stdout', async () => {
    const out = join(dir, 'r.html');
    const html = await cli(['report', '--store', storePath, '--last', '-o', out]);
    expect(html).toMatchObject({ code: 0, out: `${out}\n` });
    expect(readFileSync(out, 'utf8')).toContain(`run #${second}`);
    const md = await cli(['report', '--store', storePath, '--run', String(first), '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toContain(`Run #${first} (completed)`);
    const xml = await cli(['report', '--store', storePath, '--format', 'junit']);
    expect(xmlProblems(xml.out)).toEqual([]);
    const gate = await cli(['report', '--store', storePath, '--format', 'json', '--fail-on-not-ready']);
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.out)).toMatchObject({ schema: 1 });
  });

  it('without -o, writes html to reports/parity-report-<run>.html under the current folder and prints that path', async () => {
    const cwd = process.cwd();
    const elsewhere = mkdtempSync(join(tmpdir(), 'parity-report-cwd-'));
    try {
      process.chdir(elsewhere);
      const r = await cli(['report', '--store', storePath, '--run', String(first)]);
      expect(r).toMatchObject({ code: 0, out: `reports/parity-report-${first}.html\n` });
      expect(readFileSync(join(elsewhere, 'reports', `parity-report-${first}.html`), 'utf8')).toContain(`<h1>parity report — run #${first}</h1>`);
      // Other formats go to stdout and write no file.
      const md = await cli(['report', '--store', storePath, '--format', 'md']);
      expect(md.out).toContain(`Run #${second}`);
      expect(readdirSync(join(elsewhere, 'reports'))).toEqual([`parity-report-${first}.html`]);
    } finally {
      process.chdir(cwd);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments and unknown runs with exit 2', async () => {
    expect((await cli(['report', '--store', storePath, '--format', 'pdf'])).code).toBe(2);
    expect((await cli(['report', '--store', storePath, '--run', '1', '--last'])).code).toBe(2);
    const unknown = await cli(['report', '--store', storePath, '--run', '99']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no run 99');
    const missing = await cli(['report', '--store', join(dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.db');
  });
});
