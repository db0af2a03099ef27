import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpacaMarket } from '../helpers/alpaca-market';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';
import { startFakeAlpacaTrading, type FakeAlpacaTrading } from '../helpers/fake-alpaca-trading';
import { startServe, type ServeProcess } from '../helpers/serve-process';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

const KEYS = { keyId: 'PKE2EKEY0001', secretKey: 'e2e-secret-typed-in-the-browser' };
const POLL = { timeout: 60_000, interval: 250 };

describe.skipIf(missing !== null)('switching to Alpaca (paper) from the Configuration tab, in Chromium', () => {
  let trading: FakeAlpacaTrading;
  let market: Awaited<ReturnType<typeof alpacaMarket>>;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    trading = await startFakeAlpacaTrading(KEYS);
    market = await alpacaMarket({
      keys: KEYS,
      tickers: ['SPY', 'QQQ'],
      start: Math.floor(Date.now() / 60_000) * 60_000,
    });
    // No keys in the environment: the user types them. Only the endpoints point at the fakes.
    serve = await startServe([], undefined, {
      ALPACA_PAPER_TRADING_URL: trading.endpoints.tradingUrl,
      ALPACA_DATA_URL: market.data.endpoints.dataUrl,
      ALPACA_DATA_STREAM_URL: market.data.endpoints.dataStreamUrl,
      APCA_API_KEY_ID: '',
      APCA_API_SECRET_KEY: '',
      ALPACA_PAPER_KEY_ID: '',
      ALPACA_PAPER_SECRET_KEY: '',
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(serve.url);
    await page.getByTestId('tab-configuration').click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await trading?.close();
    await market?.data.close();
    if (serve) rmSync(serve.dataDir, { recursive: true, force: true });
  });

  it('shows Alpaca as not used, stores typed keys without echoing them, then trades on Alpaca once saved', async () => {
    const status = page.getByTestId('alpaca-status');
    await expect.poll(() => status.textContent(), POLL).toContain('not used');

    await page.getByLabel('API key ID').fill(KEYS.keyId);
    await page.getByLabel('API secret key').fill(KEYS.secretKey);
    await page.getByTestId('btn-store-keys').click();
    await expect.poll(() => page.getByTestId('alpaca-keys').textContent(), POLL).toContain('Paper keys: stored');
    expect(await page.getByLabel('API secret key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEYS.secretKey);

    await page.getByTestId('input-broker.primary-alpaca').locator('..').click();
    await page.getByTestId('input-broker.dataFeed-alpaca').locator('..').click();
    await page.getByTestId('btn-config-save').click();
    await page.getByTestId('config-diff-confirm').click();
    await page.getByTestId('config-saved').waitFor();

    // Rebuilt while stopped: Alpaca connected with the typed keys, reconciled, real data.
    await expect.poll(() => status.textContent(), POLL).toContain('connected');
    expect(await status.textContent()).not.toContain('disconnected');
    expect(trading.requests.some((r) => r.path === '/v2/account' && r.status === 200)).toBe(true);
    expect(market.data.restRequests.some((r) => r.path === '/v2/stocks/bars')).toBe(true);
    await expect.poll(() => page.getByTestId('simulated-badge').count(), POLL).toBe(0);
    await page.getByTestId('broker-credentials').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'configuration-alpaca.png') });

    await page.getByTestId('tab-command-center').click();
    await expect.poll(() => page.locator('body').textContent(), POLL).toContain('Alpaca (Paper)');
    await page.getByTestId('btn-start').click();
    // Started on Alpaca data: the feed subscribes to the universe on the market-data stream.
    await expect.poll(() => market.data.connections.some((c) => c.authenticated && c.bars.has('SPY')), POLL).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'command-center-alpaca.png') });
  }, 180_000);
});
