import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  HistogramSeries,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type Time,
  type UTCTimestamp,
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
  toChartTime,
  toSeriesBundle,
  toSeriesMarkers,
  toVolume,
  updatesFor,
} from './cloud-data';
import { CloudPrimitive } from './cloud-primitive';
import { crosshairTimeLabel, formatVolume, tickMarkLabel } from './cloud-time';
import { terminalChartOptions, themeColor, withAlpha, type CloudChartPalette } from './theme';

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
 * volume in its own pane, signal markers and position price lines. `setData` replaces the
 * dataset once; live bars go through `applyUpdates` → `series.update` and one cloud slot, so
 * history is never redrawn from scratch. `destroy` removes the chart (its canvases and its
 * ResizeObserver: the chart sizes itself with autoSize).
 */
export class CloudChartView {
  readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly clouds: CloudPrimitive;
  private readonly markersApi: ISeriesMarkersPluginApi<Time>;
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
      timeScale: { rightOffset: 6, barSpacing: compact ? 4 : 7, minBarSpacing: 0.5, tickMarkFormatter: tickMarkLabel },
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
    const [pricePane, volumePane] = this.chart.panes();
    pricePane?.setStretchFactor(compact ? 5 : 4);
    volumePane?.setStretchFactor(1);
    this.clouds = new CloudPrimitive(this.palette);
    this.candles.attachPrimitive(this.clouds);
    this.markersApi = createSeriesMarkers(this.candles, []);
    this.legend = options.legend ? new Legend(options.legend) : null;
    if (this.legend) this.chart.subscribeCrosshairMove(this.onCrosshair);
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
    this.candles.setData(bundle.candles);
    this.volume.setData(bundle.volumes);
    this.clouds.reset(bundle.clouds);
    this.chart.applyOptions({ timeScale: { timeVisible: data.timeframe !== '1d' } });
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
      const index = plan.kind === 'append' ? this.times.length : plan.index;
      const historical = plan.kind === 'historical';
      this.candles.update(candle, historical);
      this.volume.update(vol, historical);
      this.clouds.set(index, u.clouds);
      if (plan.kind === 'append') this.times.push(toChartTime(u.bar.time));
      this.bars[index] = candle;
      this.volumes[index] = vol;
      this.cloudPoints[index] = u.clouds;
      applied++;
    }
    if (applied > 0 && this.hovered < 0) this.refreshLegend();
    return applied;
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
    this.volume.setData(this.volumes);
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
    if (this.legend) this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.priceLines.clear();
    this.chart.remove();
  }

  private placeMarkers(): void {
    this.markersOn = this.times.length;
    this.markersApi.setMarkers(toSeriesMarkers(this.markers, this.times, this.palette));
  }

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
