import { describe, expect, it } from 'vitest';
import { addOrder, exitOrder, manualClose, validateStopAdjustment } from '../../src-main/engine/exit-actions';
import { ExitMonitor, type ClosedTimeframe, type ExitDecision } from '../../src-main/engine/exit-monitor';
import type { BotConfig } from '../../src-shared/config-schema';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import { FakeBook } from '../helpers/strategy-book';
import { FakeCloudView, type ViewData } from '../helpers/strategy-cloud-view';
import { idCounter, makeConfig, makePosition, makeScalp, ny } from '../helpers/strategy-fixtures';

const monitor = new ExitMonitor();
const config = makeConfig();

interface Step {
  view?: ViewData;
  closed?: ClosedTimeframe[];
  now?: number;
  config?: BotConfig;
}

function exits(positions: (Position | ScalpPosition)[], step: Step = {}): ExitDecision[] {
  return monitor.evaluate(
    step.now ?? ny('2026-11-24 11:00'),
    new FakeBook(positions),
    new FakeCloudView(step.view ?? {}),
    step.closed ?? [],
    step.config ?? config,
  );
}

/** The one decision for `position` at this step, or null. */
function exitOf(position: Position | ScalpPosition, step: Step = {}): Omit<ExitDecision, 'reason'> | null {
  const [decision, ...rest] = exits([position], step);
  expect(rest).toEqual([]);
  if (!decision) return null;
  const { reason: _reason, ...rest2 } = decision;
  return rest2;
}

const closed1m = (ticker: string): ClosedTimeframe[] => [{ ticker, timeframe: '1m' }];
const bar = (low: number, high: number, close = (low + high) / 2) => ({ open: close, high, low, close });

describe('ExitMonitor: stock day trade (long NVDA, stop 98, target 104)', () => {
  const day = makePosition();
  const on1mBar = (low: number, high: number): Step => ({
    view: { 'NVDA 1m': { bar: bar(low, high) } },
    closed: closed1m('NVDA'),
  });

  it('stops when the 1m bar low reaches the stop, not a cent above it', () => {
    expect(exitOf(day, on1mBar(98, 99))).toEqual({ positionId: 'p-1', quantity: 'all', purpose: 'stop' });
    expect(exitOf(day, on1mBar(98.01, 99))).toBeNull();
  });

  it('takes the 2R target when the 1m bar high reaches it, not a cent below it', () => {
    expect(exitOf(day, on1mBar(101, 104))).toEqual({ positionId: 'p-1', quantity: 'all', purpose: 'exit' });
    expect(exitOf(day, on1mBar(101, 103.99))).toBeNull();
  });

  it('stops when one bar reaches both stop and target', () => {
    expect(exitOf(day, on1mBar(97, 105))?.purpose).toBe('stop');
  });

  it('looks at the bar range only when that 1m bar closed at this step', () => {
    expect(exitOf(day, { view: { 'NVDA 1m': { bar: bar(97, 99) } }, closed: closed1m('AAPL') })).toBeNull();
  });

  it('stops a short when the bar high reaches its stop above', () => {
    const short = makePosition({ direction: 'short', stopPrice: 102, targetPrice: 96 });
    expect(exitOf(short, on1mBar(100, 102))?.purpose).toBe('stop');
    expect(exitOf(short, on1mBar(100, 101.99))).toBeNull();
    expect(exitOf(short, on1mBar(96, 99))?.purpose).toBe('exit');
  });

  it('exits on a 10m close below the fast cloud, not on a close at its bottom', () => {
    const tenMinute = (close: number): Step => ({
      view: { 'NVDA 10m': { fast: [101, 100.5], bar: { close } } },
      closed: [{ ticker: 'NVDA', timeframe: '10m' }],
    });
    expect(exitOf(day, tenMinute(100.49))).toEqual({ positionId: 'p-1', quantity: 'all', purpose: 'exit' });
    expect(exitOf(day, tenMinute(100.5))).toBeNull();
  });

  it('ignores fast-cloud breaks on other timeframes and on 10m bars that did not close now', () => {
    const view = {
      'NVDA 10m': { fast: [101, 100.5], bar: { close: 99 } },
      'NVDA 5m': { fast: [101, 100.5], bar: { close: 99 } },
    } satisfies ViewData;
    expect(exitOf(day, { view, closed: [{ ticker: 'NVDA', timeframe: '5m' }] })).toBeNull();
  });

  it('flattens at 15:55 ET and not at 15:54', () => {
    expect(exitOf(day, { now: ny('2026-11-24 15:54') })).toBeNull();
    expect(exitOf(day, { now: ny('2026-11-24 15:55') })).toEqual({
      positionId: 'p-1',
      quantity: 'all',
      purpose: 'flatten',
    });
  });

  it('flattens five minutes before a half-day close (12:55 ET on 2026-11-27)', () => {
    const halfDay = makePosition({ entryTime: ny('2026-11-27 10:00') });
    expect(exitOf(halfDay, { now: ny('2026-11-27 12:54') })).toBeNull();
    expect(exitOf(halfDay, { now: ny('2026-11-27 12:55') })?.purpose).toBe('flatten');
  });

  it('flattens at once a day trade left over from an earlier session', () => {
    expect(exitOf(day, { now: ny('2026-11-25 09:31') })?.purpose).toBe('flatten');
  });

  it('reads schedule.dayTradeFlatBy', () => {
    const early = makeConfig({ schedule: { dayTradeFlatBy: '15:30' } });
    expect(exitOf(day, { now: ny('2026-11-24 15:30'), config: early })?.purpose).toBe('flatten');
  });
});

describe('ExitMonitor: swing trade (long NVDA 1d, stop 90)', () => {
  const swing = makePosition({ tradeType: 'swing', timeframe: '1d', stopPrice: 90, targetPrice: null });

  it('is not flattened at the close', () => {
    expect(exitOf(swing, { now: ny('2026-11-24 15:59') })).toBeNull();
    expect(exitOf(swing, { now: ny('2026-11-25 09:31') })).toBeNull();
  });

  it('stops on the 1m range at the stop below the daily trend cloud', () => {
    const step = (low: number): Step => ({ view: { 'NVDA 1m': { bar: bar(low, 95) } }, closed: closed1m('NVDA') });
    expect(exitOf(swing, step(90))?.purpose).toBe('stop');
    expect(exitOf(swing, step(90.01))).toBeNull();
  });

  it('stops on a daily close below the daily trend cloud, not on one at its bottom', () => {
    const daily = (close: number): Step => ({
      view: { 'NVDA 1d': { trend: [95, 94], bar: { close } } },
      closed: [{ ticker: 'NVDA', timeframe: '1d' }],
    });
    expect(exitOf(swing, daily(93.99))?.purpose).toBe('stop');
    expect(exitOf(swing, daily(94))).toBeNull();
  });

  it('does not exit on a 10m fast-cloud break (a day-trade rule)', () => {
    const view = { 'NVDA 10m': { fast: [101, 100.5], bar: { close: 95 } } } satisfies ViewData;
    expect(exitOf(swing, { view, closed: [{ ticker: 'NVDA', timeframe: '10m' }] })).toBeNull();
  });
});

describe('ExitMonitor: option scalp (bought at $2.00, +30 % / −25 %)', () => {
  it('takes profit at +30 % of the entry premium on the mark, not at +29.9 %', () => {
    expect(exitOf(makeScalp({ currentPrice: 2.598 }))).toBeNull();
    expect(exitOf(makeScalp({ currentPrice: 2.6 }))).toEqual({ positionId: 'o-1', quantity: 'all', purpose: 'exit' });
  });

  it('stops at −25 % of the entry premium, not at −24.9 %', () => {
    expect(exitOf(makeScalp({ currentPrice: 1.502 }))).toBeNull();
    expect(exitOf(makeScalp({ currentPrice: 1.5 }))).toEqual({ positionId: 'o-1', quantity: 'all', purpose: 'stop' });
  });

  it("uses the position's own percentages, fixed at entry, over later config changes", () => {
    expect(exitOf(makeScalp({ currentPrice: 2.6, targetPct: 50 }))).toBeNull();
    expect(exitOf(makeScalp({ currentPrice: 3, targetPct: 50 }))?.purpose).toBe('exit');
  });

  it('flattens at 15:45 ET and not at 15:44', () => {
    expect(exitOf(makeScalp(), { now: ny('2026-11-24 15:44') })).toBeNull();
    expect(exitOf(makeScalp(), { now: ny('2026-11-24 15:45') })?.purpose).toBe('flatten');
  });
});

describe('ExitMonitor: ETF scalp (TQQQ on QQQ, entered 15:40 ET)', () => {
  const etf = (patch: Partial<Position> = {}) =>
    makePosition({
      id: 'e-1',
      ticker: 'TQQQ',
      instrumentType: 'leveraged_etf',
      tradeType: 'etf_scalp',
      underlying: 'QQQ',
      leverage: 3,
      stopPrice: 45,
      targetPrice: null,
      timeframe: '1m',
      entryTime: ny('2026-11-24 15:40'),
      ...patch,
    });
  const qqqClose = (close: number): Step => ({
    view: { 'QQQ 1m': { fast: [499, 498], bar: { close } } },
    closed: closed1m('QQQ'),
    now: ny('2026-11-24 15:45'),
  });

  it('stops the bull ETF when the underlying closes below its 1m fast cloud, not on a close at its bottom', () => {
    expect(exitOf(etf(), qqqClose(497.99))).toEqual({ positionId: 'e-1', quantity: 'all', purpose: 'stop' });
    expect(exitOf(etf(), qqqClose(498))).toBeNull();
  });

  it('stops the bear ETF when the underlying closes above its 1m fast cloud', () => {
    const sqqq = etf({ ticker: 'SQQQ' });
    expect(exitOf(sqqq, qqqClose(499.01))?.purpose).toBe('stop');
    expect(exitOf(sqqq, qqqClose(499))).toBeNull();
    expect(exitOf(sqqq, qqqClose(490))).toBeNull();
  });

  it('ends the scalp at the 30-minute hold limit, not a second before', () => {
    const early = etf({ entryTime: ny('2026-11-24 10:00') });
    expect(exitOf(early, { now: ny('2026-11-24 10:29:59') })).toBeNull();
    expect(exitOf(early, { now: ny('2026-11-24 10:30') })).toEqual({
      positionId: 'e-1',
      quantity: 'all',
      purpose: 'exit',
    });
  });

  it('reads the hold limit from leveragedEtf.holdLimitMinutes', () => {
    const early = etf({ entryTime: ny('2026-11-24 10:00') });
    const longer = makeConfig({ leveragedEtf: { holdLimitMinutes: 45 } });
    expect(exitOf(early, { now: ny('2026-11-24 10:30'), config: longer })).toBeNull();
    expect(exitOf(early, { now: ny('2026-11-24 10:45'), config: longer })?.purpose).toBe('exit');
  });

  it('flattens at 15:55 ET and not at 15:54', () => {
    expect(exitOf(etf(), { now: ny('2026-11-24 15:54') })).toBeNull();
    expect(exitOf(etf(), { now: ny('2026-11-24 15:55') })?.purpose).toBe('flatten');
  });

  it('honours its own stop on the ETF 1m bar', () => {
    const view = { 'TQQQ 1m': { bar: bar(45, 47) } } satisfies ViewData;
    expect(exitOf(etf(), { view, closed: closed1m('TQQQ'), now: ny('2026-11-24 15:45') })?.purpose).toBe('stop');
  });
});

describe('ExitMonitor: every position, one decision each', () => {
  it('decides for each position that has a trigger and skips the rest', () => {
    const decisions = exits(
      [
        makePosition({ id: 'a' }),
        makePosition({ id: 'b', ticker: 'AAPL', stopPrice: 50 }),
        makeScalp({ currentPrice: 1 }),
      ],
      { view: { 'NVDA 1m': { bar: bar(97, 99) } }, closed: closed1m('NVDA') },
    );
    expect(decisions.map((d) => [d.positionId, d.purpose])).toEqual([
      ['a', 'stop'],
      ['o-1', 'stop'],
    ]);
    expect(decisions[0]!.reason).toContain('98');
  });
});

describe('ExitMonitor: cloud alignment', () => {
  it('reports positions whose fast cloud on their timeframe changed side', () => {
    const book = new FakeBook([
      makePosition({ id: 'long-now-bearish' }),
      makePosition({ id: 'long-still-bullish', ticker: 'AAPL' }),
      makePosition({ id: 'no-cloud-yet', ticker: 'MSFT' }),
      makeScalp({ id: 'put', right: 'put', cloudAligned: false }),
      makePosition({
        id: 'bear-etf',
        ticker: 'SQQQ',
        instrumentType: 'leveraged_etf',
        tradeType: 'etf_scalp',
        underlying: 'QQQ',
        timeframe: '1m',
        cloudAligned: false,
      }),
    ]);
    const view = new FakeCloudView({
      'NVDA 5m': { fast: [99, 100] },
      'AAPL 5m': { fast: [101, 100] },
      'SPY 1m': { fast: [599, 600] },
      'QQQ 1m': { fast: [497, 498] },
    });
    expect(monitor.alignment(book, view, config)).toEqual([
      { positionId: 'long-now-bearish', cloudAligned: false },
      { positionId: 'bear-etf', cloudAligned: true },
      { positionId: 'put', cloudAligned: true },
    ]);
  });
});

describe('manual overrides', () => {
  it('closes a position at market on request', () => {
    expect(manualClose('p-1')).toEqual({ positionId: 'p-1', quantity: 'all', purpose: 'exit', reason: 'manual close' });
  });

  it('accepts a stop below the current price of a long and above 0', () => {
    const long = makePosition({ currentPrice: 100 });
    expect(validateStopAdjustment(long, 99.99)).toEqual({ ok: true });
    expect(validateStopAdjustment(long, 100)).toMatchObject({ ok: false });
    expect(validateStopAdjustment(long, 0)).toMatchObject({ ok: false });
    expect(validateStopAdjustment(long, Number.NaN)).toMatchObject({ ok: false });
  });

  it('wants a short stop above the current price and refuses option stops', () => {
    expect(validateStopAdjustment(makePosition({ direction: 'short' }), 100.01)).toEqual({ ok: true });
    expect(validateStopAdjustment(makePosition({ direction: 'short' }), 100)).toMatchObject({ ok: false });
    expect(validateStopAdjustment(makeScalp(), 1)).toMatchObject({ ok: false });
  });

  it('turns a decision into a reducing market order for the whole position', () => {
    const book = new FakeBook([makePosition(), makeScalp()]);
    const now = ny('2026-11-24 11:00');
    expect(
      exitOrder({ positionId: 'p-1', quantity: 'all', purpose: 'stop', reason: '' }, book, now, idCounter()),
    ).toEqual({
      clientOrderId: 'ord-1',
      symbol: 'NVDA',
      instrumentType: 'stock',
      side: 'sell',
      quantity: 100,
      type: 'market',
      positionId: 'p-1',
      purpose: 'stop',
      time: now,
    });
    const option = exitOrder(manualClose('o-1'), book, now, idCounter());
    expect(option).toMatchObject({ symbol: 'SPY261124C00600000', side: 'sell', quantity: 5, purpose: 'exit' });
    const put = new FakeBook([makeScalp({ direction: 'short', right: 'put' })]);
    expect(exitOrder(manualClose('o-1'), put, now, idCounter())).toMatchObject({ side: 'sell' });
    expect(option?.option).toEqual({ underlying: 'SPY', right: 'call', strike: 600, expiry: ny('2026-11-24 16:00') });
    expect(exitOrder(manualClose('gone'), book, now, idCounter())).toBeNull();
  });

  it('adds to a position by buying more, a put included, with purpose add', () => {
    const book = new FakeBook([makePosition(), makeScalp({ direction: 'short', right: 'put' })]);
    const now = ny('2026-11-24 11:00');
    expect(addOrder('p-1', 10, book, now, idCounter())).toMatchObject({ side: 'buy', quantity: 10, purpose: 'add' });
    expect(addOrder('o-1', 2, book, now, idCounter())).toMatchObject({ side: 'buy', quantity: 2, purpose: 'add' });
    expect(addOrder('p-1', 0, book, now, idCounter())).toBeNull();
    expect(addOrder('p-1', 1.5, book, now, idCounter())).toBeNull();
  });
});
