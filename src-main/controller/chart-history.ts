import type { BotConfig } from '../../src-shared/config-schema';
import type { CloudPoint } from '../../src-shared/chart-data';
import type { Bar, Timeframe } from '../../src-shared/market';
import { CLOUD_NAMES, type CloudStates } from '../../src-shared/signals';
import { CloudSet } from '../engine/cloud-set';

/** Bars kept per ticker and timeframe (8,000 one-minute bars ≈ 20 sessions). */
export const CHART_CAPACITY = 8000;

/** The clouds of one bar as the chart draws them (EMA pairs, null until seeded). */
export function toCloudPoint(time: number, states: CloudStates): CloudPoint {
  const clouds = {} as CloudPoint['clouds'];
  for (const name of CLOUD_NAMES) {
    const c = states[name];
    clouds[name] = c ? { short: c.short, long: c.long } : null;
  }
  return { time, clouds };
}

/**
 * Every closed bar the engine saw (warm-up history included), per ticker and timeframe, for
 * the cloud charts. Clouds are recomputed over the retained bars on request, with the same
 * CloudSet the engine uses, so a chart shows exactly the engine's clouds once the retained
 * history covers the longest EMA's seed.
 */
export class ChartHistory {
  private readonly series = new Map<string, Bar[]>();

  constructor(
    private clouds: BotConfig['clouds'],
    private readonly capacity = CHART_CAPACITY,
  ) {}

  /** Uses other cloud periods or source from now on (config hot update). */
  setCloudConfig(clouds: BotConfig['clouds']): void {
    this.clouds = clouds;
  }

  /** Adds closed bars; a bar not newer than the last of its series is ignored. */
  add(bars: Iterable<Bar>): void {
    for (const bar of bars) {
      const key = `${bar.ticker}|${bar.timeframe}`;
      let list = this.series.get(key);
      if (!list) this.series.set(key, (list = []));
      const last = list[list.length - 1];
      if (last && bar.time <= last.time) continue;
      list.push(bar);
      if (list.length > this.capacity * 1.25) list.splice(0, list.length - this.capacity);
    }
  }

  /** The last bar of a series, or null. */
  last(ticker: string, timeframe: Timeframe): Bar | null {
    const list = this.series.get(`${ticker}|${timeframe}`);
    return list?.[list.length - 1] ?? null;
  }

  /** The newest `limit` bars of a series with their clouds, oldest first. */
  chart(ticker: string, timeframe: Timeframe, limit: number): { bars: Bar[]; clouds: CloudPoint[] } {
    const all = this.series.get(`${ticker}|${timeframe}`) ?? [];
    const set = new CloudSet(this.clouds);
    const from = Math.max(0, all.length - limit);
    const bars: Bar[] = [];
    const clouds: CloudPoint[] = [];
    for (let i = 0; i < all.length; i++) {
      const states = set.update(all[i]!);
      if (i < from) continue;
      bars.push(all[i]!);
      clouds.push(toCloudPoint(all[i]!.time, states));
    }
    return { bars, clouds };
  }
}
