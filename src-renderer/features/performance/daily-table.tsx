import type { DailyMetrics } from '../../../src-shared/performance';
import { formatCount, formatFractionPct } from '../../format/format';
import { longDateLabel } from './ny-dates';
import { formatHoldTime, formatProfitFactor } from './report-summary';
import { SignedMoney } from './signed-money';
import { StatTable, type StatColumn } from './stat-table';

const COLUMNS: StatColumn<DailyMetrics>[] = [
  { label: 'Date', cell: (d) => longDateLabel(d.date), className: 'num strong' },
  { label: 'Trades', cell: (d) => formatCount(d.totalTrades), figure: true },
  {
    label: 'W / L',
    figure: true,
    cell: (d) => (
      <>
        <span className="tone-up">{formatCount(d.winners)}</span>
        <span className="muted"> / </span>
        <span className="tone-down">{formatCount(d.losers)}</span>
      </>
    ),
  },
  { label: 'Win rate', cell: (d) => formatFractionPct(d.winRate), figure: true },
  { label: 'Net P&L', cell: (d) => <SignedMoney value={d.netPnl} />, figure: true, className: 'strong' },
  { label: 'Gross profit', cell: (d) => <SignedMoney value={d.grossProfit} />, figure: true },
  { label: 'Gross loss', cell: (d) => <SignedMoney value={-d.grossLoss} />, figure: true },
  { label: 'PF', cell: (d) => formatProfitFactor(d.profitFactor), figure: true, title: 'Profit factor' },
  { label: 'Avg win', cell: (d) => <SignedMoney value={d.avgWinner} />, figure: true },
  { label: 'Avg loss', cell: (d) => <SignedMoney value={d.avgLoser} />, figure: true },
  { label: 'Best', cell: (d) => <SignedMoney value={d.largestWinner} />, figure: true, title: 'Largest winner' },
  { label: 'Worst', cell: (d) => <SignedMoney value={d.largestLoser} />, figure: true, title: 'Largest loser' },
  { label: 'Avg hold', cell: (d) => formatHoldTime(d.avgHoldTime), figure: true, className: 'muted' },
  { label: 'Stocks', cell: (d) => formatCount(d.stocksTraded), figure: true, title: 'Stock trades' },
  { label: 'Options', cell: (d) => formatCount(d.optionsScalped), figure: true, title: 'Option scalps' },
  { label: 'ETFs', cell: (d) => formatCount(d.etfsScalped), figure: true, title: 'Leveraged-ETF scalps' },
];

/** One row per trading day, newest first (PRD DailyMetrics). */
export function DailyTable({ daily }: { daily: readonly DailyMetrics[] }) {
  return (
    <StatTable
      rows={[...daily].sort((a, b) => b.date.localeCompare(a.date))}
      columns={COLUMNS}
      rowKey={(d) => d.date}
      rowTestId={(d) => `perf-day-${d.date}`}
      testId="perf-daily-table"
      className="perf-daily"
    />
  );
}
