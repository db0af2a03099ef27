import type { TradeSignal } from '../../../src-shared/signals';
import { EmptyState } from '../../components/panel';
import { formatCount, formatFractionPct, formatNyMinute, formatSignedMoney, toneOf } from '../../format/format';
import type { Execution, SignalAttribution, TypeStats } from './attribution';
import { convictionTier } from './signal-filters';
import { OutcomeBadge, ResultChip } from './signal-stream';

const UNITS = { option: 'ct', stock: 'sh', leveraged_etf: 'sh' } as const;
const TRADE_TYPES = { day: 'day', swing: 'swing', options_scalp: 'option scalp', etf_scalp: 'ETF scalp' } as const;

function ExecutionLine({ e }: { e: Execution }) {
  return (
    <span className="attr-exec">
      <span className="strong">{e.ticker}</span> {formatCount(e.quantity)} {UNITS[e.instrumentType]}{' '}
      <span className="muted">
        {TRADE_TYPES[e.tradeType]} · {e.kind === 'open' ? 'open' : 'closed'}
      </span>{' '}
      <span className={`num tone-${toneOf(e.pnl)}`}>{formatSignedMoney(e.pnl)}</span>
    </span>
  );
}

interface AttributionTableProps {
  /** The executed signals of the window, newest first. */
  executed: readonly TradeSignal[];
  bySignal: ReadonlyMap<string, SignalAttribution>;
  unattributed: readonly Execution[];
}

/** Which executed signals became trades or positions, and how those ended (or stand). */
export function AttributionTable({ executed, bySignal, unattributed }: AttributionTableProps) {
  if (executed.length === 0) {
    return (
      <EmptyState title="No executed signals yet">
        Signals the bot acted on appear here with the trades they became and their P&amp;L.
      </EmptyState>
    );
  }
  const joined = executed.filter((s) => bySignal.has(s.id)).length;
  return (
    <>
      <div className="attr-summary muted" data-testid="attribution-summary">
        <span className="num">
          {formatCount(joined)} of {formatCount(executed.length)}
        </span>{' '}
        executed signals listed are matched to a trade or an open position
        {unattributed.length > 0 && (
          <>
            {' · '}
            <span className="num">{formatCount(unattributed.length)}</span> of today&apos;s trades and positions come
            from signals older than this window or manual entries
          </>
        )}
      </div>
      <div className="table-wrap attr-wrap">
        <table className="table attr-table" data-testid="attribution-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Ticker</th>
              <th>Signal</th>
              <th className="r">Conv</th>
              <th>Outcome</th>
              <th>Became</th>
              <th className="r">Result</th>
            </tr>
          </thead>
          <tbody>
            {executed.map((s) => {
              const a = bySignal.get(s.id);
              return (
                <tr key={s.id} data-testid={`attr-${s.id}`}>
                  <td className="num muted">{formatNyMinute(s.time)}</td>
                  <td className="strong">{s.ticker}</td>
                  <td className={s.direction === 'long' ? 'tone-up mono attr-type' : 'tone-down mono attr-type'}>
                    {s.type} <span className="muted">{s.timeframe}</span>
                  </td>
                  <td className="r">
                    <span className={`conv conv--${convictionTier(s.conviction)} num attr-conv`}>
                      {Math.round(s.conviction)}
                    </span>
                  </td>
                  <td>
                    <OutcomeBadge outcome={s.outcome} />
                  </td>
                  <td className="attr-became">
                    {a ? (
                      a.executions.map((e) => <ExecutionLine key={`${e.kind}:${e.id}`} e={e} />)
                    ) : (
                      <span className="muted">no trade found yet (order working, rejected or before today)</span>
                    )}
                  </td>
                  <td className="r">{a && <ResultChip attribution={a} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

const typeLabel = (type: TypeStats['type']) => type ?? 'MANUAL';

/** Today's closed trades by the signal type that opened them: trades, W/L, win rate, P&L. */
export function WinRateTable({ stats }: { stats: readonly TypeStats[] }) {
  if (stats.length === 0) {
    return (
      <EmptyState title="No closed trades today">
        Win rates per signal type appear with the first closed trade.
      </EmptyState>
    );
  }
  return (
    <table className="table winrate-table" data-testid="winrate-table">
      <thead>
        <tr>
          <th>Signal type</th>
          <th className="r">Trades</th>
          <th className="r">W / L</th>
          <th className="r">Win rate</th>
          <th className="r">P&amp;L</th>
        </tr>
      </thead>
      <tbody>
        {stats.map((s) => (
          <tr key={typeLabel(s.type)} data-testid={`winrate-${typeLabel(s.type)}`}>
            <td className="mono winrate-table__type">{typeLabel(s.type)}</td>
            <td className="r num">{formatCount(s.trades)}</td>
            <td className="r num muted">
              {formatCount(s.wins)} / {formatCount(s.losses)}
            </td>
            <td className="r">
              <span className="winrate">
                <span className="winrate__track">
                  <span className="winrate__fill" style={{ width: `${Math.round((s.winRate ?? 0) * 100)}%` }} />
                </span>
                <span className="num winrate__value">{formatFractionPct(s.winRate)}</span>
              </span>
            </td>
            <td className={`r num tone-${toneOf(s.pnl)}`}>{formatSignedMoney(s.pnl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
