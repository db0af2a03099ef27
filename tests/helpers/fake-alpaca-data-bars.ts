/**
 * Alpaca's view of a ticker's minutes, for seeding the fake: Alpaca aggregates trades into
 * clock-aligned bars (a 30Min bar starts at :00 or :30 UTC, extended hours included) and
 * stamps a daily bar at midnight New York time with the regular session's prices.
 */
import { TZDate } from '@date-fns/tz';
import type { Bar } from '../../src-shared/market';
import type { FakeWireBar } from './fake-alpaca-data';

/** A Bar in Alpaca's wire format. */
export function wireBar(bar: Pick<Bar, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>): FakeWireBar {
  return {
    t: new Date(bar.time).toISOString().replace('.000Z', 'Z'),
    o: bar.open,
    h: bar.high,
    l: bar.low,
    c: bar.close,
    v: bar.volume,
    n: Math.max(1, Math.round(bar.volume / 100)),
    vw: (bar.high + bar.low + bar.close) / 3,
  };
}

/** Minutes (time order) merged into bars whose start `keyOf` gives. */
function merge(minutes: readonly Bar[], keyOf: (time: number) => number): FakeWireBar[] {
  const out: Bar[] = [];
  for (const m of minutes) {
    const time = keyOf(m.time);
    const current = out.at(-1);
    if (current?.time === time) {
      current.high = Math.max(current.high, m.high);
      current.low = Math.min(current.low, m.low);
      current.close = m.close;
      current.volume += m.volume;
    } else {
      out.push({ ...m, time });
    }
  }
  return out.map(wireBar);
}

/** Clock-aligned bars of `minutes`-minute length, as Alpaca's nMin/1Hour timeframes. */
export function clockAligned(minutes: readonly Bar[], length: number): FakeWireBar[] {
  const ms = length * 60_000;
  return merge(minutes, (t) => Math.floor(t / ms) * ms);
}

/** Alpaca's daily bars of regular-session `minutes`: stamped at 00:00 America/New_York. */
export function dailyBars(regularMinutes: readonly Bar[]): FakeWireBar[] {
  return merge(regularMinutes, (t) => {
    const ny = new TZDate(t, 'America/New_York');
    return new TZDate(ny.getFullYear(), ny.getMonth(), ny.getDate(), 'America/New_York').getTime();
  });
}
