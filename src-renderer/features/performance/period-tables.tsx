import type { PerformanceReport, WeeklyMetrics } from '../../../src-shared/performance';
import { formatCount, formatFractionPct } from '../../format/format';
import { monthLabel, shortDateLabel } from './ny-dates';
import { formatProfitFactor } from './report-summary';
import { SignedMoney } from './signed-money';
import { StatTable, type StatColumn } from './stat-table';

type MonthRow = PerformanceReport['monthly'][number];

const weekSpan = (w: WeeklyMetrics): string =>
  w.startDate === w.endDate
    ? shortDateLabel(w.startDate)
    : `${shortDateLabel(w.startDate)} – ${shortDateLabel(w.endDate)}`;

const WEEK_COLUMNS: StatColumn<WeeklyMetrics>[] = [
  {
    label: 'Week',
    cell: (w) => (
      <>
        <span className="strong num">{w.week}</span>
        <span className="perf-week__span muted num">{weekSpan(w)}</span>
      </>
    ),
  },
  { label: 'Days', cell: (w) => formatCount(w.tradingDays), figure: true },
  { label: 'Trades', cell: (w) => formatCount(w.totalTrades), figure: true },
  { label: 'Win rate', cell: (w) => formatFractionPct(w.winRate), figure: true },
  { label: 'PF', cell: (w) => formatProfitFactor(w.profitFactor), figure: true, title: 'Profit factor' },
  { label: 'Net P&L', cell: (w) => <SignedMoney value={w.netPnl} />, figure: true, className: 'strong' },
];

const MONTH_COLUMNS: StatColumn<MonthRow>[] = [
  { label: 'Month', cell: (m) => `${monthLabel(`${m.month}-01`)} ${m.month.slice(0, 4)}`, className: 'num strong' },
  { label: 'Trades', cell: (m) => formatCount(m.trades), figure: true },
  { label: 'Net P&L', cell: (m) => <SignedMoney value={m.netPnl} />, figure: true, className: 'strong' },
];

/** One row per ISO week with trades, newest first. */
export function WeeklyTable({ weekly }: { weekly: readonly WeeklyMetrics[] }) {
  return (
    <StatTable
      rows={[...weekly].sort((a, b) => b.week.localeCompare(a.week))}
      columns={WEEK_COLUMNS}
      rowKey={(w) => w.week}
      testId="perf-weekly-table"
      className="perf-periods"
    />
  );
}

/** One row per calendar month with trades, newest first. */
export function MonthlyTable({ monthly }: { monthly: readonly MonthRow[] }) {
  return (
    <StatTable
      rows={[...monthly].sort((a, b) => b.month.localeCompare(a.month))}
      columns={MONTH_COLUMNS}
      rowKey={(m) => m.month}
      testId="perf-monthly-table"
      className="perf-periods perf-periods--months"
    />
  );
}
