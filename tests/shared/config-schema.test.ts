import { describe, expect, it } from 'vitest';
import { BotConfigSchema, defaultConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';

describe('BotConfigSchema', () => {
  it('yields the DESIGN §2 defaults from an empty object', () => {
    const c = defaultConfig();
    expect(c.clouds.fast).toEqual({ short: 5, long: 12 });
    expect(c.clouds.pullback).toEqual({ short: 8, long: 9 });
    expect(c.clouds.trend).toEqual({ short: 34, long: 50 });
    expect(c.clouds.macro).toEqual({ short: 72, long: 89 });
    expect(c.clouds.source).toBe('hl2');
    expect(c.risk.riskPerTradePct).toBe(1);
    expect(c.risk.maxPositionPct).toBe(20);
    expect(c.risk.maxExposurePct).toBe(80);
    expect(c.risk.maxOpenPositions).toBe(8);
    expect(c.risk.maxTradesPerDay).toBe(30);
    expect(c.risk.dailyLossLimitPct).toBe(3);
    expect(c.options.targetDelta).toBe(0.4);
    expect(c.options.zeroDteCutoff).toBe('14:00');
    expect(c.leveragedEtf.sectorMap.QQQ).toEqual({ bull: 'TQQQ', bear: 'SQQQ' });
    expect(c.broker.primary).toBe('paper');
    expect(c.dashboard).toEqual({
      refreshIntervalSeconds: 5,
      pnlChartLookbackDays: 30,
      maxSignalsDisplayed: 50,
      maxEventsDisplayed: 100,
      enableSoundAlerts: true,
      paperMode: true,
      requireConfirmationForLive: true,
      colorBlindSafe: false,
    });
  });

  it('rejects unknown keys with their path', () => {
    const r = BotConfigSchema.safeParse({ risk: { maxLeverage: 10 } });
    expect(r.success).toBe(false);
  });
});

describe('applyConfigPatch', () => {
  it('applies a valid patch and reports the diff of what changed', () => {
    const r = applyConfigPatch(defaultConfig(), { risk: { maxOpenPositions: 5 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.risk.maxOpenPositions).toBe(5);
    expect(r.config.risk.maxTradesPerDay).toBe(30);
    expect(r.diff).toEqual([{ path: 'risk.maxOpenPositions', from: 8, to: 5 }]);
  });

  it('rejects an invalid patch whole, naming every bad field', () => {
    const base = defaultConfig();
    const r = applyConfigPatch(base, {
      risk: { maxOpenPositions: -1, dailyLossLimitPct: 'lots' },
      clouds: { fast: { short: 12, long: 5 } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('risk.maxOpenPositions');
    expect(paths).toContain('risk.dailyLossLimitPct');
    expect(paths).toContain('clouds.fast');
    expect(base.risk.maxOpenPositions).toBe(8);
  });

  it('refuses a patch that is not an object', () => {
    expect(applyConfigPatch(defaultConfig(), [1, 2]).ok).toBe(false);
    expect(applyConfigPatch(defaultConfig(), null).ok).toBe(false);
  });

  it('ignores prototype-polluting keys', () => {
    const r = applyConfigPatch(defaultConfig(), JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
