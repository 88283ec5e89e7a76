import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { renderReport } from '../../../policies/report';
import { segmentWidths } from '../../../policies/report/chart';
import { escapeHtml } from '../../../policies/report/html';
import { TRICKY_RESOURCE, sampleReport } from './sample-report';
import { tempDir } from '../../support/temp-dir';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('HTML report (static checks)', () => {
  const html = renderReport('html', sampleReport());

  it('is one self-contained file: no scripts, no external references, a CSP that forbids them', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('escapes every value from the report', () => {
    expect(html).toContain(escapeHtml(TRICKY_RESOURCE));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('keeps tiny segments visible and fills the bar exactly', () => {
    const widths = segmentWidths({ passed: 10_000, waived: 0, failed: 1, notApplicable: 3 }, 460);
    expect(widths[2]).toBeGreaterThanOrEqual(4);
    expect(widths[1]).toBe(0);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(460, 1);
    expect(segmentWidths({ passed: 0, waived: 0, failed: 0, notApplicable: 2 }, 460)).toEqual([0, 0, 0]);
  });
});

describe('HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  let skipReason: string | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      const reason = `${CHROMIUM} is missing (install Debian's chromium)`;
      if (process.env.CI) throw new Error(`CI is set, so the Chromium test may not skip: ${reason}`);
      skipReason = reason;
      console.log(`SKIPPED: HTML report browser checks: ${reason}`);
      return;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the tables and the chart, offline, without console errors', async () => {
    if (skipReason) return;
    const dir = tempDir('html-report-');
    const file = path.join(dir, 'compliance.html');
    fs.writeFileSync(file, renderReport('html', sampleReport()));

    const page = await browser!.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
    });
    await page.goto(`file://${file}`);

    expect(await page.title()).toBe('Compliance report — 2026-11-26T01:00:00.000Z');
    expect(await page.locator('#verdict').innerText()).toBe('Blocked: 3 unwaived blocking findings');
    // Tables: one row per environment / severity / framework / non-passing finding / waiver / control / rule.
    expect(await page.locator('#environment-summary tbody tr').count()).toBe(3);
    expect(await page.locator('#severity-summary tbody tr').count()).toBe(4);
    expect(await page.locator('#framework-summary tbody tr').count()).toBe(4);
    expect(await page.locator('#findings-table tbody tr').count()).toBe(6);
    expect(await page.locator('#passed-table tbody tr').count()).toBe(11);
    expect(await page.locator('#waivers-table tbody tr').count()).toBe(4);
    expect(await page.locator('#manual-controls-table tbody tr').count()).toBe(2);
    expect(await page.locator('#rules-table tbody tr').count()).toBe(5);
    expect(await page.locator('#environment-summary tbody tr').nth(2).innerText()).toMatch(/^prod\s+4\s+3\s+0\s+0\s+3\s+0\s+critical, high, medium$/);
    // The escaped resource shows as text, and no script element came from it.
    expect(await page.locator('#findings-table').innerText()).toContain(TRICKY_RESOURCE);
    expect(await page.locator('script').count()).toBe(0);
    // Contributed sections keep their own fragments (a table and an inline SVG).
    expect(await page.locator('section.contributed').count()).toBe(2);
    expect(await page.locator('#contributed-matrix tr').count()).toBe(3);
    const contributedSvg = await page.locator('#contributed-svg').boundingBox();
    expect(contributedSvg!.width).toBeGreaterThan(0);
    // Rule evidence: the fixture results, with a misbehaving fixture marked.
    const rulesTable = await page.locator('#rules-table').innerText();
    expect(rulesTable).toContain('fixtures: 1 pass, 1 fail — all as declared');
    expect(rulesTable).toContain('fails: a privileged init container');
    expect(await page.locator('#rules-table [data-evidence="not-as-declared"]').innerText()).toBe(
      'fixtures: 0 pass, 1 fail — 1 not as declared: fails: missing memory limit',
    );

    // The chart: accessible name, one row per environment, bars with real size in the right proportions.
    const chart = page.locator('#chart-environments');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('title').first().textContent()).toBe('Policy results per environment');
    const chartBox = await chart.boundingBox();
    expect(chartBox!.width).toBeGreaterThan(300);
    expect(chartBox!.height).toBeGreaterThan(60);
    expect(await chart.locator('.chart-row').count()).toBe(3);
    const bars = chart.locator('rect.bar');
    // dev: passed + failed; staging: passed + waived + failed; prod: passed + failed.
    expect(await bars.count()).toBe(7);
    for (let index = 0; index < 7; index += 1) {
      const box = await bars.nth(index).boundingBox();
      expect(box!.width).toBeGreaterThan(0);
      expect(box!.height).toBeGreaterThan(0);
    }
    const prodFailed = await chart.locator('rect.bar-failed[data-label="prod"]').boundingBox();
    const prodPassed = await chart.locator('rect.bar-passed[data-label="prod"]').boundingBox();
    expect(prodPassed!.width / prodFailed!.width).toBeCloseTo(4 / 3, 1);
    expect(await chart.locator('rect.bar-failed[data-label="prod"] title').textContent()).toBe('prod: 3 failed');
    expect(await page.locator('#chart-frameworks .chart-row').count()).toBe(4);

    const screenshot = path.join(tempDir('html-screenshot-'), 'compliance-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`compliance.html screenshot: ${screenshot}`);
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);

    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
