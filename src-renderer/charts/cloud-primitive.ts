import {
  PriceScaleMode,
  type AutoscaleInfo,
  type ISeriesApi,
  type Logical,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import type { CloudPoint } from '../../src-shared/chart-data';
import { CLOUD_NAMES } from '../../src-shared/signals';
import { CLOUD_COUNT, CloudBuffer } from './cloud-buffer';
import { traceCloud, visibleIndexRange } from './cloud-geometry';
import { LazyPrimitive, type RenderTarget } from './lazy-primitive';
import { withAlpha, type CloudChartPalette } from './theme';

/** Back to front: the wide, slow clouds first, the fast cloud on top. */
const DRAW_ORDER = [3, 2, 1, 0] as const;

/**
 * The four EMA clouds as one primitive on the candle series. EMAs live in typed arrays that
 * share the bars' indices (the time scale's logical indices), so a frame converts only the
 * visible bars to coordinates (O(visible), no allocation once the scratch arrays are sized, and
 * at most once per frame however often the chart calls updateAllViews) and a live update writes
 * one slot. Each cloud is filled in two passes, bullish runs and bearish runs, split exactly at
 * the crossovers (see traceCloud). The clouds widen the price scale's autoscale to stay in view.
 */
export class CloudPrimitive extends LazyPrimitive {
  readonly buffer = new CloudBuffer();
  private fills: { bull: string; bear: string }[];
  /** Screen coordinates of the visible bars (slot 0 is the first visible bar). */
  private xs = new Float64Array(0);
  private shortYs: Float64Array[] = [];
  private longYs: Float64Array[] = [];
  private drawnCount = 0;
  private autoscaleKey = '';
  private autoscaleValue: AutoscaleInfo | null = null;

  constructor(palette: CloudChartPalette) {
    // Under the candles.
    super('bottom');
    this.fills = this.fillsOf(palette);
  }

  /** Replaces every cloud point (one per candle). */
  reset(points: readonly (CloudPoint | null)[]): void {
    this.buffer.reset(points);
    this.stale = true;
    this.requestUpdate?.();
  }

  /**
   * Writes the clouds of bar `index` (an existing bar, or the next one): one slot, O(1).
   * `redraw: false` when a series update follows in the same call (a live bar): that already
   * redraws the pane and rescales with the new slot, whereas the primitive's own request is a
   * full chart invalidation (layout, axes, and a second frame).
   */
  set(index: number, point: CloudPoint | null, redraw = true): void {
    this.buffer.set(index, point);
    this.stale = true;
    if (redraw) this.requestUpdate?.();
  }

  setPalette(palette: CloudChartPalette): void {
    this.fills = this.fillsOf(palette);
    this.requestUpdate?.();
  }

  /** Converts the visible bars to screen coordinates, before a draw. */
  protected prepare(): void {
    const chart = this.chart;
    const series = this.series;
    const buffer = this.buffer;
    this.drawnCount = 0;
    if (!chart || !series) return;
    const timeScale = chart.timeScale();
    const range = visibleIndexRange(timeScale.getVisibleLogicalRange(), buffer.length);
    if (!range) return;
    // Scratch slot k holds bar range.from + k.
    const count = range.to - range.from + 1;
    this.ensureScratch(count);
    for (let k = 0; k < count; k++) this.xs[k] = timeScale.logicalToCoordinate((range.from + k) as Logical) ?? NaN;
    const toY = this.priceToY(series);
    for (let c = 0; c < CLOUD_COUNT; c++) {
      const s = buffer.short[c]!;
      const l = buffer.long[c]!;
      const sy = this.shortYs[c]!;
      const ly = this.longYs[c]!;
      for (let k = 0, i = range.from; k < count; k++, i++) {
        sy[k] = toY(s[i]!);
        ly[k] = toY(l[i]!);
      }
    }
    this.drawnCount = count;
  }

  /** Keeps the clouds of the visible bars inside the price scale (cached per range and data version). */
  autoscaleInfo(start: Logical, end: Logical): AutoscaleInfo | null {
    const key = `${Math.floor(start)}:${Math.ceil(end)}:${this.buffer.version}`;
    if (key !== this.autoscaleKey) {
      const r = this.buffer.range(Math.floor(start), Math.ceil(end));
      this.autoscaleKey = key;
      this.autoscaleValue = r ? { priceRange: { minValue: r.min, maxValue: r.max } } : null;
    }
    return this.autoscaleValue;
  }

  protected draw(target: RenderTarget): void {
    const count = this.drawnCount;
    if (count === 0) return;
    target.useMediaCoordinateSpace(({ context: ctx }) => {
      for (const c of DRAW_ORDER) {
        const bull = new Path2D();
        const bear = new Path2D();
        traceCloud(this.xs, this.shortYs[c]!, this.longYs[c]!, 0, count - 1, bull, bear);
        const fill = this.fills[c]!;
        ctx.fillStyle = fill.bull;
        ctx.fill(bull);
        ctx.fillStyle = fill.bear;
        ctx.fill(bear);
      }
    });
  }

  /**
   * Price → y for this frame. `series.priceToCoordinate` costs a search for the first visible
   * bar per call, and a frame needs thousands; except on a log scale the mapping is linear
   * (normal, percentage and indexed-to-100 scales alike), so two calls fix it. NaN stays NaN.
   */
  private priceToY(series: ISeriesApi<SeriesType, Time>): (price: number) => number {
    const exact = (price: number) => (Number.isNaN(price) ? NaN : (series.priceToCoordinate(price) ?? NaN));
    if (series.priceScale().options().mode === PriceScaleMode.Logarithmic) return exact;
    const y0 = exact(0);
    const slope = exact(1) - y0;
    return (price) => y0 + slope * price;
  }

  private fillsOf(palette: CloudChartPalette): { bull: string; bear: string }[] {
    return CLOUD_NAMES.map((name) => {
      const { bull, bear, alpha } = palette.clouds[name];
      return { bull: withAlpha(bull, alpha), bear: withAlpha(bear, alpha) };
    });
  }

  private ensureScratch(size: number): void {
    if (this.xs.length >= size) return;
    const capacity = Math.max(size, this.xs.length * 2, 512);
    this.xs = new Float64Array(capacity);
    this.shortYs = CLOUD_NAMES.map(() => new Float64Array(capacity));
    this.longYs = CLOUD_NAMES.map(() => new Float64Array(capacity));
  }
}
