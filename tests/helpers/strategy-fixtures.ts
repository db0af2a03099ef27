import { TZDate } from '@date-fns/tz';
import type { EntryPlan } from '../../src-main/engine/book';
import type { EntryDecision } from '../../src-main/engine/executor-common';
import { BotConfigSchema, type BotConfig } from '../../src-shared/config-schema';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';

/** Epoch ms of New York wall-clock 'YYYY-MM-DD HH:MM[:SS]'. */
export function ny(dateTime: string): number {
  const [date, time] = dateTime.split(' ');
  const [y, mo, d] = date!.split('-').map(Number);
  const [h, mi, s = 0] = time!.split(':').map(Number);
  return new TZDate(y!, mo! - 1, d!, h!, mi!, s, 'America/New_York').getTime();
}

/** Default config with top-level sections patched (the schema fills in the rest). */
export function makeConfig(patch: Record<string, unknown> = {}): BotConfig {
  return BotConfigSchema.parse(patch);
}

/** The entry of an accepted decision; a refusal fails the test with its reason. */
export function entryOf(decision: EntryDecision): EntryPlan {
  if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
  return decision.entry;
}

/** DESIGN §2's sector map: underlying, bull ETF, bear ETF. */
export const ETF_PAIRS = [
  ['QQQ', 'TQQQ', 'SQQQ'],
  ['SPY', 'SPXL', 'SPXS'],
  ['IWM', 'TNA', 'TZA'],
  ['NVDA', 'SOXL', 'SOXS'],
  ['XLF', 'FAS', 'FAZ'],
] as const;

/** Sequential ids: pos-1, ord-2, … */
export function idCounter(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

/** A bullish 5m NVDA signal at $100, conviction 80, Tuesday 2026-11-24 10:30 ET. */
export function makeSignal(patch: Partial<TradeSignal> = {}): TradeSignal {
  return {
    id: 'sig-1',
    ticker: 'NVDA',
    timeframe: '5m',
    type: 'CLOUD_CROSS_BULLISH',
    direction: 'long',
    conviction: 80,
    price: 100,
    time: ny('2026-11-24 10:30'),
    clouds: { fast: null, pullback: null, trend: null, macro: null },
    outcome: 'PENDING',
    skipReason: null,
    ...patch,
  };
}

/** An open long stock day trade: 100 NVDA at $100, entered 10:00 ET on 2026-11-24. */
export function makePosition(patch: Partial<Position> = {}): Position {
  return {
    id: 'p-1',
    ticker: 'NVDA',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100,
    entryPrice: 100,
    currentPrice: 100,
    entryTime: ny('2026-11-24 10:00'),
    unrealizedPnl: 0,
    unrealizedPnlPct: 0,
    stopPrice: 98,
    targetPrice: 104,
    cloudAligned: true,
    timeframe: '5m',
    leverage: 1,
    underlying: null,
    signalId: 'sig-1',
    signalType: 'CLOUD_CROSS_BULLISH',
    conviction: 80,
    realizedPnl: 0,
    ...patch,
  };
}

/** An open SPY call scalp: 5 contracts bought at $2.00, target +30 %, stop −25 %. */
export function makeScalp(patch: Partial<ScalpPosition> = {}): ScalpPosition {
  return {
    ...makePosition({ id: 'o-1', ticker: 'SPY', quantity: 5, entryPrice: 2, currentPrice: 2, timeframe: '1m' }),
    instrumentType: 'option',
    tradeType: 'options_scalp',
    underlying: 'SPY',
    stopPrice: 1.5,
    targetPrice: 2.6,
    contractSymbol: 'SPY261124C00600000',
    right: 'call',
    strike: 600,
    expiry: ny('2026-11-24 16:00'),
    dte: 0,
    greeks: { delta: 0.4, gamma: 0.05, theta: -0.3, vega: 0.1 },
    targetPct: 30,
    stopPct: 25,
    ...patch,
  };
}
