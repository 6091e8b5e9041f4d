// The report in a real browser: Debian's chromium driven by playwright-core, one launch for the whole file. Opens
// the rendered file by file:// with the network switched off, then checks what a reader gets: no console error,
// no request but the file itself, every heading visible, tooltips, drawn bars, and cell texts equal to the values
// written by hand in fixtures.ts. Takes a full-page screenshot to /tmp/prikk-report.png for a person to look at.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/release/report/renderReport.js';
import { EVIL_LABEL, manifest, tables } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/prikk-report.png';
const NNBSP = '\u202f';

let dir = '';
let context: BrowserContext | undefined;
let page: Page;
let fileUrl = '';
const requests: string[] = [];
const consoleErrors: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `report.browser.test: ${CHROMIUM} is missing. Install Debian's chromium: ` +
        '`sudo apt-get update -qq && sudo apt-get install -y -qq chromium` (.ci/run does this before npm test).',
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'prikk-report-'));
  const file = join(dir, 'report.html');
  await writeFile(file, renderReport({ manifest, tables }), 'utf8');
  fileUrl = pathToFileURL(file).href;
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
    offline: true,
  });
  context.on('request', (r) => requests.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(fileUrl, { waitUntil: 'load' });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

/** innerText of every cell of the table named (captioned) `caption`, row by row. */
async function cellTexts(caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption, exact: true });
  const rows = table.locator('tr');
  const out: string[][] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) out.push(await rows.nth(i).locator('th, td').allInnerTexts());
  return out;
}

describe('report in chromium', () => {
  it('loads with no console error, no dialog and no request but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('shows the h1 and every section heading', async () => {
    await expect(page.locator('h1').innerText()).resolves.toBe('Release report: hip-fracture-2025');
    expect(await page.locator('h1').isVisible()).toBe(true);
    const headings = ['What was asked', 'The rules applied', 'The tables', 'The audit', 'Utility cost', 'Reconciliation of input rows'];
    const h2 = page.locator('h2');
    expect(await h2.allInnerTexts()).toEqual(headings);
    for (let i = 0; i < headings.length; i++) expect(await h2.nth(i).isVisible()).toBe(true);
  });

  it('table cells read as the hand-written values; the <script> label is text', async () => {
    expect(await cellTexts('Persons by hospital & ward')).toEqual([
      ['hospital', 'Persons'],
      ['A', '12'],
      [EVIL_LABEL, '..'],
      ['C', ':'],
      ['Total', '41'],
    ]);
    expect(await cellTexts('Persons by region and year (Persons)')).toEqual([
      ['region \\ year', '2023', '2024', 'Total'],
      ['Oslo', '15', '20', '35'],
      ['Viken', '*', '10', '15'],
      ['East', '20', '30', '50'],
      ['Bergen', '5', '*', '10'],
      ['West', '5', '*', '10'],
      ['Total', '25', '35', '60'],
    ]);
    expect(await cellTexts('Persons by sex (differentially private)')).toEqual([
      ['sex', 'Persons', 'Mean of cost'],
      ['F', '2710', `81${NNBSP}234.5`],
      ['M', '2179', `79${NNBSP}000.0`],
      ['Total', `12${NNBSP}345`, `80${NNBSP}250.0`],
    ]);
  });

  it("a hidden cell's tooltip and accessible name give the legend's meaning", async () => {
    const cell = page.getByRole('cell', { name: '..: Hidden: fewer than 5 persons' });
    await expect(cell.count()).resolves.toBe(1);
    expect(await cell.getAttribute('title')).toBe('Hidden: fewer than 5 persons');
    expect(await cell.innerText()).toBe('..');
    // Each hidden status has its own background colour.
    // (A string expression: the project's type-check has no DOM library.)
    const colours = await page.evaluate<string[]>(
      "['primary', 'secondary', 'small'].map((s) => getComputedStyle(document.querySelector('td.status-' + s)).backgroundColor)",
    );
    expect(new Set(colours).size).toBe(3);
    const dp = page.locator('td.noisy').first();
    expect(await dp.getAttribute('title')).toBe('95 % confidence interval: 2706 to 2714');
  });

  it('draws the SVG bars with a non-zero size', async () => {
    // Hidden cell share: by_hospital 50 %, by_region_year 16.7 %, by_sex_age_year 3.7 % (dp_by_sex is 0).
    const bars = page.locator('svg[aria-labelledby^="chart-hidden-share"] rect.bar-rect');
    expect(await bars.count()).toBe(4);
    const widths: number[] = [];
    for (const i of [0, 1, 3]) {
      const box = await bars.nth(i).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.width).toBeGreaterThan(0);
      expect(box!.height).toBeGreaterThan(0);
      widths.push(box!.width);
    }
    // Drawn lengths keep the proportions 50 : 16.7 : 3.7.
    expect(widths[0]! / widths[1]!).toBeCloseTo(3, 1);
    for (const id of ['chart-noise-sd', 'chart-budget', 'chart-reconciliation']) {
      const box = await page.locator(`svg[aria-labelledby^="${id}"]`).boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(20);
    }
    const segments = page.locator('svg[aria-labelledby^="chart-budget"] rect.segment');
    for (let i = 0; i < 3; i++) expect((await segments.nth(i).boundingBox())!.width).toBeGreaterThan(0);
  });

  it('prints: the contents list is left out, headings and tables stay, DP intervals show under their values', async () => {
    const interval = page.locator('td.noisy .ci').first();
    expect(await interval.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await interval.isVisible()).toBe(true);
    expect(await interval.innerText()).toBe('(2706 to 2714)');
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('table.cells').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('keeps the full parameters in closed <details>: a click opens one, and print shows them as the screen does', async () => {
    // One "All parameters" block per table; the fixture's dimensions are flat, so no hierarchy specs block.
    const details = page.locator('details.json');
    expect(await details.count()).toBe(4);
    const opened = details.nth(0);
    const closed = details.nth(1);
    expect(await opened.locator('pre').isVisible()).toBe(false);
    await opened.locator('summary').click();
    expect(await opened.locator('pre').isVisible()).toBe(true);
    expect(await opened.locator('pre').innerText()).toContain('"solverNote": "HiGHS 1.15"');
    await page.emulateMedia({ media: 'print' });
    // Print keeps the state: the opened block prints whole, the closed one as its summary line with a pointer.
    expect(await opened.locator('pre').isVisible()).toBe(true);
    expect(await closed.locator('pre').isVisible()).toBe(false);
    expect(await closed.locator('summary').isVisible()).toBe(true);
    const pointer = await page.evaluate<string>(
      "getComputedStyle(document.querySelectorAll('details.json')[1].querySelector('summary'), '::after').content",
    );
    expect(pointer).toContain('manifest.json');
    await page.emulateMedia({ media: 'screen' });
    await opened.locator('summary').click();
    expect(await opened.locator('pre').isVisible()).toBe(false);
  });

  it('takes a screenshot for a person to look at', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(requests).toEqual([fileUrl]);
  });
});
