import type { BotConfig } from '../../src-shared/config-schema';
import type { Timeframe } from '../../src-shared/market';
import type { Direction, Position, ScalpPosition } from '../../src-shared/positions';
import type { CloudState, TradeSignal } from '../../src-shared/signals';
import type { EntryPlan, PositionPlan } from './book';
import type { CloudView } from './cloud-view';
import type { OptionContract, OrderRequest, OrderSide } from './orders';
import type { SizeBucket } from './position-sizing';

/** Makes a unique, deterministic id with the given prefix ('pos' for positions, 'ord' for orders). */
export type NextId = (prefix: string) => string;

/** What every executor needs to plan one entry. */
export interface EntryContext {
  signal: TradeSignal;
  /** The size the signal's conviction bucket allows. */
  size: SizeBucket;
  /** Account equity now (sizing base). */
  equity: number;
  /** Market time (epoch ms), stamped on the order. */
  now: number;
  view: CloudView;
  config: BotConfig;
}

/** An executor's answer: the entry to send, or why it declines. */
export type EntryDecision = { ok: true; entry: EntryPlan } | { ok: false; reason: string };

/** A declined entry. */
export const refuse = (reason: string): EntryDecision => ({ ok: false, reason });

/** The signal attribution a position keeps. */
function attribution(signal: TradeSignal): Pick<PositionPlan, 'signalId' | 'signalType' | 'conviction'> {
  return { signalId: signal.id, signalType: signal.type, conviction: signal.conviction };
}

/** Lower and upper edge of a cloud (its two EMAs in either order). */
export function cloudEdges(cloud: CloudState): { bottom: number; top: number } {
  return { bottom: Math.min(cloud.short, cloud.long), top: Math.max(cloud.short, cloud.long) };
}

/** Whether the fast cloud of `ticker` on `timeframe` agrees with `direction`; null before it exists. */
export function fastCloudAgrees(
  view: CloudView,
  ticker: string,
  timeframe: Timeframe,
  direction: Direction,
): boolean | null {
  const fast = view.clouds(ticker, timeframe)?.fast;
  if (!fast) return null;
  return fast.bullish === (direction === 'long');
}

/**
 * The direction a position gives on the ticker whose clouds drive it: its own direction for
 * stocks, long for calls and short for puts, short for a bear ETF. A bear ETF is recognised
 * through the sector map (PositionPlan does not record it), first its underlying's pair, then
 * any pair, so a map edit that drops the underlying still finds it.
 */
export function exposureOf(position: Position | ScalpPosition, config: BotConfig): Direction {
  if ('right' in position) return position.right === 'call' ? 'long' : 'short';
  if (position.instrumentType !== 'leveraged_etf') return position.direction;
  const pairs = Object.entries(config.leveragedEtf.sectorMap);
  const own = pairs.find(([underlying]) => underlying === position.underlying)?.[1];
  const isBear = own ? own.bear === position.ticker : pairs.some(([, pair]) => pair.bear === position.ticker);
  return isBear ? 'short' : 'long';
}

/** The contract an order carries (the plan's option without its exit percentages). */
export function orderContract(option: PositionPlan['option']): OptionContract | undefined {
  if (!option) return undefined;
  return { underlying: option.underlying, right: option.right, strike: option.strike, expiry: option.expiry };
}

/** A market order for `quantity` of the plan's symbol. */
export function marketOrder(
  plan: PositionPlan,
  fields: Pick<OrderRequest, 'side' | 'quantity' | 'purpose' | 'time'>,
  nextId: NextId,
): OrderRequest {
  const option = orderContract(plan.option);
  return {
    clientOrderId: nextId('ord'),
    symbol: plan.symbol,
    instrumentType: plan.instrumentType,
    type: 'market',
    positionId: plan.id,
    ...fields,
    ...(option ? { option } : {}),
  };
}

/** A planned position's own fields: everything but the id, the signal attribution and Cloud ✓/✗. */
export type PlanFields = Omit<PositionPlan, 'id' | 'signalId' | 'signalType' | 'conviction' | 'cloudAligned'>;

/**
 * The entry for `fields`: a fresh position id, the signal's attribution, Cloud ✓/✗ from the
 * fast cloud of `cloudTicker` on the plan's timeframe against `exposure` (✗ while that cloud is
 * not ready), and the market order for `quantity` that opens it.
 */
export function enterAtMarket(
  ctx: EntryContext,
  nextId: NextId,
  fields: PlanFields,
  cloud: { ticker: string; exposure: Direction },
  side: OrderSide,
  quantity: number,
): EntryDecision {
  const plan: PositionPlan = {
    ...fields,
    id: nextId('pos'),
    cloudAligned: fastCloudAgrees(ctx.view, cloud.ticker, fields.timeframe, cloud.exposure) ?? false,
    ...attribution(ctx.signal),
  };
  return {
    ok: true,
    entry: { plan, order: marketOrder(plan, { side, quantity, purpose: 'entry', time: ctx.now }, nextId) },
  };
}
