import type { DailyMetrics, PerformanceReport } from '../../../src-shared/performance';
import {
  formatCount,
  formatFractionPct,
  formatSignedMoney,
  formatUptime,
  MISSING,
  toneOf,
  type Tone,
} from '../../format/format';

/** Totals over a range, from its daily rows (DESIGN §5 definitions, aggregated exactly). */
export interface RangeTotals {
  trades: number;
  winners: number;
  losers: number;
  winRate: number;
  netPnl: number;
  grossProfit: number;
  grossLoss: number;
  avgWinner: number;
  avgLoser: number;
  largestWinner: number;
  largestLoser: number;
  /** Mean holding time in ms, weighted by each day's trades. */
  avgHoldTime: number;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function rangeTotals(daily: readonly DailyMetrics[]): RangeTotals {
  let trades = 0;
  let winners = 0;
  let losers = 0;
  let netPnl = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let holdSum = 0;
  let largestWinner = 0;
  let largestLoser = 0;
  for (const d of daily) {
    trades += finite(d.totalTrades);
    winners += finite(d.winners);
    losers += finite(d.losers);
    netPnl += finite(d.netPnl);
    grossProfit += finite(d.grossProfit);
    grossLoss += finite(d.grossLoss);
    holdSum += finite(d.avgHoldTime) * finite(d.totalTrades);
    largestWinner = Math.max(largestWinner, finite(d.largestWinner));
    largestLoser = Math.min(largestLoser, finite(d.largestLoser));
  }
  return {
    trades,
    winners,
    losers,
    winRate: ratio(winners, trades),
    netPnl,
    grossProfit,
    grossLoss,
    avgWinner: ratio(grossProfit, winners),
    avgLoser: -ratio(grossLoss, losers),
    largestWinner,
    largestLoser,
    avgHoldTime: ratio(holdSum, trades),
  };
}

/** Profit factor: '∞' with profits and no losses, two decimals otherwise. */
export function formatProfitFactor(value: number): string {
  if (value === Infinity) return '∞';
  if (!Number.isFinite(value)) return MISSING;
  return value.toFixed(2);
}

/** Sharpe ratio to two decimals, with a typographic minus. */
export const formatSharpe = (value: number): string =>
  Number.isFinite(value)
    ? value
        .toFixed(2)
        .replace('-', '\u2212')
        .replace(/^\u22120\.00$/, '0.00')
    : MISSING;

/** Max drawdown (a fraction ≤ 0) as a percent with two decimals: −0.0123 → '−1.23%'. */
export const formatDrawdown = (value: number): string => formatFractionPct(value, 2);

/** A holding time in ms: '45s', '12m 30s', '2h 5m 0s', or '3d 4h' beyond a day. */
export function formatHoldTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  const seconds = Math.round(ms / 1000);
  if (seconds < 86_400) return formatUptime(seconds);
  const days = Math.floor(seconds / 86_400);
  return `${days}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}

export interface KpiFigure {
  id: string;
  label: string;
  value: string;
  tone: Tone;
  /** A second figure, or a hint under the value. */
  sub: string;
  subTone?: Tone;
}

const money = (v: number) => formatSignedMoney(v);

/** The KPI cards of a report, in display order. */
export function kpiFigures(report: PerformanceReport, totals: RangeTotals = rangeTotals(report.daily)): KpiFigure[] {
  const days = report.daily.length;
  return [
    {
      id: 'net-pnl',
      label: 'Net P&L',
      value: money(totals.netPnl),
      tone: toneOf(totals.netPnl),
      sub: `over ${days} trading day${days === 1 ? '' : 's'}`,
    },
    {
      id: 'trades',
      label: 'Trades',
      value: formatCount(totals.trades),
      tone: 'flat',
      sub: `${formatCount(totals.winners)}W / ${formatCount(totals.losers)}L`,
    },
    {
      id: 'win-rate',
      label: 'Win rate',
      value: formatFractionPct(totals.winRate, 1),
      tone: 'flat',
      sub: 'winners / all trades',
    },
    {
      id: 'profit-factor',
      label: 'Profit factor',
      value: formatProfitFactor(report.profitFactor),
      tone: report.profitFactor > 1 ? 'up' : report.profitFactor < 1 && totals.trades > 0 ? 'down' : 'flat',
      sub: `${money(totals.grossProfit)} / ${money(-totals.grossLoss)}`,
    },
    report.sharpeRatio === null
      ? {
          id: 'sharpe',
          label: 'Sharpe',
          value: MISSING,
          tone: 'flat',
          sub: report.sharpeDays < 2 ? 'needs 2+ trading days' : 'daily returns all equal',
        }
      : {
          id: 'sharpe',
          label: 'Sharpe',
          value: formatSharpe(report.sharpeRatio),
          tone: toneOf(Math.round(report.sharpeRatio * 100)),
          sub: `${formatCount(report.sharpeDays)} daily returns, annualised`,
        },
    {
      id: 'expectancy',
      label: 'Expectancy',
      value: money(report.expectancy),
      tone: toneOf(report.expectancy),
      sub: 'per trade',
    },
    {
      id: 'max-drawdown',
      label: 'Max drawdown',
      value: formatDrawdown(report.maxDrawdown),
      tone: report.maxDrawdown < 0 ? 'down' : 'flat',
      sub: 'from the equity peak',
    },
    {
      id: 'avg-hold',
      label: 'Avg hold time',
      value: formatHoldTime(totals.avgHoldTime),
      tone: 'flat',
      sub: 'entry to exit',
    },
    {
      id: 'avg-win-loss',
      label: 'Avg winner / loser',
      value: money(totals.avgWinner),
      tone: toneOf(totals.avgWinner),
      sub: money(totals.avgLoser),
      subTone: toneOf(totals.avgLoser),
    },
    {
      id: 'largest-win-loss',
      label: 'Largest winner / loser',
      value: money(totals.largestWinner),
      tone: toneOf(totals.largestWinner),
      sub: money(totals.largestLoser),
      subTone: toneOf(totals.largestLoser),
    },
  ];
}
