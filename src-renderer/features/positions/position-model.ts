import type { InstrumentType, Position, ScalpPosition, TradeType } from '../../../src-shared/positions';

/** The four groups of the Positions tab, in the PRD's order. */
export const GROUPS: readonly { type: TradeType; title: string; empty: string }[] = [
  { type: 'day', title: 'Day Trades', empty: 'No day trades open.' },
  { type: 'swing', title: 'Swing Trades', empty: 'No swing trades open.' },
  { type: 'options_scalp', title: 'Options Scalps', empty: 'No option scalps open.' },
  { type: 'etf_scalp', title: 'ETF Scalps', empty: 'No leveraged-ETF scalps open.' },
];

export const INSTRUMENT_TAGS: Record<InstrumentType, string> = { stock: 'STOCK', option: 'OPT', leveraged_etf: 'ETF' };

/** Shares per contract of an equity option. */
export const OPTION_MULTIPLIER = 100;

export const isScalp = (p: Position): p is ScalpPosition => p.instrumentType === 'option' && 'contractSymbol' in p;

/** LONG / SHORT, or CALL / PUT for options. */
export const sideOf = (p: Position): string => (isScalp(p) ? p.right.toUpperCase() : p.direction.toUpperCase());

/** Whether the position bets on a rise: a long, or a call (a put is bought, yet bearish). */
export const isBullish = (p: Position): boolean => (isScalp(p) ? p.right === 'call' : p.direction === 'long');

const multiplierOf = (p: Position): number => (p.instrumentType === 'option' ? OPTION_MULTIPLIER : 1);

/** What the position cost to open: entry × quantity (× 100 for options). */
export const costOf = (p: Position): number => Math.abs(p.entryPrice * p.quantity * multiplierOf(p));

/** The stop as a price: the position's own, or for an option scalp the premium at −stopPct. */
export function stopLevel(p: Position): number | null {
  if (isScalp(p)) return p.stopPrice ?? p.entryPrice * (1 - p.stopPct / 100);
  return p.stopPrice;
}

/** The target as a price: the position's own, or for an option scalp the premium at +targetPct. */
export function targetLevel(p: Position): number | null {
  if (isScalp(p)) return p.targetPrice ?? p.entryPrice * (1 + p.targetPct / 100);
  return p.targetPrice;
}

/** Milliseconds since the first fill, against the engine's clock. */
export const heldMs = (p: Position, now: number): number => Math.max(0, now - p.entryTime);

export interface Subtotal {
  count: number;
  /** Unrealized P&L of the group. */
  pnl: number;
  /** Cost of the group's open positions. */
  cost: number;
  /** pnl over cost, in percent (0 when nothing is open). */
  pnlPct: number;
}

export function subtotalOf(positions: readonly Position[]): Subtotal {
  let pnl = 0;
  let cost = 0;
  for (const p of positions) {
    if (Number.isFinite(p.unrealizedPnl)) pnl += p.unrealizedPnl;
    const c = costOf(p);
    if (Number.isFinite(c)) cost += c;
  }
  return { count: positions.length, pnl, cost, pnlPct: cost > 0 ? (pnl / cost) * 100 : 0 };
}

export interface PositionGroup {
  type: TradeType;
  title: string;
  empty: string;
  positions: Position[];
  subtotal: Subtotal;
}

// ── Sorting ─────────────────────────────────────────────────────────────────────────

export const SORT_KEYS = [
  'ticker',
  'side',
  'quantity',
  'entry',
  'current',
  'pnl',
  'pnlPct',
  'stop',
  'target',
  'held',
  'cloud',
  'tag',
  'dte',
  'leverage',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

/** Oldest position first: a stable order that live prices do not reshuffle. */
export const DEFAULT_SORT: SortSpec = { key: 'held', dir: 'desc' };

type SortValue = string | number | null;

function sortValue(p: Position, key: SortKey, now: number): SortValue {
  switch (key) {
    case 'ticker':
      return p.ticker;
    case 'side':
      return sideOf(p);
    case 'quantity':
      return p.quantity;
    case 'entry':
      return p.entryPrice;
    case 'current':
      return p.currentPrice;
    case 'pnl':
      return p.unrealizedPnl;
    case 'pnlPct':
      return p.unrealizedPnlPct;
    case 'stop':
      return stopLevel(p);
    case 'target':
      return targetLevel(p);
    case 'held':
      return heldMs(p, now);
    case 'cloud':
      return p.cloudAligned ? 1 : 0;
    case 'tag':
      return INSTRUMENT_TAGS[p.instrumentType];
    case 'dte':
      return isScalp(p) ? p.dte : null;
    case 'leverage':
      return p.leverage;
  }
}

const isMissing = (v: SortValue): v is null => v === null || (typeof v === 'number' && !Number.isFinite(v));

/** Text sorts A→Z first, figures biggest first. */
export const naturalDir = (key: SortKey): SortDir =>
  key === 'ticker' || key === 'side' || key === 'tag' ? 'asc' : 'desc';

/** The next sort after a click on `key`: its natural direction first, then the other one. */
export const nextSort = (current: SortSpec, key: SortKey): SortSpec =>
  current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: naturalDir(key) };

/** Sorted copy; missing values (no stop, no DTE) always last, ties by ticker then id. */
export function sortPositions<P extends Position>(positions: readonly P[], sort: SortSpec, now: number): P[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...positions].sort((a, b) => {
    const va = sortValue(a, sort.key, now);
    const vb = sortValue(b, sort.key, now);
    const ma = isMissing(va);
    const mb = isMissing(vb);
    if (ma !== mb) return ma ? 1 : -1;
    let c = 0;
    if (!ma && !mb)
      c = typeof va === 'string' || typeof vb === 'string' ? String(va).localeCompare(String(vb)) : va - vb;
    return sign * c || a.ticker.localeCompare(b.ticker) || a.id.localeCompare(b.id);
  });
}

/** Every group (empty ones too), each sorted and with its subtotal. */
export function groupPositions(positions: readonly Position[], sort: SortSpec, now: number): PositionGroup[] {
  return GROUPS.map((g) => {
    const mine = sortPositions(
      positions.filter((p) => p.tradeType === g.type),
      sort,
      now,
    );
    return { ...g, positions: mine, subtotal: subtotalOf(mine) };
  });
}

// ── Override inputs ─────────────────────────────────────────────────────────────────

export type Check = { ok: true; value: number } | { ok: false; reason: string };

/** Why an option scalp's stop cannot be moved (the bot refuses it too). */
export const OPTION_STOP_REASON = 'Option scalps exit by percent of premium; their stop cannot be moved.';

/**
 * Checks a new stop before it is sent: a price above 0, below the current price for a long and
 * above it for a short (the bot's own rule), never for an option scalp.
 */
export function checkStop(p: Position, text: string): Check {
  if (p.instrumentType === 'option') return { ok: false, reason: OPTION_STOP_REASON };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a stop price.' };
  // Plain decimals only: Number() would also read '0x10' as 16 and '1e3' as 1000.
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(trimmed)) return { ok: false, reason: 'The stop must be a price such as 229.50.' };
  const value = Number(trimmed);
  if (value <= 0) return { ok: false, reason: 'The stop must be above 0.' };
  const current = p.currentPrice.toFixed(2);
  if (p.direction === 'long' && value >= p.currentPrice) {
    return { ok: false, reason: `A long's stop must be below the current price ${current}.` };
  }
  if (p.direction === 'short' && value <= p.currentPrice) {
    return { ok: false, reason: `A short's stop must be above the current price ${current}.` };
  }
  return { ok: true, value };
}

export const MAX_ADD_QUANTITY = 1_000_000;

/** Checks a quantity to add: a whole number from 1 to 1,000,000. */
export function checkQuantity(text: string): Check {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a quantity.' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: 'The quantity must be a whole number.' };
  const value = Number(trimmed);
  if (value < 1) return { ok: false, reason: 'The quantity must be at least 1.' };
  if (value > MAX_ADD_QUANTITY) return { ok: false, reason: 'The quantity must be at most 1,000,000.' };
  return { ok: true, value };
}
