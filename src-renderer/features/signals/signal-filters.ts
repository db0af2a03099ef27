import type { CommandRequest } from '../../../src-shared/ipc-contract';
import type { Timeframe } from '../../../src-shared/market';
import type { Direction } from '../../../src-shared/positions';
import type { SignalType, TradeSignal } from '../../../src-shared/signals';

/** What the Signals tab filters by; 'all' / '' mean no filter. */
export interface SignalFilters {
  ticker: string;
  timeframe: Timeframe | 'all';
  type: SignalType | 'all';
  direction: Direction | 'all';
  minConviction: number;
  maxConviction: number;
}

export const NO_FILTERS: SignalFilters = {
  ticker: '',
  timeframe: 'all',
  type: 'all',
  direction: 'all',
  minConviction: 0,
  maxConviction: 100,
};

/** Signals asked for by "Load history". */
export const HISTORY_LIMIT = 1000;

export const normalTicker = (text: string): string => text.trim().toUpperCase();

/** Why the filters cannot be used as they are, or null. */
export function filtersProblem(f: SignalFilters): string | null {
  const inRange = (v: number) => Number.isFinite(v) && v >= 0 && v <= 100;
  if (!inRange(f.minConviction) || !inRange(f.maxConviction)) return 'Conviction goes from 0 to 100.';
  if (f.minConviction > f.maxConviction) return 'The minimum conviction is above the maximum.';
  return null;
}

export function matchesFilters(s: TradeSignal, f: SignalFilters): boolean {
  const ticker = normalTicker(f.ticker);
  return (
    (ticker === '' || s.ticker === ticker) &&
    (f.timeframe === 'all' || s.timeframe === f.timeframe) &&
    (f.type === 'all' || s.type === f.type) &&
    (f.direction === 'all' || s.direction === f.direction) &&
    s.conviction >= f.minConviction &&
    s.conviction <= f.maxConviction
  );
}

/** The signals that pass the filters, in their order (none when the filters are invalid). */
export function filterSignals(signals: readonly TradeSignal[], f: SignalFilters): TradeSignal[] {
  if (filtersProblem(f)) return [];
  return signals.filter((s) => matchesFilters(s, f));
}

export const filtersActive = (f: SignalFilters): boolean =>
  normalTicker(f.ticker) !== '' ||
  f.timeframe !== 'all' ||
  f.type !== 'all' ||
  f.direction !== 'all' ||
  f.minConviction > 0 ||
  f.maxConviction < 100;

/** The same filters as a getSignals request (only the ones set). */
export function toSignalsRequest(f: SignalFilters, limit = HISTORY_LIMIT): CommandRequest<'getSignals'> {
  const request: CommandRequest<'getSignals'> = { limit };
  const ticker = normalTicker(f.ticker);
  if (ticker) request.ticker = ticker;
  if (f.timeframe !== 'all') request.timeframe = f.timeframe;
  if (f.type !== 'all') request.type = f.type;
  if (f.direction !== 'all') request.direction = f.direction;
  if (f.minConviction > 0) request.minConviction = f.minConviction;
  if (f.maxConviction < 100) request.maxConviction = f.maxConviction;
  return request;
}

export type ConvictionTier = 'strong' | 'high' | 'mid' | 'low';

/** Conviction colour bands: ≥ 90 strong, 75–89 full size, 50–74 half size, below 50 log only (convictions are whole numbers). */
export const convictionTier = (conviction: number): ConvictionTier =>
  conviction >= 90 ? 'strong' : conviction >= 75 ? 'high' : conviction >= 50 ? 'mid' : 'low';

export const TIERS: readonly { tier: ConvictionTier; label: string; min: number; max: number }[] = [
  { tier: 'strong', label: '≥ 90', min: 90, max: 100 },
  { tier: 'high', label: '75–89', min: 75, max: 89 },
  { tier: 'mid', label: '50–74', min: 50, max: 74 },
  { tier: 'low', label: '< 50', min: 0, max: 49 },
];
