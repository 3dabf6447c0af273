/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core, from file://.
 * Once on a hand-built hostile model, once on the page `parity report` writes from a real store
 * of two mutant runs. Without /usr/bin/chromium the test fails in CI (CI=true) and is skipped
 * with a warning locally.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reporterFor } from '../../src/report/index.js';
import { Store } from '../../src/store/index.js';
import { HOSTILE, IMG, SCRIPT, fixtureModel } from './fixtures/model.js';
import { cli, replayInto, SCENARIO_LOGS } from './helpers.js';

const CHROMIUM = process.env.PARITY_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!available && !inCi) {
  console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium); in CI this fails instead`);
}

describe('chromium is there for the browser test', () => {
  it.runIf(inCi)('finds Chromium in CI', () => {
    expect(available, `${CHROMIUM} is missing: .ci/run installs Debian's chromium package`).toBe(true);
  });
});

/** Opens `file` in a fresh headless Chromium; page errors and any other request land in `errors`. */
async function openPage(file: string, errors: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  // Any request other than the file itself would be a remote load the page promised not to make.
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) errors.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  return { browser, page };
}

const visibleIds = (page: Page) => page.locator('tbody.bucket:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const pwned = (page: Page) => page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);

describe.runIf(available)('html report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, reporterFor('html')!.render(fixtureModel()));
    ({ browser, page } = await openPage(file, errors));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the verdict first, with its reasons', async () => {
    const banner = page.locator('#verdict');
    await expect.poll(() => banner.locator('.word').textContent()).toBe('NOT READY');
    expect(await banner.textContent()).toContain('1 bucket regressed');
    const box = await banner.boundingBox();
    expect(box!.y).toBeLessThan(200);
  });

  it('ran the page script, and no script from the data', async () => {
    expect(await page.locator('#shown').textContent()).toBe('4 of 4 buckets shown');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('opens a bucket to its reproducer, record, diff and command, hostile text shown as text', async () => {
    const bucket = page.locator('#bucket-1');
    expect(await bucket.locator('tr.detail').isVisible()).toBe(false);
    await bucket.locator('button.toggle').click();
    expect(await bucket.locator('tr.detail').isVisible()).toBe(true);
    expect(await bucket.locator('button.toggle').getAttribute('aria-expanded')).toBe('true');
    const diff = await bucket.locator('pre.diff').innerText();
    expect(diff).toContain('--- reference');
    expect(diff).toContain(`-    "name": ${JSON.stringify(HOSTILE)}`);
    expect(diff).toContain(`+    "name": "${SCRIPT}!"`);
    expect(await bucket.locator('pre.diff .add').count()).toBeGreaterThan(0);
    expect(await bucket.locator('pre.cmd').innerText()).toBe(`parity replay --doc '${SCRIPT}' logs/a.ndjson`);
    expect(await bucket.locator('pre.reproducer').innerText()).toContain(`"client":"${IMG}"`);
    expect(await bucket.locator('td.title').innerText()).toContain(IMG);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('filters by text and by status', async () => {
    const visible = () => visibleIds(page);
    await page.fill('#filter', 'engine-hang');
    expect(await visible()).toEqual(['3']);
    await page.fill('#filter', '');
    await page.selectOption('#status-filter', 'regressed');
    expect(await visible()).toEqual(['2']);
    expect(await page.locator('#shown').textContent()).toBe('1 of 4 buckets shown');
    await page.selectOption('#status-filter', '');
    expect(await visible()).toEqual(['1', '2', '3', '4']);
  });

  it('filters by minimum count and by the run a bucket was seen in, from the keyboard', async () => {
    // Fixture counts: #1 3, #2 6, #3 1, #4 40; #1 was seen in run 2 only, the others in runs 1 and 2.
    await page.focus('#min-count');
    await page.keyboard.type('5');
    expect(await visibleIds(page)).toEqual(['2', '4']);
    await page.keyboard.press('Backspace');
    expect(await visibleIds(page)).toEqual(['1', '2', '3', '4']);
    await page.focus('#run-filter');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#run-filter')).toBe('1');
    expect(await visibleIds(page)).toEqual(['2', '3', '4']);
    await page.focus('#min-count');
    await page.keyboard.type('2');
    expect(await visibleIds(page)).toEqual(['2', '4']);
    expect(await page.locator('#shown').textContent()).toBe('2 of 4 buckets shown');
    await page.focus('#clear-filters');
    await page.keyboard.press('Enter');
    expect(await visibleIds(page)).toEqual(['1', '2', '3', '4']);
    expect(await page.inputValue('#min-count')).toBe('');
    expect(await page.inputValue('#run-filter')).toBe('');
  });

  it('sorts from the keyboard: Enter on a header button', async () => {
    await page.focus('th[data-sort="title"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="title"]', 'aria-sort')).toBe('ascending');
    await page.click('th[data-sort="id"]');
  });

  it('sorts by count when the header is clicked, then reverses', async () => {
    const order = () => page.locator('tbody.bucket').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await page.click('th[data-sort="count"]');
    expect(await order()).toEqual(['4', '2', '1', '3']);
    expect(await page.getAttribute('th[data-sort="count"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-sort="count"]');
    expect(await order()).toEqual(['3', '1', '2', '4']);
  });

  it('parses the JUnit output as well-formed XML in the browser', async () => {
    const xml = reporterFor('junit')!.render(fixtureModel());
    const result = await page.evaluate((text) => {
      // Runs in the page; the test's own type-check has no DOM library.
      type Doc = { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } };
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, type: string): Doc } }).DOMParser;
      const doc = new Parser().parseFromString(text, 'application/xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, cases: doc.querySelectorAll('testcase').length, failures: doc.querySelectorAll('failure').length };
    }, xml);
    expect(result).toEqual({ error: null, cases: 5, failures: 3 });
  });

  it('keeps a screenshot as a test artifact', async () => {
    await page.click('th[data-sort="id"]');
    const out = resolve('test-artifacts');
    mkdirSync(out, { recursive: true });
    const buffer = await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    expect(buffer.length).toBeGreaterThan(10_000);
  });
});

/**
 * The page `parity report` writes from a real store: run 1 replays a log whose document id is an
 * HTML payload (plus the scenario logs) against one mutant, run 2 the scenarios against another;
 * `parity minimize` gives the first bucket its reproducer, and a triage decision gives the buckets
 * two statuses, so every filter has something to separate.
 */
describe.runIf(available)('html report of a real two-run store in Chromium', () => {
  const HOSTILE_DOC = '<img src=x onerror="window.__pwned=1">';
  let browser: Browser;
  let page: Page;
  let dir: string;
  let reproducer: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-report-store-'));
    const db = join(dir, 'parity.db');
    const hostileLog = join(dir, 'hostile.ndjson');
    writeFileSync(hostileLog, readFileSync(SCENARIO_LOGS[0]!, 'utf8').replaceAll('"doc":"d1"', `"doc":${JSON.stringify(HOSTILE_DOC)}`));
    await replayInto(db, 'mutant:delete-between-updates', [hostileLog, ...SCENARIO_LOGS]);
    await replayInto(db, 'mutant:ztie');
    const min = join(dir, 'min.ndjson');
    const m = await cli(['minimize', hostileLog, '--reference', 'reference', '--candidate', 'mutant:delete-between-updates', '--store', db, '-o', min]);
    expect(m.out).toContain('stored as the reproducer of bucket #1');
    reproducer = readFileSync(min, 'utf8');
    const store = Store.open(db);
    try {
      store.setBucket('#2', { status: 'investigating' });
    } finally {
      store.close();
    }
    const file = join(dir, 'report.html');
    expect((await cli(['report', '--store', db, '-o', file])).out).toBe(`${file}\n`);
    ({ browser, page } = await openPage(file, errors));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the verdict of the last run, with the open bucket and the coverage gaps', async () => {
    const banner = page.locator('#verdict');
    expect(await banner.locator('.word').textContent()).toBe('NOT READY');
    expect(await banner.locator('li[data-code="open-buckets"]').textContent()).toContain('1 divergence bucket open');
    expect(await banner.locator('li[data-code="coverage-gap"]').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe('parity report — run #2');
  });

  it('opens a bucket to its stored reproducer, first divergent record, unified diff and command', async () => {
    const bucket = page.locator('#bucket-1');
    await bucket.locator('button.toggle').click();
    expect(await bucket.locator('tr.detail').isVisible()).toBe(true);
    expect(await bucket.locator('pre.reproducer').textContent()).toBe(reproducer);
    expect(await bucket.locator('pre.reproducer').textContent()).toContain(JSON.stringify(HOSTILE_DOC));
    // The bucket holds the hostile log's divergence and scenario 01's: the first is either one.
    const record = JSON.parse((await bucket.locator('pre.record').textContent())!) as { doc: string; kind: string; op: { type: string } };
    expect(record).toMatchObject({ kind: 'op', op: { type: 'SET_PROPERTY' } });
    expect([HOSTILE_DOC, 'd1']).toContain(record.doc);
    const diff = await bucket.locator('pre.diff').innerText();
    expect(diff).toMatch(/^--- reference\s*\n\+\+\+ candidate\s*\n@@ /);
    expect(await bucket.locator('pre.diff .add').count()).toBeGreaterThan(0);
    expect(await bucket.locator('pre.diff .del').count()).toBeGreaterThan(0);
    expect(await bucket.locator('pre.cmd').textContent()).toMatch(/^parity replay --reference reference --candidate mutant:delete-between-updates /);
  });

  it('filters by text, status, kind, minimum count and run, each changing the rows shown', async () => {
    // Bucket 1: extra, new, 2 hits, run 1. Bucket 2: value, investigating, 1 hit, run 2.
    expect(await visibleIds(page)).toEqual(['1', '2']);
    await page.fill('#filter', 'onerror');
    expect(await visibleIds(page)).toEqual(['1']);
    await page.fill('#filter', '');
    await page.selectOption('#status-filter', 'investigating');
    expect(await visibleIds(page)).toEqual(['2']);
    await page.selectOption('#status-filter', '');
    await page.selectOption('#kind-filter', 'extra');
    expect(await visibleIds(page)).toEqual(['1']);
    await page.selectOption('#kind-filter', '');
    await page.fill('#min-count', '2');
    expect(await visibleIds(page)).toEqual(['1']);
    await page.fill('#min-count', '');
    await page.selectOption('#run-filter', '2');
    expect(await visibleIds(page)).toEqual(['2']);
    await page.click('#clear-filters');
    expect(await visibleIds(page)).toEqual(['1', '2']);
  });

  it('ran no script from the data, loaded nothing, and keeps a screenshot', async () => {
    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(errors).toEqual([]);
    const out = resolve('test-artifacts');
    mkdirSync(out, { recursive: true });
    const buffer = await page.screenshot({ path: join(out, 'report-store.png'), fullPage: true });
    expect(buffer.length).toBeGreaterThan(10_000);
  });
});
