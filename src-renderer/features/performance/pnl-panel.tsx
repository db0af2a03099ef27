import { useMemo, useState, type ComponentType } from 'react';
import type { PerformanceReport, SeriesPoint } from '../../../src-shared/performance';
import type { ComparisonChartProps } from '../../charts/comparison-chart';
import { EmptyState, Panel } from '../../components/panel';
import { comparisonSeries, PNL_VIEWS, type PnlView } from './pnl-series';
import { Segmented } from './segmented';
import { SignedMoney } from './signed-money';

/** SPY's line: violet stays apart from both the green/red and the colour-blind blue/orange pairs. */
export const SPY_COLOR = '#a78bfa';

const last = (points: readonly SeriesPoint[]): number | undefined => points[points.length - 1]?.value;

function LegendItem({
  swatch,
  label,
  value,
  testId,
}: {
  swatch: string;
  label: string;
  value: number | undefined;
  testId: string;
}) {
  return (
    <span className="perf-legend__item" data-testid={testId}>
      <span className={`perf-legend__swatch perf-legend__swatch--${swatch}`} />
      <span className="perf-legend__label">{label}</span>
      <SignedMoney value={value} className="num strong" />
    </span>
  );
}

/** The cumulative P&L curve (daily, weekly or monthly points) against buy-and-hold SPY, both in dollars. */
export function PnlPanel({ report, Chart }: { report: PerformanceReport; Chart: ComponentType<ComparisonChartProps> }) {
  const [view, setView] = useState<PnlView>('daily');
  const series = useMemo(() => comparisonSeries(report, view), [report, view]);
  return (
    <Panel
      title="Cumulative P&L vs buy & hold SPY"
      className="panel--perf-chart"
      testId="perf-pnl-panel"
      aside={
        <Segmented<PnlView>
          options={PNL_VIEWS}
          value={view}
          onChange={setView}
          label="Curve resolution"
          testId="perf-view"
        />
      }
    >
      <div className="perf-legend">
        <LegendItem swatch="pnl" label="Bot, realized" value={last(series.pnl)} testId="perf-legend-pnl" />
        <LegendItem swatch="spy" label="SPY buy & hold" value={last(series.spy)} testId="perf-legend-spy" />
        <span className="perf-legend__note muted">same starting equity · $ · New York dates</span>
      </div>
      <div className="perf-chart-box">
        {series.pnl.length > 0 || series.spy.length > 0 ? (
          <Chart pnl={series.pnl} benchmark={series.spy} benchmarkColor={SPY_COLOR} testId="perf-chart" />
        ) : (
          <EmptyState title="Nothing to draw yet" />
        )}
      </div>
    </Panel>
  );
}
