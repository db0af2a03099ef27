import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds, planWindow, WINDOW_DEFAULTS, windowRows, type BarWindow } from '../../src-renderer/charts/cloud-window';

const options = { padScreens: 1, minPad: 100, fallback: 500 };

describe('the window of bars the series hold', () => {
  it('holds the last bars before the chart knows what is on screen', () => {
    expect(planWindow(null, 50_000, null, options)).toEqual({ from: 49_500, to: 50_000 });
    expect(planWindow(null, 300, null, options)).toEqual({ from: 0, to: 300 });
    expect(planWindow(null, 0, null, options)).toEqual({ from: 0, to: 0 });
  });

  it('pads the screen by a screen (at least minPad) on each side and reaches the newest bar when it is that close', () => {
    // Live edge: bars 49,800…49,999 on screen and 6 bars of right offset.
    expect(planWindow({ from: 49_800, to: 50_005 }, 50_000, null, options)).toEqual({ from: 49_600, to: 50_000 });
    // Scrolled back: 200 bars on screen, a pad of 200 each side.
    expect(planWindow({ from: 10_000.4, to: 10_198.6 }, 50_000, null, options)).toEqual({ from: 9_800, to: 10_400 });
    // A narrow screen still gets minPad.
    expect(planWindow({ from: 10_000, to: 10_009 }, 50_000, null, options)).toEqual({ from: 9_900, to: 10_110 });
    // Near the start.
    expect(planWindow({ from: -3, to: 150 }, 50_000, null, options)).toEqual({ from: 0, to: 302 });
    // A window ending one short of the newest bar (which is held anyway) reaches it.
    expect(planWindow({ from: 800, to: 898 }, 1_000, null, options)).toEqual({ from: 700, to: 1_000 });
  });

  it('pads by a quarter screen by default, so a live update maps few rows', () => {
    // 200 bars on screen at the live edge: 50 bars of pad on the left.
    expect(planWindow({ from: 49_800, to: 50_005 }, 50_000, null)).toEqual({ from: 49_750, to: 50_000 });
    expect(planWindow({ from: 10_000, to: 10_199 }, 50_000, null)).toEqual({ from: 9_950, to: 10_250 });
    expect(WINDOW_DEFAULTS.padScreens).toBe(0.25);
  });

  it('keeps the current window (the same object) while the screen stays half a pad inside it', () => {
    const current = planWindow({ from: 10_000, to: 10_199 }, 50_000, null, options);
    expect(planWindow({ from: 10_050, to: 10_249 }, 50_000, current, options)).toBe(current);
    expect(planWindow({ from: 9_900, to: 10_099 }, 50_000, current, options)).toBe(current);
    const moved = planWindow({ from: 10_150, to: 10_349 }, 50_000, current, options);
    expect(moved).not.toBe(current);
    expect(moved).toEqual({ from: 9_950, to: 10_550 });
  });

  it('lets live bars widen a window at the newest bar, then trims it', () => {
    let window: BarWindow = planWindow({ from: 9_800, to: 10_005 }, 10_000, null, options);
    let length = 10_000;
    let replans = 0;
    for (let i = 0; i < 2_000; i++) {
      length++;
      // The view widens a window that reaches the newest bar as bars arrive; the screen follows.
      if (window.to === length - 1) window = { from: window.from, to: length };
      const next = planWindow({ from: length - 200, to: length + 5 }, length, window, options);
      if (next !== window) replans++;
      window = next;
      expect(window.to).toBe(length);
      expect(window.to - window.from).toBeLessThanOrEqual(206 + 3 * 206);
    }
    expect(replans).toBeGreaterThan(0);
    expect(replans).toBeLessThan(10);
  });

  it('always covers the screen, however it moves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.tuple(fc.double({ min: -50, max: 5_100, noNaN: true }), fc.integer({ min: 1, max: 3_000 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (length, screens) => {
          let window: BarWindow | null = null;
          for (const [from, width] of screens) {
            window = planWindow({ from, to: from + width }, length, window, options);
            const first = Math.min(Math.max(Math.floor(from), 0), length - 1);
            const last = Math.min(Math.max(Math.ceil(from + width), first), length - 1);
            for (const i of [first, last]) expect(holds(window, length, i)).toBe(true);
            expect(window.from).toBeGreaterThanOrEqual(0);
            expect(window.to).toBeLessThanOrEqual(length);
          }
        },
      ),
    );
  });

  it('gives the series the window’s rows plus the newest bar', () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(windowRows(items, { from: 2, to: 5 })).toEqual([2, 3, 4, 9]);
    expect(windowRows(items, { from: 6, to: 10 })).toEqual([6, 7, 8, 9]);
    expect(windowRows(items, { from: 0, to: 0 })).toEqual([9]);
    expect(windowRows([], { from: 0, to: 0 })).toEqual([]);
    expect(holds({ from: 2, to: 5 }, 10, 9)).toBe(true);
    expect(holds({ from: 2, to: 5 }, 10, 5)).toBe(false);
    expect(holds({ from: 2, to: 5 }, 10, 2)).toBe(true);
  });
});
