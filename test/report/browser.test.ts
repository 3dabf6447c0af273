/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core, from file://.
 * Without /usr/bin/chromium the test fails in CI (CI=true) and is skipped with a warning locally.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reporterFor } from '../../src/report/index.js';
import { HOSTILE, IMG, SCRIPT, fixtureModel } from './fixtures/model.js';

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

describe.runIf(available)('html report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, reporterFor('html')!.render(fixtureModel()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // Any request other than the file itself would be a remote load the page promised not to make.
    page.on('request', (r) => {
      if (r.url() !== pathToFileURL(file).href) errors.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
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
    const visible = () => page.locator('tbody.bucket:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await page.fill('#filter', 'engine-hang');
    expect(await visible()).toEqual(['3']);
    await page.fill('#filter', '');
    await page.selectOption('#status-filter', 'regressed');
    expect(await visible()).toEqual(['2']);
    expect(await page.locator('#shown').textContent()).toBe('1 of 4 buckets shown');
    await page.selectOption('#status-filter', '');
    expect(await visible()).toEqual(['1', '2', '3', '4']);
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
