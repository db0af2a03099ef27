import type { Bar } from '../../src-shared/market';
import { defaultConfig } from '../../src-shared/config-schema';
import type { EntryPlan, PositionPlan } from '../../src-main/engine/book';
import type { OptionContract, OrderPurpose, OrderRequest } from '../../src-main/engine/orders';
import type { RiskContext } from '../../src-main/engine/risk-gate';

const MINUTE = 60_000;
/** Tuesday 2026-11-24, 10:00 New York (EST, UTC−5): a regular session, not an FOMC day. */
export const T0 = Date.UTC(2026, 10, 24, 15, 0);
/** 16:00 New York on the same day: a 0DTE expiry. */
export const EXPIRY = Date.UTC(2026, 10, 24, 21, 0);

/** The minute `n` minutes after T0. */
export const minute = (n: number): number => T0 + n * MINUTE;

/** A 1-minute bar; high and low default to the wider of open and close. */
export function bar(
  ticker: string,
  time: number,
  prices: { open: number; high?: number; low?: number; close?: number; volume?: number },
): Bar {
  const close = prices.close ?? prices.open;
  return {
    ticker,
    timeframe: '1m',
    time,
    open: prices.open,
    high: prices.high ?? Math.max(prices.open, close),
    low: prices.low ?? Math.min(prices.open, close),
    close,
    volume: prices.volume ?? 1_000_000,
  };
}

/** A day-trade stock plan stopped $1 under a $100 entry (override anything). */
export function stockPlan(id: string, ticker = 'SPY', overrides: Partial<PositionPlan> = {}): PositionPlan {
  return {
    id,
    ticker,
    symbol: ticker,
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    stopPrice: 99,
    targetPrice: null,
    cloudAligned: true,
    timeframe: '5m',
    leverage: 1,
    underlying: null,
    signalId: `sig-${id}`,
    signalType: 'CLOUD_FLIP_BULLISH',
    conviction: 80,
    ...overrides,
  };
}

/** A call (or put) scalp on `underlying`, 0DTE, target +30 % and stop −25 %. */
export function optionPlan(
  id: string,
  underlying = 'SPY',
  contract: Partial<OptionContract> = {},
): PositionPlan & { option: NonNullable<PositionPlan['option']> } {
  const option = { underlying, right: 'call' as const, strike: 600, expiry: EXPIRY, ...contract };
  const symbol = `${underlying}261124${option.right === 'call' ? 'C' : 'P'}${String(option.strike * 1000).padStart(8, '0')}`;
  return {
    ...stockPlan(id, underlying),
    symbol,
    instrumentType: 'option',
    tradeType: 'options_scalp',
    direction: option.right === 'call' ? 'long' : 'short',
    timeframe: '1m',
    stopPrice: null,
    underlying,
    option: { ...option, targetPct: 30, stopPct: 25 },
  };
}

/** The market order of a plan (the gateway replaces the id and time). */
export function orderFor(
  plan: PositionPlan,
  quantity: number,
  fields: Partial<OrderRequest> & { purpose?: OrderPurpose } = {},
): OrderRequest {
  const order: OrderRequest = {
    clientOrderId: `plan-${plan.id}`,
    symbol: plan.symbol,
    instrumentType: plan.instrumentType,
    side: 'buy',
    quantity,
    type: 'market',
    positionId: plan.id,
    purpose: 'entry',
    time: T0,
    ...fields,
  };
  if (plan.option && !order.option) {
    const { underlying, right, strike, expiry } = plan.option;
    order.option = { underlying, right, strike, expiry };
  }
  return order;
}

/** An entry of `quantity` for the plan. */
export const entryOf = (plan: PositionPlan, quantity: number, purpose: OrderPurpose = 'entry'): EntryPlan => ({
  plan,
  order: orderFor(plan, quantity, { purpose }),
});

/** The default risk and schedule config. */
export const riskConfig = (): Pick<ReturnType<typeof defaultConfig>, 'risk' | 'schedule'> => {
  const { risk, schedule } = defaultConfig();
  return { risk, schedule };
};

/** A context in which every rule passes: $50k flat, market open, fresh data, price 100. */
export function openContext(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    now: T0,
    phase: 'open',
    state: 'active',
    equity: 50_000,
    startOfDayEquity: 50_000,
    grossExposure: 0,
    openPositions: 0,
    tradesToday: 0,
    dayTrades: 0,
    lastDataTime: T0,
    quote: () => 100,
    ...overrides,
  };
}
