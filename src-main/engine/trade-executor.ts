import type { Direction } from '../../src-shared/positions';
import type { CloudState } from '../../src-shared/signals';
import {
  cloudEdges,
  enterAtMarket,
  refuse,
  type EntryContext,
  type EntryDecision,
  type NextId,
  type PlanFields,
} from './executor-common';
import { isPastDeadline } from './executor-session';
import type { StockRoute } from './instrument-router';
import { unitsForRisk } from './position-sizing';
import { usd } from '../../src-shared/money-text';

// Tolerance for prices that land a hair off a cent in floating point (98.5 × 100 = 9849.999…).
const CENT_TOLERANCE = 1e-6;

/** A price rounded to the cent away from the entry: down for a long's stop, up for a short's. */
export function stopToCent(price: number, direction: Direction): number {
  return direction === 'long'
    ? Math.floor(price * 100 + CENT_TOLERANCE) / 100
    : Math.ceil(price * 100 - CENT_TOLERANCE) / 100;
}

/**
 * The stop of a stock entry: beyond the trend cloud, and at least `minDistance` (minStopAtr ×
 * ATR) from the entry price, so a trend cloud hugging the price cannot make a stop that the
 * next tick hits. Longs: min(cloud bottom, price − minDistance); shorts mirrored.
 */
export function stockStop(direction: Direction, price: number, trend: CloudState, minDistance: number): number {
  const { bottom, top } = cloudEdges(trend);
  const raw = direction === 'long' ? Math.min(bottom, price - minDistance) : Math.max(top, price + minDistance);
  return stopToCent(raw, direction);
}

/**
 * Plans stock entries (day and swing trades) per DESIGN §2: a market order at the signal
 * price, stop beyond the trend cloud (the signal timeframe's for day trades, the DAILY one for
 * swings) at least minStopAtr × ATR(signal timeframe) away, and quantity
 * floor(riskPerTradePct % of equity / risk per share), capped at maxPositionPct % of equity
 * and halved on half size. Day trades get a targetR × risk target; swings get none (they ride
 * the daily trend cloud until it breaks; DESIGN §2 gives them no target).
 *
 * Stop and target are planned from the signal price; the fill (next bar's open) may differ
 * a little, and the levels stay where they were planned.
 */
export class TradeExecutor {
  constructor(private readonly nextId: NextId) {}

  /** The entry for a stock route, or why there is none. */
  plan(route: StockRoute, ctx: EntryContext): EntryDecision {
    const { signal, config, view } = ctx;
    const { risk, schedule } = config;
    const swing = route.kind === 'stock_swing';
    const long = route.direction === 'long';
    if (!long && !risk.allowShortStocks) return refuse('short stock entries are disabled (risk.allowShortStocks)');
    // An entry the exit monitor would flatten on its next pass is a round trip for nothing.
    if (!swing && isPastDeadline(ctx.now, schedule.dayTradeFlatBy, schedule)) {
      return refuse(`day trades are flat by ${schedule.dayTradeFlatBy} ET`);
    }
    const stopTimeframe = swing ? '1d' : route.timeframe;
    const trend = view.clouds(route.ticker, stopTimeframe)?.trend;
    if (!trend) return refuse(`no ${stopTimeframe} trend cloud yet for ${route.ticker}`);
    const atr = view.atr(route.ticker, route.timeframe);
    if (atr === null) return refuse(`no ${route.timeframe} ATR yet for ${route.ticker}`);

    const price = signal.price;
    const stop = stockStop(route.direction, price, trend, risk.minStopAtr * atr);
    if (!(stop > 0)) return refuse(`stop ${stop} for ${route.ticker} is not above zero`);
    const riskPerShare = Math.abs(price - stop);
    const quantity = unitsForRisk(
      { equity: ctx.equity, riskPerUnit: riskPerShare, costPerUnit: price },
      ctx.size,
      risk,
    );
    if (quantity === 0) {
      return refuse(`quantity 0 for ${route.ticker}: ${usd(riskPerShare)} risk per share at ${usd(price)}`);
    }
    const sign = long ? 1 : -1;
    const fields: PlanFields = {
      ticker: route.ticker,
      symbol: route.ticker,
      instrumentType: 'stock',
      tradeType: swing ? 'swing' : 'day',
      direction: route.direction,
      stopPrice: stop,
      targetPrice: swing ? null : Math.round((price + sign * risk.targetR * riskPerShare) * 100) / 100,
      timeframe: route.timeframe,
      leverage: 1,
      underlying: null,
    };
    const cloud = { ticker: route.ticker, exposure: route.direction };
    return enterAtMarket(ctx, this.nextId, fields, cloud, long ? 'buy' : 'sell', quantity);
  }
}
