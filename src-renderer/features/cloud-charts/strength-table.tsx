import { useMemo, useState } from 'react';
import type { CloudTrend, TickerSummary } from '../../../src-shared/chart-data';
import { TIMEFRAMES, type Timeframe } from '../../../src-shared/market';
import { signalShortName } from '../../charts/cloud-data';
import { EmptyState } from '../../components/panel';
import { formatNyMinute, formatPrice, formatSignedPct, toneOf } from '../../format/format';

export const TIMEFRAME_LABELS: Record<Timeframe, string> = {
  '1m': '1m',
  '5m': '5m',
  '10m': '10m',
  '1h': '1h',
  '1d': 'Daily',
};

export type StrengthSort = 'strength' | 'ticker' | 'change';

/** Strongest first (either direction), then by ticker; or by ticker; or by change, biggest gain first. */
export function sortUniverse(rows: readonly TickerSummary[], by: StrengthSort): TickerSummary[] {
  const byTicker = (a: TickerSummary, b: TickerSummary) => a.ticker.localeCompare(b.ticker);
  const sorted = [...rows];
  if (by === 'ticker') return sorted.sort(byTicker);
  if (by === 'change')
    return sorted.sort((a, b) => (b.changePct ?? -Infinity) - (a.changePct ?? -Infinity) || byTicker(a, b));
  return sorted.sort(
    (a, b) => Math.abs(b.strength) - Math.abs(a.strength) || b.strength - a.strength || byTicker(a, b),
  );
}

const TREND_TEXT: Record<'bullish' | 'bearish' | 'none', { glyph: string; word: string }> = {
  bullish: { glyph: '▲', word: 'bullish' },
  bearish: { glyph: '▼', word: 'bearish' },
  none: { glyph: '·', word: 'not seeded' },
};

function TrendCell({ trend, fast, timeframe }: { trend: CloudTrend; fast: CloudTrend; timeframe: Timeframe }) {
  const t = TREND_TEXT[trend ?? 'none'];
  const f = TREND_TEXT[fast ?? 'none'];
  return (
    <td
      className={`cloud-trend cloud-trend--${trend ?? 'none'}`}
      title={`${TIMEFRAME_LABELS[timeframe]}: trend cloud ${t.word}, fast cloud ${f.word}`}
    >
      <span className="cloud-trend__glyph">{t.glyph}</span>
      <span className={`cloud-trend__fast cloud-trend__fast--${fast ?? 'none'}`} aria-hidden="true" />
    </td>
  );
}

/** −100…100 as a bar from the middle: right for bullish, left for bearish. */
function StrengthBar({ value }: { value: number }) {
  const clamped = Math.max(-100, Math.min(100, Number.isFinite(value) ? value : 0));
  const side = clamped >= 0 ? 'bull' : 'bear';
  return (
    <div className="strength" title={`signal strength ${Math.round(clamped)}`}>
      <div className="strength__track">
        <span className={`strength__fill strength__fill--${side}`} style={{ width: `${Math.abs(clamped) / 2}%` }} />
      </div>
      <span className={`strength__value num strength__value--${clamped === 0 ? 'flat' : side}`}>
        {clamped > 0 ? '+' : clamped < 0 ? '\u2212' : ''}
        {Math.abs(Math.round(clamped))}
      </span>
    </div>
  );
}

function LastSignal({ row }: { row: TickerSummary }) {
  const s = row.lastSignal;
  if (!s) return <span className="muted">—</span>;
  const side = row.strength < 0 ? 'bear' : 'bull';
  return (
    <span className="last-signal" title={s.type}>
      <span className={`last-signal__type last-signal__type--${side}`}>{signalShortName(s.type)}</span>
      <span className="muted">{TIMEFRAME_LABELS[s.timeframe]}</span>
      <span className="num">{Math.round(s.conviction)}</span>
      <span className="muted num">{formatNyMinute(s.time)}</span>
    </span>
  );
}

interface StrengthTableProps {
  universe: readonly TickerSummary[];
  selected: string | null;
  onSelect(ticker: string): void;
}

/** The scan universe: price, change, trend cloud per timeframe, signed signal strength, last signal. */
export function StrengthTable({ universe, selected, onSelect }: StrengthTableProps) {
  const [sort, setSort] = useState<StrengthSort>('strength');
  const rows = useMemo(() => sortUniverse(universe, sort), [universe, sort]);
  if (universe.length === 0) {
    return (
      <EmptyState title="No scan universe yet">Tickers appear here once the bot has scanned its universe.</EmptyState>
    );
  }
  const header = (key: StrengthSort, label: string, className?: string) => (
    <th className={className} aria-sort={sort === key ? 'descending' : 'none'}>
      <button type="button" className={sort === key ? 'th-sort th-sort--on' : 'th-sort'} onClick={() => setSort(key)}>
        {label}
      </button>
    </th>
  );
  return (
    <div className="table-wrap">
      <table className="table strength-table" data-testid="strength-table">
        <thead>
          <tr>
            {header('ticker', 'Ticker')}
            <th className="r">Price</th>
            {header('change', 'Chg %', 'r')}
            {TIMEFRAMES.map((tf) => (
              <th key={tf} className="c">
                {TIMEFRAME_LABELS[tf]}
              </th>
            ))}
            {header('strength', 'Strength')}
            <th>Last signal</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.ticker}
              className={[
                'strength-row',
                row.ticker === selected ? 'strength-row--selected' : '',
                row.scanned ? '' : 'strength-row--filtered',
              ].join(' ')}
              aria-selected={row.ticker === selected}
              onClick={() => onSelect(row.ticker)}
              data-testid={`strength-row-${row.ticker}`}
            >
              <td className="strong">
                {/* The click bubbles to the row; the button makes the row reachable by keyboard. */}
                <button type="button" className="link-button">
                  {row.ticker}
                </button>
                {!row.scanned && (
                  <span className="tag strength-row__note" title={row.scanNote ?? 'filtered out by the scan'}>
                    FILTERED
                  </span>
                )}
              </td>
              <td className="r num">{formatPrice(row.price)}</td>
              <td className={`r num tone-${toneOf(row.changePct)}`}>{formatSignedPct(row.changePct, 2)}</td>
              {TIMEFRAMES.map((tf) => (
                <TrendCell key={tf} trend={row.trend[tf]} fast={row.fast[tf]} timeframe={tf} />
              ))}
              <td>
                <StrengthBar value={row.strength} />
              </td>
              <td>
                <LastSignal row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
