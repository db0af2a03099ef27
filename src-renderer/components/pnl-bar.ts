import type { BotState } from '../../src-shared/bot-state';
import { clampPct, formatPct } from '../format/format';

export interface PnlBar {
  /** profit: green; loss: red; warning: amber (≥ warnAtPct of the limit used); breach: limit reached. */
  tone: 'profit' | 'loss' | 'warning' | 'breach';
  /** Bar width, 0–100. */
  width: number;
  label: string;
}

/**
 * The Today's-P&L bar: a gauge toward the daily loss limit, filled with the share of it used
 * (what its label says). A winning day has used none of it: an empty gauge in the profit tone.
 */
export function pnlBar(state: Pick<BotState, 'dailyPnl' | 'dailyLossLimitUsedPct'>, warnAtPct = 80): PnlBar {
  const used = clampPct(state.dailyLossLimitUsedPct);
  const label = `${formatPct(used, 0)} of daily loss limit used`;
  if (Number.isFinite(state.dailyPnl) && state.dailyPnl > 0) return { tone: 'profit', width: 0, label };
  if (used >= 100) return { tone: 'breach', width: 100, label: 'Daily loss limit reached' };
  return { tone: used >= warnAtPct ? 'warning' : 'loss', width: used, label };
}
