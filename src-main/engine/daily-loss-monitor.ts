import type { BotConfig } from '../../src-shared/config-schema';
import { usd } from '../../src-shared/money-text';

/** The limits the monitor reads (config `risk`). */
export type DailyLossLimits = Pick<
  BotConfig['risk'],
  'dailyLossLimitPct' | 'dailyLossWarningPct' | 'consecutiveLossWarning'
>;

/**
 * What the monitor reports. The engine turns them into events and alerts: 'warning' → the
 * "daily loss at 80 %" alert, 'limit' → the automatic kill (the controller persists it),
 * 'consecutive_losses' → the streak warning, 'new_high' → the "new daily P&L high" alert.
 * Losses, limits and P&L are in dollars.
 */
export type DailyLossSignal =
  | { kind: 'warning'; loss: number; limit: number; message: string }
  | { kind: 'limit'; loss: number; limit: number; message: string }
  | { kind: 'consecutive_losses'; count: number; message: string }
  | { kind: 'new_high'; pnl: number; message: string };

/** The figures of one bar. */
export interface DailyEquity {
  /** NY session date; a new date starts a new day (warnings and the high reset). */
  sessionDate: string;
  /** Equity at the start of the day: the base of the limit. */
  startingEquity: number;
  equity: number;
}

/** A new daily high is reported only when it beats the last reported one by this much. */
const NEW_HIGH_STEP = 1;

/**
 * Watches the day's P&L against the daily loss limit (DESIGN §2: limit = dailyLossLimitPct %
 * of the day's starting equity, warning at dailyLossWarningPct % of it) and the streak of
 * losing trades. Each signal fires once: warning and limit once a day, the streak warning
 * once per streak, a new high only when the P&L beats the last reported high by ≥ $1.
 * Pure: the engine calls `update` each bar and `recordTrade` for each closed trade.
 */
export class DailyLossMonitor {
  private day: string | null = null;
  private warned = false;
  private limited = false;
  private reportedHigh = 0;
  private streak = 0;
  private streakWarned = false;

  constructor(private limits: DailyLossLimits) {}

  /** Replaces the limits (config hot update); what already fired today stays fired. */
  setLimits(limits: DailyLossLimits): void {
    this.limits = limits;
  }

  update(e: DailyEquity): DailyLossSignal[] {
    if (e.sessionDate !== this.day) {
      this.day = e.sessionDate;
      this.warned = this.limited = false;
      this.reportedHigh = 0;
    }
    const signals: DailyLossSignal[] = [];
    const limit = (e.startingEquity * this.limits.dailyLossLimitPct) / 100;
    const warnAt = (limit * this.limits.dailyLossWarningPct) / 100;
    const pnl = e.equity - e.startingEquity;
    const loss = -pnl;
    if (!this.warned && loss >= warnAt) {
      this.warned = true;
      const share = Math.round((loss / limit) * 100);
      signals.push({
        kind: 'warning',
        loss,
        limit,
        message: `Daily loss ${usd(loss)} is ${share} % of the limit ${usd(limit)}`,
      });
    }
    if (!this.limited && loss >= limit) {
      this.limited = true;
      signals.push({
        kind: 'limit',
        loss,
        limit,
        message: `Daily loss limit reached: ${usd(loss)} ≥ ${usd(limit)}`,
      });
    }
    if (pnl >= this.reportedHigh + NEW_HIGH_STEP) {
      this.reportedHigh = pnl;
      signals.push({ kind: 'new_high', pnl, message: `New daily P&L high: ${usd(pnl)}` });
    }
    return signals;
  }

  /** Counts a closed trade's net P&L into the losing streak; any non-loss ends the streak. */
  recordTrade(pnl: number): DailyLossSignal[] {
    if (pnl >= 0) {
      this.streak = 0;
      this.streakWarned = false;
      return [];
    }
    this.streak++;
    if (this.streakWarned || this.streak < this.limits.consecutiveLossWarning) return [];
    this.streakWarned = true;
    return [{ kind: 'consecutive_losses', count: this.streak, message: `${this.streak} consecutive losing trades` }];
  }
}
