import type { BotConfig } from '../../src-shared/config-schema';

/** The size the conviction bucket allows: full (≥ 75 by default) or half (50–74). */
export type SizeBucket = 'full' | 'half';

/** The risk settings sizing reads. */
export type SizingRisk = Pick<BotConfig['risk'], 'riskPerTradePct' | 'maxPositionPct'>;

/** What one unit (share or contract) of a planned position risks and costs, in dollars. */
export interface UnitEconomics {
  equity: number;
  /** Dollars lost per unit if the stop is hit (> 0). */
  riskPerUnit: number;
  /** Dollars paid per unit at entry (> 0). */
  costPerUnit: number;
}

// Quotients such as 500 / 2.5 can land a hair below the whole number in floating point;
// flooring them must not lose a unit.
const FLOOR_TOLERANCE = 1e-9;
const floorUnits = (x: number): number => Math.max(0, Math.floor(x + FLOOR_TOLERANCE));

/** Dollars at risk per trade: riskPerTradePct % of equity. */
export function riskBudget(equity: number, risk: SizingRisk): number {
  return (equity * risk.riskPerTradePct) / 100;
}

/** Whole units that fit in one position of at most maxPositionPct % of equity. */
export function affordableUnits(u: Pick<UnitEconomics, 'equity' | 'costPerUnit'>, risk: SizingRisk): number {
  if (!(u.equity > 0) || !(u.costPerUnit > 0)) return 0;
  return floorUnits((u.equity * risk.maxPositionPct) / 100 / u.costPerUnit);
}

/**
 * Units for one entry: floor(risk budget / risk per unit), capped by the maximum position
 * size. Half size halves the capped figure, so a half-size trade is half of what the same
 * signal would buy at full size even when the cap binds.
 */
export function unitsForRisk(u: UnitEconomics, size: SizeBucket, risk: SizingRisk): number {
  if (!(u.riskPerUnit > 0)) return 0;
  const byRisk = floorUnits(riskBudget(u.equity, risk) / u.riskPerUnit);
  const full = Math.min(byRisk, affordableUnits(u, risk));
  return size === 'half' ? Math.floor(full / 2) : full;
}
