import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { SyntheticFeed, syntheticEtfs } from '../../src-main/adapters/synthetic-feed';
import { sessionBounds } from '../../src-main/engine/market-calendar';
import { isReducing, type OrderRequest } from '../../src-main/engine/orders';
import { TradingEngine } from '../../src-main/engine/trading-engine';
import { defaultConfig, type BotConfig } from '../../src-shared/config-schema';
import type { TradeSignal } from '../../src-shared/signals';
import type { TradeRecord } from '../../src-shared/trades';
import { ManualClock } from '../helpers/manual-clock';

interface SessionRun {
  engine: TradingEngine;
  events: string[];
  signals: TradeSignal[];
  trades: TradeRecord[];
  submitted: { order: OrderRequest; state: string }[];
  lossLimitAt: number | null;
}

/**
 * One whole simulated session through the real synthetic feed, paper broker and engine, on a
 * manual clock, minute by minute. Like the controller, it halts (flattening intraday
 * positions) when the engine reports the daily loss limit.
 */
function runSession(
  opts: { seed?: number; dates?: string[]; config?: BotConfig; haltAt?: number; stepMinutes?: number } = {},
): SessionRun {
  const config = opts.config ?? defaultConfig();
  const dates = opts.dates ?? ['2026-11-24'];
  const bounds = sessionBounds(dates[0]!, config.schedule)!;
  const clock = new ManualClock(bounds.open);
  const feed = new SyntheticFeed({
    seed: opts.seed ?? 42,
    clock,
    schedule: config.schedule,
    etfs: syntheticEtfs(config.leveragedEtf, config.universe.tickers),
  });
  const broker = new PaperBroker({ startingEquity: 50_000 });
  const run: SessionRun = {
    engine: null as never,
    events: [],
    signals: [],
    trades: [],
    submitted: [],
    lossLimitAt: null,
  };
  const submit = broker.submit.bind(broker);
  broker.submit = (order) => {
    run.submitted.push({ order, state: run.engine.tradingState });
    submit(order);
  };
  run.engine = new TradingEngine({
    config,
    clock,
    broker,
    sink: { emit: (e) => run.events.push(`${e.eventType}|${e.severity}|${e.message}`) },
    listener: {
      onSignal: (s) => run.signals.push(s),
      onTrade: (t) => run.trades.push(t),
      onBarsClosed: () => {},
      onLossLimit: (message) => {
        run.lossLimitAt ??= clock.now();
        run.engine.halt(message, true);
      },
    },
    startingCash: 50_000,
    orderIdPrefix: 'T',
  });
  const etfs = Object.keys(syntheticEtfs(config.leveragedEtf, config.universe.tickers));
  run.engine.warmUp(feed, [...config.universe.tickers, ...etfs]);
  run.engine.setTradingState('active', 'test session');
  feed.connect(config.universe.tickers, {
    onBar: (bar) => {
      broker.processBar(bar);
      run.engine.onBar(bar);
    },
    onStatus: () => {},
  });
  const step = (opts.stepMinutes ?? 1) * 60_000;
  for (const date of dates) {
    const day = sessionBounds(date, config.schedule)!;
    for (let t = day.open; t <= day.close + step; t += step) {
      clock.set(t);
      if (opts.haltAt !== undefined && t === opts.haltAt) run.engine.halt('test kill', true);
      feed.pump();
    }
  }
  return run;
}

const digest = (run: SessionRun) =>
  createHash('sha256')
    .update(JSON.stringify([run.events, run.signals, run.trades]))
    .digest('hex');

describe('TradingEngine over a full simulated session', () => {
  const session = runSession();

  it('trades day trades, option scalps and ETF scalps in both mode', () => {
    const types = new Set(session.trades.map((t) => t.tradeType));
    expect(types).toEqual(new Set(['day', 'options_scalp', 'etf_scalp']));
    expect(session.signals.length).toBeGreaterThan(100);
    expect(session.signals.some((s) => s.outcome === 'EXECUTED' || s.outcome === 'EXECUTED_HALF')).toBe(true);
    expect(session.signals.every((s) => s.outcome !== 'PENDING')).toBe(true);
  });

  it('ends flat in every intraday position', () => {
    const open = [...session.engine.ledger.positions(), ...session.engine.ledger.scalps()];
    expect(open.filter((p) => p.tradeType !== 'swing')).toEqual([]);
  });

  it('keeps the ledger equal to the paper broker', () => {
    const ledger = session.engine.ledger;
    expect(ledger.equity()).toBeCloseTo(50_000 + session.trades.reduce((s, t) => s + t.pnl, 0), 6);
  });

  it('produces the same events, signals and trades from the same seed, and others from another', () => {
    expect(digest(runSession())).toBe(digest(session));
    expect(digest(runSession({ seed: 7 }))).not.toBe(digest(session));
  });

  it('sends only reducing orders once halted, and never opens a position afterwards', () => {
    const bounds = sessionBounds('2026-11-24', defaultConfig().schedule)!;
    const haltAt = bounds.open + 60 * 60_000;
    const run = runSession({ haltAt });
    const after = run.submitted.filter((s) => s.state === 'halted');
    expect(run.submitted.some((s) => s.state === 'active')).toBe(true);
    expect(after.every((s) => isReducing(s.order.purpose))).toBe(true);
    expect(run.trades.every((t) => t.entryTime < haltAt + 60_000)).toBe(true);
    expect(run.signals.filter((s) => s.time > haltAt).every((s) => s.outcome !== 'EXECUTED')).toBe(true);
  });

  it('decides on each bar at its close even when the feed delivers 15 minutes at a time', () => {
    const bursts = runSession({ stepMinutes: 15 });
    expect(bursts.events.some((e) => e.includes('stale'))).toBe(false);
    expect(bursts.trades.length).toBeGreaterThan(0);
  });

  it('halts within one bar of the daily loss limit and opens nothing afterwards', () => {
    const config = defaultConfig();
    const tight = { ...config, risk: { ...config.risk, dailyLossLimitPct: 0.2 } };
    const run = runSession({ config: tight });
    expect(run.lossLimitAt).not.toBeNull();
    const afterLimit = run.submitted.filter((s) => s.order.time > run.lossLimitAt!);
    expect(afterLimit.every((s) => isReducing(s.order.purpose))).toBe(true);
    expect(run.engine.tradingState).toBe('halted');
    expect(run.events.some((e) => e.startsWith('alert|critical|Daily loss limit reached'))).toBe(true);
  });

  it('builds a fresh scan list for each new session from the daily bars before it', () => {
    const run = runSession({ dates: ['2026-11-24', '2026-11-25'] });
    const scans = run.events
      .filter((e) => e.includes('Scan list for'))
      .map((e) => e.split('Scan list for ')[1]!.slice(0, 10));
    expect(scans).toEqual(['2026-11-24', '2026-11-25']);
    expect(run.trades.some((t) => t.exitTime > sessionBounds('2026-11-25', defaultConfig().schedule)!.open)).toBe(true);
  });

  it('routes nothing to options in leveraged-ETF mode', () => {
    const config = { ...defaultConfig(), instrumentMode: 'leveraged_etf' as const };
    const run = runSession({ config });
    expect(run.trades.some((t) => t.tradeType === 'options_scalp')).toBe(false);
    expect(run.trades.some((t) => t.tradeType === 'etf_scalp')).toBe(true);
  });
});
