import { describe, expect, it } from 'vitest';
import { DailyLossMonitor } from '../../src-main/engine/daily-loss-monitor';

// Defaults: limit 3 % of $50,000 = $1,500, warning at 80 % of it = $1,200, streak warning at 3.
const limits = { dailyLossLimitPct: 3, dailyLossWarningPct: 80, consecutiveLossWarning: 3 };
const day = (equity: number, sessionDate = '2026-11-24') => ({ sessionDate, startingEquity: 50_000, equity });
const kinds = (signals: { kind: string }[]) => signals.map((s) => s.kind);

describe('DailyLossMonitor', () => {
  it('warns once at 80 % of the daily loss limit, not before', () => {
    const m = new DailyLossMonitor(limits);
    expect(m.update(day(48_800.01))).toEqual([]);
    expect(m.update(day(48_800))).toEqual([
      { kind: 'warning', loss: 1_200, limit: 1_500, message: 'Daily loss $1,200.00 is 80 % of the limit $1,500.00' },
    ]);
    expect(m.update(day(48_700))).toEqual([]);
  });

  it('signals the limit once at 100 %', () => {
    const m = new DailyLossMonitor(limits);
    m.update(day(48_700));
    expect(m.update(day(48_500.01))).toEqual([]);
    expect(m.update(day(48_500))).toMatchObject([{ kind: 'limit', loss: 1_500, limit: 1_500 }]);
    expect(m.update(day(48_000))).toEqual([]);
  });

  it('gives both the warning and the limit when one bar crosses both', () => {
    expect(kinds(new DailyLossMonitor(limits).update(day(48_000)))).toEqual(['warning', 'limit']);
  });

  it('starts over on a new session date', () => {
    const m = new DailyLossMonitor(limits);
    m.update(day(48_000));
    expect(kinds(m.update(day(48_000, '2026-11-25')))).toEqual(['warning', 'limit']);
  });

  it('reports a new daily P&L high only when it beats the last reported high by at least $1', () => {
    const m = new DailyLossMonitor(limits);
    expect(m.update(day(50_000.99))).toEqual([]);
    expect(m.update(day(50_001))).toEqual([{ kind: 'new_high', pnl: 1, message: 'New daily P&L high: $1.00' }]);
    expect(m.update(day(50_001.5))).toEqual([]);
    expect(m.update(day(50_000))).toEqual([]);
    expect(kinds(m.update(day(50_002)))).toEqual(['new_high']);
    expect(m.update(day(50_002.99))).toEqual([]);
  });

  it('warns once per streak of consecutive losses; a win or scratch ends the streak', () => {
    const m = new DailyLossMonitor(limits);
    expect(m.recordTrade(-10)).toEqual([]);
    expect(m.recordTrade(-10)).toEqual([]);
    expect(m.recordTrade(-10)).toEqual([
      { kind: 'consecutive_losses', count: 3, message: '3 consecutive losing trades' },
    ]);
    expect(m.recordTrade(-10)).toEqual([]);
    expect(m.recordTrade(0)).toEqual([]);
    m.recordTrade(-1);
    m.recordTrade(-1);
    expect(kinds(m.recordTrade(-1))).toEqual(['consecutive_losses']);
  });

  it('uses new limits after setLimits', () => {
    const m = new DailyLossMonitor(limits);
    m.setLimits({ ...limits, dailyLossLimitPct: 1 });
    expect(kinds(m.update(day(49_500)))).toEqual(['warning', 'limit']);
  });
});
