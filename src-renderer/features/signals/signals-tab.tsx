import { useMemo, useState } from 'react';
import type { TickerSummary } from '../../../src-shared/chart-data';
import type { Position, ScalpPosition } from '../../../src-shared/positions';
import { SIGNAL_OUTCOMES, type TradeSignal } from '../../../src-shared/signals';
import type { TradeRecord } from '../../../src-shared/trades';
import { EmptyState, Panel } from '../../components/panel';
import { formatCount, formatNyTime } from '../../format/format';
import { useAppStore } from '../../store/context';
import { attribute, countByOutcome, fromPosition, fromTrade, underlyingsByEtf, winRateByType } from './attribution';
import { AttributionTable, WinRateTable } from './attribution-panel';
import { FilterBar } from './filter-bar';
import { buildHeatmap } from './heatmap';
import {
  filterSignals,
  filtersActive,
  filtersProblem,
  matchesFilters,
  NO_FILTERS,
  normalTicker,
  toSignalsRequest,
  type SignalFilters,
} from './signal-filters';
import { SignalHeatmap } from './signal-heatmap';
import { SignalTimeline } from './signal-timeline';
import { buildTimeline } from './timeline';
import { OUTCOME_BADGES, SignalStream } from './signal-stream';
import { mergeSignals, useSignalContext } from './use-signal-context';
import { TabWaiting } from '../positions/tab-waiting';
import './signals.css';

const NO_SIGNALS: readonly TradeSignal[] = [];
const NO_TRADES: readonly TradeRecord[] = [];
const NO_POSITIONS: readonly Position[] = [];
const NO_SCALPS: readonly ScalpPosition[] = [];
const NO_TICKERS: readonly TickerSummary[] = [];
const NO_SECTOR_MAP: Record<string, { bull: string; bear: string }> = {};

type History =
  | { status: 'off' }
  | { status: 'loading' }
  | { status: 'ready'; signals: TradeSignal[]; at: number }
  | { status: 'error'; message: string };

/** The filters survive switching tabs (the tab unmounts). */
let rememberedFilters: SignalFilters = NO_FILTERS;

/** Forgets the remembered filters (a fresh start, for tests). */
export function resetSignalsView(): void {
  rememberedFilters = NO_FILTERS;
}

/** Tab 3: the live signal stream with filters, the ticker × timeframe heatmap and signal-to-trade attribution. */
export function SignalsTab() {
  const hasDashboard = useAppStore((s) => s.dashboard !== null);
  const live = useAppStore((s) => s.dashboard?.recentSignals ?? NO_SIGNALS);
  const trades = useAppStore((s) => s.dashboard?.recentTrades ?? NO_TRADES);
  const positions = useAppStore((s) => s.dashboard?.state.openPositions ?? NO_POSITIONS);
  const scalps = useAppStore((s) => s.dashboard?.state.openScalps ?? NO_SCALPS);
  const universe = useAppStore((s) => s.dashboard?.universe ?? NO_TICKERS);
  const sectorMap = useAppStore((s) => s.config?.leveragedEtf.sectorMap ?? NO_SECTOR_MAP);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const query = useAppStore((s) => s.query);
  const [filters, setFilters] = useState(rememberedFilters);
  const [history, setHistory] = useState<History>({ status: 'off' });

  const source = history.status === 'ready' ? history.signals : live;
  const visible = useMemo(() => filterSignals(source, filters), [source, filters]);

  const universeTickers = useMemo(() => universe.map((u) => u.ticker), [universe]);
  const heatmap = useMemo(() => {
    const ticker = normalTicker(filters.ticker);
    return buildHeatmap(visible, ticker ? universeTickers.filter((t) => t === ticker) : universeTickers);
  }, [visible, universeTickers, filters.ticker]);

  const timeline = useMemo(() => buildTimeline(visible), [visible]);

  const etfs = useMemo(() => underlyingsByEtf(sectorMap), [sectorMap]);
  const executions = useMemo(
    () => [...trades.map(fromTrade), ...positions.map(fromPosition), ...scalps.map(fromPosition)],
    [trades, positions, scalps],
  );
  // Refetch the stored signals only when a trade closes or a position opens, not on every tick.
  const executionKey = useMemo(() => executions.map((e) => `${e.kind}:${e.id}`).join(','), [executions]);
  const context = useSignalContext(query, executionKey, connected);
  // Attribution looks at every signal known (live, loaded history, stored today), not only the
  // filtered rows, so a hidden signal never lends its trade to another one.
  const pool = useMemo(
    () => mergeSignals(live, history.status === 'ready' ? history.signals : [], context),
    [live, history, context],
  );
  const attribution = useMemo(() => attribute(pool, executions, etfs), [pool, executions, etfs]);
  const executed = useMemo(() => {
    const shown = new Set(visible.map((s) => s.id));
    return filtersProblem(filters)
      ? []
      : pool.filter(
          (s) =>
            (s.outcome === 'EXECUTED' || s.outcome === 'EXECUTED_HALF') &&
            (shown.has(s.id) || (attribution.bySignal.has(s.id) && matchesFilters(s, filters))),
        );
  }, [pool, visible, attribution, filters]);
  const winRates = useMemo(() => winRateByType(trades), [trades]);
  const outcomes = useMemo(() => countByOutcome(visible), [visible]);

  const change = (patch: Partial<SignalFilters>) => {
    const next = { ...filters, ...patch };
    rememberedFilters = next;
    setFilters(next);
  };
  const reset = () => {
    rememberedFilters = NO_FILTERS;
    setFilters(NO_FILTERS);
  };
  const loadHistory = async () => {
    setHistory({ status: 'loading' });
    const result = await query('getSignals', toSignalsRequest(filters));
    setHistory(
      result.ok
        ? { status: 'ready', signals: result.value, at: Date.now() }
        : { status: 'error', message: result.error.message },
    );
  };

  if (!hasDashboard) return <TabWaiting testId="tab-content-signals" what="Signals" />;

  const inHistory = history.status === 'ready';
  let streamBody;
  if (history.status === 'error') {
    streamBody = (
      <div className="sig-state sig-state--error" role="alert" data-testid="history-error">
        <span>Could not load the signal history: {history.message}</span>
        <button type="button" className="btn btn--sm btn--ghost" onClick={() => setHistory({ status: 'off' })}>
          Back to live
        </button>
      </div>
    );
  } else if (visible.length > 0) {
    streamBody = <SignalStream signals={visible} attribution={attribution.bySignal} />;
  } else if (source.length > 0) {
    streamBody = (
      <EmptyState title="No signal matches the filters">
        {formatCount(source.length)} signals {inHistory ? 'loaded' : 'in the live window'}; widen the filters or reset
        them.
      </EmptyState>
    );
  } else {
    streamBody = (
      <EmptyState title={inHistory ? 'No stored signal matches' : 'No signals yet'}>
        {inHistory
          ? 'The bot has no stored signal with these filters.'
          : 'EMA-cloud signals stream in here as the engine closes bars.'}
      </EmptyState>
    );
  }

  return (
    <div className="sig-tab" data-testid="tab-content-signals">
      <FilterBar
        filters={filters}
        tickers={universeTickers}
        onChange={change}
        onReset={reset}
        onLoadHistory={() => void loadHistory()}
        loading={history.status === 'loading'}
        connected={connected}
      />

      <Panel
        title="Signal timeline"
        testId="timeline-panel"
        aside={<span className="muted sig-hint">▲ long · ▼ short · size = conviction · hollow = not executed</span>}
      >
        {timeline.rows.length === 0 ? (
          <EmptyState title="No signals in view">
            Signals in view appear here along the session, one row per ticker.
          </EmptyState>
        ) : (
          <SignalTimeline timeline={timeline} />
        )}
      </Panel>

      <div className="sig-grid">
        <Panel
          title={inHistory ? 'Signal history' : 'Live signal stream'}
          className="sig-stream-panel"
          testId="signal-stream-panel"
          aside={
            <span className="sig-stream-aside">
              <span className="num muted" data-testid="signal-count">
                {formatCount(visible.length)}
                {filtersActive(filters) ? ` of ${formatCount(source.length)}` : ''}
              </span>
              {inHistory && (
                <button
                  type="button"
                  className="btn btn--sm btn--ghost"
                  onClick={() => setHistory({ status: 'off' })}
                  data-testid="back-to-live"
                >
                  Back to live
                </button>
              )}
            </span>
          }
        >
          <div className="sig-outcomes" data-testid="outcome-counts">
            {SIGNAL_OUTCOMES.map((o) => (
              <span key={o} className={`sig-count sig-outcome--${o.toLowerCase()}`} data-testid={`outcome-count-${o}`}>
                {OUTCOME_BADGES[o]} <span className="num strong">{formatCount(outcomes[o])}</span>
              </span>
            ))}
            {inHistory && (
              <span className="muted sig-outcomes__note">loaded {formatNyTime(history.at)} · not live</span>
            )}
          </div>
          <div className="sig-stream-scroll">{streamBody}</div>
        </Panel>

        <div className="sig-side">
          <Panel
            title="Signal strength · ticker × timeframe"
            testId="heatmap-panel"
            aside={<span className="muted sig-hint">latest signal per cell, in view</span>}
          >
            {heatmap.tickers.length === 0 ? (
              <EmptyState title="Nothing to map yet">The grid fills with the scan universe and its signals.</EmptyState>
            ) : (
              <SignalHeatmap heatmap={heatmap} />
            )}
          </Panel>
          <Panel
            title="Win rate by signal type · today"
            testId="winrate-panel"
            aside={<span className="count num">{formatCount(trades.length)}</span>}
          >
            <WinRateTable stats={winRates} />
          </Panel>
        </div>
      </div>

      <Panel
        title="Signal → execution attribution"
        testId="attribution-panel"
        aside={<span className="count num">{formatCount(executed.length)}</span>}
      >
        <AttributionTable executed={executed} bySignal={attribution.bySignal} unattributed={attribution.unattributed} />
      </Panel>
    </div>
  );
}
