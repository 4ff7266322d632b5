/**
 * `--format html` in a real headless browser (Debian's chromium driven by playwright-core): the changes show, the
 * rule filter hides a rule's changes, duplicate groups are listed, input text is escaped, nothing is fetched.
 *
 * Without /usr/bin/chromium the test is skipped with a message, except in CI (CI=true), where it must run:
 * .ci/run installs the package when it is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDump, ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && !inCi) {
  console.warn(`report-html: SKIPPED, ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium; in CI the test runs and fails without it)`);
}

let dir: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!haveBrowser && !inCi) return;
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.txt'), '我们用Python写了3个脚本\n·自然语言处理.在这一领域\n注意<script>alert(1)</script>和<b>粗体</b>不是标记\n');
  const pages = makeDump(3, 600, 5).trimEnd().split('\n');
  pages.push(pages[0].slice(0, 300) + '口' + pages[0].slice(301));
  fs.writeFileSync(path.join(dir, 'dump & <x>.txt'), pages.join('\n') + '\n');
  const r = ocrtidy(['check', '--report', 'review.html', 'a.txt', 'dump & <x>.txt'], dir);
  expect(r.code, r.stderr).toBe(1);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage();
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(path.join(dir, 'review.html')).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmTemp(dir);
});

const visibleCount = (sel: string) => page.locator(sel).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().width > 0).length);

describe.skipIf(!haveBrowser && !inCi)('html report in headless chromium', () => {
  it('shows every page with its changes marked in place', async () => {
    expect(await page.title()).toBe('ocrtidy report');
    expect(await page.locator('article.page').count()).toBe(1 + 4);
    const spacing = await visibleCount('.edit[data-rule="space/cjk-latin"] ins');
    expect(spacing).toBeGreaterThan(5);
    expect(await visibleCount('.edit[data-rule="punct/bullet"] ins')).toBe(2);
    expect(await page.locator('.edit[data-rule="punct/bullet"] del').first().textContent()).toBe('·');
    // the marked page reads as the original where nothing changed
    const first = await page.locator('#f0-p1 .text').innerText();
    expect(first).toContain('自然语言处理');
    expect(await page.locator('.edit[data-rule="space/cjk-latin"]').first().getAttribute('title')).toMatch(/space\/cjk-latin · fix/);
  });

  it('hides the changes of a rule when its box is unticked, and shows them again', async () => {
    const box = page.locator('#filter input[value="space/cjk-latin"]');
    await box.uncheck();
    expect(await visibleCount('.edit[data-rule="space/cjk-latin"] ins')).toBe(0);
    expect(await visibleCount('.edit[data-rule="punct/bullet"] ins')).toBe(2);
    // with the rule off the page reads as the original text there
    expect(await page.locator('#f0-p1 .text').innerText()).toContain('我们用Python写了3个脚本');
    await box.check();
    expect(await visibleCount('.edit[data-rule="space/cjk-latin"] ins')).toBeGreaterThan(5);
  });

  it('lists the duplicate groups and greys out the dropped pass', async () => {
    const rows = page.locator('.groups tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toMatch(/1, 4/);
    expect(await page.locator('article.dropped .banner').innerText()).toMatch(/duplicate-pass.*page 1/);
    await page.locator('#filter input[value="pages/duplicate-pass"]').uncheck();
    expect(await visibleCount('article.dropped .banner')).toBe(0);
    await page.locator('#filter input[value="pages/duplicate-pass"]').check();
  });

  it('has a legend, escapes the input and fetches nothing', async () => {
    expect(await page.locator('.legend').innerText()).toMatch(/fix.*suggestion.*held back.*dropped/s);
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('#f0-p1 .text').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.locator('h2').nth(1).innerText()).toContain('dump & <x>.txt');
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });

  it('shows only pages with changes when asked', async () => {
    await page.locator('#filter input[value="space/cjk-latin"]').uncheck();
    await page.locator('#filter input[value="punct/bullet"]').uncheck();
    await page.locator('#only-changed').check();
    // only the dropped duplicate page still has a change to show
    expect(await visibleCount('article.page')).toBe(1);
    await page.locator('#all').click();
    expect(await visibleCount('article.page')).toBe(5);
  });
});
