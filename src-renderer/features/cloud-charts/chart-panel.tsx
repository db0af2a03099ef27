import { useEffect, useMemo, useRef, type ComponentType } from 'react';
import type { Timeframe } from '../../../src-shared/market';
import type { Position } from '../../../src-shared/positions';
import type { TradeSignal } from '../../../src-shared/signals';
import type { CloudChartProps } from '../../charts/cloud-chart';
import { positionPriceLines, updatesFor, withLiveSignals } from '../../charts/cloud-data';
import { EmptyState } from '../../components/panel';
import { useAppStore } from '../../store/context';
import type { ChartSource } from './chart-source';
import { TIMEFRAME_LABELS } from './strength-table';
import { useChartData } from './use-chart-data';

const NO_SIGNALS: readonly TradeSignal[] = [];
const NO_POSITIONS: readonly Position[] = [];

interface ChartPanelProps {
  source: ChartSource;
  ticker: string | null;
  timeframe: Timeframe;
  limit: number;
  compact?: boolean;
  colorBlindSafe: boolean;
  Chart: ComponentType<CloudChartProps>;
  testId: string;
}

/**
 * One cloud chart with its loading, empty and error states, in a box of fixed height (no layout
 * shift between states). Markers are the loaded ones plus live signals from the dashboard;
 * price lines follow the open positions in the dashboard, so a moved stop shows at once.
 */
export function ChartPanel({
  source,
  ticker,
  timeframe,
  limit,
  compact,
  colorBlindSafe,
  Chart,
  testId,
}: ChartPanelProps) {
  const { load, reload } = useChartData(source, ticker, timeframe, limit);
  const hasDashboard = useAppStore((s) => s.dashboard !== null);
  const signals = useAppStore((s) => s.dashboard?.recentSignals ?? NO_SIGNALS);
  const positions = useAppStore((s) => s.dashboard?.state.openPositions ?? NO_POSITIONS);
  const scalps = useAppStore((s) => s.dashboard?.state.openScalps ?? NO_POSITIONS);
  const data = load.status === 'ready' ? load.data : null;
  const empty = data !== null && data.bars.length === 0 && data.forming === null;

  const markers = useMemo(
    () => (data ? withLiveSignals(data.markers, signals, data.ticker, data.timeframe) : []),
    [data, signals],
  );
  const priceLines = useMemo(
    () => (!data ? [] : hasDashboard ? positionPriceLines(data.ticker, [...positions, ...scalps]) : data.priceLines),
    [data, hasDashboard, positions, scalps],
  );

  // After the link to the bot comes back, load again: bars may have been missed meanwhile.
  const linkOpen = useAppStore((s) => s.connection.phase === 'open');
  const wasOpen = useRef(linkOpen);
  useEffect(() => {
    if (linkOpen && !wasOpen.current) reload();
    wasOpen.current = linkOpen;
  }, [linkOpen, reload]);

  // With no bars yet, load again as soon as the feed delivers one for this chart.
  useEffect(() => {
    if (!empty || !ticker) return;
    return source.bars.subscribe((batch) => {
      if (updatesFor(batch, ticker, timeframe).length > 0) reload();
    });
  }, [empty, source, ticker, timeframe, reload]);

  const label = `${ticker ?? ''} ${TIMEFRAME_LABELS[timeframe]}`;
  let body;
  if (load.status === 'idle') {
    body = <EmptyState title="No ticker selected">Pick a ticker from the scan universe.</EmptyState>;
  } else if (load.status === 'loading') {
    body = (
      <div className="cloud-state" role="status">
        <span className="spinner" /> Loading {label}…
      </div>
    );
  } else if (load.status === 'error') {
    body = (
      <div className="cloud-state cloud-state--error" role="alert" data-testid={`${testId}-error`}>
        <div className="cloud-state__title">Chart data for {label} is unavailable</div>
        <div className="cloud-state__text">{load.message}</div>
        <button type="button" className="btn btn--ghost" onClick={reload}>
          Retry
        </button>
      </div>
    );
  } else if (empty) {
    body = (
      <EmptyState title={`No bars yet for ${label}`}>The chart starts with the first bar the feed delivers.</EmptyState>
    );
  } else {
    body = (
      <Chart
        data={load.data}
        updates={source.bars}
        markers={markers}
        priceLines={priceLines}
        colorBlindSafe={colorBlindSafe}
        compact={compact}
        testId={testId}
      />
    );
  }
  return (
    <div className={compact ? 'cloud-box cloud-box--compact' : 'cloud-box'} data-state={load.status}>
      {body}
    </div>
  );
}
