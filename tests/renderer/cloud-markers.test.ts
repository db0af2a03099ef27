import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrowHalfWidths,
  layoutMarkers,
  legibleLabels,
  markerMargin,
  markerMargins,
  markersOnBars,
  markerShapeSize,
  placeMarkers,
  type MarkerGeometry,
  type MarkerShape,
  type PlacedMarker,
} from '../../src-renderer/charts/cloud-markers';
import { cloudChartPalette } from '../../src-renderer/charts/theme';
import type { ChartMarker } from '../../src-shared/chart-data';

const T0 = Date.UTC(2026, 10, 24, 14, 30); // 09:30 New York
const MIN = 60_000;
const sec = (i: number) => (T0 + i * MIN) / 1000;

describe('placing markers', () => {
  const palette = cloudChartPalette(false);
  const times = [sec(0), sec(1), sec(2), sec(3)];
  const m = (minute: number, patch: Partial<ChartMarker> = {}): ChartMarker => ({
    time: T0 + minute * MIN,
    kind: 'signal',
    direction: 'long',
    label: `S${minute}`,
    ...patch,
  });

  it('puts each marker on the bar it falls in, sorted by bar, and drops those before the first bar', () => {
    const out = placeMarkers([m(3), m(0.5), m(2), m(-1), m(9), m(NaN)], times, palette);
    expect(out.map((o) => [o.index, o.time, o.text])).toEqual([
      [0, sec(0), 'S0.5'],
      [2, sec(2), 'S2'],
      [3, sec(3), 'S3'],
      [3, sec(3), 'S9'],
    ]);
  });

  it('keeps the given order of the markers of one bar (they stack in it)', () => {
    const out = placeMarkers(
      [m(2, { label: 'a' }), m(1), m(2.5, { label: 'b' }), m(2.2, { label: 'c' })],
      times,
      palette,
    );
    expect(out.map((o) => o.text)).toEqual(['S1', 'a', 'b', 'c']);
  });

  it('points signals and entries the way of their direction and exits the other way, in their colours', () => {
    const [long, short, entry, exit] = placeMarkers(
      [m(0), m(1, { direction: 'short' }), m(2, { kind: 'entry' }), m(3, { kind: 'exit' })],
      times,
      palette,
    );
    expect(long).toMatchObject({ up: true, color: palette.up });
    expect(short).toMatchObject({ up: false, color: palette.down });
    expect(entry).toMatchObject({ up: true, color: palette.entry });
    expect(exit).toMatchObject({ up: false, color: palette.exit });
  });

  it('takes the colour-blind safe colours from its palette', () => {
    const cb = cloudChartPalette(true);
    const [long, short, entry, exit] = placeMarkers(
      [m(0), m(1, { direction: 'short' }), m(2, { kind: 'entry' }), m(3, { kind: 'exit', direction: 'short' })],
      times,
      cb,
    );
    expect([long?.color, short?.color, entry?.color, exit?.color]).toEqual([cb.up, cb.down, cb.entry, cb.exit]);
    expect(exit?.up).toBe(true);
  });
});

describe('markers on the visible bars', () => {
  const at = (...indices: number[]) => indices.map((index) => ({ index }));

  it('finds the markers of a bar range by binary search, duplicates and edges included', () => {
    const placed = at(1, 3, 3, 3, 7, 9);
    expect(markersOnBars(placed, 3, 7)).toEqual({ from: 1, to: 5 });
    expect(markersOnBars(placed, 4, 6)).toEqual({ from: 4, to: 4 });
    expect(markersOnBars(placed, 0, 100)).toEqual({ from: 0, to: 6 });
    expect(markersOnBars(placed, 10, 20)).toEqual({ from: 6, to: 6 });
    expect(markersOnBars(placed, 9, 9)).toEqual({ from: 5, to: 6 });
    expect(markersOnBars(placed, 5, 2)).toEqual({ from: 4, to: 4 });
    expect(markersOnBars([], 0, 10)).toEqual({ from: 0, to: 0 });
  });

  it('agrees with a linear filter on any sorted list and range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
        fc.integer({ min: -5, max: 65 }),
        fc.integer({ min: 0, max: 30 }),
        (raw, first, width) => {
          const placed = at(...[...raw].sort((a, b) => a - b));
          const last = first + width;
          const { from, to } = markersOnBars(placed, first, last);
          const inside = placed
            .map((p, i) => [p.index, i] as const)
            .filter(([index]) => index >= first && index <= last);
          expect(to - from).toBe(inside.length);
          if (inside.length > 0) expect(from).toBe(inside[0]![1]);
        },
      ),
    );
  });
});

describe('marker layout (the series-markers plugin look)', () => {
  const marker = (index: number, up: boolean, text = 'CROSS 80', id = `${index}${up}${text}`): PlacedMarker => ({
    index,
    time: 1000 + index,
    up,
    color: up ? '#22c55e' : '#ef4444',
    text,
    id,
  });
  // Bar i at x = 10·i, its high at y = 100 and its low at y = 140.
  const geometry = (barSpacing = 7, fontSize = 11): MarkerGeometry => ({
    x: (i) => (i === 99 ? NaN : 10 * i),
    top: () => 100,
    bottom: () => 140,
    barSpacing,
    fontSize,
  });

  it('sizes shapes with the bar spacing (the plugin clamps it to 12…30 px, then rounds to odd, then even)', () => {
    expect([2, 7, 14, 20, 50].map(markerShapeSize)).toEqual([10, 10, 12, 18, 28]);
    expect([7, 30, 50].map(markerMargin)).toEqual([3, 3, 3]);
    expect(arrowHalfWidths(10)).toEqual({ head: 5, stem: 2 });
    expect(arrowHalfWidths(18)).toEqual({ head: 8, stem: 4 });
  });

  it('puts an up arrow below the low with its text under it, and a down arrow above the high with its text over it', () => {
    const [up, down] = layoutMarkers([marker(2, true), marker(5, false)], 0, 2, geometry());
    // Bar spacing 7: size 10 (half 5), margin 3; the text line is 11 px.
    expect(up).toMatchObject({ x: 20, y: 140 + 5 + 3, size: 10 });
    expect(up!.textY).toBeCloseTo(148 + 5 + 3 + 11 * 0.6);
    expect(down).toMatchObject({ x: 50, y: 100 - 5 - 3, size: 10 });
    expect(down!.textY).toBeCloseTo(92 - 5 - 11 * 0.6);
    // Clear of the bar: the arrow's far end is still beyond the low / high.
    expect(up!.y - up!.size / 2).toBeGreaterThan(140);
    expect(down!.y + down!.size / 2).toBeLessThan(100);
  });

  it('stacks the markers of one bar outwards, per side, and starts again on the next bar', () => {
    const shapes = layoutMarkers(
      [marker(4, true), marker(4, true, ''), marker(4, false), marker(4, true), marker(6, true)],
      0,
      5,
      geometry(),
    );
    const step = 10 + 3; // shape + margin
    const line = 11 * 1.2; // a marker with text takes 1.2 lines more
    const ys = [148, 148 + step + line, 92, 148 + 2 * step + line, 148];
    shapes.forEach((s, i) => expect(s.y).toBeCloseTo(ys[i]!));
  });

  it('lays out only the given range and leaves out bars without coordinates', () => {
    const placed = [marker(1, true), marker(2, false), marker(99, true), marker(3, true)];
    expect(layoutMarkers(placed, 1, 4, geometry()).map((s) => s.index)).toEqual([2, 3]);
  });

  it('keeps room on the price scale for the sides that have markers', () => {
    expect(markerMargins([], 7)).toBeNull();
    expect(markerMargins([marker(1, true)], 7)).toEqual({ above: 0, below: 10 * 1.5 + 2 * 3 });
    expect(markerMargins([marker(1, true), marker(2, false)], 7)).toEqual({ above: 21, below: 21 });
  });
});

describe('legibleLabels', () => {
  const shape = (i: number, x: number, text: string, textY = 100): MarkerShape => ({
    id: `m${i}`,
    index: i,
    time: i,
    up: true,
    color: '#fff',
    text,
    x,
    // An up arrow above its text, as layoutMarkers puts it.
    y: textY - 12,
    size: 8,
    textY,
  });
  const width = (text: string) => text.length * 6;

  it('keeps the newest label where labels overlap, drops the older one, and keeps labels that clear each other', () => {
    const shapes = [shape(0, 100, 'EXIT +$42'), shape(1, 110, 'ENTRY'), shape(2, 300, 'CROSS 52')];
    expect([...legibleLabels(shapes, width, 12)].sort()).toEqual([1, 2]);
  });

  it('keeps labels on the same x that are stacked apart, and ignores shapes without text', () => {
    const shapes = [shape(0, 100, 'ENTRY', 100), shape(1, 100, 'EXIT', 130), shape(2, 300, '', 100)];
    expect([...legibleLabels(shapes, width, 12)].sort()).toEqual([0, 1]);
  });

  it('drops a label that another marker’s arrow would cover, whatever their order', () => {
    // Marker 1's arrow (x 100 ± 6, y 98 ± 6) sits on marker 0's label (y 94…106).
    const covered = [shape(0, 100, 'EXIT −$559', 100), shape(1, 100, '', 110)];
    expect([...legibleLabels(covered, width, 12)]).toEqual([]);
    expect([...legibleLabels([covered[1]!, covered[0]!], width, 12)]).toEqual([]);
    // Its own arrow never counts, nor an arrow that clears the label.
    expect([...legibleLabels([shape(0, 100, 'EXIT', 100), shape(1, 160, '', 100)], width, 12)]).toEqual([0]);
  });
});
