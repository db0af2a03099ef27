/**
 * Pure geometry of the EMA clouds: which bars are on screen, and the polygons that fill
 * between a cloud's two EMA lines, split exactly where the lines cross.
 */

/** The part of a canvas path the tracer needs (CanvasRenderingContext2D and Path2D have it). */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
}

/** Inclusive index range of bars to draw. */
export interface IndexRange {
  from: number;
  to: number;
}

/**
 * The bar indices to draw for a visible logical range: the bars on screen plus `pad` on each
 * side (so the fill runs off the edges instead of stopping short), clamped to the data.
 * Null when nothing is visible or there is no data.
 */
export function visibleIndexRange(
  logical: { from: number; to: number } | null,
  length: number,
  pad = 1,
): IndexRange | null {
  if (!logical || length <= 0 || !Number.isFinite(logical.from) || !Number.isFinite(logical.to)) return null;
  const from = Math.max(0, Math.floor(logical.from) - pad);
  const to = Math.min(length - 1, Math.ceil(logical.to) + pad);
  return from <= to ? { from, to } : null;
}

/**
 * Where between two bars the EMA lines cross, as a fraction 0…1 of the step: the gaps
 * d0 = long − short at the first bar and d1 at the second have opposite signs, and the lines
 * are straight between bars, so they meet at t = d0 / (d0 − d1).
 */
export function crossingFraction(d0: number, d1: number): number {
  const denominator = d0 - d1;
  return denominator === 0 ? 0 : d0 / denominator;
}

/**
 * Traces the fill of one cloud over bars `from…to` into two paths: bullish runs into `bull`
 * and bearish runs into `bear`. Works in screen space (y grows downwards), so a bar is
 * bullish when its short EMA is at or above its long EMA on screen: `longY − shortY ≥ 0`
 * (short ≥ long in price, for any monotonic price scale).
 *
 * Each run of same-coloured bars becomes one polygon: forward along the short EMA, back along
 * the long one. Where the colour flips between two bars, the run ends at the interpolated
 * crossing point and the next run starts there, so the colours meet exactly at the crossover.
 * A NaN on either line (cloud not seeded yet, whitespace) ends the run without a crossing.
 */
export function traceCloud(
  xs: ArrayLike<number>,
  shortYs: ArrayLike<number>,
  longYs: ArrayLike<number>,
  from: number,
  to: number,
  bull: PathSink,
  bear: PathSink,
): void {
  let start = -1; // first bar of the open run, -1 when no run is open
  let startX = 0; // the run's opening crossing point, when it opened at one
  let startY = 0;
  let openedAtCrossing = false;
  let bullish = false;

  const close = (last: number, endAtCrossing: boolean, endX: number, endY: number) => {
    const path = bullish ? bull : bear;
    const points = last - start + 1 + (openedAtCrossing ? 1 : 0) + (endAtCrossing ? 1 : 0);
    if (points >= 2) {
      if (openedAtCrossing) path.moveTo(startX, startY);
      else path.moveTo(xs[start]!, shortYs[start]!);
      for (let i = openedAtCrossing ? start : start + 1; i <= last; i++) path.lineTo(xs[i]!, shortYs[i]!);
      if (endAtCrossing) path.lineTo(endX, endY);
      for (let i = last; i >= start; i--) path.lineTo(xs[i]!, longYs[i]!);
      path.closePath();
    }
    start = -1;
  };

  for (let i = from; i <= to; i++) {
    const s = shortYs[i]!;
    const l = longYs[i]!;
    if (Number.isNaN(s) || Number.isNaN(l) || Number.isNaN(xs[i]!)) {
      if (start >= 0) close(i - 1, false, 0, 0);
      continue;
    }
    const up = l - s >= 0;
    if (start < 0) {
      start = i;
      bullish = up;
      openedAtCrossing = false;
      continue;
    }
    if (up === bullish) continue;
    // The colour flips between bar i−1 and bar i: split at the crossing.
    const p = i - 1;
    const t = crossingFraction(longYs[p]! - shortYs[p]!, l - s);
    const cx = xs[p]! + t * (xs[i]! - xs[p]!);
    const cy = shortYs[p]! + t * (s - shortYs[p]!);
    close(p, true, cx, cy);
    start = i;
    bullish = up;
    openedAtCrossing = true;
    startX = cx;
    startY = cy;
  }
  if (start >= 0) close(to, false, 0, 0);
}
