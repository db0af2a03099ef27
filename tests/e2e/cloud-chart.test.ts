import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, type BuiltHarness } from '../bench/chart-harness/build';
import { harnessCall, openHarness } from '../bench/chart-harness/page';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

type Report = Record<string, number>;
const CLOUDS = ['fast', 'pullback', 'trend', 'macro'] as const;
/** Renders with `call`, saves a screenshot and counts the chart's colours; both candle colours must show. */
async function paintedColours(page: Page, call: string, shot: string): Promise<Report> {
  await harnessCall(page, call);
  await page.screenshot({ path: join(SHOTS, shot) });
  const report = await harnessCall<Report>(page, 'colourReport()');
  expect(report['candle.up']).toBeGreaterThan(100);
  expect(report['candle.down']).toBeGreaterThan(100);
  return report;
}
interface Markers {
  onScreen: number;
  onTheirBars: number;
  painted: number;
  colours: string[];
}
/** The markers on screen sit on their bars and show on the canvas in their colours. */
async function markersOnBars(page: Page): Promise<Markers> {
  const markers = await harnessCall<Markers>(page, 'markerReport()');
  expect(markers.onScreen).toBeGreaterThanOrEqual(3);
  expect(markers.onTheirBars).toBe(markers.onScreen);
  expect(markers.painted).toBe(markers.onScreen);
  return markers;
}
/** Clouds whose bullish and bearish fills both show (at least `min` pixels each). */
const twoColoured = (r: Report, min = 50) =>
  CLOUDS.filter((c) => (r[`${c}.bull`] ?? 0) >= min && (r[`${c}.bear`] ?? 0) >= min);

describe.skipIf(missing !== null)('cloud chart in Chromium (harness built with Vite)', () => {
  let harness: BuiltHarness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    harness = await buildHarness();
    browser = await launchChromium();
    page = await openHarness(browser, harness.url);
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    harness?.dispose();
  });

  it('paints 50,000 bars: candles of both colours and clouds in both colours, switching at crossings', async () => {
    const report = await paintedColours(page, 'renderChart({ bars: 50000 })', 'cloud-chart-50k.png');
    // The fixture's last bars cross every cloud; the fast, trend and macro clouds show alone
    // somewhere (the pullback cloud always lies within the fast one).
    expect(twoColoured(report)).toEqual(expect.arrayContaining(['fast', 'trend', 'macro']));
    // Signal markers at the fast cloud's crosses, long and short, and the position's entry.
    const markers = await markersOnBars(page);
    expect(markers.colours).toEqual(expect.arrayContaining(['#22c55e', '#ef4444', '#3b82f6']));
    expect(errors).toEqual([]);
  });

  it('takes live bars without a reload: the legend follows the forming bar', async () => {
    const before = await page.textContent('.cloud-legend__ohlc');
    await harnessCall(page, 'pushTicks(40)');
    const after = await page.textContent('.cloud-legend__ohlc');
    expect(after).toMatch(/^O [\d.,]+ {2}H/);
    expect(after).not.toBe(before);
    const report = await harnessCall<Report>(page, 'colourReport()');
    expect(twoColoured(report).length).toBeGreaterThan(0);
    await markersOnBars(page);
    expect(errors).toEqual([]);
  });

  it('scrolls back through the 50,000 bars: candles, clouds and markers are drawn wherever the screen is', async () => {
    for (const barsBack of [20_000, 49_700, 20_150]) {
      const held = await harnessCall<{ from: number; to: number; rows: number }>(page, `scrollBack(${barsBack})`);
      // The candle and volume series hold a window around the screen, not the whole history.
      expect(held.rows).toBeLessThan(2_000);
      const report = await harnessCall<Report>(page, 'colourReport()');
      expect(report['candle.up'], `${barsBack} bars back`).toBeGreaterThan(100);
      expect(report['candle.down'], `${barsBack} bars back`).toBeGreaterThan(100);
      expect(twoColoured(report).length, `${barsBack} bars back`).toBeGreaterThan(0);
      await markersOnBars(page);
    }
    await page.screenshot({ path: join(SHOTS, 'cloud-chart-scrolled-back.png') });
    // Live bars while scrolled back, then back to the live edge.
    await harnessCall(page, 'pushTicks(40)');
    await harnessCall(page, 'scrollBack(0)');
    const report = await harnessCall<Report>(page, 'colourReport()');
    expect(report['candle.up']).toBeGreaterThan(100);
    await markersOnBars(page);
    expect(errors).toEqual([]);
  });

  it('zooms and scrolls by wheel without a frame short of candles at the screen edge', async () => {
    await harnessCall(page, 'renderChart({ bars: 50000 })');
    const short: string[] = [];
    // Four turns a frame, as a fast wheel or a trackpad gives: zoom out, scroll back and forth, zoom in again.
    const turns: [number, number][] = [
      ...Array.from({ length: 6 }, (): [number, number] => [0, 300]),
      ...Array.from({ length: 4 }, (): [number, number] => [600, 0]),
      ...Array.from({ length: 4 }, (): [number, number] => [-600, 0]),
      ...Array.from({ length: 5 }, (): [number, number] => [0, -300]),
    ];
    for (const [dx, dy] of turns) {
      const seen = await harnessCall<{ frame: number; settled: number }>(page, `wheelTurns(${dx}, ${dy}, 4)`);
      // Candle pixels at the left edge: the frame right after the turns shows what the settled chart shows.
      expect(seen.settled).toBeGreaterThan(100);
      if (seen.frame < seen.settled * 0.95) short.push(`${seen.frame} of ${seen.settled} after (${dx}, ${dy})`);
    }
    expect(short, 'frames drawn short of candles at the left edge').toEqual([]);
    expect(errors).toEqual([]);
  });

  it('draws the colour-blind safe palette when asked', async () => {
    const report = await paintedColours(
      page,
      'renderChart({ bars: 50000, colorBlindSafe: true })',
      'cloud-chart-colour-blind.png',
    );
    expect(twoColoured(report).length).toBeGreaterThan(0);
    // The app's colour-blind pair (blue up, orange down) and its light entry colour.
    const markers = await markersOnBars(page);
    expect(markers.colours).toEqual(expect.arrayContaining(['#3b82f6', '#f97316', '#f1f5f9']));
  });

  it('shows the tab: chart, timeframe tabs and the scan universe table', async () => {
    const report = await paintedColours(page, 'renderTab()', 'cloud-charts-tab.png');
    expect(twoColoured(report).length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="strength-table"] tbody tr').count()).toBe(12);
  });

  it('shows four charts in the 2×2 view', async () => {
    await harnessCall(page, 'renderTab({ grid: true })');
    await page.screenshot({ path: join(SHOTS, 'cloud-charts-grid.png') });
    for (const i of [0, 1, 2, 3]) {
      const report = await harnessCall<Report>(page, `colourReport('[data-testid="cloud-chart-${i}"]')`);
      expect(report['candle.up'], `chart ${i}`).toBeGreaterThan(50);
    }
  });

  it('shows a refused chart request as an error with the reason and a retry button', async () => {
    await harnessCall(page, 'renderTab({ chartError: true })');
    const error = page.getByTestId('cloud-chart-error');
    expect(await error.textContent()).toMatch(/not wired/);
    expect(await error.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'cloud-charts-error.png') });
    expect(errors).toEqual([]);
  });
});
