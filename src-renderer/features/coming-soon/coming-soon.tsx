import type { TabId } from '../../store/types';

interface Plan {
  title: string;
  summary: string;
  items: string[];
}

/** What each tab beyond the Command Center will hold (PRD-137, tabs 2–6). */
export const TAB_PLANS: Record<Exclude<TabId, 'command-center'>, Plan> = {
  positions: {
    title: 'Positions',
    summary: 'Full position table, per-position cloud mini-charts and manual overrides arrive with issue #5.',
    items: [
      'Ticker, direction, shares or contracts, entry, current, P&L, stop, target, time held',
      'Per-position EMA-cloud mini-chart relative to the entry',
      'Close position, adjust stop, add to position — through the same risk gate',
      'Groups: day trades, swing trades, options scalps, ETF scalps',
    ],
  },
  signals: {
    title: 'Signals',
    summary: 'The live signal stream with conviction, filters and execution attribution arrives in a later issue.',
    items: [
      'Real-time signal stream with conviction scores and colour coding',
      'Heatmap of signal strength, ticker × timeframe',
      'Filters by conviction, direction, signal type and timeframe',
      'Signal-to-execution attribution with outcomes and skip reasons',
    ],
  },
  'cloud-charts': {
    title: 'Cloud Charts',
    summary: 'Interactive EMA-cloud candlestick charts arrive in a later issue.',
    items: [
      'Ticker selector and timeframe tabs: 1m, 5m, 10m, 1h, Daily',
      'All four clouds shaded (fast 5/12, pullback 8/9, trend 34/50, macro 72/89) with signal arrows',
      'Multi-ticker comparison in a 2×2 grid',
      'The scan universe as a signal-strength table',
    ],
  },
  performance: {
    title: 'Performance',
    summary: 'Analytics and reporting over closed trades arrive in a later issue.',
    items: [
      'Cumulative P&L: daily, weekly and monthly views',
      'Win rate by ticker, signal type, conviction and time of day',
      'Profit factor, Sharpe ratio, expectancy, max drawdown',
      'Calendar heatmap of daily P&L, comparison with buy-and-hold SPY, P&L by instrument type',
    ],
  },
  configuration: {
    title: 'Configuration',
    summary: 'Live, validated configuration editing arrives in a later issue. The instrument mode can already be switched in the Command Center.',
    items: [
      'Instrument mode with explanation, ETF universe and options settings',
      'Risk parameters, EMA cloud settings, scan universe, leveraged-ETF settings',
      'Broker settings, kill-switch parameters, schedule and FOMC avoidance',
      'Paper ↔ live toggle with a typed confirmation',
    ],
  },
};

export function ComingSoon({ tab }: { tab: keyof typeof TAB_PLANS }) {
  const plan = TAB_PLANS[tab];
  return (
    <section className="soon" data-testid={`coming-soon-${tab}`}>
      <div className="soon__badge">NOT BUILT YET</div>
      <h2 className="soon__title">{plan.title}</h2>
      <p className="soon__summary">{plan.summary}</p>
      <ul className="soon__list">
        {plan.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
