import { useMemo, useState, type ComponentType } from 'react';
import type { Position, ScalpPosition } from '../../../src-shared/positions';
import { CloudChart, type CloudChartProps } from '../../charts/cloud-chart';
import { EmptyState, Panel } from '../../components/panel';
import { formatCount, formatSignedMoney, toneOf } from '../../format/format';
import { useAppStore } from '../../store/context';
import { useChartSource } from '../cloud-charts/chart-source';
import { GreeksExposure } from './greeks-exposure';
import { GroupedTable } from './grouped-table';
import { DEFAULT_SORT, groupPositions, nextSort, subtotalOf, type SortKey, type SortSpec } from './position-model';
import { PositionChart } from './position-chart';
import { usePositionCommands } from './use-position-commands';
import { TabWaiting } from './tab-waiting';
import './positions.css';

const NO_POSITIONS: readonly Position[] = [];
const NO_SCALPS: readonly ScalpPosition[] = [];
const NO_SECTOR_MAP: Record<string, { bull: string; bear: string }> = {};

/** The sort survives switching tabs (the tab unmounts). */
let rememberedSort: SortSpec = DEFAULT_SORT;

/** Forgets the remembered sort (a fresh start, for tests). */
export function resetPositionsView(): void {
  rememberedSort = DEFAULT_SORT;
}

interface PositionsTabProps {
  /** The chart component; tests may pass a stand-in. */
  Chart?: ComponentType<CloudChartProps>;
}

/** Tab 2: every open position by group with subtotals, overrides, Greeks and a cloud mini-chart each. */
export function PositionsTab({ Chart = CloudChart }: PositionsTabProps) {
  const hasDashboard = useAppStore((s) => s.dashboard !== null);
  const positions = useAppStore((s) => s.dashboard?.state.openPositions ?? NO_POSITIONS);
  const scalps = useAppStore((s) => s.dashboard?.state.openScalps ?? NO_SCALPS);
  const greeks = useAppStore((s) => s.dashboard?.state.greeksExposure ?? null);
  const now = useAppStore((s) => s.dashboard?.state.marketClock.now ?? 0);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const colorBlindSafe = useAppStore((s) => s.config?.dashboard.colorBlindSafe ?? false);
  const sectorMap = useAppStore((s) => s.config?.leveragedEtf.sectorMap ?? NO_SECTOR_MAP);
  const send = usePositionCommands();
  const source = useChartSource();
  const [sort, setSort] = useState(rememberedSort);

  const all = useMemo(() => [...positions, ...scalps], [positions, scalps]);
  const groups = useMemo(() => groupPositions(all, sort, now), [all, sort, now]);
  const total = useMemo(() => subtotalOf(all), [all]);
  // The charts keep the table's group order; they do not follow its sort (no reshuffling).
  const charted = useMemo(() => groupPositions(all, DEFAULT_SORT, now).flatMap((g) => g.positions), [all, now]);

  const onSort = (key: SortKey) => {
    const next = nextSort(sort, key);
    rememberedSort = next;
    setSort(next);
  };

  if (!hasDashboard) return <TabWaiting testId="tab-content-positions" what="Positions" />;

  const totalTone = toneOf(total.pnl);
  return (
    <div className="pos-tab" data-testid="tab-content-positions">
      <Panel
        title="Open positions"
        testId="positions-panel"
        aside={
          <span className="pos-total">
            <span className="count num" data-testid="positions-count">
              {formatCount(total.count)}
            </span>
            <span className="muted">unrealized</span>
            <span className={`num strong tone-${totalTone}`} data-testid="positions-total">
              {formatSignedMoney(total.pnl)}
            </span>
          </span>
        }
      >
        <GroupedTable groups={groups} sort={sort} onSort={onSort} now={now} send={send} connected={connected} />
      </Panel>

      <Panel title="Options Greeks exposure" testId="greeks-panel">
        <GreeksExposure greeks={greeks ?? { delta: 0, gamma: 0, theta: 0, vega: 0 }} scalps={scalps} />
      </Panel>

      <Panel
        title="Cloud mini-charts · entry marked"
        testId="mini-charts-panel"
        aside={<span className="count num">{formatCount(charted.length)}</span>}
      >
        {charted.length === 0 ? (
          <EmptyState title="No open positions">
            Each open position gets a compact EMA-cloud chart of its ticker and timeframe with the entry marked.
          </EmptyState>
        ) : (
          <div className="pos-charts">
            {charted.map((p) => (
              <PositionChart
                key={p.id}
                position={p}
                source={source}
                Chart={Chart}
                colorBlindSafe={colorBlindSafe}
                sectorMap={sectorMap}
              />
            ))}
          </div>
        )}
      </Panel>
    </div>
  );
}
