import type { AutoscaleInfo, IChartApiBase, Logical, Time } from 'lightweight-charts';
import type { ChartMarker } from '../../src-shared/chart-data';
import { lastIndexAtOrBefore, toChartTime } from './cloud-data';
import { visibleIndexRange } from './cloud-geometry';
import { LazyPrimitive, type RenderTarget } from './lazy-primitive';
import type { CloudChartPalette } from './theme';

/**
 * Signal, entry and exit markers of the cloud chart, drawn by the chart itself rather than by
 * lightweight-charts' series-markers plugin: the plugin copies the whole series (`series.data()`)
 * and rebuilds every marker on each data change, so on a 50,000-bar chart every live tick cost a
 * full pass over the history. Here markers are placed on their bars once (when they or the bars
 * are replaced), kept sorted by bar, and a frame lays out only those whose bar is visible, found
 * by binary search. The look is the plugin's: the same arrow, sizes, margins, stacking and text.
 */

/** A marker on the bar it falls in, ready to lay out. */
export interface PlacedMarker {
  /** Index of its bar: the last bar opened at or before the marker. */
  index: number;
  /** That bar's chart time (UTC seconds). */
  time: number;
  /** An up arrow below the bar, or a down arrow above it. */
  up: boolean;
  color: string;
  text: string;
  id: string;
}

/**
 * Puts each marker on the bar it falls in (the last bar opened at or before it; markers before
 * the first bar are dropped) and sorts them by bar, keeping the given order within a bar.
 * Signals and entries point the way of their direction; an exit points the other way (a long's
 * exit sells). Signals take the candle colours, entries and exits their own.
 */
export function placeMarkers(
  markers: readonly ChartMarker[],
  times: ArrayLike<number>,
  palette: CloudChartPalette,
): PlacedMarker[] {
  const out: PlacedMarker[] = [];
  for (const m of markers) {
    if (!Number.isFinite(m.time)) continue;
    const index = lastIndexAtOrBefore(times, toChartTime(m.time));
    if (index < 0) continue;
    const long = m.direction === 'long';
    const up = m.kind === 'exit' ? !long : long;
    const color =
      m.kind === 'entry' ? palette.entry : m.kind === 'exit' ? palette.exit : long ? palette.up : palette.down;
    out.push({ index, time: times[index]!, up, color, text: m.label, id: `${m.kind}:${m.time}:${m.label}` });
  }
  // Array.prototype.sort is stable: markers of one bar keep their order (and stack in it).
  return out.sort((a, b) => a.index - b.index);
}

/** First position in `placed` (sorted by index) whose bar index is ≥ `index`. */
function lowerBound(placed: readonly { index: number }[], index: number): number {
  let lo = 0;
  let hi = placed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (placed[mid]!.index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The markers on bars `firstBar…lastBar` (inclusive) as a half-open range of positions in
 * `placed` (sorted by bar index): two binary searches, O(log markers).
 */
export function markersOnBars(
  placed: readonly { index: number }[],
  firstBar: number,
  lastBar: number,
): { from: number; to: number } {
  const from = lowerBound(placed, firstBar);
  const to = lastBar < firstBar ? from : lowerBound(placed, lastBar + 1);
  return { from, to };
}

// The plugin's sizes (lightweight-charts series-markers): the shape grows with the bar spacing
// between 12 and 30 px, with a margin of a tenth of that (at least 3 px).
const ceiledOdd = (x: number) => {
  const c = Math.ceil(x);
  return c % 2 === 0 ? c - 1 : c;
};
const ceiledEven = (x: number) => {
  const c = Math.ceil(x);
  return c % 2 !== 0 ? c - 1 : c;
};
const scaled = (barSpacing: number, coeff: number) => ceiledOdd(Math.min(Math.max(barSpacing, 12), 30) * coeff);

/** Height of a marker's shape at `barSpacing`, in CSS pixels. */
export const markerShapeSize = (barSpacing: number): number => ceiledEven(scaled(barSpacing, 1));

/** Gap between a bar and its first marker, and between stacked markers. */
export const markerMargin = (barSpacing: number): number => Math.max(scaled(barSpacing, 0.1), 3);

/** Half-widths of an arrow of shape size `size`: its head and its stem. */
export function arrowHalfWidths(size: number): { head: number; stem: number } {
  return { head: (ceiledOdd(Math.max(size, 12)) - 1) / 2, stem: (ceiledOdd(size / 2) - 1) / 2 };
}

/** Where a frame draws the bars, in the pane's CSS pixels. */
export interface MarkerGeometry {
  /** x of bar `index`'s centre (NaN when it has none). */
  x(index: number): number;
  /** y of the top of bar `index` (its high on a normal scale), NaN when unknown. */
  top(index: number): number;
  /** y of the bottom of bar `index` (its low on a normal scale), NaN when unknown. */
  bottom(index: number): number;
  barSpacing: number;
  /** The chart's font size: the text's height. */
  fontSize: number;
}

/** One marker as a frame draws it, in the pane's CSS pixels. */
export interface MarkerShape {
  id: string;
  index: number;
  time: number;
  up: boolean;
  color: string;
  text: string;
  /** Centre of the arrow: x of its bar; y where head and stem meet. */
  x: number;
  y: number;
  /** Shape size (the arrow's height is `size`, its head's width about the same). */
  size: number;
  /** Vertical middle of the text line (the text is centred on x). */
  textY: number;
}

/**
 * Which shapes keep their text where labels would overlap (dense trading on a zoomed-out
 * chart): the newest first, each label kept unless its box meets one already kept or another
 * marker's arrow. Arrows are always drawn; only text gives way. Returns the indexes into
 * `shapes` whose text is drawn.
 */
export function legibleLabels(
  shapes: readonly MarkerShape[],
  widthOf: (text: string) => number,
  lineHeight: number,
): Set<number> {
  const kept: { left: number; right: number; top: number; bottom: number }[] = [];
  const arrows = shapes.map((s) => {
    const h = arrowHalfWidths(s.size).head;
    return { left: s.x - h, right: s.x + h, top: s.y - h, bottom: s.y + h };
  });
  const out = new Set<number>();
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i]!;
    if (!s.text) continue;
    const half = widthOf(s.text) / 2;
    const box = {
      left: s.x - half,
      right: s.x + half,
      top: s.textY - lineHeight / 2,
      bottom: s.textY + lineHeight / 2,
    };
    const meets = (k: typeof box) =>
      box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom;
    if (kept.some(meets) || arrows.some((a, j) => j !== i && meets(a))) continue;
    kept.push(box);
    out.add(i);
  }
  return out;
}

/**
 * Lays out `placed[from…to)` like the markers plugin does: an up marker sits `margin` below its
 * bar's low with its text under it, a down marker above the high with its text over it; further
 * markers on the same bar and side stack outwards, each taking its shape, a margin and (with
 * text) 1.2 lines. Markers whose bar has no coordinates are left out.
 */
export function layoutMarkers(
  placed: readonly PlacedMarker[],
  from: number,
  to: number,
  geometry: MarkerGeometry,
): MarkerShape[] {
  const size = markerShapeSize(geometry.barSpacing);
  const margin = markerMargin(geometry.barSpacing);
  const half = size / 2;
  const line = geometry.fontSize;
  const out: MarkerShape[] = [];
  let bar = -1;
  let above = margin;
  let below = margin;
  for (let k = from; k < to; k++) {
    const m = placed[k]!;
    if (m.index !== bar) {
      bar = m.index;
      above = margin;
      below = margin;
    }
    const x = geometry.x(m.index);
    const edge = m.up ? geometry.bottom(m.index) : geometry.top(m.index);
    if (!Number.isFinite(x) || !Number.isFinite(edge)) continue;
    const hasText = m.text.length > 0;
    let y: number;
    let textY: number;
    if (m.up) {
      y = edge + half + below;
      textY = y + half + margin + line * 0.6;
      below += size + margin + (hasText ? line * 1.2 : 0);
    } else {
      y = edge - half - above;
      textY = y - half - line * 0.6;
      above += size + margin + (hasText ? line * 1.2 : 0);
    }
    out.push({ id: m.id, index: m.index, time: m.time, up: m.up, color: m.color, text: m.text, x, y, size, textY });
  }
  return out;
}

/**
 * Extra room the price scale keeps above and below the bars for the markers (the plugin's
 * autoscale margins), in CSS pixels; null without markers.
 */
export function markerMargins(
  placed: readonly PlacedMarker[],
  barSpacing: number,
): { above: number; below: number } | null {
  if (placed.length === 0) return null;
  const room = markerShapeSize(barSpacing) * 1.5 + markerMargin(barSpacing) * 2;
  const up = placed.some((m) => m.up);
  const down = placed.some((m) => !m.up);
  return { above: down ? room : 0, below: up ? room : 0 };
}

/**
 * The time scale's bar spacing: the distance between two bars, rounded off its float error
 * (`timeScale().options()` would deep-copy all the time scale's options on every call).
 */
function barSpacingOf(chart: IChartApiBase<Time>): number {
  const timeScale = chart.timeScale();
  const a = timeScale.logicalToCoordinate(0 as Logical);
  const b = timeScale.logicalToCoordinate(1 as Logical);
  return a === null || b === null ? timeScale.options().barSpacing : Math.round((b - a) * 1e6) / 1e6;
}

/** The high and low of bar `index`, if it exists. */
export type BarExtremes = (index: number) => { high: number; low: number } | undefined;

/**
 * The markers as a series primitive (attach it to the candle series). A frame lays out the
 * markers of the visible bars only; setting markers is O(markers), a live bar costs nothing.
 */
export class MarkerPrimitive extends LazyPrimitive {
  private placed: readonly PlacedMarker[] = [];
  private shapes: MarkerShape[] = [];
  private readonly textWidths = new Map<string, number>();
  private font = '';
  private lineHeight = 0;
  /** Shapes whose text is drawn, worked out once per layout (the first draw after it). */
  private labelled: Set<number> | null = null;
  private margins: { key: string; value: AutoscaleInfo | null } = { key: '', value: null };
  /** Characters in the longest label (−1: not counted yet). */
  private longestLabel = -1;

  constructor(private readonly extremes: BarExtremes) {
    // 'normal' as the plugin: over the candles, under the crosshair and the price lines' labels.
    super('normal');
  }

  /** Replaces the markers (placed and sorted by `placeMarkers`). */
  setMarkers(placed: readonly PlacedMarker[]): void {
    this.placed = placed;
    this.margins.key = '';
    this.longestLabel = -1;
    this.stale = true;
    this.requestUpdate?.();
  }

  /** The markers as the last frame drew them (for tests and the harness). */
  drawn(): readonly MarkerShape[] {
    return this.shapes;
  }

  autoscaleInfo(): AutoscaleInfo | null {
    if (!this.chart) return null;
    const barSpacing = barSpacingOf(this.chart);
    const key = `${barSpacing}`;
    if (this.margins.key !== key) {
      const margins = markerMargins(this.placed, barSpacing);
      this.margins = { key, value: margins ? { priceRange: null, margins } : null };
    }
    return this.margins.value;
  }

  /** Lays out the markers of the visible bars, before a draw. */
  protected prepare(): void {
    this.shapes = [];
    this.labelled = null;
    const chart = this.chart;
    const series = this.series;
    if (!chart || !series || this.placed.length === 0) return;
    const timeScale = chart.timeScale();
    const barSpacing = barSpacingOf(chart);
    const { fontSize, fontFamily } = chart.options().layout;
    // Markers of bars just off screen still show their text's near half: widen the bar range
    // by the reach of the widest label.
    const reach = Math.ceil((this.labelReach(fontSize) + markerShapeSize(barSpacing)) / barSpacing);
    const last = this.placed[this.placed.length - 1]!.index;
    const range = visibleIndexRange(timeScale.getVisibleLogicalRange(), last + 1, 1 + reach);
    if (!range) return;
    const { from, to } = markersOnBars(this.placed, range.from, range.to);
    if (from === to) return;
    const y = (price: number) => series.priceToCoordinate(price) ?? NaN;
    const extremes = this.extremes;
    const edge = (index: number, top: boolean) => {
      const bar = extremes(index);
      if (!bar) return NaN;
      const a = y(bar.high);
      const b = y(bar.low);
      return top ? Math.min(a, b) : Math.max(a, b);
    };
    this.font = `${fontSize}px ${fontFamily}`;
    this.lineHeight = fontSize;
    this.shapes = layoutMarkers(this.placed, from, to, {
      x: (index) => timeScale.logicalToCoordinate(index as Logical) ?? NaN,
      top: (index) => edge(index, true),
      bottom: (index) => edge(index, false),
      barSpacing,
      fontSize,
    });
  }

  /** Half the width of the longest label at most (0.7 em a character is wider than the font's widest). */
  private labelReach(fontSize: number): number {
    if (this.longestLabel < 0) this.longestLabel = this.placed.reduce((n, m) => Math.max(n, m.text.length), 0);
    return (this.longestLabel * fontSize * 0.7) / 2;
  }

  /** As the plugin draws: in bitmap pixels, the arrow's x snapped to the pixel grid; text centred on x. */
  protected draw(target: RenderTarget): void {
    const shapes = this.shapes;
    if (shapes.length === 0) return;
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hpr, verticalPixelRatio: vpr }) => {
      ctx.font = this.font;
      ctx.textBaseline = 'middle';
      const correction = (Math.max(1, Math.floor(hpr)) % 2) / 2;
      this.labelled ??= legibleLabels(shapes, (text) => this.textWidth(ctx, text), this.lineHeight);
      const labelled = this.labelled;
      for (const [i, s] of shapes.entries()) {
        ctx.fillStyle = s.color;
        if (s.text && labelled.has(i)) {
          const width = this.textWidth(ctx, s.text);
          ctx.save();
          ctx.scale(hpr, vpr);
          ctx.fillText(s.text, s.x - width / 2, s.textY);
          ctx.restore();
        }
        const x = Math.round(s.x * hpr) + correction;
        const y = s.y * vpr;
        const { head, stem } = arrowHalfWidths(s.size);
        const h = head * hpr;
        const b = stem * hpr;
        const dir = s.up ? -1 : 1; // the head points up (towards smaller y) or down
        ctx.beginPath();
        ctx.moveTo(x - h, y);
        ctx.lineTo(x, y + dir * h);
        ctx.lineTo(x + h, y);
        ctx.lineTo(x + b, y);
        ctx.lineTo(x + b, y - dir * h);
        ctx.lineTo(x - b, y - dir * h);
        ctx.lineTo(x - b, y);
        ctx.fill();
      }
    });
  }

  private textWidth(ctx: CanvasRenderingContext2D, text: string): number {
    const key = `${this.font}|${text}`;
    let width = this.textWidths.get(key);
    if (width === undefined) {
      if (this.textWidths.size > 500) this.textWidths.clear();
      width = ctx.measureText(text).width;
      this.textWidths.set(key, width);
    }
    return width;
  }
}
