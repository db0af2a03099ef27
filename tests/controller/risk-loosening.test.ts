import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';
import { loosenedRiskLimits } from '../../src-main/controller/risk-loosening';

const patched = (patch: Record<string, unknown>) => {
  const r = applyConfigPatch(defaultConfig(), patch);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

describe('loosenedRiskLimits', () => {
  it('names larger limits, smaller floors, shorts allowed, the auto-kill off and FOMC dates removed', () => {
    const base = defaultConfig();
    const next = patched({
      risk: { riskPerTradePct: 2, maxOpenPositions: 12, pdtMinEquity: 0, allowShortStocks: true },
      killSwitch: { autoKillOnDailyLoss: false },
      schedule: { fomcDates: [] },
    });
    expect(loosenedRiskLimits(base, next).sort()).toEqual(
      [
        'risk.riskPerTradePct',
        'risk.maxOpenPositions',
        'risk.pdtMinEquity',
        'risk.allowShortStocks',
        'killSwitch.autoKillOnDailyLoss',
        'schedule.fomcDates',
      ].sort(),
    );
  });

  it('lets tightening and unrelated changes through without confirmation', () => {
    const next = patched({
      risk: { riskPerTradePct: 0.5, dailyLossLimitPct: 2, minStopAtr: 1.5 },
      dashboard: { refreshIntervalSeconds: 10 },
    });
    expect(loosenedRiskLimits(defaultConfig(), next)).toEqual([]);
  });
});
