import type { InstrumentMode } from '../../../src-shared/bot-state';

/** How one setting is presented; its input, limits and validation come from the shared schema. */
export interface FieldMeta {
  /** Dotted path in BotConfig. */
  path: string;
  label: string;
  /** One short sentence a trader understands. */
  help?: string;
  /** Shown after the input: "% of equity", "min", "ET"… */
  unit?: string;
  /** Labels of a choice's options (and of a list of choices). */
  options?: Record<string, string>;
  /** For choices shown as cards: one line per option. */
  optionHelp?: Record<string, string>;
  /** Spans the whole width of its section. */
  wide?: boolean;
}

export interface SectionMeta {
  id: string;
  title: string;
  intro: string;
  fields: FieldMeta[];
  /** Shown only while the edited instrument mode is one of these. */
  modes?: readonly InstrumentMode[];
}

const ET = 'ET';
const TIMEFRAME_LABELS = { '1m': '1 min', '5m': '5 min', '10m': '10 min', '1h': '1 hour', '1d': 'Daily' };

export const INSTRUMENT_MODE_OPTIONS: Record<InstrumentMode, string> = {
  options: 'Options',
  leveraged_etf: 'Leveraged ETF',
  both: 'Both',
};

/** Every configuration group of the shared schema, in the order a trader reads them. */
export const SECTIONS: readonly SectionMeta[] = [
  {
    id: 'instrument',
    title: 'Instrument mode',
    intro:
      'What the bot trades on scalp signals (1m/5m on the scalp underlyings and the sector-map tickers). Stock day and swing trades are not affected. A change applies to new signals only; open positions are managed to completion.',
    fields: [
      {
        path: 'instrumentMode',
        label: 'Scalp with',
        wide: true,
        options: INSTRUMENT_MODE_OPTIONS,
        optionHelp: {
          options:
            '0DTE calls on bullish signals and puts on bearish ones (1DTE after the cutoff). Long premium only, strike picked by delta.',
          leveraged_etf:
            '3× bull ETF on bullish signals, bear ETF on bearish ones (QQQ → TQQQ / SQQQ). Held minutes, not days.',
          both: 'Every scalp signal goes to both the options and the leveraged-ETF scalper.',
        },
      },
    ],
  },
  {
    id: 'options',
    title: 'Options scalping',
    intro: 'Contract selection and exits for option scalps. Paper and simulated fills are priced with Black–Scholes.',
    modes: ['options', 'both'],
    fields: [
      { path: 'options.targetDelta', label: 'Target delta', help: 'The strike nearest this delta is bought.' },
      { path: 'options.minDelta', label: 'Min delta', help: 'No strike with a smaller delta.' },
      { path: 'options.maxDelta', label: 'Max delta', help: 'No strike with a larger delta.' },
      {
        path: 'options.impliedVolatility',
        label: 'Implied volatility',
        unit: '0.20 = 20 %',
        help: 'Annualised; used to price contracts in paper mode.',
      },
      {
        path: 'options.riskFreeRate',
        label: 'Risk-free rate',
        unit: '0.045 = 4.5 %',
        help: 'Annual rate for pricing.',
      },
      {
        path: 'options.zeroDteCutoff',
        label: '0DTE cutoff',
        unit: ET,
        help: 'Before this time same-day expiries are bought, after it next-day ones.',
      },
      { path: 'options.profitTargetPct', label: 'Profit target', unit: '% of premium' },
      { path: 'options.stopLossPct', label: 'Stop loss', unit: '% of premium' },
      { path: 'options.flatBy', label: 'Flat by', unit: ET, help: 'Every option scalp is closed by this time.' },
      { path: 'options.commissionPerContract', label: 'Commission', unit: '$ / contract' },
    ],
  },
  {
    id: 'leveraged-etf',
    title: 'Leveraged ETF scalping',
    intro:
      'Which ETF a signal on an underlying trades. A scalp is stopped when the underlying closes back through its fast cloud.',
    modes: ['leveraged_etf', 'both'],
    fields: [
      { path: 'leveragedEtf.leverage', label: 'Preferred leverage', unit: '×', help: '2× or 3× funds.' },
      {
        path: 'leveragedEtf.holdLimitMinutes',
        label: 'Hold limit',
        unit: 'min',
        help: 'A scalp is closed after this long.',
      },
      { path: 'leveragedEtf.flatBy', label: 'Flat by', unit: ET, help: 'Every ETF scalp is closed by this time.' },
      {
        path: 'leveragedEtf.sectorMap',
        label: 'Sector map',
        wide: true,
        help: 'A signal on the underlying buys its bull ETF when bullish and its bear ETF when bearish.',
      },
    ],
  },
  {
    id: 'risk',
    title: 'Risk',
    intro: 'Every order passes the risk gate; a denial is logged with its reason.',
    fields: [
      {
        path: 'risk.riskPerTradePct',
        label: 'Risk per trade',
        unit: '% of equity',
        help: 'Size so that the stop loses at most this much.',
      },
      { path: 'risk.maxPositionPct', label: 'Max position size', unit: '% of equity' },
      {
        path: 'risk.maxExposurePct',
        label: 'Max total exposure',
        unit: '% of equity',
        help: 'All open positions together; above 100 % uses margin.',
      },
      { path: 'risk.maxOpenPositions', label: 'Max open positions' },
      { path: 'risk.maxTradesPerDay', label: 'Max trades per day' },
      {
        path: 'risk.dailyLossLimitPct',
        label: 'Daily loss limit',
        unit: '% of start equity',
        help: 'Reaching it kills the bot when auto-kill is on.',
      },
      {
        path: 'risk.dailyLossWarningPct',
        label: 'Loss warning at',
        unit: '% of the limit',
        help: 'Warns when this share of the daily limit is used.',
      },
      {
        path: 'risk.consecutiveLossWarning',
        label: 'Losing streak warning',
        unit: 'losses in a row',
      },
      {
        path: 'risk.staleDataSeconds',
        label: 'Stale data after',
        unit: 's',
        help: 'No entries when no bar arrived for this long in session.',
      },
      {
        path: 'risk.pdtMinEquity',
        label: 'PDT equity threshold',
        unit: '$',
        help: 'Below it the pattern-day-trader guard limits day trades.',
      },
      { path: 'risk.minStopAtr', label: 'Min stop distance', unit: '× ATR' },
      { path: 'risk.targetR', label: 'Day trade target', unit: 'R', help: 'Multiple of the risk taken at entry.' },
      {
        path: 'risk.allowShortStocks',
        label: 'Short stocks',
        help: 'Off: bearish stock signals only close longs.',
      },
    ],
  },
  {
    id: 'signals',
    title: 'Signals and conviction',
    intro: 'When a signal fires again, and how its conviction (0–100) decides the size.',
    fields: [
      { path: 'signals.fullSizeMinConviction', label: 'Full size from', unit: 'conviction' },
      {
        path: 'signals.halfSizeMinConviction',
        label: 'Half size from',
        unit: 'conviction',
        help: 'Below it: logged only.',
      },
      { path: 'signals.highConvictionAlert', label: 'High-conviction alert at', unit: 'conviction' },
      {
        path: 'signals.cooldownBars',
        label: 'Cooldown',
        unit: 'bars',
        help: 'A ticker/type/timeframe does not fire again sooner.',
      },
      {
        path: 'signals.confluenceMinTimeframes',
        label: 'Confluence needs',
        unit: 'timeframes',
        help: 'Trend clouds that must agree for MTF confluence.',
      },
      {
        path: 'signals.confluenceTimeframes',
        label: 'Confluence timeframes',
        options: TIMEFRAME_LABELS,
        wide: true,
      },
    ],
  },
  {
    id: 'clouds',
    title: 'EMA clouds',
    intro: 'Each cloud is a short/long EMA pair, bullish while the short EMA is at or above the long one.',
    fields: [
      { path: 'clouds.fast', label: 'Fast cloud', help: 'Entries and crosses.' },
      { path: 'clouds.pullback', label: 'Pullback cloud', help: 'Bounce entries.' },
      { path: 'clouds.trend', label: 'Trend cloud', help: 'The bias and risk line.' },
      { path: 'clouds.macro', label: 'Macro cloud', help: 'The big picture.' },
      {
        path: 'clouds.source',
        label: 'Price source',
        options: { hl2: 'HL2 (high + low) / 2', close: 'Close' },
      },
      { path: 'clouds.timeframes', label: 'Timeframes', options: TIMEFRAME_LABELS, wide: true },
    ],
  },
  {
    id: 'universe',
    title: 'Scan universe',
    intro: 'The tickers the bot watches; the pre-market scan keeps those that pass the filters.',
    fields: [
      { path: 'universe.tickers', label: 'Tickers', wide: true },
      {
        path: 'universe.scalpUnderlyings',
        label: 'Scalp underlyings',
        help: 'Their 1m/5m signals become option or ETF scalps.',
        wide: true,
      },
      { path: 'universe.filters.minPrice', label: 'Min price', unit: '$' },
      { path: 'universe.filters.minAvgVolume', label: 'Min average volume', unit: 'shares / day' },
      { path: 'universe.filters.minAtrPct', label: 'Min ATR', unit: '% of price' },
    ],
  },
  {
    id: 'broker',
    title: 'Broker and data',
    intro: 'Where orders go and where bars come from. Paper fills are simulated from the bars.',
    fields: [
      { path: 'broker.primary', label: 'Primary broker', options: { paper: 'Paper (simulated)', alpaca: 'Alpaca' } },
      {
        path: 'broker.fallback',
        label: 'Fallback broker',
        options: { none: 'None', paper: 'Paper', alpaca: 'Alpaca' },
      },
      {
        path: 'broker.dataFeed',
        label: 'Market data',
        options: { synthetic: 'Simulated', replay: 'Replay', alpaca: 'Alpaca' },
      },
      {
        path: 'broker.alpacaDataSource',
        label: 'Alpaca data plan',
        options: { iex: 'IEX (free)', sip: 'SIP (all exchanges)' },
      },
      {
        path: 'broker.alpacaRequestsPerMinute',
        label: 'Alpaca request budget',
        unit: '/ min',
        help: 'Alpaca allows 200 requests a minute per account.',
      },
      {
        path: 'broker.alpacaNormalShare',
        label: 'Share for ordinary requests',
        help: 'The rest of the budget is kept for the kill switch (cancels and flattening orders).',
      },
      { path: 'broker.startingEquity', label: 'Paper starting equity', unit: '$' },
      { path: 'broker.slippageBps', label: 'Paper slippage', unit: 'bps' },
      { path: 'broker.commissionPerShare', label: 'Commission', unit: '$ / share' },
      { path: 'broker.partialFills', label: 'Partial fills', help: 'Large orders against bar volume fill in parts.' },
    ],
  },
  {
    id: 'kill-switch',
    title: 'Kill switch',
    intro: 'The kill switch blocks entries at once, cancels open orders and stays on until reset with a reason.',
    fields: [
      {
        path: 'killSwitch.closeDayTradesOnKill',
        label: 'Close day trades on kill',
        help: 'Swing positions stay open.',
      },
      {
        path: 'killSwitch.autoKillOnDailyLoss',
        label: 'Auto-kill at the loss limit',
        help: 'Kill when the daily loss limit is reached.',
      },
      {
        path: 'killSwitch.hotkey',
        label: 'Global hotkey',
        help: 'Desktop app: kills even with the window closed. Here Ctrl/⌘+Shift+K asks first.',
      },
    ],
  },
  {
    id: 'schedule',
    title: 'Schedule',
    intro: 'All times are New York time. No entries outside market hours or in the FOMC blackout.',
    fields: [
      { path: 'schedule.timezone', label: 'Time zone' },
      { path: 'schedule.marketOpen', label: 'Market open', unit: ET },
      { path: 'schedule.marketClose', label: 'Market close', unit: ET },
      { path: 'schedule.dayTradeFlatBy', label: 'Day trades flat by', unit: ET },
      { path: 'schedule.preMarketScan', label: 'Pre-market scan', help: 'Filter the universe before the open.' },
      { path: 'schedule.preMarketScanAt', label: 'Scan at', unit: ET },
      { path: 'schedule.fomcBlackoutStart', label: 'FOMC blackout from', unit: ET },
      { path: 'schedule.fomcBlackoutEnd', label: 'FOMC blackout until', unit: ET },
      { path: 'schedule.halfDayClose', label: 'Half-day close', unit: ET },
      { path: 'schedule.fomcDates', label: 'FOMC announcement days', wide: true },
      { path: 'schedule.holidays', label: 'Market holidays', wide: true },
      { path: 'schedule.halfDays', label: 'Half days', wide: true },
    ],
  },
  {
    id: 'simulation',
    title: 'Simulated market',
    intro: 'Used when the market data is Simulated: the same seed replays the same day.',
    fields: [
      { path: 'simulation.seed', label: 'Seed' },
      { path: 'simulation.speed', label: 'Speed', unit: 'sim min / s' },
      { path: 'simulation.startTime', label: 'Starts at', unit: ET },
    ],
  },
  {
    id: 'dashboard',
    title: 'Dashboard',
    intro: 'How this dashboard behaves (the PRD’s DashboardConfig).',
    fields: [
      {
        path: 'dashboard.refreshIntervalSeconds',
        label: 'Refresh interval',
        unit: 's',
        help: 'PRD setting; this dashboard updates by push as things change.',
      },
      { path: 'dashboard.pnlChartLookbackDays', label: 'P&L chart lookback', unit: 'days' },
      { path: 'dashboard.maxSignalsDisplayed', label: 'Max signals displayed' },
      { path: 'dashboard.maxEventsDisplayed', label: 'Max events displayed', help: 'Also the event log’s page size.' },
      {
        path: 'dashboard.enableSoundAlerts',
        label: 'Sound alerts',
        help: 'Distinct sounds for info, warning, critical.',
      },
      {
        path: 'dashboard.paperMode',
        label: 'Start in paper mode',
        help: 'Always on: the bot starts in paper and goes live only through the typed confirmation.',
      },
      {
        path: 'dashboard.requireConfirmationForLive',
        label: 'Confirm before live',
        help: 'Always on: going live needs the phrase the bot shows, typed back within 60 s.',
      },
      {
        path: 'dashboard.colorBlindSafe',
        label: 'Colour-blind-safe colours',
        help: 'Blue / orange instead of green / red.',
      },
    ],
  },
];

export const ALL_FIELDS: readonly FieldMeta[] = SECTIONS.flatMap((s) => s.fields);

const byPath = new Map(ALL_FIELDS.map((f) => [f.path, f]));

/** The field meta of a path, if the form shows it. */
export const fieldMeta = (path: string): FieldMeta | undefined => byPath.get(path);

const longestFirst = [...ALL_FIELDS].sort((a, b) => b.path.length - a.path.length);

/** The field a dotted config path belongs to: the field itself, or the list or map it is inside. */
export const fieldOf = (path: string): FieldMeta | undefined =>
  longestFirst.find((f) => path === f.path || path.startsWith(`${f.path}.`));

/** The label a trader sees for a dotted config path (a diff line, an issue), or the path itself. */
export function labelOf(path: string): string {
  const field = fieldOf(path);
  if (!field) return path;
  const rest = path.slice(field.path.length + 1);
  const section = SECTIONS.find((s) => s.fields.includes(field));
  return `${section ? `${section.title} · ` : ''}${field.label}${rest ? ` · ${rest}` : ''}`;
}
