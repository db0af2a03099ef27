import type { SignalOutcome, TradeSignal } from '../../../src-shared/signals';
import { formatNyTime, formatSignedMoney, toneOf } from '../../format/format';
import type { AttributionResult, SignalAttribution } from './attribution';
import { convictionTier } from './signal-filters';

export const OUTCOME_BADGES: Record<SignalOutcome, string> = {
  PENDING: 'PENDING',
  EXECUTED: 'EXECUTED',
  EXECUTED_HALF: 'EXECUTED ½',
  LOGGED_ONLY: 'LOGGED ONLY',
  SKIPPED: 'SKIPPED',
};

export const RESULT_LABELS: Record<AttributionResult, string> = {
  open: 'OPEN',
  won: 'WON',
  lost: 'LOST',
  flat: 'FLAT',
  mixed: 'PART OPEN',
};

export function OutcomeBadge({ outcome }: { outcome: SignalOutcome }) {
  return <span className={`sig-outcome sig-outcome--${outcome.toLowerCase()}`}>{OUTCOME_BADGES[outcome]}</span>;
}

/** What an executed signal became: WON +$84.20, OPEN −$12.00. */
export function ResultChip({ attribution }: { attribution: SignalAttribution }) {
  return (
    <span className={`sig-result sig-result--${attribution.result}`}>
      {RESULT_LABELS[attribution.result]}{' '}
      <span className={`num tone-${toneOf(attribution.pnl)}`}>{formatSignedMoney(attribution.pnl)}</span>
    </span>
  );
}

interface SignalStreamProps {
  signals: readonly TradeSignal[];
  attribution: ReadonlyMap<string, SignalAttribution>;
}

/** Signals newest first, each row coloured by its conviction band, with outcome and, once traded, the result. */
export function SignalStream({ signals, attribution }: SignalStreamProps) {
  return (
    <ol className="sig-stream" data-testid="signal-stream">
      {signals.map((s) => {
        const tier = convictionTier(s.conviction);
        const joined = attribution.get(s.id);
        const long = s.direction === 'long';
        return (
          <li key={s.id} className={`sig-row sig-row--${tier}`} data-testid="signal-row" data-signal-id={s.id}>
            <span className="num muted">{formatNyTime(s.time)}</span>
            <span className="strong">{s.ticker}</span>
            <span className="muted sig-row__tf">{s.timeframe}</span>
            <span className={long ? 'tone-up sig-row__dir' : 'tone-down sig-row__dir'} title={s.direction}>
              {long ? '▲' : '▼'}
            </span>
            <span className="sig-row__type">{s.type}</span>
            <span className={`conv conv--${tier} num`} title={`conviction ${s.conviction}`}>
              {Math.round(s.conviction)}
            </span>
            <OutcomeBadge outcome={s.outcome} />
            <span className="sig-row__result">{joined && <ResultChip attribution={joined} />}</span>
            {s.skipReason && <span className="sig-row__why muted">{s.skipReason}</span>}
          </li>
        );
      })}
    </ol>
  );
}
