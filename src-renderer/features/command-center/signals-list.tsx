import type { SignalOutcome, TradeSignal } from '../../../src-shared/signals';
import { EmptyState } from '../../components/panel';
import { formatNyMinute } from '../../format/format';

const OUTCOME_LABELS: Record<SignalOutcome, string> = {
  PENDING: 'PENDING',
  EXECUTED: 'EXECUTED',
  EXECUTED_HALF: 'EXECUTED (half)',
  LOGGED_ONLY: 'LOGGED ONLY',
  SKIPPED: 'SKIPPED',
};

/** Conviction colour band, per DESIGN §2: ≥ 75 full size, 50–74 half size, below 50 log only. */
export const convictionBand = (conviction: number): 'high' | 'mid' | 'low' =>
  conviction >= 75 ? 'high' : conviction >= 50 ? 'mid' : 'low';

export function SignalsList({ signals }: { signals: readonly TradeSignal[] }) {
  if (signals.length === 0) {
    return (
      <EmptyState title="No signals yet">
        EMA-cloud signals appear here with their conviction and what the bot did with them.
      </EmptyState>
    );
  }
  return (
    <ul className="list" data-testid="signals-list">
      {signals.map((s) => (
        <li key={s.id} className="list__row signal">
          <span className="num muted">{formatNyMinute(s.time)}</span>
          <span className="strong">{s.ticker}</span>
          <span className="muted">{s.timeframe}</span>
          <span className={s.direction === 'long' ? 'tone-up signal__type' : 'tone-down signal__type'}>{s.type}</span>
          <span className={`conv conv--${convictionBand(s.conviction)} num`}>{Math.round(s.conviction)}</span>
          <span className={`outcome outcome--${s.outcome.toLowerCase()}`}>→ {OUTCOME_LABELS[s.outcome]}</span>
          {s.skipReason && <span className="signal__why muted">{s.skipReason}</span>}
        </li>
      ))}
    </ul>
  );
}
