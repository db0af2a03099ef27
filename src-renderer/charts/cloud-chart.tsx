import { useEffect, useLayoutEffect, useRef } from 'react';
import type { BarUpdate, ChartData, ChartMarker, PriceLine } from '../../src-shared/chart-data';
import { CloudChartView } from './cloud-chart-view';
import { cloudChartPalette } from './theme';
import './cloud-chart.css';

/** A source of live bars: `subscribe` returns its unsubscribe function (e.g. api.onPush('bars', …)). */
export interface BarStream {
  subscribe(listener: (updates: readonly BarUpdate[]) => void): () => void;
}

export interface CloudChartProps {
  data: ChartData;
  /** Live bars of every ticker and timeframe; the chart keeps those of its own. */
  updates: BarStream;
  /** Markers to draw; defaults to data.markers. */
  markers?: readonly ChartMarker[];
  /** Price lines to draw; defaults to data.priceLines. */
  priceLines?: readonly PriceLine[];
  colorBlindSafe?: boolean;
  compact?: boolean;
  testId?: string;
  /** Told of the chart's view when it is created and (null) when it is removed: for the Chromium harness. */
  onView?: (view: CloudChartView | null) => void;
}

let canvas2d: boolean | undefined;
/** Whether this page can draw on a 2D canvas (not so in jsdom, where the chart is left out). */
function canDraw(): boolean {
  canvas2d ??= typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
  return canvas2d;
}

/**
 * React wrapper of CloudChartView: creates the chart once per mount and removes it on unmount
 * (StrictMode's double mount included), replaces the data only when `data` changes, and sends
 * live bars straight from the stream to `series.update` without React state per tick.
 */
export function CloudChart({
  data,
  updates,
  markers,
  priceLines,
  colorBlindSafe = false,
  compact = false,
  testId = 'cloud-chart',
  onView,
}: CloudChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const view = useRef<CloudChartView | null>(null);
  const initial = useRef({ colorBlindSafe, compact, onView });

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    const created = new CloudChartView(el, {
      palette: cloudChartPalette(initial.current.colorBlindSafe),
      compact: initial.current.compact,
      legend: legend.current,
    });
    view.current = created;
    const tell = initial.current.onView;
    tell?.(created);
    return () => {
      view.current = null;
      tell?.(null);
      created.destroy();
    };
  }, []);

  useLayoutEffect(() => {
    view.current?.setPalette(cloudChartPalette(colorBlindSafe));
  }, [colorBlindSafe]);

  useLayoutEffect(() => {
    view.current?.setData(data);
  }, [data]);

  const shownMarkers = markers ?? data.markers;
  useLayoutEffect(() => {
    view.current?.setMarkers(shownMarkers);
  }, [shownMarkers]);

  const shownLines = priceLines ?? data.priceLines;
  useLayoutEffect(() => {
    view.current?.setPriceLines(shownLines);
  }, [shownLines]);

  useEffect(() => updates.subscribe((batch) => view.current?.applyUpdates(batch)), [updates]);

  return (
    <div className={compact ? 'cloud-chart cloud-chart--compact' : 'cloud-chart'} data-testid={testId}>
      <div ref={legend} className="cloud-legend" aria-hidden="true" />
      <div ref={box} className="cloud-chart__canvas" />
    </div>
  );
}
