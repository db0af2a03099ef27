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
import type { EtfScalpRoute } from './instrument-router';
import { unitsForRisk } from './position-sizing';
import { stopToCent } from './trade-executor';

/** ETF scalps watch the underlying's clouds on this timeframe (DESIGN §2: its fast cloud, 1m). */
export const ETF_SCALP_TIMEFRAME = '1m' as const;

/**
 * Plans leveraged-ETF scalps per DESIGN §2: buy the route's bull or bear ETF (from
 * leveragedEtf.sectorMap) at market. The risk per share comes from the UNDERLYING: the
 * distance from its price to the far edge of its 1m fast cloud (the exit fires when it closes
 * back through), at least minStopAtr × its 1m ATR, turned into an ETF distance as
 * leverage × that fraction of the ETF price. Quantity as for stocks: risk budget / risk per
 * share, capped at maxPositionPct % of equity, halved on half size. The ETF-price stop is
 * shown on the dashboard and honoured on the ETF's bars, like a stock stop.
 */
export class EtfScalper {
  constructor(private readonly nextId: NextId) {}

  /** The entry for an ETF-scalp route, or why there is none. */
  plan(route: EtfScalpRoute, ctx: EntryContext): EntryDecision {
    const { signal, config, view, now } = ctx;
    const { leverage, flatBy } = config.leveragedEtf;
    const { underlying, etf, exposure } = route;
    if (isPastDeadline(now, flatBy, config.schedule)) return refuse(`ETF scalps are flat by ${flatBy} ET`);
    const etfPrice = view.lastBar(etf, ETF_SCALP_TIMEFRAME)?.close;
    if (etfPrice === undefined) return refuse(`no ${ETF_SCALP_TIMEFRAME} bar yet for ${etf}`);
    const fast = view.clouds(underlying, ETF_SCALP_TIMEFRAME)?.fast;
    if (!fast) return refuse(`no ${ETF_SCALP_TIMEFRAME} fast cloud yet for ${underlying}`);
    const atr = view.atr(underlying, ETF_SCALP_TIMEFRAME);
    if (atr === null) return refuse(`no ${ETF_SCALP_TIMEFRAME} ATR yet for ${underlying}`);

    const price = signal.price;
    const { bottom, top } = cloudEdges(fast);
    const toCloud = exposure === 'long' ? price - bottom : top - price;
    const underlyingRisk = Math.max(toCloud, config.risk.minStopAtr * atr);
    const stop = stopToCent(etfPrice * (1 - (leverage * underlyingRisk) / price), 'long');
    if (!(stop > 0))
      return refuse(`${etf} stop is not above zero (${leverage}× a ${underlyingRisk} move on ${underlying})`);
    const quantity = unitsForRisk(
      { equity: ctx.equity, riskPerUnit: etfPrice - stop, costPerUnit: etfPrice },
      ctx.size,
      config.risk,
    );
    if (quantity === 0) return refuse(`quantity 0 for ${etf} at $${etfPrice}`);

    const fields: PlanFields = {
      ticker: etf,
      symbol: etf,
      instrumentType: 'leveraged_etf',
      tradeType: 'etf_scalp',
      direction: 'long',
      stopPrice: stop,
      targetPrice: null,
      timeframe: route.timeframe,
      leverage,
      underlying,
    };
    return enterAtMarket(ctx, this.nextId, fields, { ticker: underlying, exposure }, 'buy', quantity);
  }
}
