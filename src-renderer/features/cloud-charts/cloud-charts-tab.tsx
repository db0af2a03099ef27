import { useMemo, useState, type ComponentType } from 'react';
import type { TickerSummary } from '../../../src-shared/chart-data';
import { TIMEFRAMES, type Timeframe } from '../../../src-shared/market';
import type { CloudName } from '../../../src-shared/signals';
import { CloudChart, type CloudChartProps } from '../../charts/cloud-chart';
import { cloudChartPalette } from '../../charts/theme';
import { EmptyState, Panel } from '../../components/panel';
import { formatCount, formatPrice, formatSignedPct, toneOf } from '../../format/format';
import { useAppStore } from '../../store/context';
import { isUnreachable } from '../../store/types';
import { ChartPanel } from './chart-panel';
import { useChartSource } from './chart-source';
import { sortUniverse, StrengthTable, TIMEFRAME_LABELS } from './strength-table';
import './cloud-charts.css';

const NO_TICKERS: readonly TickerSummary[] = [];
/** Bars requested for the full chart and for each chart of the 2×2 grid. */
export const FULL_LIMIT = 3000;
export const GRID_LIMIT = 800;

const CLOUD_KEY = [
  { name: 'fast', label: 'Fast 5/12' },
  { name: 'pullback', label: 'Pullback 8/9' },
  { name: 'trend', label: 'Trend 34/50' },
  { name: 'macro', label: 'Macro 72/89' },
] as const satisfies readonly { name: CloudName; label: string }[];

interface Remembered {
  ticker: string | null;
  timeframe: Timeframe;
  grid: boolean;
  gridTickers: (string | null)[];
}
const DEFAULT_VIEW: Remembered = { ticker: null, timeframe: '5m', grid: false, gridTickers: [] };

/** What the tab remembers while it is not shown (switching tabs unmounts it). */
const remembered: Remembered = { ...DEFAULT_VIEW };
const remember = (patch: Partial<Remembered>) => Object.assign(remembered, patch);

/** Forgets the remembered choices (a fresh start, for tests). */
export function resetCloudChartsView(): void {
  remember(DEFAULT_VIEW);
}

/** The four tickers of the grid: the ones chosen, else the selected ticker and the strongest others. */
export function gridTickersFor(
  chosen: readonly (string | null)[],
  selected: string | null,
  universe: readonly TickerSummary[],
): (string | null)[] {
  const ranked = sortUniverse(universe, 'strength').map((r) => r.ticker);
  const defaults = [...new Set([...(selected ? [selected] : []), ...ranked])];
  const out: (string | null)[] = [];
  for (let i = 0; i < 4; i++) {
    const pick = chosen[i] ?? defaults.find((t) => !out.includes(t) && !chosen.includes(t)) ?? null;
    out.push(pick);
  }
  return out;
}

function TickerSelect({
  value,
  universe,
  onChange,
  label,
  testId,
}: {
  value: string | null;
  universe: readonly TickerSummary[];
  onChange(ticker: string): void;
  label: string;
  testId: string;
}) {
  const tickers = universe.map((u) => u.ticker);
  if (value && !tickers.includes(value)) tickers.unshift(value);
  return (
    <select
      className="input cloud-select"
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
      disabled={tickers.length === 0}
    >
      {tickers.length === 0 && <option value="">No tickers</option>}
      {tickers.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}

function Quote({ row }: { row: TickerSummary | undefined }) {
  if (!row) return null;
  return (
    <span className="cloud-quote">
      <span className="num strong">{formatPrice(row.price)}</span>
      <span className={`num tone-${toneOf(row.changePct)}`}>{formatSignedPct(row.changePct, 2)}</span>
    </span>
  );
}

function CloudKey({ colorBlindSafe }: { colorBlindSafe: boolean }) {
  const palette = cloudChartPalette(colorBlindSafe);
  return (
    <ul className="cloud-key" aria-label="Cloud colours">
      {CLOUD_KEY.map(({ name, label }) => (
        <li key={name} className="cloud-key__item">
          <span className="cloud-key__swatch" style={{ background: palette.clouds[name].bull }} title="bullish" />
          <span className="cloud-key__swatch" style={{ background: palette.clouds[name].bear }} title="bearish" />
          {label}
        </li>
      ))}
    </ul>
  );
}

interface CloudChartsTabProps {
  /** The chart component; tests pass a stand-in (lightweight-charts cannot draw in jsdom). */
  Chart?: ComponentType<CloudChartProps>;
}

/** Tab 4: one ticker's cloud chart (or four side by side), timeframe tabs and the scan universe by signal strength. */
export function CloudChartsTab({ Chart = CloudChart }: CloudChartsTabProps) {
  const source = useChartSource();
  const hasDashboard = useAppStore((s) => s.dashboard !== null);
  const universe = useAppStore((s) => s.dashboard?.universe ?? NO_TICKERS);
  const colorBlindSafe = useAppStore((s) => s.config?.dashboard.colorBlindSafe ?? false);
  const unreachable = useAppStore(isUnreachable);
  const [chosen, setChosen] = useState(remembered.ticker);
  const [timeframe, setTimeframe] = useState(remembered.timeframe);
  const [grid, setGrid] = useState(remembered.grid);
  const [gridChosen, setGridChosen] = useState(remembered.gridTickers);

  const ticker = chosen ?? universe[0]?.ticker ?? null;
  const gridTickers = useMemo(() => gridTickersFor(gridChosen, ticker, universe), [gridChosen, ticker, universe]);
  const rowOf = (t: string | null) => universe.find((u) => u.ticker === t);

  const select = (t: string) => {
    remember({ ticker: t });
    setChosen(t);
  };
  const chooseTimeframe = (tf: Timeframe) => {
    remember({ timeframe: tf });
    setTimeframe(tf);
  };
  const chooseGrid = (on: boolean) => {
    remember({ grid: on });
    setGrid(on);
  };
  /** A row of the table opens that ticker in the full chart. */
  const showTicker = (t: string) => {
    chooseGrid(false);
    select(t);
  };
  const chooseGridTicker = (index: number, t: string) => {
    const next = [...gridTickers];
    next[index] = t;
    remember({ gridTickers: next });
    setGridChosen(next);
  };

  if (!hasDashboard) {
    return unreachable ? (
      <EmptyState title="Not connected to the bot">The message above says why and how to reconnect.</EmptyState>
    ) : (
      <EmptyState title="Waiting for the bot">
        The cloud charts fill in as soon as the first snapshot arrives.
      </EmptyState>
    );
  }
  const panel = (t: string | null, index: number | null) => (
    <ChartPanel
      key={index ?? 'full'}
      source={source}
      ticker={t}
      timeframe={timeframe}
      limit={index === null ? FULL_LIMIT : GRID_LIMIT}
      compact={index !== null}
      colorBlindSafe={colorBlindSafe}
      Chart={Chart}
      testId={index === null ? 'cloud-chart' : `cloud-chart-${index}`}
    />
  );

  return (
    <div className="cloud-tab" data-testid="cloud-charts">
      <div className="cloud-toolbar">
        {!grid && (
          <TickerSelect value={ticker} universe={universe} onChange={select} label="Ticker" testId="cloud-ticker" />
        )}
        <div className="segmented" role="tablist" aria-label="Timeframe">
          {TIMEFRAMES.map((tf) => (
            <button
              key={tf}
              type="button"
              role="tab"
              aria-selected={tf === timeframe}
              className={tf === timeframe ? 'segmented__btn segmented__btn--on' : 'segmented__btn'}
              onClick={() => chooseTimeframe(tf)}
              data-testid={`cloud-tf-${tf}`}
            >
              {TIMEFRAME_LABELS[tf]}
            </button>
          ))}
        </div>
        <div className="segmented" aria-label="Layout">
          <button
            type="button"
            aria-pressed={!grid}
            className={grid ? 'segmented__btn' : 'segmented__btn segmented__btn--on'}
            onClick={() => chooseGrid(false)}
            data-testid="cloud-view-single"
          >
            Single
          </button>
          <button
            type="button"
            aria-pressed={grid}
            className={grid ? 'segmented__btn segmented__btn--on' : 'segmented__btn'}
            onClick={() => chooseGrid(true)}
            data-testid="cloud-view-grid"
          >
            2×2
          </button>
        </div>
        <CloudKey colorBlindSafe={colorBlindSafe} />
      </div>

      {grid ? (
        <div className="cloud-grid" data-testid="cloud-grid">
          {gridTickers.map((t, i) => (
            <Panel
              key={i}
              title={t ? `${t} · ${TIMEFRAME_LABELS[timeframe]}` : `Chart ${i + 1}`}
              className="panel--cloud"
              aside={
                <span className="cloud-cell-aside">
                  <Quote row={rowOf(t)} />
                  <TickerSelect
                    value={t}
                    universe={universe}
                    onChange={(next) => chooseGridTicker(i, next)}
                    label={`Ticker of chart ${i + 1}`}
                    testId={`cloud-grid-ticker-${i}`}
                  />
                </span>
              }
            >
              {panel(t, i)}
            </Panel>
          ))}
        </div>
      ) : (
        <Panel
          title={ticker ? `${ticker} · ${TIMEFRAME_LABELS[timeframe]}` : 'Cloud chart'}
          className="panel--cloud"
          aside={<Quote row={rowOf(ticker)} />}
        >
          {panel(ticker, null)}
        </Panel>
      )}

      <Panel
        title="Scan universe · signal strength"
        aside={<span className="count num">{formatCount(universe.length)}</span>}
        testId="strength-panel"
      >
        <StrengthTable universe={universe} selected={grid ? null : ticker} onSelect={showTicker} />
      </Panel>
    </div>
  );
}
