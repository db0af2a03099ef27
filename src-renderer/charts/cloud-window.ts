/**
 * Which bars the cloud chart hands to lightweight-charts' candle and volume series.
 *
 * lightweight-charts v5 rebuilds a series' render items from all of its rows whenever the series
 * changes (`series.update` included: the pane view maps every row again), and when a bar adds a
 * new time it does so for every series. On a 50,000-bar chart that made each live tick cost a
 * pass over 50,000 candles and 50,000 volume bars. So the chart keeps every bar itself, gives the
 * time scale every bar's time (a whitespace series, which holds no rows), and lets the two drawn
 * series hold only a window of bars around what is on screen, plus always the newest bar (the
 * price line, the last-value label and the live bar). A live update then costs O(window).
 * Scrolling moves the window when the screen nears its edge. The pad is a quarter screen: for
 * wheel and drag the window is loaded after the chart's own work and before it paints (tested in
 * Chromium), so a small pad shows no gap. At the live edge, where live updates happen, the
 * series then hold 1.25 screens of rows instead of about 2.3 with the old pad (a screen, at
 * least 256 bars; at 200 bars on screen), measured as about 0.2 ms less per update, for a
 * reload every eighth of a screen scrolled.
 */

/** Bars `from…to−1` are held, and the newest bar whatever `to` is. */
export interface BarWindow {
  from: number;
  to: number;
}

export interface WindowOptions {
  /** Bars held beyond each side of the screen, as a fraction of the bars on screen… */
  padScreens: number;
  /** …but at least this many. */
  minPad: number;
  /** Bars held before the chart knows what is on screen (not laid out yet). */
  fallback: number;
}

export const WINDOW_DEFAULTS: WindowOptions = { padScreens: 0.25, minPad: 32, fallback: 2048 };

/**
 * The window for the visible logical range `visible` over `length` bars. Returns `current` itself
 * while it still serves: it covers the screen with half a pad to spare on both sides and has not
 * outgrown the screen by more than three pads (live bars widen a window that reaches the newest
 * bar). Otherwise a new window: the screen plus a pad on each side, reaching to the newest bar
 * when at most that bar would be left out.
 */
export function planWindow(
  visible: { from: number; to: number } | null,
  length: number,
  current: BarWindow | null,
  options: WindowOptions = WINDOW_DEFAULTS,
): BarWindow {
  if (length <= 0) return current && current.from === 0 && current.to === 0 ? current : { from: 0, to: 0 };
  if (!visible || !Number.isFinite(visible.from) || !Number.isFinite(visible.to)) {
    if (current && current.to <= length) return current;
    return { from: Math.max(0, length - options.fallback), to: length };
  }
  const first = clamp(Math.floor(visible.from), 0, length - 1);
  const last = clamp(Math.ceil(visible.to), first, length - 1);
  const span = last - first + 1;
  const pad = Math.max(options.minPad, Math.ceil(span * options.padScreens));
  const guard = Math.ceil(pad / 2);
  if (
    current &&
    current.to <= length &&
    current.from <= Math.max(0, first - guard) &&
    current.to >= Math.min(length, last + 1 + guard) &&
    current.to - current.from <= span + 3 * pad
  ) {
    return current;
  }
  const from = Math.max(0, first - pad);
  const to = last + 1 + pad >= length - 1 ? length : last + 1 + pad;
  return { from, to };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Whether bar `index` of `length` is held by `window`. */
export const holds = (window: BarWindow, length: number, index: number): boolean =>
  (index >= window.from && index < window.to) || (index === length - 1 && length > 0);

/** The held items of `items` (one per bar), in bar order: the window, then the newest if the window stops short of it. */
export function windowRows<T>(items: readonly T[], window: BarWindow): T[] {
  const n = items.length;
  const to = Math.min(window.to, n);
  const rows = items.slice(Math.min(window.from, to), to);
  if (to < n) rows.push(items[n - 1]!);
  return rows;
}
