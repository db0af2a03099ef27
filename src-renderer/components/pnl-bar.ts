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
 * The Today's-P&L bar. On a losing day it fills with the share of the daily loss limit used;
 * on a winning day it is green, sized by the profit against the same limit.
 */
export function pnlBar(
  state: Pick<BotState, 'dailyPnl' | 'dailyPnlPct' | 'dailyLossLimitUsedPct'>,
  dailyLossLimitPct: number,
  warnAtPct = 80,
): PnlBar {
  const used = clampPct(state.dailyLossLimitUsedPct);
  const label = `${formatPct(used, 0)} of daily loss limit used`;
  if (Number.isFinite(state.dailyPnl) && state.dailyPnl > 0) {
    const width = dailyLossLimitPct > 0 ? clampPct((state.dailyPnlPct / dailyLossLimitPct) * 100) : 0;
    return { tone: 'profit', width, label };
  }
  if (used >= 100) return { tone: 'breach', width: 100, label: 'Daily loss limit reached' };
  return { tone: used >= warnAtPct ? 'warning' : 'loss', width: used, label };
}
