import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openController } from '../../src-main/controller/create-controller';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import type { BotState } from '../../src-shared/bot-state';
import { startFakeAlpacaTrading, type FakeAlpacaTrading } from '../helpers/fake-alpaca-trading';
import { wireBar } from '../helpers/fake-alpaca-data-bars';
import { orderPosts } from '../helpers/fake-alpaca-trading-harness';
import { alpacaMarket } from '../helpers/alpaca-market';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../store/temp-store';

const MINUTE = 60_000;
/** 10:00 ET on Tuesday 2026-11-24. */
const START = Date.UTC(2026, 10, 24, 15, 0);
const PAPER = { keyId: 'PKPAPERKEY01', secretKey: 'paper-secret-do-not-leak' };
const LIVE = { keyId: 'AKLIVEKEY001', secretKey: 'live-secret-do-not-leak' };
const ALPACA = {
  broker: { primary: 'alpaca', dataFeed: 'alpaca' },
  universe: { tickers: ['SPY', 'QQQ'] },
  instrumentMode: 'leveraged_etf',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(
  opts: {
    live?: boolean;
    configPatch?: Record<string, unknown>;
    before?: (t: FakeAlpacaTrading) => void;
    dir?: string;
    servers?: { market: Awaited<ReturnType<typeof alpacaMarket>>; trading: FakeAlpacaTrading };
    clock?: ManualClock;
  } = {},
) {
  const market = opts.servers?.market ?? (await alpacaMarket({ keys: PAPER, tickers: ['SPY', 'QQQ'], start: START }));
  const trading = opts.servers?.trading ?? (await startFakeAlpacaTrading(PAPER));
  const liveTrading = opts.live ? await startFakeAlpacaTrading(LIVE) : null;
  if (!opts.servers) trading.setAutoFill({ mode: 'immediate' });
  opts.before?.(trading);
  const clock = opts.clock ?? new ManualClock(START);
  const dir = opts.dir ?? tempDir();
  const controller = await openController({
    dataDir: dir,
    notifications: false,
    configPatch: opts.configPatch ?? ALPACA,
    realClock: clock,
    env: {
      ALPACA_PAPER_KEY_ID: PAPER.keyId,
      ALPACA_PAPER_SECRET_KEY: PAPER.secretKey,
      ...(liveTrading && { ALPACA_LIVE_KEY_ID: LIVE.keyId, ALPACA_LIVE_SECRET_KEY: LIVE.secretKey }),
      ALPACA_PAPER_TRADING_URL: trading.endpoints.tradingUrl,
      ...(liveTrading && { ALPACA_LIVE_TRADING_URL: liveTrading.endpoints.tradingUrl }),
      ALPACA_DATA_URL: market.data.endpoints.dataUrl,
      ALPACA_DATA_STREAM_URL: market.data.endpoints.dataStreamUrl,
    },
  });
  cleanups.push(async () => {
    await controller.shutdown();
    if (!opts.servers) await trading.close();
    await liveTrading?.close();
    if (!opts.servers) await market.data.close();
  });
  await controller.ready;
  return { controller, trading, liveTrading, market, clock, dir };
}

async function state(c: ControllerHandle): Promise<BotState> {
  const r = await c.execute('getState', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Publishes the minute opening at `time` on the stream and waits until the engine has it. */
async function publishMinute(h: Awaited<ReturnType<typeof setup>>, time: number): Promise<void> {
  const bars = h.market.barsAt(time);
  for (const b of bars) h.trading.book.prices.set(b.ticker, b.close);
  h.clock.set(time + MINUTE);
  // The feed subscribes at Start; a bar published before that would reach no one.
  await h.market.data.waitFor(() => h.market.data.connections.some((c) => !c.closed && c.bars.size > 0));
  expect(h.market.data.publishBars(bars.map((b) => ({ symbol: b.ticker, bar: wireBar(b) })))).toBeGreaterThan(0);
  await vi.waitFor(
    async () => {
      const chart = await h.controller.execute('getChartData', { ticker: 'SPY', timeframe: '1m', limit: 1 });
      expect(chart.ok && chart.value.bars.at(-1)?.time).toBe(time);
    },
    { timeout: 5000, interval: 5 },
  );
}

describe('the controller on Alpaca (fake Alpaca trading and data servers)', () => {
  it('connects, reconciles a flat account, warms up from REST and trades through Alpaca: entry → fill → kill flattens', async () => {
    const h = await setup();
    const s = await state(h.controller);
    expect(s.brokers.alpaca.connection).toBe('connected');
    expect(s.brokers.reconciliation.status).toBe('ok');
    expect(s.activeBroker).toBe('Alpaca (Paper)');
    expect(s.simulated).toBe(false);
    expect(s.accountEquity).toBe(100_000);
    expect(JSON.stringify(s)).not.toContain(PAPER.secretKey);

    expect((await h.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    const posted = () => orderPosts(h.trading);
    let time = START;
    for (let i = 0; i < 240 && posted().length === 0; i++, time += MINUTE) await publishMinute(h, time);
    expect(posted().length).toBeGreaterThan(0);
    // The fill comes back on the trade_updates stream into the book.
    await vi.waitFor(async () => expect((await state(h.controller)).openPositions.length).toBeGreaterThan(0), {
      timeout: 5000,
    });
    const held = (await state(h.controller)).openPositions[0]!;
    expect(h.trading.book.positions.get(held.ticker)?.qty).toBe(held.quantity);

    const killed = await h.controller.execute('kill', { closeDayTrades: true, flattenAll: true });
    expect(killed.ok).toBe(true);
    await publishMinute(h, time);
    await vi.waitFor(async () => expect((await state(h.controller)).openPositions).toEqual([]), { timeout: 5000 });
    expect(h.trading.book.positions.size).toBe(0);
    // One POST per client order id: nothing sent twice.
    const ids = posted().map((r) => (r.body as { client_order_id: string }).client_order_id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it('after a restart finds the order the earlier run left open at Alpaca, and books the fill made while it was down', async () => {
    const first = await setup({ before: (t) => t.setAutoFill({ mode: 'none' }) });
    expect((await first.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    const posted = () => orderPosts(first.trading);
    let time = START;
    for (let i = 0; i < 240 && posted().length === 0; i++, time += MINUTE) await publishMinute(first, time);
    const body = posted()[0]!.body as { client_order_id: string; symbol: string; qty: string };
    await vi.waitFor(() => expect(first.trading.order(body.client_order_id)?.status).toBe('new'));
    await first.controller.shutdown();

    // While the app is down the order fills at Alpaca.
    const price = first.trading.book.priceOf(body.symbol);
    first.trading.fill(body.client_order_id, Number(body.qty), price);
    const second = await setup({
      dir: first.dir,
      clock: first.clock,
      servers: { market: first.market, trading: first.trading },
    });
    const s = await state(second.controller);
    expect(s.brokers.reconciliation).toMatchObject({ status: 'ok', differences: [] });
    const all = [...s.openPositions, ...s.openScalps];
    expect(all.map((p) => [p.ticker, p.quantity])).toEqual([[body.symbol, Number(body.qty)]]);
    // Nothing was sent again.
    expect(
      posted().filter((r) => (r.body as { client_order_id: string }).client_order_id === body.client_order_id),
    ).toHaveLength(1);
  }, 120_000);

  it('keeps trading blocked when the account holds what the book does not, until the user acknowledges', async () => {
    const h = await setup({ before: (t) => t.book.setPosition('SPY', 10, 590) });
    const s = await state(h.controller);
    expect(s.brokers.reconciliation.status).toBe('mismatch');
    expect(s.brokers.reconciliation.differences).toEqual(["SPY: the broker holds 10, the bot's book 0"]);
    const refused = await h.controller.execute('start', { executionMode: 'paper' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('SPY: the broker holds 10');
    expect((await h.controller.execute('acknowledgeReconciliation', { reason: 'my own long-term SPY' })).ok).toBe(true);
    expect((await h.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
  }, 60_000);

  it('goes live only with live keys and the typed challenge; loosening risk while live needs confirmation', async () => {
    const h = await setup({ live: true });
    const wrong = await h.controller.execute('confirmLiveMode', { challenge: 'LIVE-AAAAAA' });
    expect(wrong.ok).toBe(false);
    const asked = await h.controller.execute('requestLiveMode', {});
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.value.challenge).toMatch(/^LIVE-[A-Z2-9]{6}$/);
    expect(asked.value.expiresAt - Date.now()).toBeLessThanOrEqual(60_000);
    const typo = await h.controller.execute('confirmLiveMode', { challenge: 'LIVE-XXXXXX' });
    expect(typo.ok).toBe(false);
    expect((await state(h.controller)).executionMode).toBe('paper');
    // A failed attempt spends the challenge: ask again.
    const again = await h.controller.execute('requestLiveMode', {});
    if (!again.ok) throw new Error(again.error.message);
    const live = await h.controller.execute('confirmLiveMode', { challenge: again.value.challenge });
    if (!live.ok) throw new Error(live.error.message);
    expect(live.value.executionMode).toBe('live');
    expect(live.value.activeBroker).toBe('Alpaca (Live)');
    expect(h.liveTrading!.requests.some((r) => r.path === '/v2/account')).toBe(true);

    const loosen = await h.controller.execute('updateConfig', {
      patch: { risk: { maxTradesPerDay: 60 } },
      confirmRiskLoosening: false,
    });
    expect(loosen.ok).toBe(false);
    if (!loosen.ok) expect(loosen.error.code).toBe('confirmation_required');
    expect(
      (await h.controller.execute('getConfig', {})).ok && (await h.controller.execute('getConfig', {})),
    ).toMatchObject({
      value: { risk: { maxTradesPerDay: 30 } },
    });
    const tighten = await h.controller.execute('updateConfig', {
      patch: { risk: { maxTradesPerDay: 20 } },
      confirmRiskLoosening: false,
    });
    expect(tighten.ok).toBe(true);
    const confirmed = await h.controller.execute('updateConfig', {
      patch: { risk: { maxTradesPerDay: 60 } },
      confirmRiskLoosening: true,
    });
    expect(confirmed.ok).toBe(true);

    const paper = await h.controller.execute('setPaperMode', {});
    if (!paper.ok) throw new Error(paper.error.message);
    expect(paper.value.executionMode).toBe('paper');
    expect(paper.value.activeBroker).toBe('Alpaca (Paper)');
  }, 60_000);

  it('switches to Alpaca from the configuration while stopped, without a restart, and trades through it', async () => {
    const h = await setup({ configPatch: { universe: { tickers: ['SPY', 'QQQ'] }, instrumentMode: 'leveraged_etf' } });
    const before = await state(h.controller);
    expect(before).toMatchObject({ simulated: true, activeBroker: 'Paper (simulated)' });
    expect(before.brokers.alpaca.connection).toBe('not_used');
    const pushed: string[] = [];
    h.controller.subscribe((m) => m.push === 'dashboard' && pushed.push(m.payload.state.activeBroker));

    const saved = await h.controller.execute('updateConfig', {
      patch: { broker: { primary: 'alpaca', dataFeed: 'alpaca' } },
      confirmRiskLoosening: false,
    });
    expect(saved.ok).toBe(true);
    // Rebuilt on Alpaca data and the Alpaca broker, which connects and reconciles.
    await h.controller.ready;
    const after = await state(h.controller);
    expect(after).toMatchObject({ simulated: false, activeBroker: 'Alpaca (Paper)' });
    expect(after.brokers.alpaca.connection).toBe('connected');
    // The front ends kept their subscription across the rebuild.
    await vi.waitFor(() => expect(pushed).toContain('Alpaca (Paper)'));

    expect((await h.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    const posted = () => orderPosts(h.trading);
    for (let i = 0, time = START; i < 240 && posted().length === 0; i++, time += MINUTE) await publishMinute(h, time);
    expect(posted().length).toBeGreaterThan(0);
  }, 120_000);

  it('a kill sent while the controller is being rebuilt stands on the rebuilt one', async () => {
    const h = await setup({ configPatch: { universe: { tickers: ['SPY', 'QQQ'] }, instrumentMode: 'leveraged_etf' } });
    const saved = await h.controller.execute('updateConfig', {
      patch: { broker: { primary: 'alpaca', dataFeed: 'alpaca' } },
      confirmRiskLoosening: false,
    });
    expect(saved.ok).toBe(true);
    const killed = await h.controller.execute('kill', { closeDayTrades: true, flattenAll: false });
    expect(killed.ok).toBe(true);
    await h.controller.ready;
    expect(await state(h.controller)).toMatchObject({ status: 'killed', simulated: false, killSwitchActive: true });
    expect((await h.controller.execute('start', { executionMode: 'paper' })).ok).toBe(false);
  }, 60_000);

  it('raises a critical broker-disconnect alert when Alpaca drops, and says connected again when it is back', async () => {
    const h = await setup();
    const alerts: { rule: string; priority: string }[] = [];
    h.controller.subscribe((m) => m.push === 'alert' && alerts.push(m.payload));
    h.trading.faults.refuseStream = true;
    h.trading.dropStream();
    await vi.waitFor(async () => expect((await state(h.controller)).brokers.alpaca.connection).toBe('disconnected'));
    expect(alerts).toContainEqual(expect.objectContaining({ rule: 'broker_disconnect', priority: 'critical' }));
    expect((await state(h.controller)).activeBroker).toBe('Alpaca (Paper) — not connected');
    h.trading.faults.refuseStream = false;
    await vi.waitFor(async () => expect((await state(h.controller)).brokers.alpaca.connection).toBe('connected'), {
      timeout: 20_000,
    });
  }, 60_000);

  it('keeps keys out of every answer, the database, its WAL and the events', async () => {
    const h = await setup();
    const typed = { keyId: 'AKTYPEDKEY99', secretKey: 'typed-live-secret-xyz-123' };
    const stored = await h.controller.execute('setBrokerCredentials', { account: 'live', ...typed });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.keys).toMatchObject({ live: true, paper: true });
    expect((await h.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    await h.controller.execute('updateConfig', {
      patch: { risk: { maxTradesPerDay: 20 } },
      confirmRiskLoosening: false,
    });
    const answers = await Promise.all([
      h.controller.execute('getState', {}),
      h.controller.execute('getDashboardData', {}),
      h.controller.execute('getConfig', {}),
      h.controller.execute('queryEvents', { limit: 5000 }),
    ]);
    const secrets = [PAPER.secretKey, PAPER.keyId, typed.secretKey, typed.keyId];
    const text = JSON.stringify(answers);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const file of readdirSync(h.dir)) {
      const bytes = readFileSync(join(h.dir, file));
      for (const secret of secrets) expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  }, 60_000);

  it('refuses live mode without live keys and says which keys are missing', async () => {
    const h = await setup();
    const r = await h.controller.execute('requestLiveMode', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Alpaca live API keys');
  }, 60_000);
});
