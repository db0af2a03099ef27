import {
  LineStyle,
  type CandlestickData,
  type CreatePriceLineOptions,
  type HistogramData,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { BarUpdate, ChartData, ChartMarker, CloudPoint, PriceLine } from '../../src-shared/chart-data';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Position } from '../../src-shared/positions';
import type { SignalType, TradeSignal } from '../../src-shared/signals';
import type { CloudChartPalette } from './theme';

/** Epoch ms → the chart's time: whole UTC seconds. */
export const toChartTime = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

const validBar = (b: Bar): boolean =>
  Number.isFinite(b.time) &&
  Number.isFinite(b.open) &&
  Number.isFinite(b.high) &&
  Number.isFinite(b.low) &&
  Number.isFinite(b.close);

export const toCandle = (b: Bar): CandlestickData<UTCTimestamp> => ({
  time: toChartTime(b.time),
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
});

export const toVolume = (b: Bar, palette: CloudChartPalette): HistogramData<UTCTimestamp> => ({
  time: toChartTime(b.time),
  value: Number.isFinite(b.volume) ? b.volume : 0,
  color: b.close >= b.open ? palette.volumeUp : palette.volumeDown,
});

/** Everything the series take, index-aligned: bar i is candle i, volume i and cloud slot i. */
export interface SeriesBundle {
  /** Chart times (UTC seconds), strictly ascending. */
  times: number[];
  candles: CandlestickData<UTCTimestamp>[];
  volumes: HistogramData<UTCTimestamp>[];
  clouds: (CloudPoint | null)[];
}

/**
 * Maps ChartData to series data: the closed bars plus the forming bar (when newer), each with
 * the cloud point of the same time, in strictly ascending chart time. lightweight-charts breaks
 * silently on unsorted or duplicate times, so out-of-order input is sorted and a later bar of
 * the same second wins; bars with missing prices are dropped.
 */
export function toSeriesBundle(data: ChartData, palette: CloudChartPalette): SeriesBundle {
  const rows: { bar: Bar; cloud: CloudPoint | null }[] = [];
  const cloudAt = cloudLookup(data);
  data.bars.forEach((bar, i) => {
    if (validBar(bar)) rows.push({ bar, cloud: cloudAt(bar, i) });
  });
  const lastTime = rows[rows.length - 1]?.bar.time ?? -Infinity;
  if (data.forming && validBar(data.forming.bar) && data.forming.bar.time > lastTime) {
    rows.push({ bar: data.forming.bar, cloud: data.forming.clouds });
  }
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) {
    sorted = toChartTime(rows[i]!.bar.time) > toChartTime(rows[i - 1]!.bar.time);
  }
  const ordered = sorted ? rows : dedupeByTime(rows);
  const n = ordered.length;
  const bundle: SeriesBundle = {
    times: new Array<number>(n),
    candles: new Array<CandlestickData<UTCTimestamp>>(n),
    volumes: new Array<HistogramData<UTCTimestamp>>(n),
    clouds: new Array<CloudPoint | null>(n),
  };
  for (let i = 0; i < n; i++) {
    const { bar, cloud } = ordered[i]!;
    const candle = toCandle(bar);
    bundle.times[i] = candle.time;
    bundle.candles[i] = candle;
    bundle.volumes[i] = toVolume(bar, palette);
    bundle.clouds[i] = cloud;
  }
  return bundle;
}

/** Clouds by index when they line up with the bars (the contract), else by time. */
function cloudLookup(data: ChartData): (bar: Bar, index: number) => CloudPoint | null {
  const aligned = data.clouds.length === data.bars.length && data.clouds.every((c, i) => c.time === data.bars[i]!.time);
  if (aligned) return (_bar, i) => data.clouds[i] ?? null;
  const byTime = new Map(data.clouds.map((c) => [c.time, c]));
  return (bar) => byTime.get(bar.time) ?? null;
}

function dedupeByTime<T extends { bar: Bar }>(rows: T[]): T[] {
  const bySecond = new Map<number, T>();
  for (const r of rows) bySecond.set(toChartTime(r.bar.time), r);
  return [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

/** Index of the last time ≤ `t` in ascending `times`, or −1. */
export function lastIndexAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** What a live bar does to the chart. */
export type BarUpdatePlan =
  | { kind: 'append' }
  | { kind: 'replace'; index: number }
  | { kind: 'historical'; index: number }
  | { kind: 'ignore'; reason: 'invalid' | 'stale' };

/**
 * How one BarUpdate changes bars with chart times `times`: a newer bar is appended; the last
 * bar (forming, or closing) is replaced; a closed bar for an older time that exists is edited
 * in place (a late close after the next bar began forming). Anything else is stale: a forming
 * bar older than the newest bar, or a time between bars — dropped, since lightweight-charts
 * cannot insert before its last bar.
 */
export function planBarUpdate(times: ArrayLike<number>, update: BarUpdate): BarUpdatePlan {
  if (!validBar(update.bar)) return { kind: 'ignore', reason: 'invalid' };
  const t = toChartTime(update.bar.time);
  const n = times.length;
  if (n === 0 || t > times[n - 1]!) return { kind: 'append' };
  if (t === times[n - 1]) return { kind: 'replace', index: n - 1 };
  if (!update.closed) return { kind: 'ignore', reason: 'stale' };
  const index = lastIndexAtOrBefore(times, t);
  return index >= 0 && times[index] === t ? { kind: 'historical', index } : { kind: 'ignore', reason: 'stale' };
}

/**
 * The updates of one ticker and timeframe, in arrival order, keeping only the last of a run for
 * the same bar: a coalesced push may carry several ticks of one forming bar, and only the
 * latest needs drawing (each `series.update` costs a rebuild of the series' rows).
 */
export function updatesFor(updates: readonly BarUpdate[], ticker: string, timeframe: Timeframe): BarUpdate[] {
  const out: BarUpdate[] = [];
  for (const u of updates) {
    if (u.bar.ticker !== ticker || u.bar.timeframe !== timeframe) continue;
    if (out.length > 0 && out[out.length - 1]!.bar.time === u.bar.time) out[out.length - 1] = u;
    else out.push(u);
  }
  return out;
}

/**
 * Folds live updates that arrived while ChartData was loading into it (the forming bar is
 * folded into `bars`), with the same rules as the live chart.
 */
export function mergeUpdates(data: ChartData, updates: readonly BarUpdate[]): ChartData {
  const mine = updatesFor(updates, data.ticker, data.timeframe);
  if (mine.length === 0) return data;
  const bars = [...data.bars];
  const clouds = bars.map((b, i) => {
    const c = data.clouds[i];
    return c && c.time === b.time
      ? c
      : { time: b.time, clouds: { fast: null, pullback: null, trend: null, macro: null } };
  });
  if (data.forming && (bars.length === 0 || data.forming.bar.time > bars[bars.length - 1]!.time)) {
    bars.push(data.forming.bar);
    clouds.push(data.forming.clouds);
  }
  const times = bars.map((b) => toChartTime(b.time));
  for (const u of mine) {
    const plan = planBarUpdate(times, u);
    if (plan.kind === 'append') {
      bars.push(u.bar);
      clouds.push(u.clouds);
      times.push(toChartTime(u.bar.time));
    } else if (plan.kind !== 'ignore') {
      bars[plan.index] = u.bar;
      clouds[plan.index] = u.clouds;
    }
  }
  return { ...data, bars, clouds, forming: null };
}

const SIGNAL_SHORT: Record<SignalType, string> = {
  CLOUD_CROSS_BULLISH: 'CROSS',
  CLOUD_CROSS_BEARISH: 'CROSS',
  CLOUD_FLIP_BULLISH: 'FLIP',
  CLOUD_FLIP_BEARISH: 'FLIP',
  CLOUD_BOUNCE_LONG: 'BOUNCE',
  CLOUD_BOUNCE_SHORT: 'BOUNCE',
  MTF_CONFLUENCE: 'MTF',
};

/** A signal's short name as markers and tables show it: CROSS, FLIP, BOUNCE, MTF. */
export const signalShortName = (type: SignalType): string => SIGNAL_SHORT[type];

/** Markers for signals of one ticker and timeframe newer than `after` (epoch ms). */
export function signalMarkers(
  signals: readonly TradeSignal[],
  ticker: string,
  timeframe: Timeframe,
  after: number,
): ChartMarker[] {
  return signals
    .filter((s) => s.ticker === ticker && s.timeframe === timeframe && s.time > after)
    .map((s) => ({
      time: s.time,
      kind: 'signal',
      direction: s.direction,
      label: `${signalShortName(s.type)} ${Math.round(s.conviction)}`,
      signalType: s.type,
    }));
}

/**
 * The loaded markers plus the live ones: recent signals of this ticker and timeframe newer
 * than the newest signal marker the chart data came with (so none is drawn twice). Returns
 * `markers` itself when there is nothing new.
 */
export function withLiveSignals(
  markers: readonly ChartMarker[],
  signals: readonly TradeSignal[],
  ticker: string,
  timeframe: Timeframe,
): readonly ChartMarker[] {
  let after = -Infinity;
  for (const m of markers) if (m.kind === 'signal' && m.time > after) after = m.time;
  const live = signalMarkers(signals, ticker, timeframe, after);
  return live.length > 0 ? [...markers, ...live] : markers;
}

/** Whether two marker lists draw the same (so a fresh but equal list costs no redraw). */
export function sameMarkers(a: readonly ChartMarker[], b: readonly ChartMarker[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((m, i) => {
    const o = b[i]!;
    return m.time === o.time && m.kind === o.kind && m.direction === o.direction && m.label === o.label;
  });
}

/**
 * Entry, stop and target lines of the open positions in `ticker`. Options are left out: their
 * prices are premiums, not prices of the chart's ticker.
 */
export function positionPriceLines(ticker: string, positions: readonly Position[]): PriceLine[] {
  const lines: PriceLine[] = [];
  for (const p of positions) {
    if (p.ticker !== ticker || p.instrumentType === 'option') continue;
    lines.push({ positionId: p.id, kind: 'entry', price: p.entryPrice });
    if (p.stopPrice !== null) lines.push({ positionId: p.id, kind: 'stop', price: p.stopPrice });
    if (p.targetPrice !== null) lines.push({ positionId: p.id, kind: 'target', price: p.targetPrice });
  }
  return lines.filter((l) => Number.isFinite(l.price));
}

export const priceLineKey = (line: PriceLine): string => `${line.positionId}:${line.kind}`;

const LINE_TITLES: Record<PriceLine['kind'], string> = { entry: 'ENTRY', stop: 'STOP', target: 'TARGET' };

/** How a price line is drawn: entry solid, stop and target dashed, each titled on the axis. */
export function priceLineOptions(line: PriceLine, palette: CloudChartPalette): CreatePriceLineOptions {
  return {
    id: priceLineKey(line),
    price: line.price,
    color: palette[line.kind],
    lineWidth: 1,
    lineStyle: line.kind === 'entry' ? LineStyle.Solid : LineStyle.Dashed,
    axisLabelVisible: true,
    title: LINE_TITLES[line.kind],
  };
}
