import type { BotConfig } from '../../src-shared/config-schema';
import type { Direction } from '../../src-shared/positions';
import type { CloudState, CloudStates } from '../../src-shared/signals';

export interface ConvictionInput {
  direction: Direction;
  /** The four clouds on the signal's timeframe at the signal bar. */
  clouds: CloudStates;
  /** The trend cloud of each OTHER configured timeframe (null where not seeded yet). */
  otherTrendClouds: readonly (CloudState | null)[];
  close: number;
  volume: number;
  /** Mean volume of the 20 bars before the signal bar; null while there are fewer. */
  avgVolume20: number | null;
}

/** Whether a cloud agrees with a direction; a cloud not seeded yet does not. */
export function cloudAgrees(cloud: CloudState | null, direction: Direction): boolean {
  return cloud !== null && cloud.bullish === (direction === 'long');
}

/**
 * Where `close` stands against the trend cloud (top/bottom = max/min of its two EMAs), seen
 * from `direction`: beyond it in the direction 1, inside (edges included) 0.5, against 0;
 * 0 when the cloud is not seeded.
 */
export function trendPosition(close: number, trend: CloudState | null, direction: Direction): number {
  if (trend === null) return 0;
  const top = Math.max(trend.short, trend.long);
  const bottom = Math.min(trend.short, trend.long);
  if (close > top) return direction === 'long' ? 1 : 0;
  if (close < bottom) return direction === 'long' ? 0 : 1;
  return 0.5;
}

/**
 * Conviction 0–100, DESIGN §2, rounded:
 * 30 × share of the 4 clouds on the signal timeframe agreeing with the direction
 * + 30 × share of the other configured timeframes whose trend cloud agrees (0 when there are none)
 * + 20 × close against the trend cloud (beyond in the direction 1, inside 0.5, against 0)
 * + 20 × min(1, volume / (1.5 × 20-bar average volume)) (0 without an average).
 */
export function conviction(input: ConvictionInput): number {
  let agreeing = 0;
  for (const trend of input.otherTrendClouds) if (cloudAgrees(trend, input.direction)) agreeing++;
  return convictionOf(input, agreeing, input.otherTrendClouds.length);
}

/**
 * The same formula with the other timeframes already counted: `othersAgreeing` of `othersCount`
 * trend clouds agree (the signal detector counts them from trend colours).
 */
export function convictionOf(
  input: Omit<ConvictionInput, 'otherTrendClouds'>,
  othersAgreeing: number,
  othersCount: number,
): number {
  const { direction, clouds } = input;
  const own =
    (Number(cloudAgrees(clouds.fast, direction)) +
      Number(cloudAgrees(clouds.pullback, direction)) +
      Number(cloudAgrees(clouds.trend, direction)) +
      Number(cloudAgrees(clouds.macro, direction))) /
    4;
  const others = othersCount === 0 ? 0 : othersAgreeing / othersCount;
  const position = trendPosition(input.close, clouds.trend, direction);
  const avg = input.avgVolume20;
  const volume = avg === null || avg <= 0 ? 0 : Math.min(1, input.volume / (1.5 * avg));
  const total = 30 * own + 30 * others + 20 * position + 20 * volume;
  // Rounded half up; snapping to 1e-9 first keeps a sum such as 62.49999999999999 at 62.5.
  return Math.round(Math.round(total * 1e9) / 1e9);
}

/** Execution size for a conviction: ≥ full-size threshold full, ≥ half-size threshold half, else log only. */
export function sizeForConviction(
  conviction: number,
  signalsConfig: Pick<BotConfig['signals'], 'fullSizeMinConviction' | 'halfSizeMinConviction'>,
): 'full' | 'half' | 'log_only' {
  if (conviction >= signalsConfig.fullSizeMinConviction) return 'full';
  if (conviction >= signalsConfig.halfSizeMinConviction) return 'half';
  return 'log_only';
}
