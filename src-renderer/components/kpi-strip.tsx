import type { ReactNode } from 'react';
import { useAppStore } from '../store/context';
import { isUnreachable } from '../store/types';
import {
  formatCount,
  formatFractionPct,
  formatMoney,
  formatPct,
  formatSignedMoney,
  formatSignedPct,
  toneOf,
} from '../format/format';
import { pnlBar } from './pnl-bar';

function Kpi({
  label,
  children,
  testId,
  wide,
}: {
  label: string;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'kpi kpi--wide' : 'kpi'} data-testid={testId}>
      <div className="kpi__label">{label}</div>
      {children}
    </div>
  );
}

export function KpiStrip() {
  const state = useAppStore((s) => s.dashboard?.state ?? null);
  const warnPct = useAppStore((s) => s.config?.risk.dailyLossWarningPct ?? 80);
  const unreachable = useAppStore(isUnreachable);
  if (!state) {
    return (
      <section className="kpis kpis--empty" aria-label="Key figures">
        <span className="muted">
          {unreachable ? 'No figures: not connected to the bot.' : 'Waiting for the first snapshot from the bot…'}
        </span>
      </section>
    );
  }
  const tone = toneOf(state.dailyPnl);
  const bar = pnlBar(state, warnPct);
  return (
    <section className="kpis" aria-label="Key figures">
      <Kpi label="Today's P&L" testId="kpi-pnl" wide>
        <div className="kpi__row">
          <span className={`kpi__value num tone-${tone}`}>{formatSignedMoney(state.dailyPnl)}</span>
          <span className={`kpi__sub num tone-${tone}`}>{formatSignedPct(state.dailyPnlPct, 2)}</span>
        </div>
        <div
          className={`bar bar--${bar.tone}`}
          role="progressbar"
          aria-label={bar.label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(bar.width)}
        >
          <span className="bar__fill" style={{ width: `${bar.width}%` }} />
        </div>
        <div className="kpi__foot muted num">{bar.label}</div>
      </Kpi>
      <Kpi label="Win rate" testId="kpi-winrate">
        <span className="kpi__value num">{formatFractionPct(state.winRate)}</span>
        <div className="kpi__foot muted num">
          {formatCount(state.winningTrades)} of {formatCount(state.totalTradesToday)} trades
        </div>
      </Kpi>
      <Kpi label="Trades" testId="kpi-trades">
        <span className="kpi__value num">{formatCount(state.totalTradesToday)}</span>
        <div className="kpi__foot num">
          <span className="tone-up">{formatCount(state.winningTrades)}W</span>
          <span className="muted"> · </span>
          <span className="tone-down">{formatCount(state.losingTrades)}L</span>
        </div>
      </Kpi>
      <Kpi label="Open positions" testId="kpi-open">
        <span className="kpi__value num">{formatCount(state.openPositions.length + state.openScalps.length)}</span>
        <div className="kpi__foot muted num">
          {formatCount(state.openPositions.length)} positions · {formatCount(state.openScalps.length)} scalps
        </div>
      </Kpi>
      <Kpi label="Equity" testId="kpi-equity">
        <span className="kpi__value num">{formatMoney(state.accountEquity, 0)}</span>
        <div className="kpi__foot muted num">start {formatMoney(state.startingEquity, 0)}</div>
      </Kpi>
      <Kpi label="Exposure" testId="kpi-exposure">
        <span className="kpi__value num">{formatPct(state.currentExposurePct, 0)}</span>
        <div className="kpi__foot muted num">of equity</div>
      </Kpi>
    </section>
  );
}
