import { useMemo, type ComponentType } from 'react';
import type { ChartMarker, PriceLine } from '../../../src-shared/chart-data';
import type { Direction, Position } from '../../../src-shared/positions';
import type { CloudChartProps } from '../../charts/cloud-chart';
import { formatPrice, formatSignedMoney, toneOf } from '../../format/format';
import type { ChartSource } from '../cloud-charts/chart-source';
import { useChartData } from '../cloud-charts/use-chart-data';
import { isBullish, sideOf } from './position-model';

/** Bars per mini-chart. */
export const MINI_LIMIT = 120;

/** The ticker whose clouds drive the position: the underlying of ETF scalps and options. */
export const chartTickerOf = (p: Pick<Position, 'ticker' | 'underlying'>): string => p.underlying ?? p.ticker;

/**
 * Entry, stop and target lines, only where the chart is priced like the position: a stock on
 * its own chart. Options are premiums and ETF scalps trade another ticker than the one drawn.
 */
type LineSource = Pick<
  Position,
  'id' | 'instrumentType' | 'ticker' | 'underlying' | 'entryPrice' | 'stopPrice' | 'targetPrice'
>;
function linesOf(p: LineSource): PriceLine[] {
  if (p.instrumentType === 'option' || chartTickerOf(p) !== p.ticker) return [];
  const lines: PriceLine[] = [{ positionId: p.id, kind: 'entry', price: p.entryPrice }];
  if (p.stopPrice !== null) lines.push({ positionId: p.id, kind: 'stop', price: p.stopPrice });
  if (p.targetPrice !== null) lines.push({ positionId: p.id, kind: 'target', price: p.targetPrice });
  return lines.filter((l) => Number.isFinite(l.price));
}

type SectorMap = Record<string, { bull: string; bear: string }>;

/**
 * Which way the position bets on the chart's ticker: a put, or an inverse ETF bought on its
 * underlying's bearish signal, points down although it was bought.
 */
export function chartDirection(p: Position, sectorMap: SectorMap): Direction {
  if (p.instrumentType === 'leveraged_etf' && p.underlying && sectorMap[p.underlying]?.bear === p.ticker) {
    return p.direction === 'long' ? 'short' : 'long';
  }
  return isBullish(p) ? 'long' : 'short';
}

interface PositionChartProps {
  position: Position;
  source: ChartSource;
  Chart: ComponentType<CloudChartProps>;
  colorBlindSafe: boolean;
  /** The configured underlying → bull/bear ETF pairs. */
  sectorMap: SectorMap;
}

/** A compact cloud chart of the position's ticker and timeframe, its entry marked with an arrow (and a line). */
export function PositionChart({ position: p, source, Chart, colorBlindSafe, sectorMap }: PositionChartProps) {
  const ticker = chartTickerOf(p);
  const { load, reload } = useChartData(source, ticker, p.timeframe, MINI_LIMIT);

  // Markers and lines are rebuilt when a level moves, not on every price tick.
  const { id, instrumentType, underlying, entryTime, entryPrice, stopPrice, targetPrice } = p;
  const direction = chartDirection(p, sectorMap);
  const markers = useMemo<ChartMarker[]>(
    () => [{ time: entryTime, kind: 'entry', direction, label: 'ENTRY' }],
    [entryTime, direction],
  );
  const own = p.ticker;
  const priceLines = useMemo(
    () => linesOf({ id, instrumentType, ticker: own, underlying, entryPrice, stopPrice, targetPrice }),
    [id, instrumentType, own, underlying, entryPrice, stopPrice, targetPrice],
  );

  const tone = toneOf(p.unrealizedPnl);
  let body;
  if (load.status === 'ready' && (load.data.bars.length > 0 || load.data.forming)) {
    body = (
      <Chart
        data={load.data}
        updates={source.bars}
        markers={markers}
        priceLines={priceLines}
        colorBlindSafe={colorBlindSafe}
        compact
        testId={`mini-chart-${p.id}`}
      />
    );
  } else if (load.status === 'error') {
    body = (
      <div className="pos-chart__state pos-chart__state--error" role="alert">
        <span>{load.message}</span>
        <button type="button" className="btn btn--sm btn--ghost" onClick={reload}>
          Retry
        </button>
      </div>
    );
  } else if (load.status === 'ready') {
    body = (
      <div className="pos-chart__state muted">
        No {p.timeframe} bars yet for {ticker}.
      </div>
    );
  } else {
    body = (
      <div className="pos-chart__state muted" role="status">
        <span className="spinner" /> Loading {ticker} {p.timeframe}…
      </div>
    );
  }

  return (
    <figure className="pos-chart" data-testid={`pos-chart-${p.id}`}>
      <figcaption className="pos-chart__head">
        <span className="strong">{p.ticker}</span>
        <span className={direction === 'long' ? 'tone-up' : 'tone-down'}>{sideOf(p)}</span>
        <span className="muted">
          {ticker !== p.ticker ? `${ticker} · ` : ''}
          {p.timeframe}
        </span>
        <span className="muted num">entry {formatPrice(p.entryPrice)}</span>
        <span className={`pos-chart__pnl num tone-${tone}`}>{formatSignedMoney(p.unrealizedPnl)}</span>
      </figcaption>
      <div className="pos-chart__box">{body}</div>
    </figure>
  );
}
