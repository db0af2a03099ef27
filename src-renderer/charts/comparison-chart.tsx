import { useEffect, useLayoutEffect, useRef } from 'react';
import {
  BaselineSeries,
  createChart,
  CrosshairMode,
  LineSeries,
  LineStyle,
  TickMarkType,
  type IChartApi,
  type ISeriesApi,
  type Time,
} from 'lightweight-charts';
import type { SeriesPoint } from '../../src-shared/performance';
import { formatNyMinute, formatSignedMoney } from '../format/format';
import { toPnlSeries } from './pnl-data';
import { terminalChartOptions, withAlpha } from './theme';

export interface ComparisonChartProps {
  /** The main line, $ (green above zero, red below). Times are epoch ms. */
  pnl: readonly SeriesPoint[];
  /** The benchmark line, $, drawn over it in `benchmarkColor`. */
  benchmark: readonly SeriesPoint[];
  benchmarkColor: string;
  testId?: string;
}

const toMs = (time: Time): number => (typeof time === 'number' ? time * 1000 : NaN);
const axisMoney = (price: number): string => formatSignedMoney(price, Math.abs(price) >= 100 ? 0 : 2);
const nyDay = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'short', day: 'numeric' });
const nyMonth = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'short' });
const nyYear = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric' });
const nyFull = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

function tickMark(time: Time, type: TickMarkType): string {
  const ms = toMs(time);
  if (!Number.isFinite(ms)) return '';
  if (type === TickMarkType.Year) return nyYear.format(ms);
  if (type === TickMarkType.Month) return nyMonth.format(ms);
  if (type === TickMarkType.DayOfMonth) return nyDay.format(ms);
  return formatNyMinute(ms);
}

/** A theme colour read where the chart lives, so `.app--cb-safe` overrides apply. */
function cssColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

const toLine = (points: readonly SeriesPoint[]) => toPnlSeries(points.map((p) => ({ time: p.time, pnl: p.value })));

/**
 * A P&L line against a benchmark line, both in dollars on one price scale, over days to months
 * (New York dates on the time axis). Sized by its box; redraws the (small) data on every change.
 */
export function ComparisonChart({ pnl, benchmark, benchmarkColor, testId = 'comparison-chart' }: ComparisonChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{
    chart: IChartApi;
    pnlFill: ISeriesApi<'Baseline'>;
    pnlLine: ISeriesApi<'Line'>;
    benchmark: ISeriesApi<'Line'>;
    tones: { up: string; down: string; flat: string };
  } | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const green = cssColor(el, '--green', '#22c55e');
    const red = cssColor(el, '--red', '#ef4444');
    const muted = cssColor(el, '--muted', '#7d8b99');
    const chart = createChart(el, terminalChartOptions());
    chart.applyOptions({
      autoSize: true,
      rightPriceScale: { scaleMargins: { top: 0.12, bottom: 0.08 } },
      timeScale: { timeVisible: true, secondsVisible: false, tickMarkFormatter: tickMark },
      localization: {
        timeFormatter: (time: Time) => (Number.isFinite(toMs(time)) ? nyFull.format(toMs(time)) : ''),
        priceFormatter: axisMoney,
      },
      crosshair: { mode: CrosshairMode.Magnet },
      handleScroll: false,
      handleScale: false,
    });
    // The fill comes from a baseline series (green above $0, red below); the line over it is a
    // line series coloured per segment, so a flat $0 stretch reads neutral rather than half red.
    const pnlFill = chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      lineVisible: false,
      topFillColor1: withAlpha(green, 0.26),
      topFillColor2: withAlpha(green, 0.03),
      bottomFillColor1: withAlpha(red, 0.03),
      bottomFillColor2: withAlpha(red, 0.26),
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
      priceFormat: { type: 'custom', formatter: axisMoney, minMove: 0.01 },
    });
    const pnlLine = chart.addSeries(LineSeries, {
      color: green,
      lineWidth: 2,
      pointMarkersVisible: true,
      pointMarkersRadius: 2.5,
      priceLineStyle: LineStyle.Dotted,
      priceFormat: { type: 'custom', formatter: axisMoney, minMove: 0.01 },
    });
    const benchmarkSeries = chart.addSeries(LineSeries, {
      color: benchmarkColor,
      lineWidth: 2,
      lineStyle: LineStyle.Solid,
      pointMarkersVisible: true,
      pointMarkersRadius: 2,
      priceLineVisible: false,
      priceFormat: { type: 'custom', formatter: axisMoney, minMove: 0.01 },
    });
    chartRef.current = {
      chart,
      pnlFill,
      pnlLine,
      benchmark: benchmarkSeries,
      tones: { up: green, down: red, flat: muted },
    };
    return () => {
      chartRef.current = null;
      chart.remove();
    };
  }, [benchmarkColor]);

  useEffect(() => {
    const current = chartRef.current;
    if (!current) return;
    const line = toLine(pnl);
    const { up, down, flat } = current.tones;
    current.pnlFill.setData(line);
    // A point's colour paints the segment that starts at it: colour it by where that segment ends.
    const tone = (v: number) => (v > 0 ? up : v < 0 ? down : flat);
    current.pnlLine.setData(line.map((p, i) => ({ ...p, color: tone(line[i + 1]?.value ?? p.value) })));
    current.benchmark.setData(toLine(benchmark));
    current.chart.timeScale().fitContent();
  }, [pnl, benchmark, benchmarkColor]);

  return <div ref={box} className="chart" data-testid={testId} />;
}
