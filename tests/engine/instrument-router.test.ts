import { describe, expect, it } from 'vitest';
import { routeSignal, type Route } from '../../src-main/engine/instrument-router';
import { closeRouteDecisions } from '../../src-main/engine/exit-actions';
import type { InstrumentMode } from '../../src-shared/bot-state';
import type { Timeframe } from '../../src-shared/market';
import { FakeBook } from '../helpers/strategy-book';
import { ETF_PAIRS, makeConfig, makePosition, makeScalp, makeSignal } from '../helpers/strategy-fixtures';

const bullish = (ticker: string, timeframe: Timeframe = '1m') => makeSignal({ ticker, timeframe, direction: 'long' });
const bearish = (ticker: string, timeframe: Timeframe = '1m') =>
  makeSignal({ ticker, timeframe, direction: 'short', type: 'CLOUD_CROSS_BEARISH' });
const entries = (routes: Route[]) => routes.filter((r) => r.kind !== 'close_longs' && r.kind !== 'close_shorts');
const kinds = (routes: Route[]) => entries(routes).map((r) => r.kind);
const mode = (instrumentMode: InstrumentMode) => makeConfig({ instrumentMode });

describe('routeSignal: stocks', () => {
  it.each<[Timeframe, string]>([
    ['1m', 'stock_day'],
    ['5m', 'stock_day'],
    ['10m', 'stock_day'],
    ['1h', 'stock_swing'],
    ['1d', 'stock_swing'],
  ])('routes a bullish %s stock signal to %s', (timeframe, kind) => {
    const routes = routeSignal(bullish('AAPL', timeframe), mode('both'));
    expect(entries(routes)).toEqual([{ kind, ticker: 'AAPL', timeframe, direction: 'long' }]);
  });

  it('opens no short on a bearish stock signal by default, only closes the longs', () => {
    expect(routeSignal(bearish('AAPL', '5m'), mode('both'))).toEqual([
      { kind: 'close_longs', ticker: 'AAPL', tradeTypes: ['day'] },
    ]);
  });

  it('lets a 1h/1d bearish signal close swing longs too', () => {
    expect(routeSignal(bearish('AAPL', '1d'), mode('both'))).toEqual([
      { kind: 'close_longs', ticker: 'AAPL', tradeTypes: ['day', 'swing'] },
    ]);
  });

  it('opens a short when risk.allowShortStocks is on', () => {
    const config = makeConfig({ risk: { allowShortStocks: true } });
    expect(entries(routeSignal(bearish('AAPL', '10m'), config))).toEqual([
      { kind: 'stock_day', ticker: 'AAPL', timeframe: '10m', direction: 'short' },
    ]);
  });

  it('puts the close route first so exits go out before entries', () => {
    const routes = routeSignal(bullish('AAPL', '5m'), mode('both'));
    expect(routes.map((r) => r.kind)).toEqual(['close_shorts', 'stock_day']);
  });
});

describe('routeSignal: scalp underlyings per instrument mode', () => {
  it.each<[InstrumentMode, string[]]>([
    ['options', ['option_scalp']],
    ['leveraged_etf', ['etf_scalp']],
    ['both', ['option_scalp', 'etf_scalp']],
  ])('routes a 1m SPY signal in %s mode to %j and not to a stock day trade', (instrumentMode, expected) => {
    expect(kinds(routeSignal(bullish('SPY'), mode(instrumentMode)))).toEqual(expected);
  });

  it('buys calls and the bull ETF on bullish signals, puts and the bear ETF on bearish ones', () => {
    expect(entries(routeSignal(bullish('QQQ', '5m'), mode('both')))).toEqual([
      { kind: 'option_scalp', underlying: 'QQQ', timeframe: '5m', right: 'call' },
      { kind: 'etf_scalp', underlying: 'QQQ', timeframe: '5m', etf: 'TQQQ', exposure: 'long' },
    ]);
    expect(entries(routeSignal(bearish('QQQ', '5m'), mode('both')))).toEqual([
      { kind: 'option_scalp', underlying: 'QQQ', timeframe: '5m', right: 'put' },
      { kind: 'etf_scalp', underlying: 'QQQ', timeframe: '5m', etf: 'SQQQ', exposure: 'short' },
    ]);
  });

  it.each(ETF_PAIRS)('maps %s to %s (bullish) and %s (bearish)', (ticker, bull, bear) => {
    const etfOf = (routes: Route[]) => routes.find((r) => r.kind === 'etf_scalp');
    expect(etfOf(routeSignal(bullish(ticker), mode('leveraged_etf')))).toMatchObject({ etf: bull, exposure: 'long' });
    expect(etfOf(routeSignal(bearish(ticker), mode('leveraged_etf')))).toMatchObject({ etf: bear, exposure: 'short' });
  });

  it('scalps only on 1m/5m: a 10m SPY signal is a stock day trade, a 1h one a swing', () => {
    expect(kinds(routeSignal(bullish('SPY', '10m'), mode('both')))).toEqual(['stock_day']);
    expect(kinds(routeSignal(bullish('SPY', '1h'), mode('both')))).toEqual(['stock_swing']);
  });

  it('treats sector-map tickers as scalp tickers in every mode', () => {
    expect(kinds(routeSignal(bullish('NVDA', '5m'), mode('options')))).toEqual(['option_scalp']);
    expect(kinds(routeSignal(bullish('NVDA', '5m'), mode('both')))).toEqual(['option_scalp', 'etf_scalp']);
  });

  it('day-trades a scalp underlying without an ETF pair in leveraged_etf mode (no scalper can take it)', () => {
    const config = makeConfig({ instrumentMode: 'leveraged_etf', universe: { scalpUnderlyings: ['SPY', 'DIA'] } });
    expect(kinds(routeSignal(bullish('DIA'), config))).toEqual(['stock_day']);
    expect(kinds(routeSignal(bullish('DIA'), { ...config, instrumentMode: 'options' }))).toEqual(['option_scalp']);
  });

  it('still closes stock longs of a scalp ticker on a bearish scalp signal', () => {
    expect(routeSignal(bearish('SPY'), mode('options'))[0]).toEqual({
      kind: 'close_longs',
      ticker: 'SPY',
      tradeTypes: ['day'],
    });
  });
});

describe('routeSignal: instrument mode change', () => {
  it('reads the mode per signal and leaves open positions alone', () => {
    const config = mode('options');
    const book = new FakeBook([
      makeScalp({ id: 'spy-call' }),
      makePosition({
        id: 'spxl',
        ticker: 'SPXL',
        instrumentType: 'leveraged_etf',
        tradeType: 'etf_scalp',
        underlying: 'SPY',
      }),
    ]);
    const before = routeSignal(bearish('SPY'), config);
    const after = routeSignal(bearish('SPY'), { ...config, instrumentMode: 'leveraged_etf' });

    expect(kinds(before)).toEqual(['option_scalp']);
    expect(kinds(after)).toEqual(['etf_scalp']);
    // The only route that touches open positions selects stock positions, never scalps.
    const touched = after.flatMap((r) => (r.kind === 'close_longs' ? closeRouteDecisions(r, book) : []));
    expect(touched).toEqual([]);
  });
});

describe('closeRouteDecisions', () => {
  const book = new FakeBook([
    makePosition({ id: 'day-long' }),
    makePosition({ id: 'swing-long', tradeType: 'swing', timeframe: '1d' }),
    makePosition({ id: 'other-ticker', ticker: 'AAPL' }),
    makePosition({ id: 'day-short', direction: 'short' }),
    makePosition({ id: 'etf', ticker: 'NVDA', instrumentType: 'leveraged_etf', tradeType: 'etf_scalp' }),
  ]);

  it("closes the ticker's stock longs of the route's trade types at market", () => {
    expect(closeRouteDecisions({ kind: 'close_longs', ticker: 'NVDA', tradeTypes: ['day'] }, book)).toEqual([
      { positionId: 'day-long', quantity: 'all', purpose: 'exit', reason: 'bearish signal on NVDA' },
    ]);
    const ids = closeRouteDecisions({ kind: 'close_longs', ticker: 'NVDA', tradeTypes: ['day', 'swing'] }, book).map(
      (d) => d.positionId,
    );
    expect(ids).toEqual(['day-long', 'swing-long']);
  });

  it('closes shorts on a close_shorts route', () => {
    const ids = closeRouteDecisions({ kind: 'close_shorts', ticker: 'NVDA', tradeTypes: ['day'] }, book);
    expect(ids.map((d) => d.positionId)).toEqual(['day-short']);
  });
});
