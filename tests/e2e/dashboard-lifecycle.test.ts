import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';
import { configFile, NO_AUTO_KILL, startServe, type ServeProcess } from '../helpers/serve-process';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

describe.skipIf(missing !== null)('dashboard in Chromium against npm run serve', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The lifecycle under test is the user's: at 120 simulated minutes a second a whole session
    // passes in seconds, and on some days the daily loss limit would kill the bot first.
    serve = await startServe(['--speed', '120', '--config', configFile(NO_AUTO_KILL)]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  const pill = () => page.getByTestId('status-pill');

  it('connects with the printed token and shows the bot stopped, simulated', async () => {
    await expect.poll(() => pill().textContent(), { timeout: 15_000 }).toMatch(/STOPPED/i);
    await expect.poll(() => page.getByTestId('simulated-badge').isVisible()).toBe(true);
    // A stopped bot needs no feed: idle, not a red alarm.
    expect(await page.getByTestId('feed-status').textContent()).toBe('Feed idle');
    await page.screenshot({ path: join(SHOTS, '00-stopped.png') });
  });

  it('starts into PAPER and receives live pushes', async () => {
    await page.getByTestId('btn-start').click();
    await expect.poll(() => pill().textContent(), { timeout: 10_000 }).toMatch(/PAPER/i);
    await expect.poll(() => page.getByTestId('feed-status').textContent(), { timeout: 15_000 }).toBe('Feed connected');
  });

  it('pauses into PAUSED', async () => {
    await page.getByTestId('btn-pause').click();
    await expect.poll(() => pill().textContent(), { timeout: 10_000 }).toMatch(/PAUSED/i);
  });

  it('kills into KILLED after one confirmation and records the kill in bot_events', async () => {
    await page.getByTestId('btn-kill').click();
    await page.getByTestId('kill-confirm').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => pill().textContent(), { timeout: 10_000 }).toMatch(/KILLED/i);
    const db = new Database(join(serve.dataDir, 'axion.db'), { readonly: true });
    try {
      const row = db
        .prepare("SELECT severity, message FROM bot_events WHERE event_type = 'kill' ORDER BY id DESC LIMIT 1")
        .get() as { severity: string; message: string } | undefined;
      expect(row?.severity).toBe('critical');
    } finally {
      db.close();
    }
  });

  it('saves a screenshot of every tab', async () => {
    const tabs = ['command-center', 'positions', 'signals', 'cloud-charts', 'performance', 'configuration'];
    for (const [i, tab] of tabs.entries()) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `${String(i + 1).padStart(2, '0')}-${tab}.png`) });
    }
  });

  it('refuses to start on a config file with an invalid field, naming it', async () => {
    const bad = configFile({ risk: { riskPerTradePct: 'lots' } });
    await expect(startServe(['--config', bad])).rejects.toThrow(/risk\.riskPerTradePct/);
  });

  it('refuses a dashboard link with a wrong token and says so', async () => {
    const bad = await browser.newPage();
    await bad.goto(serve.url.replace(/#token=.*/, '#token=wrong-token'));
    await expect.poll(() => bad.getByTestId('connection-error').isVisible(), { timeout: 15_000 }).toBe(true);
    await bad.close();
  });
});
