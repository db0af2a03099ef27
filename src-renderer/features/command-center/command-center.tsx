import { EmptyState, Panel } from '../../components/panel';
import { formatCount, formatSignedMoney, toneOf } from '../../format/format';
import type { ChartKit } from '../../charts/types';
import { useAppStore } from '../../store/context';
import { isUnreachable } from '../../store/types';
import { EventsFeed } from './events-feed';
import { MetricCards } from './metric-cards';
import { PositionsTable } from './positions-table';
import { SignalsList } from './signals-list';
import { StatusLine } from './status-line';

/** Tab 1: status, instrument mode, today's figures, the P&L curve, positions, signals, events. */
export function CommandCenter({ charts }: { charts: ChartKit }) {
  const data = useAppStore((s) => s.dashboard);
  const events = useAppStore((s) => s.events);
  const maxSignals = useAppStore((s) => s.config?.dashboard.maxSignalsDisplayed ?? 50);
  const unreachable = useAppStore(isUnreachable);
  if (!data) {
    return unreachable ? (
      <EmptyState title="Not connected to the bot">The message above says why and how to reconnect.</EmptyState>
    ) : (
      <EmptyState title="Waiting for the bot">
        The Command Center fills in as soon as the first snapshot arrives.
      </EmptyState>
    );
  }
  const { state, intradayPnl, recentSignals } = data;
  const positions = [...state.openPositions, ...state.openScalps];
  const lastPnl = intradayPnl[intradayPnl.length - 1]?.pnl;
  const { PnlChart } = charts;
  return (
    <div className="cc" data-testid="command-center">
      <StatusLine state={state} />
      <MetricCards state={state} />
      <div className="cc__grid">
        <div className="cc__main">
          <Panel
            title="Intraday P&L"
            className="panel--chart"
            aside={
              lastPnl !== undefined && (
                <span className={`num tone-${toneOf(lastPnl)}`}>{formatSignedMoney(lastPnl)}</span>
              )
            }
          >
            {intradayPnl.length > 0 ? (
              <PnlChart points={intradayPnl} />
            ) : (
              <EmptyState title="No P&L curve yet">The curve starts with the session and updates live.</EmptyState>
            )}
          </Panel>
          <Panel title="Active positions" aside={<span className="count num">{formatCount(positions.length)}</span>}>
            <PositionsTable positions={positions} now={state.marketClock.now} />
          </Panel>
        </div>
        <div className="cc__side">
          <Panel title="Recent signals" aside={<span className="count num">{formatCount(recentSignals.length)}</span>}>
            <SignalsList signals={recentSignals.slice(0, maxSignals)} />
          </Panel>
          <Panel
            title="Event feed"
            className="panel--feed"
            aside={<span className="count num">{formatCount(events.length)}</span>}
            testId="events-panel"
          >
            <EventsFeed events={events} />
          </Panel>
        </div>
      </div>
    </div>
  );
}
