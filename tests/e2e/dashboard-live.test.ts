import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';
import { storedEvents } from '../helpers/e2e-events';
import { startServe, type ServeProcess } from '../helpers/serve-process';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

/** The machine is shared and loaded: polls get room, nothing waits a fixed time. */
const LONG = { timeout: 60_000, interval: 250 };
const SHORT = { timeout: 15_000, interval: 100 };

/** Tabs 2–5: their tab id and the testid of their content root. */
const LIVE_TABS = [
  { tab: 'signals', root: 'tab-content-signals' },
  { tab: 'positions', root: 'tab-content-positions' },
  { tab: 'cloud-charts', root: 'cloud-charts' },
  { tab: 'performance', root: 'tab-content-performance' },
] as const;

describe.skipIf(missing !== null)('live dashboard in Chromium against serve --speed 60', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    serve = await startServe(['--speed', '60']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (serve) rmSync(serve.dataDir, { recursive: true, force: true });
  });

  /**
   * Screenshot with the toast stack hidden, for shots whose subject it would cover. Through the
   * CSSOM: the page's CSP (style-src 'self') refuses the style tag of screenshot({ style }).
   */
  const shotWithoutToasts = async (name: string) => {
    const toasts = (visibility: string) =>
      page.evaluate(`document.querySelector('.toasts')?.style.setProperty('visibility', '${visibility}')`);
    await toasts('hidden');
    try {
      await page.screenshot({ path: join(SHOTS, name) });
    } finally {
      await toasts('');
    }
  };
  /** Centres a testid's element in the viewport (clear of the sticky save bar). */
  const centre = (testId: string) =>
    page.evaluate(`document.querySelector('[data-testid="${testId}"]').scrollIntoView({ block: 'center' })`);

  const openTab = async (tab: string) => {
    await page.getByTestId(`tab-${tab}`).click();
    await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected'), SHORT).toBe('true');
  };

  it('starts and the Command Center fills with recent signals and the intraday P&L chart', async () => {
    await expect.poll(() => page.getByTestId('status-pill').textContent(), SHORT).toMatch(/STOPPED/i);
    await page.getByTestId('btn-start').click();
    await expect.poll(() => page.getByTestId('status-pill').textContent(), SHORT).toMatch(/PAPER|KILLED/i);
    // The engine has produced data: signal rows in the Command Center, a P&L curve on a canvas.
    await expect.poll(() => page.locator('[data-testid="signals-list"] li').count(), LONG).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.panel--chart canvas').count(), LONG).toBeGreaterThan(0);
    const firstRow = await page.locator('[data-testid="signals-list"] li').first().textContent();
    expect(firstRow).toMatch(/\d{1,2}:\d{2}/); // the signal's time
    expect(firstRow).toMatch(/PENDING|EXECUTED|LOGGED ONLY|SKIPPED/);
    await page.screenshot({ path: join(SHOTS, 'live-command-center.png') });
  });

  for (const { tab, root } of LIVE_TABS) {
    it(`the ${tab} tab renders its content root, not the NOT BUILT YET panel`, async () => {
      await openTab(tab);
      const content = page.getByTestId(root);
      await expect.poll(() => content.count(), SHORT).toBeGreaterThan(0);
      expect(await content.isVisible()).toBe(true);
      expect(await page.getByText('NOT BUILT YET').count()).toBe(0);
      if (tab === 'signals') {
        await expect.poll(() => page.getByTestId('signal-row').count(), LONG).toBeGreaterThan(0);
      }
      if (tab === 'cloud-charts') {
        await expect.poll(() => content.locator('canvas').count(), LONG).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(SHOTS, `live-${tab}.png`) });
    });
  }

  it('an invalid config edit shows the field error, keeps Save disabled and changes nothing', async () => {
    await openTab('configuration');
    const input = page.getByTestId('input-risk.maxOpenPositions');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('0');
    await expect.poll(() => page.getByTestId('error-risk.maxOpenPositions').isVisible(), SHORT).toBe(true);
    expect(await page.getByTestId('error-risk.maxOpenPositions').textContent()).not.toBe('');
    expect(await page.getByTestId('btn-config-save').isDisabled()).toBe(true);
    await centre('field-risk.maxOpenPositions');
    await shotWithoutToasts('live-config-invalid.png');
    expect(storedEvents(serve.dataDir, 'config_change')).toEqual([]);
  });

  it('a valid config edit goes through the diff and lands in the event log as config_change', async () => {
    const input = page.getByTestId('input-risk.maxOpenPositions');
    await input.fill('7');
    await expect.poll(() => page.getByTestId('error-risk.maxOpenPositions').count(), SHORT).toBe(0);
    const save = page.getByTestId('btn-config-save');
    await expect.poll(() => save.isEnabled(), SHORT).toBe(true);
    await save.click();
    const diff = page.getByTestId('config-diff-list');
    await diff.waitFor({ timeout: 15_000 });
    expect(await diff.getByTestId('diff-row').count()).toBe(1);
    expect(await diff.textContent()).toMatch(/8\s*→\s*7/);
    await shotWithoutToasts('live-config-diff.png');
    await page.getByTestId('config-diff-confirm').click();
    await expect.poll(() => page.getByTestId('config-saved').isVisible(), SHORT).toBe(true);
    await centre('field-risk.maxOpenPositions');
    await shotWithoutToasts('live-config-saved.png');
    await expect
      .poll(() => storedEvents(serve.dataDir, 'config_change').map((e) => `${e.severity} ${e.message}`), SHORT)
      .toEqual(['info Config changed: risk.maxOpenPositions']);
    const [event] = storedEvents(serve.dataDir, 'config_change');
    expect(JSON.parse(event?.metadataJson ?? '{}')).toMatchObject({
      diff: [{ path: 'risk.maxOpenPositions', from: 8, to: 7 }],
    });
  });

  it('the instrument mode switch in the status line changes the active button', async () => {
    await openTab('command-center');
    const pressed = (mode: string) => page.getByTestId(`mode-${mode}`).getAttribute('aria-pressed');
    const modes = ['options', 'leveraged_etf', 'both'];
    const current = modes[(await Promise.all(modes.map(pressed))).indexOf('true')];
    expect(current, 'one mode button is active').toBeDefined();
    const target = current === 'options' ? 'leveraged_etf' : 'options';
    await page.getByTestId(`mode-${target}`).click();
    await expect.poll(() => pressed(target), SHORT).toBe('true');
    expect(await pressed(current!)).toBe('false');
    expect(await page.getByTestId(`mode-${target}`).getAttribute('class')).toContain('segmented__btn--on');
    await expect
      .poll(() => storedEvents(serve.dataDir, 'mode_change').map((e) => e.message), SHORT)
      .toEqual([expect.stringContaining(`${current} → ${target}`)]);
    await page.locator('.status-line').screenshot({ path: join(SHOTS, 'live-mode.png') });
  });

  it('threw no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
