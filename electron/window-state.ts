import { z } from 'zod';

/** A window's rectangle or a display's work area, in screen coordinates (DIP). */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the window between runs. */
export interface WindowState {
  /** The normal (not maximized) bounds, so un-maximizing returns to them. */
  bounds: Bounds;
  maximized: boolean;
}

/** Size limits of the window (its default and minimum). */
export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** Where the window opens: a size, a position unless Electron should centre it, maximized or not. */
export interface WindowPlacement {
  bounds: Pick<Bounds, 'width' | 'height'> & Partial<Pick<Bounds, 'x' | 'y'>>;
  maximized: boolean;
}

const finite = z.number().finite();
const windowStateSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }),
  maximized: z.boolean().default(false),
});

/** The saved state, or null when the file held something else (hand-edited, older, corrupt). */
export function parseWindowState(json: unknown): WindowState | null {
  const parsed = windowStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const overlap = (a: Bounds, b: Bounds): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/**
 * Where to open the window: the saved bounds moved and shrunk to lie wholly on the display
 * they overlap most, or centred on the primary display (the first) when none of them is
 * still there (a monitor unplugged). Without a saved state: the default size, centred.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Bounds[],
  size: WindowSize,
): WindowPlacement {
  const primary = workAreas[0];
  if (!saved || !primary) return { bounds: { width: size.width, height: size.height }, maximized: false };
  const { bounds } = saved;
  let area = primary;
  let best = 0;
  for (const candidate of workAreas) {
    const shared = overlap(bounds, candidate);
    if (shared > best) [area, best] = [candidate, shared];
  }
  // On a display smaller than the minimum size the display wins; Electron then enforces the minimum.
  const width = Math.round(Math.min(area.width, Math.max(size.minWidth, bounds.width)));
  const height = Math.round(Math.min(area.height, Math.max(size.minHeight, bounds.height)));
  if (best === 0) return { bounds: { width, height }, maximized: saved.maximized };
  return {
    bounds: {
      x: Math.round(clamp(bounds.x, area.x, area.x + area.width - width)),
      y: Math.round(clamp(bounds.y, area.y, area.y + area.height - height)),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}
