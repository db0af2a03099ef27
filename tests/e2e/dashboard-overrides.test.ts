import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';
import { storedEvents } from '../helpers/e2e-events';
import { configFile, NO_AUTO_KILL, startServe, type ServeProcess } from '../helpers/serve-process';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

const LONG = { timeout: 90_000, interval: 250 };
const SHORT = { timeout: 15_000, interval: 100 };

const meta = (json: string | null): Record<string, unknown> =>
  json ? (JSON.parse(json) as Record<string, unknown>) : {};

/** Open position rows on the Positions tab (their testids carry the position id). */
const positionRows = (page: Page) => page.locator('[data-testid^="position-"]');

describe.skipIf(missing !== null)('position overrides, header KILL and live mode in Chromium against serve', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // One simulated minute per real second: positions stay open long enough to act on.
    serve = await startServe(['--speed', '1', '--config', configFile(NO_AUTO_KILL)]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(serve.url);
    await page.getByTestId('btn-start').click();
    await page.getByText('PAPER', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByTestId('tab-positions').click();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (serve) rmSync(serve.dataDir, { recursive: true, force: true });
  });

  it('closes a position from its row: the row goes and a trade is stored', async () => {
    await expect.poll(() => positionRows(page).count(), LONG).toBeGreaterThan(0);
    const testId = (await positionRows(page).first().getAttribute('data-testid'))!;
    const id = testId.replace(/^position-/, '');
    await page.getByTestId(`close-${id}`).click();
    await page.getByTestId(`confirm-close-${id}`).click();
    await expect.poll(() => page.getByTestId(`position-${id}`).count(), LONG).toBe(0);
    const trades = storedEvents(serve.dataDir, 'trade', 500);
    expect(trades.some((e) => meta(e.metadataJson).positionId === id)).toBe(true);
    const commands = storedEvents(serve.dataDir, 'command', 100);
    expect(commands.some((e) => e.message.startsWith('closePosition'))).toBe(true);
  });

  it('refuses an Add that breaks a risk limit and says so in plain words, with the ticker', async () => {
    await expect.poll(() => positionRows(page).count(), LONG).toBeGreaterThan(0);
    const testId = (await positionRows(page).first().getAttribute('data-testid'))!;
    const id = testId.replace(/^position-/, '');
    await page.getByTestId(`add-${id}`).click();
    await page.getByTestId(`addqty-${id}-input`).fill('1000000');
    await page.getByTestId(`addqty-${id}-submit`).click();
    // e.g. "Adding to NVDA refused: position $178,230,000.00 exceeds 20 % of equity ($10,104.20)"
    await expect
      .poll(() => page.getByTestId(`notice-${id}`).textContent(), SHORT)
      .toMatch(/^Adding to [A-Z]+ refused: .*\$\d{1,3}(,\d{3})+\.\d\d/);
    const refused = storedEvents(serve.dataDir, 'command', 100).find((e) => meta(e.metadataJson).positionId === id);
    expect(refused?.message).toMatch(new RegExp(`^addToPosition [A-Z]+ \\(${id}\\) refused: `));
  });

  it('KILL from the header flattens every intraday position', async () => {
    await expect.poll(() => positionRows(page).count(), LONG).toBeGreaterThan(0);
    await page.getByTestId('btn-kill').click();
    await page.getByTestId('kill-confirm').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status-pill').textContent(), SHORT).toMatch(/KILLED/);
    await expect.poll(() => positionRows(page).count(), LONG).toBe(0);
    const kill = storedEvents(serve.dataDir, 'kill', 5)[0];
    expect(kill?.severity).toBe('critical');
    expect(meta(kill?.metadataJson ?? null).flattenedPositions).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'overrides-killed-flat.png') });
  });

  it('refuses live mode, says why and stays in paper', async () => {
    await page.getByTestId('tab-configuration').click();
    await page.getByTestId('btn-go-live').click();
    await expect.poll(() => page.getByTestId('live-refusal').textContent(), SHORT).toMatch(/Alpaca live API keys/);
    expect(await page.getByTestId('execution-mode').textContent()).toMatch(/PAPER/i);
  });
});
