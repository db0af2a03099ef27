import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossingFraction,
  traceCloud,
  visibleIndexRange,
  type PathSink,
} from '../../src-renderer/charts/cloud-geometry';

type Point = [number, number];

/** Records the polygons traced into it (each moveTo starts one). */
class Recorder implements PathSink {
  polygons: Point[][] = [];
  closed = 0;
  moveTo(x: number, y: number) {
    this.polygons.push([[x, y]]);
  }
  lineTo(x: number, y: number) {
    this.polygons[this.polygons.length - 1]!.push([x, y]);
  }
  closePath() {
    this.closed++;
  }
}

function trace(xs: number[], shortYs: number[], longYs: number[], from = 0, to = xs.length - 1) {
  const bull = new Recorder();
  const bear = new Recorder();
  traceCloud(xs, shortYs, longYs, from, to, bull, bear);
  return { bull, bear };
}

describe('visibleIndexRange', () => {
  it('pads the visible logical range by one bar on each side and clamps it to the data', () => {
    expect(visibleIndexRange({ from: 10.4, to: 20.6 }, 100)).toEqual({ from: 9, to: 22 });
    expect(visibleIndexRange({ from: -5, to: 3.2 }, 100)).toEqual({ from: 0, to: 5 });
    expect(visibleIndexRange({ from: 95, to: 108 }, 100)).toEqual({ from: 94, to: 99 });
    expect(visibleIndexRange({ from: 10, to: 20 }, 100, 0)).toEqual({ from: 10, to: 20 });
  });

  it('is null with nothing to draw: no range, no data, a range beside the data, NaN', () => {
    expect(visibleIndexRange(null, 100)).toBeNull();
    expect(visibleIndexRange({ from: 0, to: 10 }, 0)).toBeNull();
    expect(visibleIndexRange({ from: 120, to: 140 }, 100)).toBeNull();
    expect(visibleIndexRange({ from: -40, to: -20 }, 100)).toBeNull();
    expect(visibleIndexRange({ from: NaN, to: 3 }, 100)).toBeNull();
  });
});

describe('crossingFraction', () => {
  it('is where two straight lines with gaps d0 and d1 of opposite sign meet', () => {
    expect(crossingFraction(2, -2)).toBe(0.5);
    expect(crossingFraction(1, -3)).toBe(0.25);
    expect(crossingFraction(-3, 1)).toBe(0.75);
    expect(crossingFraction(0, -1)).toBe(0);
    expect(crossingFraction(0, 0)).toBe(0);
  });
});

describe('traceCloud', () => {
  it('fills a cloud that never crosses with one polygon: forward along the short EMA, back along the long', () => {
    // Screen space: y grows downwards, so short above long (smaller y) is bullish.
    const { bull, bear } = trace([0, 10, 20], [5, 4, 3], [8, 9, 10]);
    expect(bear.polygons).toEqual([]);
    expect(bull.polygons).toEqual([
      [
        [0, 5],
        [10, 4],
        [20, 3],
        [20, 10],
        [10, 9],
        [0, 8],
      ],
    ]);
    expect(bull.closed).toBe(1);
  });

  it('splits the polygon exactly at the interpolated crossing between two bars', () => {
    // Gap long − short: +10, +10, −10, −10 → the lines cross halfway between bars 1 and 2.
    const { bull, bear } = trace([0, 10, 20, 30], [10, 10, 30, 30], [20, 20, 20, 20]);
    expect(bull.polygons).toEqual([
      [
        [0, 10],
        [10, 10],
        [15, 20],
        [10, 20],
        [0, 20],
      ],
    ]);
    expect(bear.polygons).toEqual([
      [
        [15, 20],
        [20, 30],
        [30, 30],
        [30, 20],
        [20, 20],
      ],
    ]);
  });

  it('puts an off-centre crossing where the lines really meet', () => {
    // Gaps +1 then −3: t = 1/4 of the way, x = 2.5; the short line is at 4 + 0.25 × (8 − 4) = 5.
    const { bull, bear } = trace([0, 10], [4, 8], [5, 5]);
    expect(bull.polygons[0]).toContainEqual([2.5, 5]);
    expect(bear.polygons[0]![0]).toEqual([2.5, 5]);
  });

  it('counts a bar whose EMAs are equal as bullish (short ≥ long)', () => {
    const { bull, bear } = trace([0, 10, 20], [5, 5, 5], [5, 5, 5]);
    expect(bull.polygons).toHaveLength(1);
    expect(bear.polygons).toHaveLength(0);
  });

  it('leaves gaps where a cloud is not seeded (NaN) and skips single-bar runs', () => {
    const { bull, bear } = trace(
      [0, 10, 20, 30, 40, 50, 60],
      [NaN, 5, 5, NaN, 5, NaN, 12],
      [NaN, 8, 8, NaN, 8, NaN, 9],
    );
    expect(bull.polygons).toHaveLength(1);
    expect(bull.polygons[0]!.map((p) => p[0])).toEqual([10, 20, 20, 10]);
    expect(bear.polygons).toHaveLength(0);
  });

  it('draws only bars from…to', () => {
    const { bull } = trace([0, 10, 20, 30, 40], [1, 1, 1, 1, 1], [2, 2, 2, 2, 2], 1, 3);
    expect(bull.polygons[0]!.map((p) => p[0])).toEqual([10, 20, 30, 30, 20, 10]);
  });

  it('for any two lines: one polygon per same-colour run, alternating colours, joined at points on both lines', () => {
    const value = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 60 }), (rows) => {
        const xs = rows.map((_, i) => i * 7);
        const shortYs = rows.map((r) => r[0]);
        const longYs = rows.map((r) => r[1]);
        const { bull, bear } = trace(xs, shortYs, longYs);
        const colours = rows.map((r) => r[1] - r[0] >= 0);
        let flips = 0;
        for (let i = 1; i < colours.length; i++) if (colours[i] !== colours[i - 1]) flips++;
        expect(bull.polygons.length + bear.polygons.length).toBe(flips + 1);
        expect(bull.closed + bear.closed).toBe(flips + 1);
        // Every polygon opening at a crossing starts on both lines (up to rounding).
        for (const polygon of [...bull.polygons, ...bear.polygons]) {
          const [x, y] = polygon[0]!;
          if (Number.isInteger(x / 7)) continue;
          const i = Math.floor(x / 7);
          const t = (x - xs[i]!) / 7;
          const onShort = shortYs[i]! + t * (shortYs[i + 1]! - shortYs[i]!);
          const onLong = longYs[i]! + t * (longYs[i + 1]! - longYs[i]!);
          const tolerance = 1e-6 * (1 + Math.abs(onShort) + Math.abs(onLong));
          expect(Math.abs(onShort - y)).toBeLessThan(tolerance);
          expect(Math.abs(onLong - y)).toBeLessThan(tolerance);
        }
      }),
    );
  });
});
