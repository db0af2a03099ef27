import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';
import type { CloudName } from '../../src-shared/signals';

/** Reads a colour from the theme's CSS variables (canvas cannot use var(--x) itself). */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** `#22c55e` → `rgba(34, 197, 94, alpha)`; other formats are returned unchanged. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * How much the root font size is scaled (1 up to 1920 px wide, 2 on a 4K screen; see
 * theme.css): canvas text and sizes follow it as the CSS does. 1 where there is no layout.
 */
export function remScale(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
}

/**
 * The terminal look every chart shares: theme text and borders, faint grid, the page's font,
 * no attribution logo. `background` defaults to transparent (the panel shows through).
 */
export function terminalChartOptions(
  options: { fontSize?: number; background?: string } = {},
): DeepPartial<ChartOptions> {
  const text = themeColor('--muted', '#7d8b99');
  const border = themeColor('--border', '#1e2a36');
  return {
    layout: {
      background: { type: ColorType.Solid, color: options.background ?? 'transparent' },
      textColor: text,
      fontFamily: getComputedStyle(document.body).fontFamily,
      fontSize: Math.round((options.fontSize ?? 11) * remScale()),
      attributionLogo: false,
      panes: { separatorColor: border, separatorHoverColor: withAlpha(border, 0.8) },
    },
    grid: {
      vertLines: { color: withAlpha(border, 0.55) },
      horzLines: { color: withAlpha(border, 0.55) },
    },
    rightPriceScale: { borderColor: border },
    timeScale: { borderColor: border, timeVisible: true, secondsVisible: false },
  };
}

/** Bullish and bearish fill colours of one cloud, and how opaque its fill is. */
export interface CloudColours {
  bull: string;
  bear: string;
  /** Fill opacity 0…1; the macro cloud is the most transparent. */
  alpha: number;
}

/** Every colour the cloud chart draws with. */
export interface CloudChartPalette {
  up: string;
  down: string;
  /** Volume bars, already translucent. */
  volumeUp: string;
  volumeDown: string;
  /** Per cloud, in CLOUD_NAMES order: fast, pullback, trend, macro. */
  clouds: Record<CloudName, CloudColours>;
  entry: string;
  stop: string;
  target: string;
  exit: string;
}

const PALETTES: Record<'standard' | 'colorBlindSafe', CloudChartPalette> = {
  standard: {
    up: '#22c55e',
    down: '#ef4444',
    volumeUp: 'rgba(34, 197, 94, 0.4)',
    volumeDown: 'rgba(239, 68, 68, 0.4)',
    clouds: {
      fast: { bull: '#22c55e', bear: '#ef4444', alpha: 0.38 },
      pullback: { bull: '#a3e635', bear: '#fb7185', alpha: 0.34 },
      trend: { bull: '#38bdf8', bear: '#f97316', alpha: 0.24 },
      macro: { bull: '#818cf8', bear: '#f472b6', alpha: 0.12 },
    },
    entry: '#3b82f6',
    stop: '#ef4444',
    target: '#22c55e',
    exit: '#f59e0b',
  },
  // The app's colour-blind safe pair (.app--cb-safe): blue for bullish, orange for bearish;
  // the clouds differ by lightness within each hue family.
  colorBlindSafe: {
    up: '#3b82f6',
    down: '#f97316',
    volumeUp: 'rgba(59, 130, 246, 0.42)',
    volumeDown: 'rgba(249, 115, 22, 0.42)',
    clouds: {
      fast: { bull: '#3b82f6', bear: '#f97316', alpha: 0.4 },
      pullback: { bull: '#93c5fd', bear: '#fdba74', alpha: 0.34 },
      trend: { bull: '#22d3ee', bear: '#facc15', alpha: 0.24 },
      macro: { bull: '#a5b4fc', bear: '#fde68a', alpha: 0.13 },
    },
    entry: '#f1f5f9',
    stop: '#f97316',
    target: '#3b82f6',
    exit: '#facc15',
  },
};

/**
 * The cloud chart's palette (the same object per option, so it can be compared by identity).
 * The default is green/red in the theme's hues; the colour-blind safe one
 * (config.dashboard.colorBlindSafe) is the app's blue/orange, which stays apart with every
 * common colour-vision deficiency.
 */
export const cloudChartPalette = (colorBlindSafe: boolean): CloudChartPalette =>
  PALETTES[colorBlindSafe ? 'colorBlindSafe' : 'standard'];
