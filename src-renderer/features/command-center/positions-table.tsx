import type { Position, ScalpPosition, TradeType } from '../../../src-shared/positions';
import { EmptyState } from '../../components/panel';
import {
  formatCount,
  formatPrice,
  formatSignedMoney,
  formatSignedPct,
  formatUptime,
  toneOf,
} from '../../format/format';

const KIND: Record<TradeType, string> = { day: 'DAY', swing: 'SWING', options_scalp: 'OPT', etf_scalp: 'ETF' };

const isScalp = (p: Position): p is ScalpPosition => p.instrumentType === 'option' && 'contractSymbol' in p;

function side(p: Position): string {
  if (isScalp(p)) return p.right.toUpperCase();
  return p.direction.toUpperCase();
}

function size(p: Position): string {
  const unit = p.instrumentType === 'option' ? 'ct' : 'sh';
  return `${formatCount(p.quantity)} ${unit}`;
}

function exitLevel(p: Position): string {
  // Stop first, as the column header says (Stop / Target): on premium for a scalp.
  if (isScalp(p)) return `−${p.stopPct}% / +${p.targetPct}%`;
  const stop = p.stopPrice === null ? '—' : formatPrice(p.stopPrice);
  const target = p.targetPrice === null ? '—' : formatPrice(p.targetPrice);
  return `${stop} / ${target}`;
}

function detail(p: Position): string {
  if (isScalp(p)) return `${p.dte}DTE ${formatPrice(p.strike)}`;
  if (p.leverage > 1) return `${p.leverage}x${p.underlying ? ` ${p.underlying}` : ''}`;
  return p.timeframe;
}

/** `now` is the engine's clock (market time), the clock entry times are stamped with. */
export function PositionsTable({ positions, now }: { positions: readonly Position[]; now: number }) {
  if (positions.length === 0) {
    return (
      <EmptyState title="No open positions">
        Positions opened by the bot appear here with live P&L, stops and cloud alignment.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="positions-table">
        <thead>
          <tr>
            <th>Ticker</th>
            <th>Kind</th>
            <th>Side</th>
            <th className="r">Size</th>
            <th className="r">Entry</th>
            <th className="r">Last</th>
            <th className="r">P&L</th>
            <th className="r">P&L %</th>
            <th className="r">Stop / Target</th>
            <th>Cloud</th>
            <th>Detail</th>
            <th className="r">Held</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => {
            const tone = toneOf(p.unrealizedPnl);
            return (
              <tr key={p.id}>
                <td className="strong">{p.ticker}</td>
                <td>
                  <span className={`tag tag--${p.tradeType}`}>{KIND[p.tradeType]}</span>
                </td>
                <td>{side(p)}</td>
                <td className="r num">{size(p)}</td>
                <td className="r num">{formatPrice(p.entryPrice)}</td>
                <td className="r num">{formatPrice(p.currentPrice)}</td>
                <td className={`r num tone-${tone}`}>{formatSignedMoney(p.unrealizedPnl)}</td>
                <td className={`r num tone-${tone}`}>{formatSignedPct(p.unrealizedPnlPct)}</td>
                <td className="r num">{exitLevel(p)}</td>
                <td
                  className={p.cloudAligned ? 'tone-up' : 'tone-down'}
                  title={p.cloudAligned ? 'cloud agrees' : 'cloud against'}
                >
                  {p.cloudAligned ? '✓' : '✗'}
                </td>
                <td className="muted">{detail(p)}</td>
                <td className="r num muted">{formatUptime((now - p.entryTime) / 1000)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
