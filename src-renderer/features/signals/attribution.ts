import type { Timeframe } from '../../../src-shared/market';
import type { InstrumentType, Position, TradeType } from '../../../src-shared/positions';
import {
  SIGNAL_OUTCOMES,
  SIGNAL_TYPES,
  type SignalOutcome,
  type SignalType,
  type TradeSignal,
} from '../../../src-shared/signals';
import type { TradeRecord } from '../../../src-shared/trades';

const MINUTE = 60_000;
const BAR_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '10m': 10 * MINUTE,
  '1h': 60 * MINUTE,
  '1d': 24 * 60 * MINUTE,
};

/** A trade or an open position, as far as attribution is concerned. */
export interface Execution {
  kind: 'closed' | 'open';
  id: string;
  ticker: string;
  instrumentType: InstrumentType;
  tradeType: TradeType;
  direction: 'long' | 'short';
  quantity: number;
  signalType: SignalType | null;
  conviction: number | null;
  timeframe: string;
  entryTime: number;
  /** Realized P&L of a closed trade; unrealized (plus partial exits) of an open position. */
  pnl: number;
  /** Open positions name their signal; closed trades do not. */
  signalId: string | null;
}

export const fromTrade = (t: TradeRecord): Execution => ({
  kind: 'closed',
  id: t.id,
  ticker: t.ticker,
  instrumentType: t.instrumentType,
  tradeType: t.tradeType,
  direction: t.direction,
  quantity: t.quantity,
  signalType: t.signalType,
  conviction: t.conviction,
  timeframe: t.timeframe,
  entryTime: t.entryTime,
  pnl: t.pnl,
  signalId: null,
});

export const fromPosition = (p: Position): Execution => ({
  kind: 'open',
  id: p.id,
  ticker: p.ticker,
  instrumentType: p.instrumentType,
  tradeType: p.tradeType,
  direction: p.direction,
  quantity: p.quantity,
  signalType: p.signalType,
  conviction: p.conviction,
  timeframe: p.timeframe,
  entryTime: p.entryTime,
  pnl: p.unrealizedPnl + p.realizedPnl,
  signalId: p.signalId,
});

/**
 * Leveraged ETF → the tickers whose signals trade it, from the configured sector map
 * (QQQ → TQQQ/SQQQ gives TQQQ → [QQQ] and SQQQ → [QQQ]).
 */
export function underlyingsByEtf(sectorMap: Record<string, { bull: string; bear: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [underlying, pair] of Object.entries(sectorMap)) {
    for (const etf of [pair.bull, pair.bear]) out.set(etf, [...(out.get(etf) ?? []), underlying]);
  }
  return out;
}

const executed = (s: TradeSignal): boolean => s.outcome === 'EXECUTED' || s.outcome === 'EXECUTED_HALF';

/**
 * Whether an execution can come from a signal: same signal type and timeframe, the signal's
 * ticker (or, for a leveraged ETF, one of its underlyings), a stock's side the signal's
 * direction (a put or an inverse ETF is bought on a bearish signal), and the entry within the
 * bar after the signal closed (entries fill at the next bar's open; a minute of slack either side).
 */
function couldCome(e: Execution, s: TradeSignal, etfs: ReadonlyMap<string, readonly string[]>): boolean {
  if (e.signalType !== s.type || e.timeframe !== s.timeframe) return false;
  if (e.ticker !== s.ticker && !(etfs.get(e.ticker) ?? []).includes(s.ticker)) return false;
  if (e.instrumentType === 'stock' && e.direction !== s.direction) return false;
  return e.entryTime >= s.time - MINUTE && e.entryTime <= s.time + BAR_MS[s.timeframe] + MINUTE;
}

/** Lower is better: the same conviction first, then the nearest entry. */
const score = (e: Execution, s: TradeSignal): number =>
  (e.conviction !== null && e.conviction === s.conviction ? 0 : 1e12) + Math.abs(e.entryTime - s.time);

export type AttributionResult = 'open' | 'won' | 'lost' | 'flat' | 'mixed';

export interface SignalAttribution {
  signal: TradeSignal;
  executions: Execution[];
  /** P&L over its executions: realized for closed ones, unrealized for open ones. */
  pnl: number;
  result: AttributionResult;
}

export interface Attribution {
  /** Executed signals in the window that became trades or positions, by signal id. */
  bySignal: Map<string, SignalAttribution>;
  /** Trades and positions no signal in the window accounts for (older signals, manual entries). */
  unattributed: Execution[];
}

function resultOf(executions: readonly Execution[], pnl: number): AttributionResult {
  const open = executions.filter((e) => e.kind === 'open').length;
  if (open === executions.length) return 'open';
  if (open > 0) return 'mixed';
  return pnl > 0 ? 'won' : pnl < 0 ? 'lost' : 'flat';
}

/**
 * Joins trades and open positions to the executed signals they came from. A position that
 * names its signal is joined by id; everything else by ticker + signal type + timeframe + entry
 * within the signal's bar, each execution to its best signal (same conviction, nearest time).
 */
export function attribute(
  signals: readonly TradeSignal[],
  executions: readonly Execution[],
  etfs: ReadonlyMap<string, readonly string[]> = new Map(),
): Attribution {
  const candidates = signals.filter(executed);
  const byId = new Map(candidates.map((s) => [s.id, s]));
  const joined = new Map<string, Execution[]>();
  const unattributed: Execution[] = [];
  for (const e of executions) {
    let best: TradeSignal | undefined = e.signalId ? byId.get(e.signalId) : undefined;
    if (!best && !e.signalId) {
      let bestScore = Infinity;
      for (const s of candidates) {
        if (!couldCome(e, s, etfs)) continue;
        const sc = score(e, s);
        if (sc < bestScore) {
          bestScore = sc;
          best = s;
        }
      }
    }
    if (best) joined.set(best.id, [...(joined.get(best.id) ?? []), e]);
    else unattributed.push(e);
  }
  const bySignal = new Map<string, SignalAttribution>();
  for (const [id, list] of joined) {
    const pnl = list.reduce((sum, e) => sum + (Number.isFinite(e.pnl) ? e.pnl : 0), 0);
    bySignal.set(id, { signal: byId.get(id)!, executions: list, pnl, result: resultOf(list, pnl) });
  }
  return { bySignal, unattributed };
}

// ── Today's figures ─────────────────────────────────────────────────────────────────

export interface TypeStats {
  /** null: trades opened by hand. */
  type: SignalType | null;
  trades: number;
  wins: number;
  losses: number;
  /** Fraction 0–1 of trades that made money; null with no trades. */
  winRate: number | null;
  pnl: number;
}

/** Win rate and P&L per signal type over today's closed trades; types without trades left out. */
export function winRateByType(trades: readonly TradeRecord[]): TypeStats[] {
  const stats = new Map<SignalType | null, TypeStats>();
  for (const t of trades) {
    const s = stats.get(t.signalType) ?? { type: t.signalType, trades: 0, wins: 0, losses: 0, winRate: null, pnl: 0 };
    s.trades++;
    if (t.pnl > 0) s.wins++;
    else if (t.pnl < 0) s.losses++;
    if (Number.isFinite(t.pnl)) s.pnl += t.pnl;
    s.winRate = s.wins / s.trades;
    stats.set(t.signalType, s);
  }
  const order = (type: SignalType | null) => (type === null ? SIGNAL_TYPES.length : SIGNAL_TYPES.indexOf(type));
  return [...stats.values()].sort((a, b) => order(a.type) - order(b.type));
}

/** How many signals of the window ended each way. */
export function countByOutcome(signals: readonly TradeSignal[]): Record<SignalOutcome, number> {
  const counts = Object.fromEntries(SIGNAL_OUTCOMES.map((o) => [o, 0])) as Record<SignalOutcome, number>;
  for (const s of signals) counts[s.outcome]++;
  return counts;
}
