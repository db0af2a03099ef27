import { useEffect, useLayoutEffect, useRef } from 'react';
import {
  BaselineSeries,
  ColorType,
  createChart,
  CrosshairMode,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type Time,
} from 'lightweight-charts';
import { formatNyMinute, formatNyTime, formatSignedMoney } from '../format/format';
import { planPnlUpdate, toPnlSeries, type PnlSeriesPoint } from './pnl-data';
import { remScale, themeColor, withAlpha } from './theme';
import type { PnlChartProps } from './types';

const toMs = (time: Time): number => (typeof time === 'number' ? time * 1000 : NaN);
/** Whole dollars on a wide scale, cents near zero (so a flat day does not read $0, $0, $0). */
const axisMoney = (price: number): string => formatSignedMoney(price, Math.abs(price) >= 100 ? 0 : 2);

/**
 * The intraday P&L line: green above zero, red below. Sizes itself to its box (autoSize),
 * appends or edits the last point with `update`, and replaces the data only when needed.
 */
export function PnlChart({ points }: PnlChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ chart: IChartApi; series: ISeriesApi<'Baseline'> } | null>(null);
  const shown = useRef<PnlSeriesPoint[]>([]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const text = themeColor('--muted', '#7d8b99');
    const border = themeColor('--border', '#1e2a36');
    const green = themeColor('--green', '#22c55e');
    const red = themeColor('--red', '#ef4444');
    const chart = createChart(el, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: text,
        fontFamily: getComputedStyle(document.body).fontFamily,
        fontSize: Math.round(11 * remScale()),
        attributionLogo: false,
      },
      grid: {
        vertLines: { color: withAlpha(border, 0.55) },
        horzLines: { color: withAlpha(border, 0.55) },
      },
      rightPriceScale: { borderColor: border, scaleMargins: { top: 0.15, bottom: 0.1 } },
      timeScale: {
        borderColor: border,
        timeVisible: true,
        secondsVisible: false,
        tickMarkFormatter: (time: Time) => formatNyMinute(toMs(time)),
      },
      localization: {
        timeFormatter: (time: Time) => `${formatNyTime(toMs(time))} ET`,
        priceFormatter: axisMoney,
      },
      crosshair: { mode: CrosshairMode.Magnet },
      handleScroll: false,
      handleScale: false,
    });
    const series = chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: green,
      topFillColor1: withAlpha(green, 0.28),
      topFillColor2: withAlpha(green, 0.03),
      bottomLineColor: red,
      bottomFillColor1: withAlpha(red, 0.03),
      bottomFillColor2: withAlpha(red, 0.28),
      lineWidth: 2,
      priceLineStyle: LineStyle.Dotted,
      priceFormat: { type: 'custom', formatter: axisMoney, minMove: 0.01 },
    });
    chartRef.current = { chart, series };
    shown.current = [];
    return () => {
      chartRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const current = chartRef.current;
    if (!current) return;
    const next = toPnlSeries(points);
    const plan = planPnlUpdate(shown.current, next);
    if (plan.kind === 'set') current.series.setData(plan.data);
    else if (plan.kind === 'update') current.series.update(plan.point);
    if (plan.kind !== 'none') current.chart.timeScale().fitContent();
    shown.current = next;
  }, [points]);

  return <div ref={box} className="chart" data-testid="pnl-chart" />;
}
