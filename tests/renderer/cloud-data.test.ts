import { TickMarkType, type UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { CloudBuffer } from '../../src-renderer/charts/cloud-buffer';
import {
  lastIndexAtOrBefore,
  mergeUpdates,
  planBarUpdate,
  positionPriceLines,
  priceLineOptions,
  sameMarkers,
  toSeriesBundle,
  updatesFor,
  withLiveSignals,
} from '../../src-renderer/charts/cloud-data';
import { syntheticChartData, SyntheticMarket } from '../../src-renderer/charts/cloud-fixture';
import { crosshairTimeLabel, formatVolume, tickMarkLabel } from '../../src-renderer/charts/cloud-time';
import { cloudChartPalette } from '../../src-renderer/charts/theme';
import type { BarUpdate, ChartData, ChartMarker, CloudPoint } from '../../src-shared/chart-data';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Position } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';

const palette = cloudChartPalette(false);
const T0 = Date.UTC(2026, 10, 24, 14, 30); // 09:30 New York
const MIN = 60_000;

function bar(i: number, patch: Partial<Bar> = {}): Bar {
  const open = 100 + i;
  return {
    ticker: 'SPY',
    timeframe: '1m',
    time: T0 + i * MIN,
    open,
    high: open + 2,
    low: open - 1,
    close: open + (i % 2 === 0 ? 1 : -0.5),
    volume: 1000 + i,
    ...patch,
  };
}

function cloud(time: number, fast: [number, number] | null = [1, 2]): CloudPoint {
  return {
    time,
    clouds: {
      fast: fast && { short: fast[0], long: fast[1] },
      pullback: null,
      trend: { short: 3, long: 4 },
      macro: null,
    },
  };
}

function chart(bars: Bar[], patch: Partial<ChartData> = {}): ChartData {
  return {
    ticker: 'SPY',
    timeframe: '1m',
    bars,
    clouds: bars.map((b) => cloud(b.time)),
    markers: [],
    priceLines: [],
    forming: null,
    ...patch,
  };
}

const update = (b: Bar, closed: boolean, fast: [number, number] = [9, 9]): BarUpdate => ({
  bar: b,
  clouds: cloud(b.time, fast),
  closed,
});

const sec = (i: number) => (T0 + i * MIN) / 1000;

describe('ChartData → series data', () => {
  it('maps bars to candles and volumes in UTC seconds, index-aligned with their clouds', () => {
    const b = toSeriesBundle(chart([bar(0), bar(1)]), palette);
    expect(b.times).toEqual([sec(0), sec(1)]);
    expect(b.candles[0]).toEqual({ time: sec(0), open: 100, high: 102, low: 99, close: 101 });
    expect(b.volumes.map((v) => [v.value, v.color])).toEqual([
      [1000, palette.volumeUp],
      [1001, palette.volumeDown],
    ]);
    expect(b.clouds[1]?.time).toBe(T0 + MIN);
  });

  it('appends the forming bar with its provisional clouds when it is newer than the last closed bar', () => {
    const forming = { bar: bar(2), clouds: cloud(T0 + 2 * MIN, [7, 8]) };
    const b = toSeriesBundle(chart([bar(0), bar(1)], { forming }), palette);
    expect(b.times).toEqual([sec(0), sec(1), sec(2)]);
    expect(b.clouds[2]?.clouds.fast).toEqual({ short: 7, long: 8 });
    const stale = toSeriesBundle(chart([bar(0), bar(1)], { forming: { ...forming, bar: bar(1) } }), palette);
    expect(stale.times).toHaveLength(2);
  });

  it('sorts out-of-order bars, keeps the later of two in the same second and drops bars with missing prices', () => {
    const data = chart([bar(2), bar(0), bar(1, { close: NaN }), bar(0, { close: 555 })]);
    const b = toSeriesBundle(data, palette);
    expect(b.times).toEqual([sec(0), sec(2)]);
    expect(b.candles[0]?.close).toBe(555);
  });

  it('finds each bar its cloud by time when the clouds do not line up with the bars', () => {
    const bars = [bar(0), bar(1), bar(2)];
    const b = toSeriesBundle(
      chart(bars, { clouds: [cloud(bars[2]!.time, [5, 6]), cloud(bars[0]!.time, [1, 0])] }),
      palette,
    );
    expect(b.clouds.map((c) => c?.clouds.fast?.short ?? null)).toEqual([1, null, 5]);
  });

  it('keeps whitespace before a cloud is seeded: null pairs stay null', () => {
    const data = syntheticChartData(200);
    const b = toSeriesBundle(data, palette);
    expect(b.clouds[0]?.clouds.macro).toBeNull();
    expect(b.clouds[87]?.clouds.macro).toBeNull();
    expect(b.clouds[88]?.clouds.macro).not.toBeNull();
    expect(b.clouds[11]?.clouds.fast).not.toBeNull();
  });
});

describe('live bar updates', () => {
  const times = [sec(0), sec(1), sec(2)];

  it('appends a newer bar, replaces the last one, and edits an older bar only when it closed', () => {
    expect(planBarUpdate(times, update(bar(3), false))).toEqual({ kind: 'append' });
    expect(planBarUpdate([], update(bar(0), false))).toEqual({ kind: 'append' });
    expect(planBarUpdate(times, update(bar(2), false))).toEqual({ kind: 'replace', index: 2 });
    expect(planBarUpdate(times, update(bar(2), true))).toEqual({ kind: 'replace', index: 2 });
    expect(planBarUpdate(times, update(bar(1), true))).toEqual({ kind: 'historical', index: 1 });
  });

  it('drops a forming bar older than the newest, a time between bars and a bar without prices', () => {
    expect(planBarUpdate(times, update(bar(1), false))).toEqual({ kind: 'ignore', reason: 'stale' });
    expect(planBarUpdate(times, update(bar(1, { time: T0 + MIN + 30_000 }), true))).toEqual({
      kind: 'ignore',
      reason: 'stale',
    });
    expect(planBarUpdate(times, update(bar(5, { open: NaN }), false))).toEqual({ kind: 'ignore', reason: 'invalid' });
  });

  it('keeps the updates of one ticker and timeframe, only the last tick of each bar in a run', () => {
    const qqq = (b: Bar) => ({ ...b, ticker: 'QQQ' });
    const fiveMin = (b: Bar) => ({ ...b, timeframe: '5m' as Timeframe });
    const batch = [
      update(bar(3), false),
      update(qqq(bar(3)), false),
      update(bar(3, { close: 200 }), false),
      update(fiveMin(bar(3)), false),
      update(bar(3, { close: 201 }), true),
      update(bar(4), false),
    ];
    const mine = updatesFor(batch, 'SPY', '1m');
    expect(mine.map((u) => [u.bar.time, u.bar.close, u.closed])).toEqual([
      [T0 + 3 * MIN, 201, true],
      [T0 + 4 * MIN, bar(4).close, false],
    ]);
  });

  it('folds the bars that arrived while loading into the data, forming bar included', () => {
    const data = chart([bar(0), bar(1)], { forming: { bar: bar(2), clouds: cloud(T0 + 2 * MIN) } });
    const merged = mergeUpdates(data, [
      update(bar(2, { close: 300 }), true),
      update(bar(3), false),
      update({ ...bar(9), ticker: 'QQQ' }, false),
      update(bar(0), false),
    ]);
    expect(merged.bars.map((b) => b.time)).toEqual([0, 1, 2, 3].map((i) => T0 + i * MIN));
    expect(merged.bars[2]?.close).toBe(300);
    expect(merged.clouds[3]?.clouds.fast).toEqual({ short: 9, long: 9 });
    expect(merged.forming).toBeNull();
    expect(mergeUpdates(data, [])).toBe(data);
  });
});

describe('markers', () => {
  const m = (minute: number, patch: Partial<ChartMarker> = {}): ChartMarker => ({
    time: T0 + minute * MIN,
    kind: 'signal',
    direction: 'long',
    label: `S${minute}`,
    ...patch,
  });

  it('adds live signals newer than the newest loaded signal marker, and keeps the list when none is new', () => {
    const signal = (minute: number, ticker = 'SPY', timeframe: Timeframe = '1m'): TradeSignal => ({
      id: `s${minute}`,
      ticker,
      timeframe,
      type: 'CLOUD_FLIP_BEARISH',
      direction: 'short',
      conviction: 81.6,
      price: 100,
      time: T0 + minute * MIN,
      clouds: { fast: null, pullback: null, trend: null, macro: null },
      outcome: 'LOGGED_ONLY',
      skipReason: null,
    });
    const loaded = [m(1), m(2, { kind: 'entry' })];
    const live = withLiveSignals(loaded, [signal(1), signal(3), signal(4, 'QQQ'), signal(5, 'SPY', '5m')], 'SPY', '1m');
    expect(live.slice(2)).toEqual([
      { time: T0 + 3 * MIN, kind: 'signal', direction: 'short', label: 'FLIP 82', signalType: 'CLOUD_FLIP_BEARISH' },
    ]);
    expect(withLiveSignals(loaded, [signal(1)], 'SPY', '1m')).toBe(loaded);
  });

  it('compares marker lists by what they draw', () => {
    expect(sameMarkers([m(1)], [m(1)])).toBe(true);
    expect(sameMarkers([m(1)], [m(1, { label: 'x' })])).toBe(false);
    expect(sameMarkers([m(1)], [])).toBe(false);
  });

  it('binary-searches the last bar at or before a time', () => {
    expect(lastIndexAtOrBefore([10, 20, 30], 5)).toBe(-1);
    expect(lastIndexAtOrBefore([10, 20, 30], 20)).toBe(1);
    expect(lastIndexAtOrBefore([10, 20, 30], 29)).toBe(1);
    expect(lastIndexAtOrBefore([10, 20, 30], 99)).toBe(2);
  });
});

describe('price lines', () => {
  // Only the fields price lines read; the rest of a Position does not matter here.
  const position = (patch: Partial<Position>): Position =>
    ({
      id: 'p1',
      ticker: 'SPY',
      instrumentType: 'stock',
      entryPrice: 100,
      stopPrice: 98,
      targetPrice: 104,
      ...patch,
    }) as Position;

  it('draws entry, stop and target of the open positions in the ticker, never option premiums', () => {
    const lines = positionPriceLines('SPY', [
      position({}),
      position({ id: 'p2', stopPrice: null, targetPrice: null }),
      position({ id: 'p3', instrumentType: 'option' }),
      position({ id: 'p4', ticker: 'QQQ' }),
    ]);
    expect(lines).toEqual([
      { positionId: 'p1', kind: 'entry', price: 100 },
      { positionId: 'p1', kind: 'stop', price: 98 },
      { positionId: 'p1', kind: 'target', price: 104 },
      { positionId: 'p2', kind: 'entry', price: 100 },
    ]);
  });

  it('titles each line and dashes stops and targets', () => {
    expect(priceLineOptions({ positionId: 'p1', kind: 'stop', price: 98 }, palette)).toMatchObject({
      id: 'p1:stop',
      price: 98,
      color: palette.stop,
      lineStyle: 2,
      title: 'STOP',
    });
    expect(priceLineOptions({ positionId: 'p1', kind: 'entry', price: 100 }, palette).lineStyle).toBe(0);
  });
});

describe('CloudBuffer', () => {
  it('holds the EMA pairs in typed arrays, NaN where a cloud is not seeded, and grows when appended to', () => {
    const buffer = new CloudBuffer(2);
    buffer.reset([cloud(0), null]);
    expect(buffer.length).toBe(2);
    expect(buffer.short[0]![0]).toBe(1);
    expect(buffer.long[1]![0]).toBeNaN(); // the pullback cloud is not seeded
    for (let i = 2; i < 100; i++) buffer.set(i, cloud(i, [i, i + 1]));
    expect(buffer.length).toBe(100);
    expect(buffer.short[0]![99]).toBe(99);
    expect(buffer.short[0]![0]).toBe(1);
    buffer.set(99, cloud(99, [-5, 0]));
    expect(buffer.range(95, 200)).toEqual({ min: -5, max: 99 });
    expect(buffer.range(1, 1)).toBeNull();
    expect(() => buffer.set(101, null)).toThrow(RangeError);
  });
});

describe('synthetic market', () => {
  it('is deterministic and its live ticks move a forming bar, then close it and start the next', () => {
    expect(syntheticChartData(300).bars).toEqual(syntheticChartData(300).bars);
    const market = new SyntheticMarket();
    market.chartData(200);
    const ticks = Array.from({ length: 7 }, () => market.tick(3));
    expect(ticks.map((t) => t.closed)).toEqual([false, false, true, false, false, true, false]);
    expect(new Set(ticks.slice(0, 3).map((t) => t.bar.time)).size).toBe(1);
    expect(ticks[3]!.bar.time).toBe(ticks[2]!.bar.time + MIN);
  });
});

describe('time labels', () => {
  it('formats ticks and the crosshair in New York time, winter and summer', () => {
    const winter = T0 / 1000; // 14:30 UTC in November = 09:30 EST
    const summer = Date.UTC(2026, 6, 1, 13, 30) / 1000; // 13:30 UTC in July = 09:30 EDT
    expect(tickMarkLabel(winter as UTCTimestamp, TickMarkType.Time)).toBe('09:30');
    expect(tickMarkLabel(summer as UTCTimestamp, TickMarkType.Time)).toBe('09:30');
    expect(tickMarkLabel(winter as UTCTimestamp, TickMarkType.DayOfMonth)).toBe('Nov 24');
    expect(tickMarkLabel(winter as UTCTimestamp, TickMarkType.Year)).toBe('2026');
    expect(crosshairTimeLabel(winter as UTCTimestamp, '5m')).toBe('Tue, Nov 24, 09:30 ET');
    expect(crosshairTimeLabel(winter as UTCTimestamp, '1d')).toBe('Tue, Nov 24, 2026');
    expect(formatVolume(12_345)).toBe('12.3K');
  });
});
