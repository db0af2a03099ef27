import { YEAR_MS, occSymbol, priceOption, strikeForDelta } from '../../src-shared/option-pricing';
import {
  enterAtMarket,
  refuse,
  type EntryContext,
  type EntryDecision,
  type NextId,
  type PlanFields,
} from './executor-common';
import { isPastDeadline, sessionDeadline } from './executor-session';
import type { OptionScalpRoute } from './instrument-router';
import { nextTradingDate, sessionBounds, sessionDateOf, type ScheduleConfig } from './market-calendar';
import { affordableUnits, unitsForRisk } from './position-sizing';
import { usd } from '../../src-shared/money-text';

/** Listed strike spacing of the default scalp underlyings. */
export const DEFAULT_STRIKE_INCREMENTS: Readonly<Record<string, number>> = { SPY: 1, QQQ: 1, IWM: 1 };

/** Settings of the options scalper beyond BotConfig (the config schema has no strike grid). */
export interface OptionsScalperOptions {
  nextId: NextId;
  /** Strike spacing per underlying; default DEFAULT_STRIKE_INCREMENTS. */
  strikeIncrements?: Readonly<Record<string, number>>;
  /** Strike spacing of underlyings missing from the map; default 1. */
  defaultStrikeIncrement?: number;
}

const CONTRACT_MULTIPLIER = 100;

/**
 * The expiry a scalp opened at `now` takes: the session's own date (0DTE) before the cutoff,
 * else the next trading date (1DTE); the instant is that session's close (16:00 ET, 13:00 on a
 * half day, when such options stop trading).
 */
export function scalpExpiry(now: number, cutoff: string, schedule: ScheduleConfig): { date: string; expiry: number } {
  const today = sessionDateOf(now);
  const cutoffAt = sessionDeadline(today, cutoff, schedule);
  const date = cutoffAt !== null && now < cutoffAt ? today : nextTradingDate(today, schedule);
  // sessionBounds is non-null here: `date` is today's session (cutoffAt !== null) or a trading date.
  return { date, expiry: sessionBounds(date, schedule)!.close };
}

/**
 * Plans long-premium option scalps per DESIGN §2: 0DTE before options.zeroDteCutoff else 1DTE,
 * the listed strike whose |delta| is nearest targetDelta within [minDelta, maxDelta], priced
 * by Black–Scholes from the signal price with the configured IV and rate over calendar time
 * to the expiry. Contracts = floor(risk budget / (premium × 100 × stopLossPct %)), capped at
 * maxPositionPct % of equity, halved on half size, and at least one when one fits the cap.
 * Aggregate Greeks are summed by the state builder from the book's scalps, not here.
 */
export class OptionsScalper {
  private readonly increments: Readonly<Record<string, number>>;
  private readonly defaultIncrement: number;

  constructor(private readonly options: OptionsScalperOptions) {
    this.increments = options.strikeIncrements ?? DEFAULT_STRIKE_INCREMENTS;
    this.defaultIncrement = options.defaultStrikeIncrement ?? 1;
  }

  /** The entry for an option-scalp route, or why there is none. */
  plan(route: OptionScalpRoute, ctx: EntryContext): EntryDecision {
    const { signal, config, now } = ctx;
    const o = config.options;
    const { underlying, right } = route;
    if (isPastDeadline(now, o.flatBy, config.schedule)) return refuse(`option scalps are flat by ${o.flatBy} ET`);

    const { date, expiry } = scalpExpiry(now, o.zeroDteCutoff, config.schedule);
    const base = {
      right,
      spot: signal.price,
      years: (expiry - now) / YEAR_MS,
      iv: o.impliedVolatility,
      rate: o.riskFreeRate,
    };
    const increment = Object.hasOwn(this.increments, underlying) ? this.increments[underlying]! : this.defaultIncrement;
    const strike = strikeForDelta(base, o.targetDelta, o.minDelta, o.maxDelta, increment);
    if (strike === null) return refuse(`no ${underlying} ${right} strike with delta in [${o.minDelta}, ${o.maxDelta}]`);
    const premium = priceOption({ ...base, strike }).price;
    if (!(premium > 0)) return refuse(`${underlying} ${right} ${strike} has no premium`);

    const economics = {
      equity: ctx.equity,
      riskPerUnit: premium * CONTRACT_MULTIPLIER * (o.stopLossPct / 100),
      costPerUnit: premium * CONTRACT_MULTIPLIER,
    };
    const sized = unitsForRisk(economics, ctx.size, config.risk);
    const contracts = sized > 0 ? sized : Math.min(1, affordableUnits(economics, config.risk));
    if (contracts === 0) {
      return refuse(`one ${underlying} contract (${usd(economics.costPerUnit)}) exceeds the position cap`);
    }

    const fields: PlanFields = {
      ticker: underlying,
      symbol: occSymbol(underlying, date, right, strike),
      instrumentType: 'option',
      tradeType: 'options_scalp',
      direction: 'long',
      // Shown on the dashboard, from the model premium; exits use the percentages on the filled premium.
      stopPrice: Math.round(premium * (1 - o.stopLossPct / 100) * 100) / 100,
      targetPrice: Math.round(premium * (1 + o.profitTargetPct / 100) * 100) / 100,
      timeframe: route.timeframe,
      leverage: 1,
      underlying,
      option: { underlying, right, strike, expiry, targetPct: o.profitTargetPct, stopPct: o.stopLossPct },
    };
    const cloud = { ticker: underlying, exposure: right === 'call' ? ('long' as const) : ('short' as const) };
    return enterAtMarket(ctx, this.options.nextId, fields, cloud, 'buy', contracts);
  }
}
