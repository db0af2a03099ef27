import type { BotConfig } from '../../src-shared/config-schema';
import type { Timeframe } from '../../src-shared/market';
import type { Direction, OptionRight, TradeType } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';

/** Stock signals on these timeframes become day trades; every other timeframe (1h, 1d) a swing trade. */
export const DAY_TRADE_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '10m'];
/** Scalps are only taken on these timeframes (DESIGN §2: scalp underlyings on 1m/5m). */
export const SCALP_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m'];

/** A stock entry: day trade or swing trade in the signal's direction. */
export interface StockRoute {
  kind: 'stock_day' | 'stock_swing';
  ticker: string;
  timeframe: Timeframe;
  direction: Direction;
}

/** A long-premium option scalp on `underlying`: calls for bullish signals, puts for bearish. */
export interface OptionScalpRoute {
  kind: 'option_scalp';
  underlying: string;
  timeframe: Timeframe;
  right: OptionRight;
}

/**
 * A leveraged-ETF scalp: always a long position in `etf`; `exposure` is the direction it gives
 * on the underlying ('short' for the bear ETF).
 */
export interface EtfScalpRoute {
  kind: 'etf_scalp';
  underlying: string;
  timeframe: Timeframe;
  etf: string;
  exposure: Direction;
}

/**
 * Close the open stock positions of `ticker` that are long ('close_longs', on a bearish signal)
 * or short ('close_shorts', on a bullish one) and whose trade type is in `tradeTypes`.
 * Resolve it against the book with `closeRouteDecisions`.
 */
export interface CloseRoute {
  kind: 'close_longs' | 'close_shorts';
  ticker: string;
  tradeTypes: TradeType[];
}

/** Where a signal goes. Close routes come first, so exits are sent before new entries. */
export type Route = StockRoute | OptionScalpRoute | EtfScalpRoute | CloseRoute;

/**
 * The instrument routes of one signal (DESIGN §2 "Instrument routing"). The instrument mode
 * is read here, per signal, so changing it only affects signals routed afterwards; open
 * positions are never re-routed.
 *
 * - Every signal first closes the ticker's opposite stock positions (bearish → longs,
 *   bullish → shorts). A day-timeframe signal closes day trades only; a 1h/1d signal closes
 *   day and swing trades (a 1-minute wiggle must not end a trade that rides the daily cloud).
 *   The route is emitted without looking at the book; it resolves to nothing when there is
 *   nothing to close.
 * - 1m/5m signals on a scalp ticker (universe.scalpUnderlyings or a key of
 *   leveragedEtf.sectorMap) go to the scalpers of the mode: options → option scalp, leveraged_etf
 *   → ETF scalp (only when the ticker has a sector-map pair), both → both.
 * - Decision: a signal taken by at least one scalper is NOT also day-traded as a stock (SPY on
 *   1m is scalped, not bought). A signal no scalper can take (SPY on 10m, a scalp underlying
 *   without an ETF pair in leveraged_etf mode) is an ordinary stock trade.
 * - Stocks: 1m/5m/10m → day trade, 1h/1d → swing; short entries only with risk.allowShortStocks.
 */
export function routeSignal(signal: TradeSignal, config: BotConfig): Route[] {
  const isDay = DAY_TRADE_TIMEFRAMES.includes(signal.timeframe);
  const routes: Route[] = [
    {
      kind: signal.direction === 'long' ? 'close_shorts' : 'close_longs',
      ticker: signal.ticker,
      tradeTypes: isDay ? ['day'] : ['day', 'swing'],
    },
  ];
  const scalps = scalpRoutes(signal, config);
  if (scalps.length > 0) return [...routes, ...scalps];
  if (signal.direction === 'long' || config.risk.allowShortStocks) {
    routes.push({
      kind: isDay ? 'stock_day' : 'stock_swing',
      ticker: signal.ticker,
      timeframe: signal.timeframe,
      direction: signal.direction,
    });
  }
  return routes;
}

function scalpRoutes(signal: TradeSignal, config: BotConfig): Route[] {
  if (!SCALP_TIMEFRAMES.includes(signal.timeframe)) return [];
  const { ticker, timeframe, direction } = signal;
  const sectorMap = config.leveragedEtf.sectorMap;
  const pair = Object.hasOwn(sectorMap, ticker) ? sectorMap[ticker] : undefined;
  if (!pair && !config.universe.scalpUnderlyings.includes(ticker)) return [];
  const mode = config.instrumentMode;
  const routes: Route[] = [];
  if (mode !== 'leveraged_etf') {
    routes.push({ kind: 'option_scalp', underlying: ticker, timeframe, right: direction === 'long' ? 'call' : 'put' });
  }
  if (mode !== 'options' && pair) {
    const etf = direction === 'long' ? pair.bull : pair.bear;
    routes.push({ kind: 'etf_scalp', underlying: ticker, timeframe, etf, exposure: direction });
  }
  return routes;
}
