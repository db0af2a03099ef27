import { useMemo, useState, type ComponentType } from 'react';
import type { PerformanceReport } from '../../../src-shared/performance';
import { ComparisonChart, type ComparisonChartProps } from '../../charts/comparison-chart';
import { EmptyState, Panel } from '../../components/panel';
import { formatCount } from '../../format/format';
import { useAppStore } from '../../store/context';
import { isUnreachable } from '../../store/types';
import { reportBreakdowns } from './breakdowns';
import { CalendarHeatmap } from './calendar-heatmap';
import { calendarLayout } from './calendar-layout';
import { DailyTable } from './daily-table';
import { defaultRange, rangePresets, rangeRequest, type DateRange } from './date-range';
import { ExposureGauge } from './exposure-gauge';
import { instrumentSplit } from './instrument-split';
import { KpiCards } from './kpi-cards';
import { nyDate } from './ny-dates';
import { MonthlyTable, WeeklyTable } from './period-tables';
import { PnlPanel } from './pnl-panel';
import { RangePicker } from './range-picker';
import { kpiFigures } from './report-summary';
import { SignedMoney } from './signed-money';
import { SplitDonut } from './split-donut';
import { usePerformanceReport, usePerformanceSource, type PerformanceSource } from './use-performance-report';
import { WinRateBars } from './win-rate-bars';

const DEFAULT_LOOKBACK_DAYS = 30;
const DEFAULT_REFRESH_SECONDS = 5;

const plural = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;

/** Live exposure against the configured maximum (from the pushed state, not the report). */
function ExposurePanel() {
  const exposure = useAppStore((s) => s.dashboard?.state.currentExposurePct ?? NaN);
  const max = useAppStore((s) => s.config?.risk.maxExposurePct ?? NaN);
  return (
    <Panel title="Exposure" aside={<span className="muted perf-live">live</span>}>
      <ExposureGauge exposurePct={exposure} maxExposurePct={max} />
    </Panel>
  );
}

/** Today's figures as the snapshot pushes them, between report refreshes. */
function TodayChip() {
  const today = useAppStore((s) => s.dashboard?.todayMetrics ?? null);
  if (!today) return null;
  return (
    <span className="perf-today" data-testid="perf-today">
      <span className="field-inline__label">Today</span>
      <SignedMoney value={today.netPnl} className="num strong" />
      <span className="muted num">· {formatCount(today.totalTrades)} trades</span>
    </span>
  );
}

function ReportBody({ report, Chart }: { report: PerformanceReport; Chart: ComponentType<ComparisonChartProps> }) {
  const figures = useMemo(() => kpiFigures(report), [report]);
  const breakdowns = useMemo(() => reportBreakdowns(report), [report]);
  const split = useMemo(() => instrumentSplit(report.pnlByInstrument), [report]);
  const calendar = useMemo(() => calendarLayout(nyDate(report.since), nyDate(report.until), report.calendar), [report]);
  return (
    <>
      <KpiCards figures={figures} />
      <div className="perf-top">
        <PnlPanel report={report} Chart={Chart} />
        <div className="perf-side">
          <ExposurePanel />
          <Panel title="P&L by instrument">
            <SplitDonut split={split} />
          </Panel>
        </div>
      </div>
      <div className="perf-breakdowns">
        {breakdowns.map((b) => (
          <Panel key={b.id} title={b.title} className="panel--wr">
            <WinRateBars rows={b.rows} testId={`wr-${b.id}`} />
          </Panel>
        ))}
      </div>
      <div className="perf-periods-row">
        <Panel
          title="Daily P&L calendar"
          aside={<span className="count num">{plural(report.calendar.length, 'day')}</span>}
        >
          <CalendarHeatmap layout={calendar} />
        </Panel>
        <Panel
          title="By week and month"
          aside={<span className="count num">{plural(report.weekly.length, 'week')}</span>}
        >
          <WeeklyTable weekly={report.weekly} />
          <MonthlyTable monthly={report.monthly} />
        </Panel>
      </div>
      <Panel title="Daily breakdown" aside={<span className="count num">{formatCount(report.daily.length)}</span>}>
        <DailyTable daily={report.daily} />
      </Panel>
    </>
  );
}

interface PerformanceTabProps {
  /** The P&L chart; tests pass a stand-in (lightweight-charts cannot draw in jsdom). */
  Chart?: ComponentType<ComparisonChartProps>;
}

function PerformanceView({
  Chart,
  source,
  today,
}: {
  Chart: ComponentType<ComparisonChartProps>;
  source: PerformanceSource;
  today: string;
}) {
  const lookback = useAppStore((s) => s.config?.dashboard.pnlChartLookbackDays ?? DEFAULT_LOOKBACK_DAYS);
  const refreshSeconds = useAppStore((s) => s.config?.dashboard.refreshIntervalSeconds ?? DEFAULT_REFRESH_SECONDS);
  const [chosen, setChosen] = useState<DateRange | null>(null);
  const range = chosen ?? defaultRange(lookback);
  const request = rangeRequest(range, today);
  const { load, retry } = usePerformanceReport(source, request.since, request.until, refreshSeconds * 1000);

  let body;
  if (load.status === 'loading') {
    body = (
      <div role="status">
        <EmptyState title="Loading the performance report…" />
      </div>
    );
  } else if (load.status === 'error') {
    body = (
      <div className="perf-error" role="alert" data-testid="perf-error">
        <EmptyState title="Could not load the performance report">
          {load.message}
          <div>
            <button type="button" className="btn btn--sm" onClick={retry} data-testid="perf-retry">
              Retry
            </button>
          </div>
        </EmptyState>
      </div>
    );
  } else if (load.report.daily.length === 0) {
    body = (
      <div className="perf-top">
        <Panel title="Performance" testId="perf-empty">
          <EmptyState title="No closed trades in this range yet">
            Net P&L, win rates, the P&L curve against SPY and the calendar fill in as trades close.
          </EmptyState>
        </Panel>
        <div className="perf-side">
          <ExposurePanel />
        </div>
      </div>
    );
  } else {
    body = <ReportBody report={load.report} Chart={Chart} />;
  }

  const busy = load.status === 'ready' && load.switching;
  return (
    <>
      <div className="perf-toolbar">
        <RangePicker range={range} presets={rangePresets(lookback)} today={today} onChange={setChosen} />
        <div className="perf-toolbar__end">
          {busy && <span className="spinner muted" role="status" aria-label="Loading the new range" />}
          {load.status === 'ready' && load.refreshError && (
            <span className="perf-stale" title={load.refreshError} data-testid="perf-stale">
              Refresh failed · showing the last report
            </span>
          )}
          <TodayChip />
        </div>
      </div>
      <div className={busy ? 'perf-body perf-body--busy' : 'perf-body'}>{body}</div>
    </>
  );
}

/** Tab 5: the performance report over a date range, its curve against SPY, breakdowns, calendar and days. */
export function PerformanceTab({ Chart = ComparisonChart }: PerformanceTabProps) {
  const source = usePerformanceSource();
  const today = useAppStore((s) => {
    const now = s.dashboard?.state.marketClock.now;
    return now !== undefined && Number.isFinite(now) ? nyDate(now) : null;
  });
  const unreachable = useAppStore(isUnreachable);
  let content;
  if (today === null) {
    content = unreachable ? (
      <EmptyState title="Not connected to the bot">The message above says why and how to reconnect.</EmptyState>
    ) : (
      <EmptyState title="Waiting for the bot">
        The performance report loads as soon as the first snapshot arrives.
      </EmptyState>
    );
  } else {
    content = <PerformanceView Chart={Chart} source={source} today={today} />;
  }
  return (
    <div className="perf" data-testid="tab-content-performance">
      {content}
    </div>
  );
}
