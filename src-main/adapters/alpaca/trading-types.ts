import { z } from 'zod';

/** Alpaca sends money and quantities as decimal strings (sometimes numbers); null when unset. */
const decimal = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `not a number: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});
const optionalDecimal = decimal.nullish().transform((v) => v ?? null);

/** An order as Alpaca's REST replies and trade_updates events carry it (the fields we use). */
export const alpacaOrderSchema = z.object({
  id: z.string(),
  client_order_id: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: optionalDecimal,
  filled_qty: optionalDecimal.transform((v) => v ?? 0),
  filled_avg_price: optionalDecimal,
  status: z.string(),
  type: z.string().optional(),
  asset_class: z.string().optional(),
});
export type AlpacaOrder = z.infer<typeof alpacaOrderSchema>;

export const alpacaAccountSchema = z.object({
  equity: decimal,
  cash: decimal,
  buying_power: decimal,
  daytrade_count: z.number().optional(),
  pattern_day_trader: z.boolean().optional(),
  trading_blocked: z.boolean().optional(),
  account_blocked: z.boolean().optional(),
  status: z.string().optional(),
});

export const alpacaPositionSchema = z.object({
  symbol: z.string(),
  qty: decimal,
  avg_entry_price: decimal,
  side: z.string().optional(),
});

export const alpacaClockSchema = z.object({
  timestamp: z.string(),
  is_open: z.boolean(),
  next_open: z.string(),
  next_close: z.string(),
});

/** One entry of the 207 reply of DELETE /v2/orders. */
export const cancelStatusSchema = z.object({ id: z.string(), status: z.number(), body: z.unknown().optional() });

/** A `trade_updates` event. `qty` and `price` are this execution's, for fills. */
export const tradeUpdateSchema = z.object({
  event: z.string(),
  order: alpacaOrderSchema,
  qty: optionalDecimal,
  price: optionalDecimal,
  timestamp: z.string().optional(),
  position_qty: optionalDecimal,
});
export type TradeUpdate = z.infer<typeof tradeUpdateSchema>;

/** Frames of the trading stream: `{ stream, data }`. */
export const streamFrameSchema = z.object({ stream: z.string(), data: z.unknown() });

/** The market clock (GET /v2/clock), times as epoch ms. */
export interface MarketClock {
  timestamp: number;
  isOpen: boolean;
  nextOpen: number;
  nextClose: number;
}

/** Account flags read with the account (not part of the broker port). */
export interface AccountFlags {
  tradingBlocked: boolean;
  accountBlocked: boolean;
  patternDayTrader: boolean;
  daytradeCount: number;
}

/** Statuses after which an Alpaca order can no longer fill. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'filled',
  'canceled',
  'expired',
  'rejected',
  'replaced',
]);
