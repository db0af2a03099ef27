import type { SessionPhase } from '../../src-shared/market';

/** Shown wherever a value is missing or not a finite number: never "NaN" or "undefined". */
export const MISSING = '—';
/** Typographic minus, the same width as "+" in tabular figures. */
const MINUS = '\u2212';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const numberFormats = new Map<number, Intl.NumberFormat>();
function grouped(value: number, digits: number): string {
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(value);
}

/** Rounds first so that −0.004 prints as 0.00, not −0.00. */
function magnitude(value: number, digits: number): { negative: boolean; text: string } {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return { negative: rounded < 0, text: grouped(Math.abs(rounded), digits) };
}

function signed(value: unknown, digits: number, unit: (text: string) => string, plus: boolean): string {
  if (!isFiniteNumber(value)) return MISSING;
  const { negative, text } = magnitude(value, digits);
  const sign = negative ? MINUS : plus && text !== grouped(0, digits) ? '+' : '';
  return sign + unit(text);
}

const dollars = (text: string) => `$${text}`;
const percent = (text: string) => `${text}%`;

/** $52,341 (digits 0) or $1,247.50; negative amounts get a leading minus: −$45.00. */
export const formatMoney = (value: unknown, digits = 2): string => signed(value, digits, dollars, false);

/** A P&L amount with its sign: +$1,247.00, −$45.00, $0.00. */
export const formatSignedMoney = (value: unknown, digits = 2): string => signed(value, digits, dollars, true);

/** A value already in percent (2.4 means 2.4 %): 32.0%. */
export const formatPct = (value: unknown, digits = 1): string => signed(value, digits, percent, false);

/** A percent with its sign: +2.4%, −0.3%. */
export const formatSignedPct = (value: unknown, digits = 1): string => signed(value, digits, percent, true);

/** A fraction shown as percent: 0.68 → 68%, −0.018 → −1.8% (digits 1). */
export const formatFractionPct = (value: unknown, digits = 0): string =>
  isFiniteNumber(value) ? formatPct(value * 100, digits) : MISSING;

/** A whole count with grouping: 1,204. */
export const formatCount = (value: unknown): string =>
  isFiniteNumber(value) ? grouped(Math.round(value), 0) : MISSING;

/** A price with 2 decimals and no currency sign: 128.50. */
export const formatPrice = (value: unknown): string => (isFiniteNumber(value) ? grouped(value, 2) : MISSING);

/** Elapsed seconds as "4h 23m 5s", "23m 5s" or "5s". */
export function formatUptime(seconds: unknown): string {
  if (!isFiniteNumber(seconds) || seconds < 0) return MISSING;
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

const nyTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const nyMinute = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** Epoch ms as New York wall time, HH:MM:SS. */
export const formatNyTime = (epochMs: unknown): string => (isFiniteNumber(epochMs) ? nyTime.format(epochMs) : MISSING);

/** Epoch ms as New York wall time, HH:MM. */
export const formatNyMinute = (epochMs: unknown): string =>
  isFiniteNumber(epochMs) ? nyMinute.format(epochMs) : MISSING;

const PHASE_LABELS: Record<SessionPhase, string> = {
  pre_market: 'PRE-MARKET',
  open: 'OPEN',
  after_hours: 'AFTER HOURS',
  closed: 'CLOSED',
};

/** The session phase as the header shows it: OPEN, PRE-MARKET, AFTER HOURS, CLOSED. */
export const formatPhase = (phase: SessionPhase | null | undefined): string => (phase ? PHASE_LABELS[phase] : MISSING);

/** "10:42:13 ET · OPEN" */
export const formatMarketClock = (epochMs: unknown, phase: SessionPhase | null | undefined): string =>
  `${formatNyTime(epochMs)} ET · ${formatPhase(phase)}`;

export type Tone = 'up' | 'down' | 'flat';

/** The colour family of a signed figure: up (green), down (red) or flat (neutral). */
export function toneOf(value: unknown): Tone {
  if (!isFiniteNumber(value) || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/** Clamps a percentage to 0–100 for bar widths; missing values count as 0. */
export const clampPct = (value: unknown): number => (isFiniteNumber(value) ? Math.min(100, Math.max(0, value)) : 0);
