import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar } from '../../src-shared/market';
import { ATR_PERIOD, VOLUME_AVERAGE_BARS } from './market-state';
import { Atr } from './atr';
import { sessionBounds } from './market-calendar';

/** The day's scan list. */
export interface ScanResult {
  /** NY trading date the list is for, 'YYYY-MM-DD'. */
  date: string;
  /** Tickers to trade today, in the configured order. */
  tickers: string[];
  /** Tickers filtered out, with every filter they failed. */
  rejected: { ticker: string; reason: string }[];
  /** Tickers kept although a filter could not be checked (not enough daily history). */
  notes: { ticker: string; note: string }[];
}

/** Daily bars of a ticker, oldest first; undefined when there are none. */
export type DailyHistory = (ticker: string) => readonly Bar[] | undefined;

const fmt = (v: number, digits = 2): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });

/**
 * Builds the day's scan list before the open from config.universe.tickers and its filters, over
 * the daily bars of the sessions before `date` (the seeded history):
 * - minPrice: the last daily close ≥ minPrice;
 * - minAvgVolume: mean volume of the last 20 daily bars ≥ minAvgVolume;
 * - minAtrPct: Wilder's ATR(14) of the daily bars / last close × 100 ≥ minAtrPct.
 * A filter that lacks the history it needs is not applied; the ticker stays in with a note.
 */
export class UniverseScanner {
  private readonly universe: BotConfig['universe'];
  private readonly schedule: BotConfig['schedule'];

  constructor(config: BotConfig) {
    this.universe = config.universe;
    this.schedule = config.schedule;
  }

  scan(date: string, dailyBars: DailyHistory): ScanResult {
    const open = sessionBounds(date, this.schedule)?.open ?? Number.POSITIVE_INFINITY;
    const result: ScanResult = { date, tickers: [], rejected: [], notes: [] };
    for (const ticker of new Set(this.universe.tickers)) {
      const bars = (dailyBars(ticker) ?? []).filter((bar) => bar.time < open);
      const { failed, missing } = this.check(bars);
      if (failed.length > 0) result.rejected.push({ ticker, reason: failed.join('; ') });
      else result.tickers.push(ticker);
      if (missing.length > 0 && failed.length === 0)
        result.notes.push({
          ticker,
          note: `kept without enough daily history (${bars.length} bars): ${missing.join(', ')} not checked`,
        });
    }
    return result;
  }

  private check(bars: readonly Bar[]): { failed: string[]; missing: string[] } {
    const { minPrice, minAvgVolume, minAtrPct } = this.universe.filters;
    const failed: string[] = [];
    const missing: string[] = [];
    const last = bars.at(-1);
    if (last === undefined) return { failed, missing: ['price', 'average volume', 'ATR %'] };

    if (last.close < minPrice) failed.push(`price ${fmt(last.close)} < min ${fmt(minPrice)}`);

    if (bars.length < VOLUME_AVERAGE_BARS) missing.push('average volume');
    else {
      let sum = 0;
      for (const bar of bars.slice(-VOLUME_AVERAGE_BARS)) sum += bar.volume;
      const avg = sum / VOLUME_AVERAGE_BARS;
      if (avg < minAvgVolume) failed.push(`20-day avg volume ${fmt(avg, 0)} < min ${fmt(minAvgVolume, 0)}`);
    }

    const atr = new Atr(ATR_PERIOD);
    for (const bar of bars) atr.update(bar);
    if (atr.value === null) missing.push('ATR %');
    else {
      const atrPct = last.close > 0 ? (atr.value / last.close) * 100 : 0;
      if (atrPct < minAtrPct) failed.push(`ATR ${fmt(atrPct)}% < min ${fmt(minAtrPct)}%`);
    }
    return { failed, missing };
  }
}
