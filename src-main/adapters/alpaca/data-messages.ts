/**
 * Alpaca market-data wire formats (stream messages and REST bar pages), validated with zod at
 * the boundary so the rest of the feed works with typed values.
 */
import { z } from 'zod';
import type { Bar, Timeframe } from '../../../src-shared/market';

/** Which Alpaca equity feed: IEX (free) or the consolidated SIP tape (paid). */
export type AlpacaDataSource = 'iex' | 'sip';

/** A bar as Alpaca sends it: `t` is the bar's start (RFC 3339), prices and volume as numbers. */
export const WireBarSchema = z.object({
  t: z.string(),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number(),
  n: z.number().optional(),
  vw: z.number().optional(),
});
export type WireBar = z.infer<typeof WireBarSchema>;

/** One page of `GET /v2/stocks/bars`. */
export const BarsPageSchema = z.object({
  bars: z.record(z.string(), z.array(WireBarSchema)).nullable().default({}),
  next_page_token: z.string().nullable().optional(),
});
export type BarsPage = z.infer<typeof BarsPageSchema>;

const StreamBarSchema = WireBarSchema.extend({ T: z.literal('b'), S: z.string() });
/** A minute bar from the stream. */
export type StreamBar = z.infer<typeof StreamBarSchema>;

const SuccessSchema = z.object({ T: z.literal('success'), msg: z.string() });
const ErrorSchema = z.object({ T: z.literal('error'), code: z.number(), msg: z.string().default('') });
const SubscriptionSchema = z.object({ T: z.literal('subscription'), bars: z.array(z.string()).default([]) });

/** The stream messages the feed acts on; anything else (trades, quotes, updated bars) is ignored. */
export type StreamMessage =
  z.infer<typeof SuccessSchema> | z.infer<typeof ErrorSchema> | z.infer<typeof SubscriptionSchema> | StreamBar;

const SCHEMAS: Readonly<Record<string, z.ZodType<StreamMessage>>> = {
  success: SuccessSchema,
  error: ErrorSchema,
  subscription: SubscriptionSchema,
  b: StreamBarSchema,
};

/**
 * The messages of one stream frame (always a JSON array, possibly several messages). Malformed
 * frames and messages of other types give nothing rather than throwing.
 */
export function parseStreamFrame(text: string): StreamMessage[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: StreamMessage[] = [];
  for (const item of raw) {
    const type = typeof item === 'object' && item !== null && 'T' in item ? String(item.T) : '';
    const parsed = SCHEMAS[type]?.safeParse(item);
    if (parsed?.success) out.push(parsed.data);
  }
  return out;
}

/** Our Bar from an Alpaca bar (time = the bar's start in epoch ms), or null if `t` is not a time. */
export function toBar(ticker: string, timeframe: Timeframe, wire: WireBar): Bar | null {
  const time = Date.parse(wire.t);
  if (!Number.isFinite(time)) return null;
  return { ticker, timeframe, time, open: wire.o, high: wire.h, low: wire.l, close: wire.c, volume: wire.v };
}
