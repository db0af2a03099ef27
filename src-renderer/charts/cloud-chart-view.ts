import {
  CandlestickSeries,
  createChart,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { BarUpdate, ChartData, ChartMarker, CloudPoint, PriceLine } from '../../src-shared/chart-data';
import type { Timeframe } from '../../src-shared/market';
import { CLOUD_NAMES } from '../../src-shared/signals';
import { formatPrice } from '../format/format';
import {
  planBarUpdate,
  priceLineKey,
  priceLineOptions,
  sameMarkers,
  toCandle,
  toSeriesBundle,
  toVolume,
  updatesFor,
} from './cloud-data';
import { MarkerPrimitive, placeMarkers, type MarkerShape } from './cloud-markers';
import { CloudPrimitive } from './cloud-primitive';
import { crosshairTimeLabel, formatVolume, tickMarkLabel } from './cloud-time';
import { holds, planWindow, windowRows, type BarWindow } from './cloud-window';
import { remScale, terminalChartOptions, themeColor, withAlpha, type CloudChartPalette } from './theme';

export interface CloudChartViewOptions {
  palette: CloudChartPalette;
  /** A denser layout for the 2×2 grid: narrower bars, smaller text, a thinner volume pane. */
  compact?: boolean;
  /** An element to show the hovered (else the last) bar's OHLCV and cloud states in. */
  legend?: HTMLElement | null;
}

const CLOUD_LABELS = { fast: 'FAST', pullback: 'PB', trend: 'TREND', macro: 'MACRO' } as const;

/**
 * The imperative cloud chart: candles, the four clouds (one primitive on the candle series),
 * volume in its own pane, signal markers (a second primitive) and position price lines.
 * `setData` replaces the dataset once; live bars go through `applyUpdates`, which writes one
 * cloud slot and updates the candle and volume series, so history is never redrawn from
 * scratch. The view keeps every bar; the time scale gets every bar's time from a whitespace
 * series, and the candle and volume series hold only a window of bars around the screen plus the
 * newest one (see cloud-window.ts: lightweight-charts re-maps all of a series' rows on each
 * update), moved as the user scrolls. `destroy` removes the chart (its canvases and its
 * ResizeObserver: the chart sizes itself with autoSize).
 */
export class CloudChartView {
  readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  /** Whitespace at every bar's time: the time scale's points, so the series below may hold a window. */
  private readonly timeline: ISeriesApi<'Line'>;
  private readonly clouds: CloudPrimitive;
  private readonly markerLayer: MarkerPrimitive;
  private readonly priceLines = new Map<string, { line: IPriceLine; price: number }>();
  private readonly legend: Legend | null;
  private palette: CloudChartPalette;
  private ticker = '';
  private timeframe: Timeframe = '5m';
  /** Chart times (UTC seconds) of the bars shown, index-aligned with the series. */
  private times: number[] = [];
  private bars: CandlestickData<UTCTimestamp>[] = [];
  private volumes: HistogramData<UTCTimestamp>[] = [];
  private cloudPoints: (CloudPoint | null)[] = [];
  private markers: readonly ChartMarker[] = [];
  /** How many bars there were when the markers were last placed (a marker may snap to a new bar). */
  private markersOn = -1;
  private hovered = -1;
  /** The bars the candle and volume series hold, and how many rows that is. */
  private window: BarWindow = { from: 0, to: 0 };
  private heldRows = 0;
  private windowCheckQueued = false;
  private destroyed = false;

  constructor(container: HTMLElement, options: CloudChartViewOptions) {
    this.palette = options.palette;
    const compact = options.compact ?? false;
    this.chart = createChart(container, {
      ...terminalChartOptions({ fontSize: compact ? 10 : 11, background: themeColor('--panel', '#111821') }),
      autoSize: true,
      localization: { timeFormatter: (time: Time) => crosshairTimeLabel(time, this.timeframe) },
      crosshair: { mode: CrosshairMode.Normal },
    });
    // applyOptions merges deeply into the shared look above.
    this.chart.applyOptions({
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.06 } },
      timeScale: {
        rightOffset: 6,
        barSpacing: (compact ? 4 : 7) * remScale(),
        minBarSpacing: 0.5,
        tickMarkFormatter: tickMarkLabel,
        // Every time is on the timeline before the series hold its bar, so to lightweight-charts
        // a new dataset's newest bar replaces whitespace: let it scroll the chart there all the
        // same when the old newest bar was on screen, as a new newest bar does.
        allowShiftVisibleRangeOnWhitespaceReplacement: true,
      },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      ...this.candleColours(),
      borderVisible: false,
      priceLineVisible: true,
    });
    this.volume = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      1,
    );
    // Added after the candles, so the candles stay the price scale's main series (its format).
    this.timeline = this.chart.addSeries(LineSeries, {
      visible: false,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });
    const [pricePane, volumePane] = this.chart.panes();
    pricePane?.setStretchFactor(compact ? 5 : 4);
    volumePane?.setStretchFactor(1);
    this.clouds = new CloudPrimitive(this.palette);
    this.candles.attachPrimitive(this.clouds);
    this.markerLayer = new MarkerPrimitive((index) => this.bars[index]);
    this.candles.attachPrimitive(this.markerLayer);
    this.legend = options.legend ? new Legend(options.legend) : null;
    if (this.legend) this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onVisibleRange);
  }

  /** Bars shown, the forming one included. */
  get barCount(): number {
    return this.times.length;
  }

  /** Replaces the whole dataset (once per ticker/timeframe load, never per update). */
  setData(data: ChartData): void {
    this.ticker = data.ticker;
    this.timeframe = data.timeframe;
    const bundle = toSeriesBundle(data, this.palette);
    this.times = bundle.times;
    this.bars = bundle.candles;
    this.volumes = bundle.volumes;
    this.cloudPoints = bundle.clouds;
    // Emptying the candles first (the volume series still holds the old newest bar, so the
    // chart's scroll anchor stays put) lets the new times replace the old ones in one pass.
    this.candles.pop(this.heldRows);
    this.timeline.setData(bundle.times.map((time): WhitespaceData<Time> => ({ time: time as UTCTimestamp })));
    this.clouds.reset(bundle.clouds);
    this.chart.applyOptions({ timeScale: { timeVisible: data.timeframe !== '1d' } });
    // Then the newest bar alone, in both series (the volume replaced outright: its old rows may
    // have times the new timeline lacks, and one setData drops them in one pass), so the chart
    // settles where it shows the new data — at its newest bar if it showed the old newest one —
    // and the window is planned for that screen.
    const n = this.times.length;
    const newest: BarWindow = { from: Math.max(0, n - 1), to: n };
    this.candles.setData(windowRows(this.bars, newest));
    this.volume.setData(windowRows(this.volumes, newest));
    this.window = newest;
    this.heldRows = newest.to - newest.from;
    this.loadWindow(planWindow(this.chart.timeScale().getVisibleLogicalRange(), n, null));
    this.placeMarkers();
    this.refreshLegend();
  }

  /**
   * Applies live bars of this chart's ticker and timeframe (others are skipped; of several
   * ticks of one bar only the last): the forming bar replaces the last one, a new bar is
   * appended, a late close edits its bar in place. Returns how many were applied.
   */
  applyUpdates(updates: readonly BarUpdate[]): number {
    let applied = 0;
    for (const u of updatesFor(updates, this.ticker, this.timeframe)) {
      const plan = planBarUpdate(this.times, u);
      if (plan.kind === 'ignore') continue;
      const candle = toCandle(u.bar);
      const vol = toVolume(u.bar, this.palette);
      const length = this.times.length;
      const index = plan.kind === 'append' ? length : plan.index;
      // The cloud slot first and without a redraw of its own: the series update below redraws
      // the pane and rescales the price axis with it.
      this.clouds.set(index, u.clouds, false);
      this.bars[index] = candle;
      this.volumes[index] = vol;
      this.cloudPoints[index] = u.clouds;
      if (plan.kind === 'append') {
        this.times.push(candle.time);
        this.appendBar(candle, vol, length);
      } else if (plan.kind === 'replace') {
        this.candles.update(candle);
        this.volume.update(vol);
      } else if (holds(this.window, length, index)) {
        this.candles.update(candle, true);
        this.volume.update(vol, true);
      }
      // (A late close of a bar outside the window is off screen: the window takes it when it moves there.)
      applied++;
    }
    if (applied > 0 && this.hovered < 0) this.refreshLegend();
    return applied;
  }

  /** The markers as the last frame drew them, in the price pane's CSS pixels (for tests and the harness). */
  drawnMarkers(): readonly MarkerShape[] {
    return this.markerLayer.drawn();
  }

  /** The bars the candle and volume series hold: `from…to−1` and the newest (for tests and the harness). */
  heldWindow(): Readonly<BarWindow> & { rows: number } {
    return { ...this.window, rows: this.heldRows };
  }

  /** Signal, entry and exit markers, sorted by time and snapped to their bars. */
  setMarkers(markers: readonly ChartMarker[]): void {
    if (sameMarkers(markers, this.markers) && this.markersOn === this.times.length) return;
    this.markers = markers;
    this.placeMarkers();
  }

  /** Entry / stop / target lines, diffed by position and kind: moved lines are edited, not recreated. */
  setPriceLines(lines: readonly PriceLine[]): void {
    const wanted = new Map(lines.map((l) => [priceLineKey(l), l]));
    for (const [key, current] of this.priceLines) {
      if (!wanted.has(key)) {
        this.candles.removePriceLine(current.line);
        this.priceLines.delete(key);
      }
    }
    for (const [key, line] of wanted) {
      const current = this.priceLines.get(key);
      if (!current) {
        this.priceLines.set(key, {
          line: this.candles.createPriceLine(priceLineOptions(line, this.palette)),
          price: line.price,
        });
      } else if (current.price !== line.price) {
        current.line.applyOptions({ price: line.price });
        current.price = line.price;
      }
    }
  }

  setPalette(palette: CloudChartPalette): void {
    if (palette === this.palette) return;
    this.palette = palette;
    this.candles.applyOptions(this.candleColours());
    this.clouds.setPalette(palette);
    this.volumes = this.volumes.map((v, i) => {
      const bar = this.bars[i]!;
      return { ...v, color: bar.close >= bar.open ? palette.volumeUp : palette.volumeDown };
    });
    this.volume.pop(this.heldRows);
    this.volume.setData(windowRows(this.volumes, this.window));
    this.placeMarkers();
    for (const [key, current] of this.priceLines) {
      const kind = key.slice(key.lastIndexOf(':') + 1) as PriceLine['kind'];
      current.line.applyOptions({ color: palette[kind] });
    }
    this.refreshLegend();
  }

  /** Scrolls back to the newest bar. */
  scrollToRealTime(): void {
    this.chart.timeScale().scrollToRealTime();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.legend) this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onVisibleRange);
    this.priceLines.clear();
    this.chart.remove();
  }

  private placeMarkers(): void {
    this.markersOn = this.times.length;
    this.markerLayer.setMarkers(placeMarkers(this.markers, this.times, this.palette));
  }

  /**
   * A new newest bar (`index` = the old length): the time scale gets its time, and the series
   * take it. A window that reached the newest bar grows with it; one that stops short held the
   * old newest bar only as its last row, which gives way to the new one.
   */
  private appendBar(candle: CandlestickData<UTCTimestamp>, vol: HistogramData<UTCTimestamp>, index: number): void {
    const attached = this.window.to >= index;
    // The candles take the new time first (one series at a time, so the other keeps the newest
    // bar and the chart's anchor never moves); the time scale's new point makes lightweight-charts
    // re-map every series that holds rows, which are only the two windows.
    if (!attached) this.candles.pop(1);
    this.candles.update(candle);
    if (!attached) this.volume.pop(1);
    this.volume.update(vol);
    this.timeline.update({ time: candle.time });
    if (attached) {
      this.window = { from: this.window.from, to: index + 1 };
      this.heldRows++;
    }
  }

  /**
   * Gives the candle and volume series the bars of `window`. Each series is emptied with `pop`
   * before its `setData` (cheap: every time stays on the timeline, so no time point goes and
   * nothing is re-sorted), one after the other so the other series keeps the newest bar and the
   * chart's scroll anchor stays put.
   */
  private loadWindow(window: BarWindow): void {
    this.candles.pop(this.heldRows);
    const candles = windowRows(this.bars, window);
    this.candles.setData(candles);
    this.volume.pop(this.heldRows);
    this.volume.setData(windowRows(this.volumes, window));
    this.window = window;
    this.heldRows = candles.length;
  }

  /** Moves the window when the screen nears its edge; after the chart's own work (a microtask), never inside it. */
  private readonly onVisibleRange = (_range: LogicalRange | null) => {
    if (this.windowCheckQueued) return;
    this.windowCheckQueued = true;
    queueMicrotask(() => {
      this.windowCheckQueued = false;
      if (this.destroyed) return;
      const next = planWindow(this.chart.timeScale().getVisibleLogicalRange(), this.times.length, this.window);
      if (next !== this.window) this.loadWindow(next);
    });
  };

  private candleColours() {
    const { up, down } = this.palette;
    return { upColor: up, downColor: down, wickUpColor: up, wickDownColor: down };
  }

  private readonly onCrosshair = (param: MouseEventParams<Time>) => {
    const logical = param.logical;
    this.hovered = logical === undefined ? -1 : Math.min(Math.max(0, Math.round(logical)), this.times.length - 1);
    this.refreshLegend();
  };

  private refreshLegend(): void {
    if (!this.legend) return;
    const index = this.hovered >= 0 ? this.hovered : this.times.length - 1;
    this.legend.show(this.bars[index], this.volumes[index], this.cloudPoints[index] ?? null, this.palette);
  }
}

/** The OHLCV line and the four cloud chips over the chart, updated by writing text, not by React. */
class Legend {
  private readonly ohlc: HTMLSpanElement;
  private readonly chips: HTMLSpanElement[];

  constructor(root: HTMLElement) {
    root.replaceChildren();
    this.ohlc = document.createElement('span');
    this.ohlc.className = 'cloud-legend__ohlc';
    const chips = document.createElement('span');
    chips.className = 'cloud-legend__chips';
    this.chips = CLOUD_NAMES.map((name) => {
      const chip = document.createElement('span');
      chip.className = 'cloud-legend__chip';
      chip.dataset.cloud = name;
      chips.append(chip);
      return chip;
    });
    root.append(this.ohlc, chips);
  }

  show(
    bar: CandlestickData<UTCTimestamp> | undefined,
    volume: HistogramData<UTCTimestamp> | undefined,
    clouds: CloudPoint | null,
    palette: CloudChartPalette,
  ): void {
    this.ohlc.textContent = bar
      ? `O ${formatPrice(bar.open)}  H ${formatPrice(bar.high)}  L ${formatPrice(bar.low)}  C ${formatPrice(bar.close)}  V ${formatVolume(volume?.value ?? NaN)}`
      : '';
    this.ohlc.style.color = bar ? (bar.close >= bar.open ? palette.up : palette.down) : '';
    CLOUD_NAMES.forEach((name, i) => {
      const chip = this.chips[i]!;
      const pair = clouds?.clouds[name] ?? null;
      const bullish = pair ? pair.short >= pair.long : null;
      chip.textContent = `${CLOUD_LABELS[name]} ${bullish === null ? '·' : bullish ? '▲' : '▼'}`;
      const colour = bullish === null ? '' : bullish ? palette.clouds[name].bull : palette.clouds[name].bear;
      chip.style.color = colour;
      chip.style.borderColor = colour ? withAlpha(colour, 0.55) : '';
      chip.dataset.state = bullish === null ? 'none' : bullish ? 'bull' : 'bear';
    });
  }
}
