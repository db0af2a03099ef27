import type { BotConfig } from '../../src-shared/config-schema';
import type { SessionPhase } from '../../src-shared/market';
import type { TradeType } from '../../src-shared/positions';
import { isReducing, type OrderPurpose, type OrderRequest } from './orders';
import { inFomcBlackout } from './risk-calendar';
import type { TradingState } from './trading-state';
import { usd } from '../../src-shared/money-text';

/** What the risk gate reads of the configuration (hot updates arrive through `setConfig`). */
export type RiskGateConfig = Pick<BotConfig, 'risk' | 'schedule'>;

/**
 * One entry or add as the risk gate sees it. The order gateway builds it from the EntryPlan:
 * the price is the ledger's quote, the stop is the plan's (options: the premium at their
 * stopPct), and an add carries the market value of what the position already holds.
 */
export interface EntryCheck {
  positionId: string;
  ticker: string;
  symbol: string;
  /** 'entry' opens a position, 'add' grows one; reducing purposes always pass. */
  purpose: OrderPurpose;
  tradeType: TradeType;
  /** Shares or contracts. */
  quantity: number;
  /** Expected fill price per share (per share of premium); null when the market has none yet. */
  price: number | null;
  /** Dollars per unit of price: 100 for options, 1 otherwise. */
  multiplier: number;
  /** Where the position is stopped out; null means the whole amount paid is at risk. */
  stopPrice: number | null;
  /** Market value the position holds already (0 for a new entry). */
  existingValue: number;
}

/**
 * The account and market as of now, filled by the engine on each bar (from the ledger, the
 * market clock and the trading state). Counts and exposure cover filled positions; the order
 * gateway adds its own working entry orders before it asks the gate, so the engine need not.
 */
export interface RiskContext {
  /** Market time, epoch ms (the Clock). */
  now: number;
  /** Session phase at `now`; entries only while 'open'. */
  phase: SessionPhase;
  state: TradingState;
  /** Equity now (ledger: cash + marked positions). */
  equity: number;
  /** Equity at the start of the trading day: the base of the daily loss limit. */
  startOfDayEquity: number;
  /** Σ |market value| of open positions. */
  grossExposure: number;
  /** Open positions (stocks, ETFs and option scalps). */
  openPositions: number;
  /** Entries made today (open and closed positions opened this session). */
  tradesToday: number;
  /** Day trades in the last 5 sessions, today included (see `dayTradesInWindow`). */
  dayTrades: number;
  /** When the latest market data arrived (a bar's close instant, i.e. bar.time + its length); null before any. */
  lastDataTime: number | null;
  /** Expected fill price per share (per share of premium) of an order; PositionLedger.quote. */
  quote(order: OrderRequest): number | null;
}

/** The rule a denial comes from (the event records it). */
export type RiskRule =
  | 'trading_state'
  | 'invalid_order'
  | 'daily_loss'
  | 'market_hours'
  | 'fomc_blackout'
  | 'stale_data'
  | 'no_price'
  | 'pdt'
  | 'max_trades_per_day'
  | 'max_open_positions'
  | 'risk_per_trade'
  | 'max_position'
  | 'max_exposure';

/** The gate's answer. */
export type RiskDecision = { ok: true } | { ok: false; reason: string; rule: RiskRule };

type Rule = (c: EntryCheck, x: RiskContext, cfg: RiskGateConfig) => string | null;

// Limits are compared with a hair of tolerance so that a size computed to fit exactly
// (e.g. 1 % of equity divided by the risk per share) is not denied by floating point.
const exceeds = (value: number, limit: number): boolean => value > limit + 1e-9 * Math.max(1, Math.abs(limit));
const pctOf = (equity: number, pct: number): number => (equity * pct) / 100;

/** Dollars lost if the stop is hit: the distance to the stop, or everything paid without one. */
function lossAtStop(c: EntryCheck, price: number): number {
  const perUnit = c.stopPrice === null ? price : Math.max(0, price - c.stopPrice);
  return c.quantity * perUnit * c.multiplier;
}

/** Dollars the check buys (a priced check: the no_price rule runs first). */
const notional = (c: EntryCheck): number => c.quantity * c.price! * c.multiplier;

/** A limit of `pct` % of equity on `amount`; the denial names what exceeded it. */
function equityCap(
  what: string,
  pct: 'riskPerTradePct' | 'maxPositionPct' | 'maxExposurePct',
  amount: (c: EntryCheck, x: RiskContext) => number,
): Rule {
  return (c, x, { risk }) => {
    const value = amount(c, x);
    const cap = pctOf(x.equity, risk[pct]);
    return exceeds(value, cap) ? `${what} ${usd(value)} exceeds ${risk[pct]} % of equity (${usd(cap)})` : null;
  };
}

const newPosition = (c: EntryCheck): boolean => c.purpose === 'entry';
const isDayTrade = (c: EntryCheck): boolean => c.tradeType !== 'swing';

/** The rules of DESIGN §2 in the order they are checked; the first that objects denies. */
const RULES: ReadonlyArray<[RiskRule, Rule]> = [
  ['trading_state', (_c, x) => (x.state === 'active' ? null : `trading is ${x.state}: no new entries`)],
  [
    'invalid_order',
    (c) =>
      Number.isInteger(c.quantity) && c.quantity > 0 ? null : `quantity ${c.quantity} is not a positive whole number`,
  ],
  [
    'daily_loss',
    (_c, x, { risk }) => {
      const limit = pctOf(x.startOfDayEquity, risk.dailyLossLimitPct);
      const loss = x.startOfDayEquity - x.equity;
      return loss >= limit ? `daily loss ${usd(loss)} reached the limit ${usd(limit)}` : null;
    },
  ],
  ['market_hours', (_c, x) => (x.phase === 'open' ? null : `market is ${x.phase.replace('_', '-')}`)],
  [
    'fomc_blackout',
    (_c, x, { schedule }) =>
      inFomcBlackout(x.now, schedule)
        ? `FOMC blackout ${schedule.fomcBlackoutStart}–${schedule.fomcBlackoutEnd} ET`
        : null,
  ],
  [
    'stale_data',
    (_c, x, { risk }) => {
      if (x.lastDataTime === null) return 'no market data yet';
      const age = x.now - x.lastDataTime;
      return age > risk.staleDataSeconds * 1000
        ? `market data is stale: last bar ${Math.round(age / 1000)} s ago (limit ${risk.staleDataSeconds} s)`
        : null;
    },
  ],
  ['no_price', (c) => (c.price !== null && c.price > 0 ? null : `no market price for ${c.symbol}`)],
  [
    'pdt',
    (c, x, { risk }) =>
      newPosition(c) && isDayTrade(c) && x.equity < risk.pdtMinEquity && x.dayTrades >= 3
        ? `PDT guard: ${x.dayTrades} day trades in 5 sessions with equity ${usd(x.equity)} < ${usd(risk.pdtMinEquity)}`
        : null,
  ],
  [
    'max_trades_per_day',
    (c, x, { risk }) =>
      newPosition(c) && x.tradesToday >= risk.maxTradesPerDay
        ? `${x.tradesToday} trades today (limit ${risk.maxTradesPerDay})`
        : null,
  ],
  [
    'max_open_positions',
    (c, x, { risk }) =>
      newPosition(c) && x.openPositions >= risk.maxOpenPositions
        ? `${x.openPositions} positions open (limit ${risk.maxOpenPositions})`
        : null,
  ],
  ['risk_per_trade', equityCap('loss at the stop', 'riskPerTradePct', (c) => lossAtStop(c, c.price!))],
  ['max_position', equityCap('position', 'maxPositionPct', (c) => c.existingValue + notional(c))],
  ['max_exposure', equityCap('exposure', 'maxExposurePct', (c, x) => x.grossExposure + notional(c))],
];

/**
 * The pre-trade risk gate of DESIGN §2. `evaluate` is pure: the same check, context and
 * configuration give the same answer. Entries and adds are checked; position-reducing orders
 * are never denied (a kill must be able to flatten).
 */
export class RiskGate {
  constructor(private config: RiskGateConfig) {}

  /** Replaces the limits (a validated config hot update, applied at a bar boundary). */
  setConfig(config: RiskGateConfig): void {
    this.config = config;
  }

  evaluate(check: EntryCheck, ctx: RiskContext): RiskDecision {
    if (isReducing(check.purpose)) return { ok: true };
    for (const [rule, test] of RULES) {
      const reason = test(check, ctx, this.config);
      if (reason !== null) return { ok: false, rule, reason };
    }
    return { ok: true };
  }
}
