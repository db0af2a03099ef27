import type { InstrumentType } from '../../../src-shared/positions';

export interface SplitSlice {
  key: InstrumentType;
  label: string;
  pnl: number;
  /** Share of the total |P&L|, 0…1 (what the donut draws). */
  share: number;
  /** The share in percent to one decimal; the slices add up to exactly 100.0 when there is P&L. */
  pct: number;
}

export interface InstrumentSplit {
  slices: SplitSlice[];
  net: number;
  /** False when every instrument is at $0 (nothing to split). */
  hasPnl: boolean;
}

export const INSTRUMENT_LABELS: Record<InstrumentType, string> = {
  option: 'Options',
  leveraged_etf: 'Leveraged ETFs',
  stock: 'Stocks',
};
const ORDER: InstrumentType[] = ['option', 'leveraged_etf', 'stock'];

/**
 * Splits the P&L by instrument type by size: each slice is its |P&L| over the sum of |P&L|, so
 * a loss takes room like a gain (the legend shows which is which). Percentages are rounded by
 * largest remainder to tenths so they always total 100.0.
 */
export function instrumentSplit(pnlByInstrument: Partial<Record<InstrumentType, number>>): InstrumentSplit {
  const pnls = ORDER.map((key) => {
    const v = pnlByInstrument[key];
    return { key, pnl: v !== undefined && Number.isFinite(v) ? v : 0 };
  });
  const total = pnls.reduce((sum, p) => sum + Math.abs(p.pnl), 0);
  const net = pnls.reduce((sum, p) => sum + p.pnl, 0);
  if (total === 0) {
    return {
      slices: pnls.map((p) => ({ ...p, label: INSTRUMENT_LABELS[p.key], share: 0, pct: 0 })),
      net,
      hasPnl: false,
    };
  }
  const raw = pnls.map((p) => (Math.abs(p.pnl) / total) * 1000);
  const tenths = raw.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    tenths[i] = (tenths[i] ?? 0) + 1;
    left -= 1;
  }
  return {
    slices: pnls.map((p, i) => ({
      ...p,
      label: INSTRUMENT_LABELS[p.key],
      share: Math.abs(p.pnl) / total,
      pct: (tenths[i] ?? 0) / 10,
    })),
    net,
    hasPnl: true,
  };
}
