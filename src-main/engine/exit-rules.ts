import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Position, ScalpPosition, TradeType } from '../../src-shared/positions';
import type { CloudName } from '../../src-shared/signals';
import type { CloudView } from './cloud-view';
import { closeAll, type ExitDecision, type ExitPurpose } from './exit-decision';
import { cloudEdges, exposureOf } from './executor-common';
import { isPastDeadline } from './executor-session';
import { sessionDateOf } from './market-calendar';

/** What the rules look at on one evaluation. */
export interface ExitContext {
  now: number;
  view: CloudView;
  config: BotConfig;
  /** `closedKey(ticker, timeframe)` of every bar that closed at this step. */
  closed: ReadonlySet<string>;
}

/** One exit rule: a decision when it fires on this position now, else null. */
export type ExitRule = (position: Position | ScalpPosition, ctx: ExitContext) => ExitDecision | null;

/** Key of a closed (ticker, timeframe) bar in ExitContext.closed. */
export const closedKey = (ticker: string, timeframe: Timeframe): string => `${ticker}|${timeframe}`;

const MINUTE_MS = 60_000;
// Premium ratios such as 2.6 / 2 − 1 miss 0.3 by an ulp; a threshold must fire exactly on itself.
const RATIO_TOLERANCE = 1e-12;

/** The bar of `ticker` on `timeframe` if it closed at this step (rules on closes fire once per bar). */
function closedBar(ctx: ExitContext, ticker: string, timeframe: Timeframe): Bar | null {
  return ctx.closed.has(closedKey(ticker, timeframe)) ? ctx.view.lastBar(ticker, timeframe) : null;
}

/**
 * Stop on the range of the position's own 1m bar (low for longs, high for shorts). Checked
 * by the engine rather than left as a resting stop order at the broker, so paper, replay and
 * live behave alike; the exit goes out at market, purpose 'stop'.
 */
export const priceStop: ExitRule = (p, ctx) => {
  if (p.stopPrice === null) return null;
  const bar = closedBar(ctx, p.ticker, '1m');
  if (!bar) return null;
  const hit = p.direction === 'long' ? bar.low <= p.stopPrice : bar.high >= p.stopPrice;
  return hit ? closeAll(p.id, 'stop', `stop ${p.stopPrice} reached (bar ${bar.low}–${bar.high})`) : null;
};

/** Target on the range of the position's own 1m bar; a bar that reaches both stop and target stops (rule order). */
export const priceTarget: ExitRule = (p, ctx) => {
  if (p.targetPrice === null) return null;
  const bar = closedBar(ctx, p.ticker, '1m');
  if (!bar) return null;
  const hit = p.direction === 'long' ? bar.high >= p.targetPrice : bar.low <= p.targetPrice;
  return hit ? closeAll(p.id, 'exit', `target ${p.targetPrice} reached (bar ${bar.low}–${bar.high})`) : null;
};

/**
 * Time exit of intraday positions: flatten at or after the configured time of the session
 * (moved earlier on half days, see sessionDeadline), or at once when the position is from an
 * earlier session (it should never have outlived it).
 */
export function flatBy(timeOf: (config: BotConfig) => string): ExitRule {
  return (p, ctx) => {
    if (sessionDateOf(p.entryTime) !== sessionDateOf(ctx.now))
      return closeAll(p.id, 'flatten', 'held past its session');
    const time = timeOf(ctx.config);
    return isPastDeadline(ctx.now, time, ctx.config.schedule) ? closeAll(p.id, 'flatten', `flat by ${time} ET`) : null;
  };
}

/**
 * Exit when a bar of `timeframe` closes back through `cloud` (beyond its far edge: below the
 * bottom for long exposure, above the top for short) on the position's own ticker or on its
 * underlying. A close inside the cloud is not through it.
 */
export function closeThrough(
  timeframe: Timeframe,
  cloud: CloudName,
  on: 'own' | 'underlying',
  purpose: ExitPurpose,
): ExitRule {
  return (p, ctx) => {
    const ticker = on === 'underlying' ? p.underlying : p.ticker;
    if (ticker === null) return null;
    const bar = closedBar(ctx, ticker, timeframe);
    const state = ctx.view.clouds(ticker, timeframe)?.[cloud];
    if (!bar || !state) return null;
    const { bottom, top } = cloudEdges(state);
    const through = exposureOf(p, ctx.config) === 'long' ? bar.close < bottom : bar.close > top;
    return through
      ? closeAll(p.id, purpose, `${ticker} ${timeframe} closed ${bar.close} through the ${cloud} cloud`)
      : null;
  };
}

function isScalp(p: Position | ScalpPosition): p is ScalpPosition {
  return 'targetPct' in p;
}

/** Option stop: the mark is down stopPct % (the position's own, fixed at entry) from the entry premium. */
export const premiumStop: ExitRule = (p) => {
  if (!isScalp(p) || !(p.entryPrice > 0)) return null;
  const hit = p.currentPrice / p.entryPrice - 1 <= -p.stopPct / 100 + RATIO_TOLERANCE;
  return hit
    ? closeAll(
        p.id,
        'stop',
        `premium ${premium(p.currentPrice)} is −${p.stopPct} % or worse from ${premium(p.entryPrice)}`,
      )
    : null;
};

/** Option target: the mark is up targetPct % from the entry premium. */
export const premiumTarget: ExitRule = (p) => {
  if (!isScalp(p) || !(p.entryPrice > 0)) return null;
  const hit = p.currentPrice / p.entryPrice - 1 >= p.targetPct / 100 - RATIO_TOLERANCE;
  return hit
    ? closeAll(
        p.id,
        'exit',
        `premium ${premium(p.currentPrice)} is +${p.targetPct} % or better from ${premium(p.entryPrice)}`,
      )
    : null;
};

/** ETF hold limit: out once leveragedEtf.holdLimitMinutes have passed since the entry fill. */
export const holdLimit: ExitRule = (p, ctx) => {
  const minutes = ctx.config.leveragedEtf.holdLimitMinutes;
  return ctx.now - p.entryTime >= minutes * MINUTE_MS ? closeAll(p.id, 'exit', `hold limit ${minutes} min`) : null;
};

/**
 * DESIGN §2 "Exits", per trade type, in priority order (the first that fires decides):
 * - day: stop, target (targetR), flat by schedule.dayTradeFlatBy, 10m close through the fast cloud;
 * - swing: stop (below the daily trend cloud at entry), target if one was set, a daily close
 *   through the daily trend cloud (the cloud moves; a fixed stop alone would go stale); never
 *   flattened at the close;
 * - options: −stopPct % / +targetPct % of the entry premium on the mark, flat by options.flatBy;
 * - ETF: stop on its own bars, the underlying's 1m close through its fast cloud, flat by
 *   leveragedEtf.flatBy, hold limit.
 */
export const EXIT_RULES: Readonly<Record<TradeType, readonly ExitRule[]>> = {
  day: [priceStop, priceTarget, flatBy((c) => c.schedule.dayTradeFlatBy), closeThrough('10m', 'fast', 'own', 'exit')],
  swing: [priceStop, priceTarget, closeThrough('1d', 'trend', 'own', 'stop')],
  options_scalp: [premiumStop, premiumTarget, flatBy((c) => c.options.flatBy)],
  etf_scalp: [
    priceStop,
    closeThrough('1m', 'fast', 'underlying', 'stop'),
    flatBy((c) => c.leveragedEtf.flatBy),
    holdLimit,
  ],
};

/** A premium as quoted: dollars with 2 decimals (4 below a dime). */
function premium(x: number): string {
  return `$${x.toFixed(x < 0.1 ? 4 : 2)}`;
}
