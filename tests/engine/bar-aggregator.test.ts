import { describe, expect, it } from 'vitest';
import { BarAggregator } from '../../src-main/engine/bar-aggregator';
import type { Bar } from '../../src-shared/market';
import { MINUTE, bar, makeConfig, merge, minutes, ny } from './engine-fixtures';

const schedule = makeConfig().schedule; // half day 2026-11-27 closes 13:00
const utc = Date.UTC;

/** A closed higher bar with its interval's end. */
interface AggregatedBar {
  bar: Bar;
  closeTime: number;
}

/** Feeds bars; returns what each push closed (copied: the aggregator reuses its array). */
function feed(agg: BarAggregator, bars: readonly Bar[]): (AggregatedBar[] | null)[] {
  return bars.map((b) => {
    const closed = agg.push(b);
    return closed && closed.map((bar, k) => ({ bar, closeTime: agg.closeTime(k) }));
  });
}

const closedOf = (results: (AggregatedBar[] | null)[], timeframe: string) =>
  results.flatMap((r) => r ?? []).filter((a) => a.bar.timeframe === timeframe);

describe('BarAggregator on a regular session (Tue 2026-03-10, EDT)', () => {
  const date = '2026-03-10';
  const day = minutes('SPY', date, '09:30', '16:00', 5);
  const results = feed(new BarAggregator('SPY', schedule), day);

  it('builds the 09:30 5m bar by hand and closes it with the 09:34 minute', () => {
    const open = ny(`${date} 09:30`);
    const m = [
      { open: 10, high: 10.5, low: 9.8, close: 10.2, volume: 100 },
      { open: 10.2, high: 11, low: 10.1, close: 10.9, volume: 200 },
      { open: 10.9, high: 12.5, low: 10.7, close: 11.5, volume: 300 },
      { open: 11.5, high: 11.6, low: 9, close: 9.5, volume: 400 },
      { open: 9.5, high: 11.2, low: 9.4, close: 11, volume: 500 },
    ].map((ohlcv, k) => bar('SPY', '1m', open + k * MINUTE, ohlcv));
    const agg = new BarAggregator('SPY', schedule, ['5m']);
    const out = feed(agg, m);
    expect(out.slice(0, 4)).toEqual([[], [], [], []]);
    expect(out[4]).toEqual([
      {
        bar: { ticker: 'SPY', timeframe: '5m', time: open, open: 10, high: 12.5, low: 9, close: 11, volume: 1500 },
        closeTime: ny(`${date} 09:35`),
      },
    ]);
  });

  it('gives 78 5m, 39 10m, 7 hourly and 1 daily bar, each the merge of its minutes', () => {
    expect(closedOf(results, '5m')).toHaveLength(78);
    expect(closedOf(results, '10m')).toHaveLength(39);
    expect(closedOf(results, '1h')).toHaveLength(7);
    expect(closedOf(results, '1d')).toHaveLength(1);
    closedOf(results, '10m').forEach((a, k) => {
      expect(a.bar).toEqual(merge('10m', day[k * 10]!.time, day.slice(k * 10, k * 10 + 10)));
      expect(a.closeTime).toBe(day[k * 10]!.time + 10 * MINUTE);
    });
  });

  it('anchors hourly bars at 09:30 and ends with the short 15:30–16:00 hour', () => {
    const hours = closedOf(results, '1h');
    expect(hours.map((h) => h.bar.time)).toEqual(
      ['09:30', '10:30', '11:30', '12:30', '13:30', '14:30', '15:30'].map((t) => ny(`${date} ${t}`)),
    );
    expect(hours[0]!.bar).toEqual(merge('1h', ny(`${date} 09:30`), day.slice(0, 60)));
    expect(hours[6]!.bar).toEqual(merge('1h', ny(`${date} 15:30`), day.slice(360)));
    expect(hours[6]!.closeTime).toBe(ny(`${date} 16:00`));
    // The 10:29 minute (index 59) closes the first hour.
    expect(results[59]!.map((a) => a.bar.timeframe)).toEqual(['5m', '10m', '1h']);
  });

  it('closes the daily bar, the last hour, 10m and 5m with the 15:59 minute, in TIMEFRAMES order', () => {
    const last = results[389]!;
    expect(last.map((a) => a.bar.timeframe)).toEqual(['5m', '10m', '1h', '1d']);
    expect(last[3]).toEqual({ bar: merge('1d', ny(`${date} 09:30`), day), closeTime: ny(`${date} 16:00`) });
  });

  it('closes nothing before an interval is complete', () => {
    expect(results.slice(0, 4)).toEqual([[], [], [], []]);
    expect(results[4]!.map((a) => a.bar.timeframe)).toEqual(['5m']);
    expect(results[9]!.map((a) => a.bar.timeframe)).toEqual(['5m', '10m']);
  });

  it('exposes the forming bars, never a forming 1m bar', () => {
    const agg = new BarAggregator('SPY', schedule);
    feed(agg, day.slice(0, 7)); // 09:30–09:36
    expect(agg.forming('5m')).toEqual(merge('5m', ny(`${date} 09:35`), day.slice(5, 7)));
    expect(agg.forming('10m')).toEqual(merge('10m', ny(`${date} 09:30`), day.slice(0, 7)));
    expect(agg.forming('1h')).toEqual(merge('1h', ny(`${date} 09:30`), day.slice(0, 7)));
    expect(agg.forming('1d')).toEqual(merge('1d', ny(`${date} 09:30`), day.slice(0, 7)));
    expect(agg.forming('1m')).toBeNull();
  });

  it('builds only the timeframes asked for', () => {
    const only = feed(new BarAggregator('SPY', schedule, ['1h']), day);
    expect(only.flatMap((r) => r ?? []).map((a) => a.bar.timeframe)).toEqual(Array(7).fill('1h'));
  });
});

describe('BarAggregator across the calendar', () => {
  it('ends a half day (2026-11-27) at 13:00: last hour 12:30–13:00, minutes after the close ignored', () => {
    const date = '2026-11-27';
    const day = minutes('SPY', date, '09:30', '13:00', 2);
    const after = minutes('SPY', date, '13:00', '13:05', 3);
    const agg = new BarAggregator('SPY', schedule);
    const results = feed(agg, [...day, ...after]);
    const hours = closedOf(results, '1h');
    expect(hours.map((h) => h.bar.time)).toEqual(['09:30', '10:30', '11:30', '12:30'].map((t) => ny(`${date} ${t}`)));
    expect(hours[3]).toEqual({ bar: merge('1h', ny(`${date} 12:30`), day.slice(180)), closeTime: ny(`${date} 13:00`) });
    expect(results[day.length - 1]!.map((a) => a.bar.timeframe)).toEqual(['5m', '10m', '1h', '1d']);
    expect(closedOf(results, '1d')).toEqual([
      { bar: merge('1d', ny(`${date} 09:30`), day), closeTime: ny(`${date} 13:00`) },
    ]);
    expect(results.slice(day.length)).toEqual(Array(5).fill(null));
    expect(agg.forming('1d')).toBeNull();
  });

  it.each([
    ['2026-03-06 (Fri, EST)', 2026, 2, 6, 14],
    ['2026-03-09 (Mon after the spring change, EDT)', 2026, 2, 9, 13],
    ['2026-10-30 (Fri, EDT)', 2026, 9, 30, 13],
    ['2026-11-02 (Mon after the fall change, EST)', 2026, 10, 2, 14],
  ])('anchors the session of %s at 09:30 New York time', (_label, y, mo, d, openHourUtc) => {
    const open = utc(y, mo, d, openHourUtc, 30);
    const day: Bar[] = [];
    for (let k = -5; k < 395; k++) day.push(bar('QQQ', '1m', open + k * MINUTE, { close: 100 + k, volume: 1 }));
    const results = feed(new BarAggregator('QQQ', schedule), day);
    // Minutes before 09:30 and from 16:00 on are outside the session.
    expect(results.slice(0, 5)).toEqual(Array(5).fill(null));
    expect(results.slice(395)).toEqual(Array(5).fill(null));
    const hours = closedOf(results, '1h');
    expect(hours.map((h) => h.bar.time)).toEqual([0, 1, 2, 3, 4, 5, 6].map((h) => open + h * 60 * MINUTE));
    expect(hours.map((h) => h.bar.volume)).toEqual([60, 60, 60, 60, 60, 60, 30]);
    expect(closedOf(results, '1d')).toEqual([
      {
        bar: { ticker: 'QQQ', timeframe: '1d', time: open, open: 100, high: 489, low: 100, close: 489, volume: 390 },
        closeTime: utc(y, mo, d, openHourUtc + 7, 0),
      },
    ]);
  });

  it('ignores minutes on weekends and holidays (2026-11-26)', () => {
    const agg = new BarAggregator('SPY', schedule);
    expect(agg.push(bar('SPY', '1m', ny('2026-11-26 10:00'), { close: 1 }))).toBeNull();
    expect(agg.push(bar('SPY', '1m', ny('2026-11-28 10:00'), { close: 1 }))).toBeNull();
    expect(agg.forming('1d')).toBeNull();
  });
});

describe('BarAggregator with gaps', () => {
  const date = '2026-03-10';
  const day = minutes('SPY', date, '09:30', '16:00', 9);
  const at = (hhmm: string) => day.find((b) => b.time === ny(`${date} ${hhmm}`))!;

  it('closes a 5m bar whose closing minute is missing when the next interval starts, without merging', () => {
    const agg = new BarAggregator('SPY', schedule, ['5m']);
    const out = feed(agg, ['09:30', '09:31', '09:32', '09:33', '09:35'].map(at));
    expect(out.slice(0, 4)).toEqual([[], [], [], []]);
    expect(out[4]).toEqual([
      { bar: merge('5m', ny(`${date} 09:30`), day.slice(0, 4)), closeTime: ny(`${date} 09:35`) },
    ]);
    expect(agg.forming('5m')).toEqual(merge('5m', ny(`${date} 09:35`), [at('09:35')]));
  });

  it('closes every open bar late across a gap of several intervals and starts the new ones at their own open', () => {
    const agg = new BarAggregator('SPY', schedule, ['5m', '10m']);
    const out = feed(agg, ['09:30', '09:31', '09:47'].map(at));
    expect(out[2]).toEqual([
      { bar: merge('5m', ny(`${date} 09:30`), day.slice(0, 2)), closeTime: ny(`${date} 09:35`) },
      { bar: merge('10m', ny(`${date} 09:30`), day.slice(0, 2)), closeTime: ny(`${date} 09:40`) },
    ]);
    expect(agg.forming('5m')).toEqual(merge('5m', ny(`${date} 09:45`), [at('09:47')]));
    expect(agg.forming('10m')).toEqual(merge('10m', ny(`${date} 09:40`), [at('09:47')]));
  });

  it('closes both the late bar and the new one when the arriving minute completes its own interval', () => {
    const agg = new BarAggregator('SPY', schedule, ['5m', '10m']);
    const out = feed(agg, ['09:30', '09:31', '09:32', '09:39'].map(at));
    expect(out[3]).toEqual([
      { bar: merge('5m', ny(`${date} 09:30`), day.slice(0, 3)), closeTime: ny(`${date} 09:35`) },
      { bar: merge('5m', ny(`${date} 09:35`), [at('09:39')]), closeTime: ny(`${date} 09:40`) },
      { bar: merge('10m', ny(`${date} 09:30`), [...day.slice(0, 3), at('09:39')]), closeTime: ny(`${date} 09:40`) },
    ]);
  });

  it('closes the last hour and the day of a session missing its last minute with the next session’s first minute', () => {
    const next = minutes('SPY', '2026-03-11', '09:30', '09:32', 4);
    const agg = new BarAggregator('SPY', schedule);
    const out = feed(agg, [...day.slice(0, 389), ...next]);
    expect(out[388]).toEqual([]); // 15:58 closes nothing
    expect(out[389]!.map((a) => [a.bar.timeframe, a.bar.time])).toEqual([
      ['5m', ny(`${date} 15:55`)],
      ['10m', ny(`${date} 15:50`)],
      ['1h', ny(`${date} 15:30`)],
      ['1d', ny(`${date} 09:30`)],
    ]);
    expect(out[389]![2]).toEqual({
      bar: merge('1h', ny(`${date} 15:30`), day.slice(360, 389)),
      closeTime: ny(`${date} 16:00`),
    });
    expect(out[389]![3]).toEqual({
      bar: merge('1d', ny(`${date} 09:30`), day.slice(0, 389)),
      closeTime: ny(`${date} 16:00`),
    });
    expect(agg.forming('1d')).toEqual(merge('1d', ny('2026-03-11 09:30'), next));
  });

  it('ignores a minute that is not newer than the last one', () => {
    const agg = new BarAggregator('SPY', schedule, ['5m']);
    feed(agg, ['09:30', '09:31'].map(at));
    expect(agg.push(at('09:31'))).toBeNull();
    expect(agg.push(at('09:30'))).toBeNull();
    expect(agg.forming('5m')).toEqual(merge('5m', ny(`${date} 09:30`), day.slice(0, 2)));
  });
});
