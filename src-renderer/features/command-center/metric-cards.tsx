import type { ReactNode } from 'react';
import type { BotState } from '../../../src-shared/bot-state';
import {
  formatCount,
  formatFractionPct,
  formatPct,
  formatSignedMoney,
  formatSignedPct,
  toneOf,
  type Tone,
} from '../../format/format';

function Card({
  label,
  value,
  tone = 'flat',
  sub,
  testId,
}: {
  label: string;
  value: string;
  tone?: Tone;
  sub?: ReactNode;
  testId: string;
}) {
  return (
    <div className="card" data-testid={testId}>
      <div className="card__label">{label}</div>
      <div className={`card__value num tone-${tone}`}>{value}</div>
      <div className="card__sub num">{sub}</div>
    </div>
  );
}

export function MetricCards({ state }: { state: BotState }) {
  const pnlTone = toneOf(state.dailyPnl);
  return (
    <div className="cards">
      <Card
        label="Day P&L"
        testId="card-pnl"
        value={formatSignedMoney(state.dailyPnl)}
        tone={pnlTone}
        sub={<span className={`tone-${pnlTone}`}>{formatSignedPct(state.dailyPnlPct, 2)}</span>}
      />
      <Card
        label="Win rate"
        testId="card-winrate"
        value={formatFractionPct(state.winRate)}
        sub={<span className="muted">of closed trades today</span>}
      />
      <Card
        label="Trades"
        testId="card-trades"
        value={`${formatCount(state.totalTradesToday)} / ${formatCount(state.winningTrades)}W / ${formatCount(state.losingTrades)}L`}
        sub={
          // Two lines: side by side they did not fit a card at 1280 px and the open P&L was cut.
          <>
            <span className="muted card__line">realized {formatSignedMoney(state.realizedPnl)}</span>
            <span className="muted card__line">open {formatSignedMoney(state.unrealizedPnl)}</span>
          </>
        }
      />
      <Card
        label="Exposure"
        testId="card-exposure"
        value={formatPct(state.currentExposurePct, 1)}
        sub={<span className="muted">of account equity</span>}
      />
      <Card
        label="Max drawdown"
        testId="card-drawdown"
        value={formatFractionPct(state.maxDrawdownToday, 1)}
        tone={state.maxDrawdownToday < 0 ? 'down' : 'flat'}
        sub={<span className="muted">intraday, from the equity peak</span>}
      />
    </div>
  );
}
