import { z } from 'zod';
import { TIMEFRAMES } from './market';
import { INSTRUMENT_MODES } from './bot-state';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h, New York time)');
const isoDate = z.iso.date();
const ticker = z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'expected an upper-case ticker such as SPY');
const pct = (max: number) => z.number().positive().max(max);
const timeframe = z.enum(TIMEFRAMES);

const emaPair = z
  .strictObject({ short: z.number().int().min(1).max(500), long: z.number().int().min(2).max(500) })
  .refine((p) => p.short < p.long, { message: 'short period must be below the long period' });

const cloudsSchema = z.strictObject({
  source: z.enum(['hl2', 'close']).default('hl2'),
  fast: emaPair.default({ short: 5, long: 12 }),
  pullback: emaPair.default({ short: 8, long: 9 }),
  trend: emaPair.default({ short: 34, long: 50 }),
  macro: emaPair.default({ short: 72, long: 89 }),
  timeframes: z
    .array(timeframe)
    .min(1)
    .default([...TIMEFRAMES]),
});

const universeSchema = z.strictObject({
  tickers: z
    .array(ticker)
    .min(1)
    .max(500)
    .default(['SPY', 'QQQ', 'IWM', 'NVDA', 'AAPL', 'MSFT', 'TSLA', 'AMD', 'META', 'AMZN']),
  scalpUnderlyings: z.array(ticker).default(['SPY', 'QQQ', 'IWM']),
  filters: z
    .strictObject({
      minPrice: z.number().nonnegative().default(5),
      minAvgVolume: z.number().nonnegative().default(1_000_000),
      minAtrPct: z.number().nonnegative().default(0.5),
    })
    .prefault({}),
});

const signalsSchema = z.strictObject({
  cooldownBars: z.number().int().min(0).max(100).default(3),
  confluenceMinTimeframes: z.number().int().min(2).max(5).default(3),
  confluenceTimeframes: z.array(timeframe).min(2).default(['5m', '10m', '1h', '1d']),
  fullSizeMinConviction: z.number().int().min(0).max(100).default(75),
  halfSizeMinConviction: z.number().int().min(0).max(100).default(50),
  highConvictionAlert: z.number().int().min(0).max(100).default(90),
});

const riskSchema = z.strictObject({
  riskPerTradePct: pct(10).default(1),
  maxPositionPct: pct(100).default(20),
  maxExposurePct: pct(400).default(80),
  maxOpenPositions: z.number().int().min(1).max(100).default(8),
  maxTradesPerDay: z.number().int().min(1).max(1000).default(30),
  dailyLossLimitPct: pct(50).default(3),
  dailyLossWarningPct: pct(100).default(80),
  consecutiveLossWarning: z.number().int().min(2).max(50).default(3),
  staleDataSeconds: z.number().int().min(10).max(3600).default(120),
  pdtMinEquity: z.number().nonnegative().default(25_000),
  minStopAtr: z.number().positive().max(10).default(1),
  targetR: z.number().positive().max(20).default(2),
  allowShortStocks: z.boolean().default(false),
});

const optionsSchema = z.strictObject({
  targetDelta: z.number().min(0.05).max(0.95).default(0.4),
  minDelta: z.number().min(0.05).max(0.95).default(0.3),
  maxDelta: z.number().min(0.05).max(0.95).default(0.5),
  zeroDteCutoff: timeOfDay.default('14:00'),
  impliedVolatility: z.number().positive().max(5).default(0.2),
  riskFreeRate: z.number().min(0).max(0.25).default(0.045),
  profitTargetPct: pct(1000).default(30),
  stopLossPct: pct(100).default(25),
  flatBy: timeOfDay.default('15:45'),
  commissionPerContract: z.number().nonnegative().default(0.65),
});

const etfPair = z.strictObject({ bull: ticker, bear: ticker });
const leveragedEtfSchema = z.strictObject({
  leverage: z.number().int().min(2).max(3).default(3),
  sectorMap: z.record(ticker, etfPair).default({
    QQQ: { bull: 'TQQQ', bear: 'SQQQ' },
    SPY: { bull: 'SPXL', bear: 'SPXS' },
    IWM: { bull: 'TNA', bear: 'TZA' },
    SMH: { bull: 'SOXL', bear: 'SOXS' },
    NVDA: { bull: 'SOXL', bear: 'SOXS' },
    AMD: { bull: 'SOXL', bear: 'SOXS' },
    XLF: { bull: 'FAS', bear: 'FAZ' },
  }),
  holdLimitMinutes: z.number().int().min(1).max(390).default(30),
  flatBy: timeOfDay.default('15:55'),
});

const brokerSchema = z.strictObject({
  primary: z.enum(['paper', 'alpaca']).default('paper'),
  fallback: z.enum(['none', 'paper', 'alpaca']).default('none'),
  dataFeed: z.enum(['synthetic', 'replay', 'alpaca']).default('synthetic'),
  alpacaDataSource: z.enum(['iex', 'sip']).default('iex'),
  /** Alpaca's request budget per account (200 a minute) and the share ordinary requests may use. */
  alpacaRequestsPerMinute: z.number().int().min(10).max(10_000).default(200),
  /** The rest is kept for the kill switch (cancels and flattening orders). */
  alpacaNormalShare: z.number().min(0.1).max(0.95).default(0.8),
  startingEquity: z.number().positive().max(1e9).default(50_000),
  slippageBps: z.number().min(0).max(100).default(2),
  commissionPerShare: z.number().nonnegative().default(0),
  partialFills: z.boolean().default(false),
});

const killSwitchSchema = z.strictObject({
  closeDayTradesOnKill: z.boolean().default(true),
  autoKillOnDailyLoss: z.boolean().default(true),
  hotkey: z.string().min(1).max(60).default('CommandOrControl+Shift+K'),
});

const scheduleSchema = z.strictObject({
  timezone: z.literal('America/New_York').default('America/New_York'),
  marketOpen: timeOfDay.default('09:30'),
  marketClose: timeOfDay.default('16:00'),
  preMarketScan: z.boolean().default(true),
  preMarketScanAt: timeOfDay.default('09:00'),
  dayTradeFlatBy: timeOfDay.default('15:55'),
  fomcDates: z.array(isoDate).default(['2026-12-09', '2027-01-27', '2027-03-17']),
  fomcBlackoutStart: timeOfDay.default('13:30'),
  fomcBlackoutEnd: timeOfDay.default('15:00'),
  holidays: z.array(isoDate).default(['2026-11-26', '2026-12-25', '2027-01-01', '2027-01-18']),
  halfDays: z.array(isoDate).default(['2026-11-27', '2026-12-24']),
  halfDayClose: timeOfDay.default('13:00'),
});

const simulationSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /** Simulated minutes per real second. */
  speed: z.number().min(0.0167).max(600).default(30),
  startTime: timeOfDay.default('09:30'),
});

/** The PRD's DashboardConfig (camelCase). */
export const DashboardConfigSchema = z.strictObject({
  refreshIntervalSeconds: z.number().int().min(1).max(300).default(5),
  pnlChartLookbackDays: z.number().int().min(1).max(3650).default(30),
  maxSignalsDisplayed: z.number().int().min(1).max(1000).default(50),
  maxEventsDisplayed: z.number().int().min(1).max(5000).default(100),
  enableSoundAlerts: z.boolean().default(true),
  // Safety invariants (DESIGN §3), kept as settings the PRD names: always on, not editable.
  paperMode: z.literal(true).default(true),
  requireConfirmationForLive: z.literal(true).default(true),
  colorBlindSafe: z.boolean().default(false),
});
export type DashboardConfig = z.infer<typeof DashboardConfigSchema>;

/**
 * The whole bot configuration. Every number of DESIGN §2 is here with its default;
 * `BotConfigSchema.parse({})` yields the defaults. Unknown keys are rejected.
 */
export const BotConfigSchema = z
  .strictObject({
    instrumentMode: z.enum(INSTRUMENT_MODES).default('both'),
    universe: universeSchema.prefault({}),
    clouds: cloudsSchema.prefault({}),
    signals: signalsSchema.prefault({}),
    risk: riskSchema.prefault({}),
    options: optionsSchema.prefault({}),
    leveragedEtf: leveragedEtfSchema.prefault({}),
    broker: brokerSchema.prefault({}),
    killSwitch: killSwitchSchema.prefault({}),
    schedule: scheduleSchema.prefault({}),
    simulation: simulationSchema.prefault({}),
    dashboard: DashboardConfigSchema.prefault({}),
  })
  .superRefine((c, ctx) => {
    if (!(c.options.minDelta <= c.options.targetDelta && c.options.targetDelta <= c.options.maxDelta)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'targetDelta'],
        message: 'target delta must lie within min and max delta',
      });
    }
    if (c.signals.halfSizeMinConviction > c.signals.fullSizeMinConviction) {
      ctx.addIssue({
        code: 'custom',
        path: ['signals', 'halfSizeMinConviction'],
        message: 'half-size threshold must not exceed the full-size threshold',
      });
    }
    const alpacaBroker = c.broker.primary === 'alpaca' || c.broker.fallback === 'alpaca';
    if (alpacaBroker && c.broker.dataFeed !== 'alpaca') {
      ctx.addIssue({
        code: 'custom',
        path: ['broker', 'dataFeed'],
        message: 'the Alpaca broker trades real prices: choose Alpaca market data',
      });
    }
    if (c.broker.fallback === c.broker.primary) {
      ctx.addIssue({
        code: 'custom',
        path: ['broker', 'fallback'],
        message: 'the fallback must differ from the primary',
      });
    }
    if (c.schedule.marketOpen >= c.schedule.marketClose) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'marketClose'],
        message: 'market close must be after the open',
      });
    }
  });

export type BotConfig = z.infer<typeof BotConfigSchema>;

/** The default configuration: simulated market, paper broker. */
export function defaultConfig(): BotConfig {
  return BotConfigSchema.parse({});
}
